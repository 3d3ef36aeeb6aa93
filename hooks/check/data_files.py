"""The data files the build reads: they parse, and no key or term is given twice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .findings import Finding, from_message
from .yaml_strict import YamlProblem, load


def check_with_loader(path: Path, display: str, loader: Callable[[Path], Any],
                      errors: tuple[type[Exception], ...]) -> tuple[Any, list[Finding]]:
    """Run a project loader that reports `file:line: reason — fix` (glossary, topics)."""
    try:
        return loader(path), []
    except errors as exc:
        return None, [from_message(str(exc), "data-file", display)]


def check_yaml_file(path: Path, display: str) -> tuple[Any, list[Finding]]:
    """Any YAML data file: valid, and no key repeated within a mapping."""
    try:
        return load(Path(path).read_text(encoding="utf-8")), []
    except YamlProblem as exc:
        return None, [Finding(display, exc.line, exc.reason, exc.fix, "data-file")]


def check_source_sites(path: Path, display: str) -> list[Finding]:
    """hooks/data/source_sites.yml: sites with a name and hosts, each host listed once."""
    data, problems = check_yaml_file(path, display)
    if problems:
        return problems
    lines = Path(path).read_text(encoding="utf-8").splitlines()

    def line_of(needle: str) -> int:
        return next((n for n, text in enumerate(lines, start=1)
                     if needle in text and not text.lstrip().startswith("#")), 1)

    def bad(needle: str, reason: str, fix: str) -> list[Finding]:
        return [Finding(display, line_of(needle), reason, fix, "data-file")]

    if not isinstance(data, dict) or not isinstance(data.get("sites"), list):
        return bad("sites", "the file must hold 'sites:' (a list), 'other:' and 'no_link:'",
                   "see the comment at the top of the file")
    for key in ("other", "no_link"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            return bad(key, f"'{key}:' is missing or empty", f"write {key}: 名称")
    names: dict[str, str] = {}
    hosts: dict[str, str] = {}
    for site in data["sites"]:
        if not isinstance(site, dict) or not isinstance(site.get("name"), str) or not isinstance(site.get("hosts"), list):
            return bad("sites", "each site needs 'name:' and 'hosts:' (a list)", "write - name: 网站名, hosts: [host]")
        name = site["name"]
        if name in names:
            return bad(f"name: {name}", f"site '{name}' is listed twice", "merge the two entries")
        names[name] = name
        for host in site["hosts"]:
            host = str(host).lower()
            if host in hosts:
                return bad(host, f"host '{host}' belongs to two sites ('{hosts[host]}' and '{name}')",
                           "keep it under one site")
            hosts[host] = name
    return []
