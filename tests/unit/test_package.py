"""The build code as a package: every module imports alone, no import cycle, and MkDocs loads
each module once — the stages the pipeline runs are the modules ``import hooks.…`` gives."""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import subprocess
import sys

import pytest

import hooks
from hooks.paths import HOOKS, ROOT

MKDOCS_FREE = ("hooks.parse", "hooks.convert.chinese", "hooks.convert.taiwan", "hooks.index.topics",
               "hooks.index.pages", "hooks.index.export", "hooks.index.figures", "hooks.search.index",
               "hooks.search.vocabulary", "hooks.search.worker", "hooks.search.work", "hooks.check", "hooks.links",
               "hooks.freshness.history", "hooks.freshness.recent")
"""Pure modules: none of them may import MkDocs (``python -m hooks.check`` runs without it)."""


ENTRY = "hooks.pipeline"
"""MkDocs loads the entry point by its path (``hooks/pipeline.py``); nothing imports it."""


def package_modules() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(hooks.__path__, "hooks.")
                  if not info.name.endswith("__main__") and info.name != ENTRY)


def imports_of(module: str) -> set[str]:
    """The ``hooks.…`` modules a module imports at its top level (not inside functions)."""
    path = HOOKS.joinpath(*module.split(".")[1:])
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("hooks"):
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    found.add(sub if sub.replace(".", "/") and _is_module(sub) else node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            name = f"{base}.{node.module}" if node.module else base
            found.add(name)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("hooks"))
    return {name for name in found if name != module}


def _is_module(name: str) -> bool:
    path = HOOKS.joinpath(*name.split(".")[1:])
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


@pytest.mark.parametrize("module", package_modules())
def test_every_module_imports(module: str) -> None:
    importlib.import_module(module)


def test_the_import_graph_has_no_cycle() -> None:
    graph = {module: imports_of(module) for module in package_modules()}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        if module in path:
            cycle = " → ".join(path[path.index(module):] + (module,))
            pytest.fail(f"import cycle: {cycle}")
        if module in done:
            return
        for target in sorted(graph.get(module, ())):
            visit(target, path + (module,))
        done.add(module)

    for module in graph:
        visit(module, ())


@pytest.mark.parametrize("module", MKDOCS_FREE)
def test_pure_modules_do_not_import_mkdocs(module: str) -> None:
    """Importing a pure module (and all it imports) leaves MkDocs unloaded."""
    names = [m for m in package_modules() if (m == module or m.startswith(module + "."))
             and not m.endswith(".stage")]
    code = ("import importlib, sys\n"
            f"for name in {names!r}: importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "[]", f"{module} imports MkDocs: {proc.stdout.strip()[:300]}"


LOAD_AS_MKDOCS_DOES = """
import importlib, json, sys
from pathlib import Path
from mkdocs.config import load_config
config = load_config("mkdocs.yml")
pipeline = config.hooks["hooks/pipeline.py"]
same = {}
for event in [name for name in dir(pipeline) if name.startswith("on_")]:
    handler = getattr(pipeline, event)
    for run in getattr(handler, "methods", [handler]):  # a CombinedEvent holds several handlers
        for step in run.chain:
            current = pipeline.stages.current(step)
            module = importlib.import_module(step.__module__)
            same[f"{event} {step.__qualname__}"] = (getattr(current, "__func__", current) is step
                                                    and module is sys.modules[step.__module__])
files = {}
for name, module in list(sys.modules.items()):
    file = getattr(module, "__file__", None)
    if file and Path(file).resolve().is_relative_to(Path("hooks").resolve()):
        files.setdefault(str(Path(file).resolve()), set()).add(id(module))
print(json.dumps({"hooks": list(config.hooks), "same": same,
                  "twice": [f for f, ids in files.items() if len(ids) > 1]}))
"""


def test_mkdocs_loads_the_pipeline_once_and_its_stages_are_the_package_modules() -> None:
    proc = subprocess.run([sys.executable, "-c", LOAD_AS_MKDOCS_DOES], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    facts = json.loads(proc.stdout.strip().splitlines()[-1])
    assert facts["hooks"] == ["hooks/pipeline.py"], "one MkDocs entry point lists every stage"
    assert all(facts["same"].values()), facts["same"]
    assert facts["twice"] == [], f"modules loaded more than once: {facts['twice']}"
