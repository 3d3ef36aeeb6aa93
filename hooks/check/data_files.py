"""The data files the build reads, checked by the loaders the build itself uses
(``hooks/parse/data_files.py``): the same `file:line: reason — fix` in both."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hooks.parse.data_files import DataFileError, Kind, Loaded, kind_of, load, parse_yaml, read_text

from .findings import Finding, from_message

UNKNOWN_KIND_LIMIT = 1_000_000  # bytes, for a YAML file with no kind in hooks/data/schemas.yml


def findings_of(error: DataFileError, display: str, code: str = "data-file") -> list[Finding]:
    """Each problem of a DataFileError as a Finding of the file ``display``."""
    return [Finding(display, problem.line, problem.reason, problem.fix, code) for problem in error.problems]


def check_with_loader(path: Path, display: str, loader: Callable[[Path], Any],
                      errors: tuple[type[Exception], ...]) -> tuple[Any, list[Finding]]:
    """Run a project loader (the one the build uses); its problems as findings."""
    try:
        return loader(path), []
    except DataFileError as exc:
        return None, findings_of(exc, display)
    except errors as exc:
        return None, [from_message(line, "data-file", display) for line in str(exc).splitlines() if line.strip()]


def check_yaml_file(path: Path, display: str, kind: Kind | None = None) -> tuple[Any, list[Finding]]:
    """Any YAML data file: within its size limit, bounded, no key repeated within a mapping,
    and following its schema when its kind has one (by the file's name: ``.pages``,
    ``entry_types.yml`` …)."""
    kind = kind or kind_of(path)
    try:
        if kind is not None:
            return load(path, kind, display).value, []
        return parse_yaml(read_text(path, display, UNKNOWN_KIND_LIMIT), display).value, []
    except DataFileError as exc:
        return None, findings_of(exc, display)


def check_source_sites(path: Path, display: str) -> list[Finding]:
    """hooks/data/source_sites.yml: its schema, then each site and each host listed once."""
    try:
        loaded = load(path, "source_sites", display)
    except DataFileError as exc:
        return findings_of(exc, display)
    return source_site_problems(loaded, display)


def source_site_problems(loaded: Loaded, display: str) -> list[Finding]:
    names: dict[str, int] = {}
    hosts: dict[str, str] = {}
    problems = []
    for i, site in enumerate(loaded.value["sites"]):
        name = site["name"]
        line = loaded.line(("sites", i, "name"))
        if name in names:
            problems.append(Finding(display, line, f"site '{name}' is listed twice (first at line {names[name]})",
                                    "merge the two entries", "data-file"))
        names.setdefault(name, line)
        for j, host in enumerate(site["hosts"]):
            host = host.lower()
            if host in hosts:
                problems.append(Finding(display, loaded.line(("sites", i, "hosts", j)),
                                        f"host '{host}' belongs to two sites ('{hosts[host]}' and '{name}')",
                                        "keep it under one site", "data-file"))
            hosts.setdefault(host, name)
    return problems
