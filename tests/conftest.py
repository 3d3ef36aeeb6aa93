"""Shared fixtures: one real strict build of the whole site per test run (shared by the workers),
and one strict build of a shallow project copy holding every test module's registered change
(``SHARED``)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import browser_page, chromium, site_url  # noqa: F401  (fixtures for browser tests)
from filelock import FileLock
from project_copy import (
    SHARED,
    ChangedCopy,
    StepRun,
    build_copy,
    copy_project,
    replay_publishing,
    with_shallow_history,
)
from site_model import BuiltSite

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Debian's Chromium through Playwright")


# Session fixtures that build a project copy, and the test files that read it: with
# ``--dist loadfile`` (``make test``) those files run on one worker, so that the copy is built
# once per run, not once per worker (``pytest_xdist_make_scheduler``).
SHARED_BUILDS = {
    "published": ("tests/site/test_offline.py", "tests/site/test_publish_workflow.py"),
    "changed_copy": ("tests/site/test_bad_input.py", "tests/site/test_freshness.py",
                     "tests/site/test_handwritten_hant.py", "tests/site/test_link_marks.py",
                     "tests/site/test_topic_index.py"),
}
GROUP_OF_FILE = {path: fixture for fixture, paths in SHARED_BUILDS.items() for path in paths}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every file that reads a copy of ``SHARED_BUILDS`` is listed with it; the tests run in the
    order their groups are handed out: those groups first, then the other site tests, then the
    unit tests, so that the longest start first and the shortest fill the end of the run."""
    files = {item: item.path.relative_to(ROOT).as_posix() for item in items}
    unlisted = sorted({f"{files[item]} uses {name}" for item in items for name in SHARED_BUILDS
                       if name in getattr(item, "fixturenames", ()) and files[item] not in SHARED_BUILDS[name]})
    if unlisted:
        raise pytest.UsageError(f"list these test files in tests/conftest.py SHARED_BUILDS: {'; '.join(unlisted)}")

    def start(item: pytest.Item) -> tuple[int, int]:
        group = GROUP_OF_FILE.get(files[item])
        if group is not None:
            return 0, list(SHARED_BUILDS).index(group)
        return (2 if files[item].startswith("tests/unit/") else 1), 0

    items.sort(key=start)  # stable: each file's tests stay together and in their order


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist, which `-p no:xdist` leaves out
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """``--dist loadfile``, with the files of one copy of ``SHARED_BUILDS`` as one unit of work,
    handed out in the order of the collected tests (``pytest_collection_modifyitems``)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SharedBuildScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return GROUP_OF_FILE.get(path, path)

    config.option.loadscopereorder = False  # the collection order above, not the number of tests
    return SharedBuildScheduling(config, log)


@dataclass(frozen=True)
class BuildResult:
    """The built site plus what MkDocs printed while building it."""

    site: BuiltSite
    log: str
    returncode: int


@pytest.fixture(scope="session")
def build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """Run ``mkdocs build --strict`` once per test run, exactly as a contributor or CI would. The
    workers of ``make test`` share it: the first that needs the site builds it into the run's
    temporary folder, which all workers share, while the others wait on a lock and then read it."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if hasattr(request.config, "workerinput") else base  # pytest-xdist: popen-gwN/..
    site_dir, outcome = shared / "real-site", shared / "real-site.json"
    with FileLock(shared / "real-site-outcome.lock"):  # not real-site.lock: the build takes that one
        if not outcome.is_file():
            proc = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                env={**_clean_env(), "NO_MKDOCS_2_WARNING": "1"},
            )
            outcome.write_text(json.dumps({"log": proc.stdout + proc.stderr, "returncode": proc.returncode}),
                               encoding="utf-8")
    built = json.loads(outcome.read_text(encoding="utf-8"))
    return BuildResult(BuiltSite(site_dir, site_base_path()), built["log"], built["returncode"])


def site_base_path() -> str:
    """The path part of ``site_url``: where the site root is served (e.g. ``/llm-kb/``)."""
    from urllib.parse import urlsplit

    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    return urlsplit(config.get("site_url") or "/").path or "/"


@pytest.fixture(scope="session")
def site(build: BuildResult) -> BuiltSite:
    """The built site; fails every dependent test when the build itself failed."""
    if build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{build.log[-4000:]}")
    return build.site


def _clean_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}


@pytest.fixture(scope="session")
def changed_copy(tmp_path_factory: pytest.TempPathFactory) -> ChangedCopy:
    """One copy of the project with every change registered in ``project_copy.SHARED`` and the
    history of a ``--depth 1`` clone (what a shallow checkout builds: tests/site/test_freshness.py),
    built once with ``mkdocs build --strict``; fails every dependent test when that build fails."""
    project = with_shallow_history(copy_project(tmp_path_factory.mktemp("changed") / "project"))
    made = SHARED.apply(project)
    proc = build_copy(project)
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        pytest.fail(f"the strict build of the changed copy ({', '.join(made)}) failed:\n{log[-4000:]}")
    return ChangedCopy(project, made, log, proc.returncode)


@dataclass(frozen=True)
class Published:
    """A project copy after the publishing workflow's steps: the offline edition in ``dist/``,
    the site in ``site/``."""

    project: Path
    steps: list[StepRun]

    @property
    def site(self) -> Path:
        return self.project / "site"

    @property
    def dist(self) -> Path:
        return self.project / "dist"

    def step(self, starts_with: str) -> StepRun:
        return next(step for step in self.steps if step.name.startswith(starts_with))


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """The publishing workflow's steps replayed once on a copy (tests/site/test_publish_workflow.py);
    its ``make offline`` is the session's one build of the offline edition (tests/site/test_offline.py)."""
    project = copy_project(tmp_path_factory.mktemp("publish") / "project")
    return Published(project, replay_publishing(project))
