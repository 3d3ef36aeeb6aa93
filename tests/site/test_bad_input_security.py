"""What a contributor writes never runs, leaks or corrupts the output: one project copy holds
every bad input below at once (they do not disturb each other), in a git history of its own.

The copy is checked with ``python -m hooks.check``, built once with ``mkdocs build --strict`` as
the offline edition (the build still writes the site before it fails; ``OFFLINE=true``, as
``make offline`` builds it) and packed as its ZIP, and served with ``mkdocs serve`` in both
scripts (a plain build of the online site). Each case is refused with ``file:line: reason — fix``
by the check and the strict build, nothing ends in a traceback, and the written output of both
builds is inert: no secret, no contributed script or page, valid feeds, sane dates, in Chromium
too.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from browser_support import new_context, serve_site
from conftest import _clean_env, site_base_path
from project_copy import copy_project
from test_preview import SERVING_LINE, Server

TOKEN = "ghp_contributedSecretToken0123456789"
FINDING_RE = re.compile(r"^(?:WARNING\s+-\s+)?(?P<path>[^\s:]+):(?P<line>\d+): (?P<reason>.+?) — (?P<fix>.+)$", re.M)
ABOUT = "docs/about/index.md"
SECTION = "docs/training/peft.md"
LISTED_PAGE = "docs/training/distributed.md"  # Nanotron: a newest entry of the feeds
SPOOFED = ("\n## 安全测试\n\n"
           "- [\u200b\u200c\u200d](https://zero-width.example.org/a)\n"
           "- [测评\u202egnp.exe\u202c](https://rlo.example.org/a)\n"
           "- [控制\x07字符](https://control.example.org/a)\n"
           "- [凭据](https://user:pass@credentials.example.org/a)\n"
           "- [内网](http://192.168.1.10/admin)\n"
           "- [元数据](http://169.254.169.254/latest/meta-data/)\n")
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]


@dataclass(frozen=True)
class Case:
    path: str
    line: int
    reason: str  # a regular expression the finding's reason matches


def line_of(project: Path, rel: str, marker: str) -> int:
    text = (project / rel).read_bytes().decode("utf-8", errors="replace")
    return next(number for number, line in enumerate(text.split("\n"), start=1) if marker in line)


def git(project: Path, *args: str, date: str | None = None) -> str:
    env = {**_clean_env(), **({"GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date} if date else {})}
    return subprocess.run([*GIT, "-C", str(project), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def append(project: Path, rel: str, text: str) -> None:
    with open(project / rel, "a", encoding="utf-8") as f:
        f.write(text)


def commit_with_bad_dates(project: Path) -> None:
    """A history holding, after the project and the spoofed entries, commits dated in 2099, in
    year 10000 and with no date git can read."""
    git(project, "init", "-q")
    git(project, "remote", "add", "origin", f"https://maintainer:{TOKEN}@example.org/llm-kb.git")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base", date="2025-01-01T00:00:00+00:00")
    append(project, SECTION, SPOOFED)
    git(project, "commit", "-q", "-am", "spoofed entries")  # now: the newest entries of the feeds
    append(project, SECTION, "\n## 日期测试\n\n- [未来条目](https://future.example.org/a)\n")
    git(project, "commit", "-q", "-am", "future", date="2099-01-01T00:00:00+00:00")
    append(project, SECTION, "- [万年条目](https://year10000.example.org/a)\n")
    git(project, "commit", "-q", "-am", "year 10000", date="@253402300800 +0000")
    append(project, SECTION, "- [无日期条目](https://nodate.example.org/a)\n")
    git(project, "add", "-A")
    tree, parent = git(project, "write-tree"), git(project, "rev-parse", "HEAD")
    raw = (f"tree {tree}\nparent {parent}\nauthor t <t@example.org> 1700000000 +0000\n"
           "committer t <t@example.org> garbage +0000\n\nno date\n")
    made = subprocess.run([*GIT, "-C", str(project), "hash-object", "-t", "commit", "-w", "--literally", "--stdin"],
                          input=raw, check=True, capture_output=True, text=True).stdout.strip()
    git(project, "update-ref", "HEAD", made)
    # a NUL byte past git's binary sniffing: the diff line holds it
    append(project, ABOUT, "\n" + ("说明文字。" * 40 + "\n\n") * 50 + "空字符\x00在这里。\n")
    git(project, "commit", "-q", "-am", "nul")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, list[Case]]:
    project = copy_project(tmp_path_factory.mktemp("security") / "project")
    docs = project / "docs"
    cases: list[Case] = []
    commit_with_bad_dates(project)
    # content taking the theme's configuration element; many removals on a long page
    append(project, ABOUT, "\n接管配置的段落。\n{: #__config }\n\n"
           + "".join(f"段落 {i}：正文正文正文。\n\n" for i in range(600))
           + "".join(f'<div onclick="x{i}">a</div>\n\n' for i in range(60)))
    cases.append(Case(ABOUT, line_of(project, ABOUT, "{: #__config }"), r'the id "__config" on <p> is reserved'))
    cases.append(Case(ABOUT, line_of(project, ABOUT, '<div onclick="x0">'), r"event-handler attribute onclick="))
    cases.append(Case(ABOUT, line_of(project, ABOUT, "空字符"), r"a control character \(U\+0000\)"))
    # a control character in the title of an entry the feeds list (by its source's listed date)
    listed = project / LISTED_PAGE
    listed.write_text(listed.read_text(encoding="utf-8").replace("[Nanotron](", "[Nano\x07tron]("), encoding="utf-8")
    cases.append(Case(LISTED_PAGE, line_of(project, LISTED_PAGE, "huggingface/nanotron"),
                      r"a control character \(U\+0007\)"))
    # spoofed titles, control characters, addresses that hide their host (SPOOFED, committed)
    for marker, reason in [("zero-width.example", r"the entry's title holds no visible character"),
                           ("rlo.example", r"a bidirectional control \(U\+202E\)"),
                           ("control.example", r"a control character \(U\+0007\)"),
                           ("credentials.example", r"user name or password"),
                           ("192.168.1.10", r"private IP address"),
                           ("169.254.169.254", r"link-local IP address")]:
        cases.append(Case(SECTION, line_of(project, SECTION, marker), reason))
    # static files: a page, a script-bearing SVG, an unlisted script; a plain SVG stays
    (docs / "evil.html").write_text("<script>window.evilRan = true</script>", encoding="utf-8")
    (docs / "evil.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>',
                                   encoding="utf-8")
    (docs / "plain.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">'
                                    '<rect width="2" height="2" fill="red"/></svg>', encoding="utf-8")
    (docs / "javascripts" / "worker.js").write_text("self.evilWorker = true", encoding="utf-8")
    cases += [Case("docs/evil.html", 1, r"an HTML page is not published"),
              Case("docs/evil.svg", 2, r"the SVG image holds the element <script>"),
              Case("docs/javascripts/worker.js", 1, r"not listed in mkdocs.yml is not published")]
    # symbolic links to secrets inside the project, and a loop
    (project / ".env").write_text(f"TOKEN={TOKEN}\n", encoding="utf-8")
    for link, target, reason in [("gitconfig.png", "../.git/config", r"outside docs/"),
                                 ("gitdir", "../.git", r"outside docs/"),
                                 ("env.txt", "../.env", r"outside docs/"),
                                 ("loop", "loop", r"leads round in a loop")]:
        os.symlink(target, docs / link)
        cases.append(Case(f"docs/{link}", 1, reason))
    # CONTRIBUTING.md (the 参与贡献 page) that is not UTF-8
    with open(project / "CONTRIBUTING.md", "ab") as f:
        f.write(b"\n\xff\xfe broken\n")
    cases.append(Case("CONTRIBUTING.md", line_of(project, "CONTRIBUTING.md", "broken"), r"not valid UTF-8"))
    return project, cases


def expect_findings(output: str, cases: list[Case]) -> None:
    assert "Traceback" not in output, output[-3000:]
    found = [(m["path"], int(m["line"]), m["reason"], m["fix"]) for m in FINDING_RE.finditer(output)]
    for case in cases:
        located = [(reason, fix) for path, line, reason, fix in found if path == case.path and line == case.line]
        assert any(re.search(case.reason, reason) and len(fix) > 10 for reason, fix in located), \
            f"no finding {case} in:\n" + "\n".join(f"{p}:{n}: {r}" for p, n, r, _ in found if p == case.path)


def test_the_check_refuses_every_case_on_its_line(hostile):
    project, cases = hostile
    result = subprocess.run([sys.executable, "-m", "hooks.check", "--root", str(project)], cwd=project,
                            capture_output=True, text=True, env=_clean_env(), timeout=300)
    assert result.returncode == 1
    expect_findings(result.stdout + result.stderr, cases)


@pytest.fixture(scope="module")
def strict(hostile, tmp_path_factory):
    """The strict build of the offline edition (its site is written before the build fails), and
    its ZIP."""
    project, _ = hostile
    site = tmp_path_factory.mktemp("offline") / "llm-kb-offline"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=project, capture_output=True, text=True,
                            env={**_clean_env(), "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"})
    archive = site.with_suffix(".zip")
    subprocess.run([sys.executable, "-m", "hooks.editions.offline", "zip", str(site), str(archive)], cwd=project,
                   check=True, env=_clean_env())
    return result, site, archive


def test_the_strict_build_fails_with_every_finding_and_no_traceback(hostile, strict):
    _, cases = hostile
    result, _, _ = strict
    assert result.returncode != 0
    log = result.stdout + result.stderr
    expect_findings(log, cases)
    assert re.search(r"docs/training/peft\.md:1: commit \w+ is dated 2099-01-01\S*, after the build day; "
                     r"its dates are ignored — ", log)
    assert len(re.findall(r"docs/training/peft\.md:1: commit \w+ has no valid committer date", log)) == 2


def published_names(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*")}


def assert_inert(root: Path, names: set[str], read) -> None:
    """Nothing refused is in the output, nothing holds the secret, feeds parse, dates are sane."""
    refused = ("evil.html", "evil.svg", "javascripts/worker.js", "gitconfig.png", "env.txt", "loop")
    assert not [name for name in names if name.endswith(refused) or "gitdir" in name or ".git/" in name]
    assert "plain.svg" in names
    for name in names:
        data = read(name)
        assert data is None or TOKEN.encode() not in data, name
    for feed in ("feed.xml", "feed-zh-Hant.xml"):
        titles = [node.text for node in ElementTree.fromstring(read(feed)).iter("{http://www.w3.org/2005/Atom}title")]
        assert "Nanotron" in titles and "未来条目" not in titles and "万年条目" not in titles
    catalog = json.loads(read("catalog.json"))
    added = {entry["title"]["zh-Hans"]: entry.get("added") for entry in catalog["entries"]}
    assert added["未来条目"] is None and added["万年条目"] is None and added["无日期条目"] is None
    assert all(day is None or "2000" < day <= "2100" and not day.startswith("2099") for day in added.values())
    recent = read("topics/recent/index.html") or read("topics/recent.html")
    assert "10000年" not in recent.decode() and "2099年" not in recent.decode()
    about = read("about/index.html").decode()
    assert about.count('id="__config"') == 1 and re.search(r'<script id="__config" type="application/json">', about)


def test_the_strict_builds_written_site_is_inert(strict):
    _, site, _ = strict
    assert_inert(site, published_names(site),
                 lambda name: (site / name).read_bytes() if (site / name).is_file() else None)


def test_the_offline_edition_and_its_zip_are_inert(strict):
    _, site, archive = strict
    with zipfile.ZipFile(archive) as packed:
        names = {name.split("/", 1)[1] for name in packed.namelist() if "/" in name}
        by_name = {name.split("/", 1)[1]: name for name in packed.namelist() if "/" in name}

        def read(name: str) -> bytes | None:
            for candidate in (name, name.replace("/index.html", ".html")):
                if candidate in by_name and not by_name[candidate].endswith("/"):
                    return packed.read(by_name[candidate])
            return None

        assert_inert(site, names, read)


def open_in_chromium(chromium, base: str) -> None:
    """The page whose paragraph asked for the id __config: the theme's configuration holds, its
    search worker is the theme's, no refused file is served, no contributed script runs."""
    context = new_context(chromium)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(base + "about/index.html")
        page.wait_for_load_state("load")
        config = page.evaluate("() => JSON.parse(document.getElementById('__config').textContent)")
        assert config["search"].endswith(".min.js") and "worker.js" not in config["search"]
        assert page.evaluate("() => document.querySelectorAll('[id=\"__config\"]').length") == 1
        page.wait_for_timeout(500)
        assert not [url for url in requests if url.endswith("javascripts/worker.js")]
        for name in ("evil.html", "evil.svg", "javascripts/worker.js", "env.txt", "gitconfig.png"):
            response = page.goto(base + name)
            assert response.status == 404, name
            assert page.evaluate("() => window.evilRan") is None
    finally:
        context.close()


def test_chromium_finds_the_plain_build_inert(strict, chromium):
    _, site, _ = strict
    server = serve_site(site, site_base_path())
    try:
        open_in_chromium(chromium, server.url)
    finally:
        server.stop()


def test_chromium_finds_the_preview_inert(hostile, chromium, tmp_path):
    """``mkdocs serve`` of both scripts: the site it writes (into a folder of ``TMPDIR``) is inert
    as the strict build's is, and so are the pages it serves."""
    project, _ = hostile
    server = Server(project, {"SERVE_SCRIPTS": "all", "TMPDIR": str(tmp_path)})
    try:
        server.wait_for_builds(1, SERVING_LINE)
        site = next(tmp_path.glob("mkdocs_*"))
        assert_inert(site, published_names(site),
                     lambda name: (site / name).read_bytes() if (site / name).is_file() else None)
        open_in_chromium(chromium, f"http://127.0.0.1:{server.port}{site_base_path()}")
    finally:
        server.process.send_signal(signal.SIGINT)
        server.process.wait(30)
    assert "Traceback" not in "".join(server.lines)
