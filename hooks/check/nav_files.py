"""The `nav:` of every `.pages` file (mkdocs-awesome-pages): each entry names a page or folder
that exists, and each link uses http(s); every page of the folder is named or matched by a rest
entry (`...`), or awesome-pages builds it and leaves it out of the navigation without a word.

An entry is a name (`peft.md`, `training`), a glob rest entry (`... | index*.md`), or a
`title: value` mapping whose value is a name, a link or a list of entries (a virtual section).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection
from pathlib import Path

import yaml
from wcmatch import glob

from hooks.parse import yaml_text

from .findings import Finding
from .urls import host_problem, scheme_of, scheme_problem

REST_PREFIX = "..."
# awesome-pages' rest entry (mkdocs_awesome_pages_plugin.meta.MetaNavRestItem, which imports MkDocs)
REST_RE = re.compile(r"^\.{3}\s*(?:\|\s*flat\s*)?\s*(?:\|\s*(?:(?P<kind>regex|glob)=)?(?P<pattern>.*))?")
HAND_WRITTEN_SUFFIX = ".zh-Hant.md"  # listed under the simplified page's name
MISSING_FIX = ("write the name of a page or folder of this folder (e.g. peft.md), or remove the entry; "
               "a hand-written page.zh-Hant.md is listed under its simplified name")


def _entries(node: yaml.Node):
    """(value node, title or None) of every entry, virtual sections flattened."""
    if not isinstance(node, yaml.SequenceNode):
        return
    for item in node.value:
        if isinstance(item, yaml.ScalarNode):
            yield item, None
        elif isinstance(item, yaml.MappingNode) and len(item.value) == 1:
            key, value = item.value[0]
            if isinstance(value, yaml.SequenceNode):
                yield from _entries(value)
            elif isinstance(value, yaml.ScalarNode):
                yield value, key.value


def is_link(value: str) -> bool:
    """True when awesome-pages treats the value as a link rather than a name in the folder."""
    return scheme_of(value) is not None or value.startswith(("/", "\\"))


def check_nav_file(path: Path, display: str, folder: str, targets: Collection[str],
                   unlisted: Collection[str] = ()) -> list[Finding]:
    """Findings for one `.pages` file; `folder` is its docs-relative folder ('' at the top),
    `targets` every docs-relative file the build has (generated pages included)."""
    try:
        root = yaml_text.compose(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return []  # reported as not valid YAML
    if not isinstance(root, yaml.MappingNode):
        return []
    problems = []
    prefix = folder + "/" if folder else ""
    folders = {posixpath.dirname(target) for target in targets}
    folders |= {f.rsplit("/", n)[0] for f in list(folders) for n in range(1, f.count("/") + 1)}
    for key, value in root.value:
        if getattr(key, "value", None) != "nav":
            continue
        for node, title in _entries(value):
            text = str(node.value).strip()
            line = node.start_mark.line + 1
            if not text or text.startswith(REST_PREFIX):
                continue
            if is_link(text):
                found = scheme_problem(text)
                if found is None and text.startswith(("//", "\\\\", "/\\", "\\/")):
                    found = (f"protocol-relative link '{text[:60]}' in the navigation leaves the site unmarked",
                             "write the full https:// address")
                elif found is None and text.startswith("/"):
                    found = (f"absolute path '{text[:60]}' in the navigation",
                             "name a page of this folder, or write a full https:// address")
                if found:
                    problems.append(Finding(display, line, *found, "url-scheme"))
                elif host := host_problem(text):
                    problems.append(Finding(display, line, *host, "url-host"))
                continue
            name = posixpath.normpath(prefix + text)
            if name in targets or name in folders or any(name == u or name.startswith(u + "/") for u in unlisted):
                continue
            what = "a page or folder" if title is None else "a page"
            problems.append(Finding(display, line, f"navigation entry '{text}' names {what} that does not exist "
                                    f"in {prefix or 'docs/'}", MISSING_FIX, "broken-link"))
    return problems


def rest_matches(entry: str, name: str) -> bool:
    """Whether the rest entry ``entry`` (``...``, ``... | glob``, ``... | regex=…``) takes the
    file ``name``, as awesome-pages matches it: a glob (wcmatch, as awesome-pages uses it) or a
    regular expression on the name; a bare ``...`` takes every name."""
    found = REST_RE.search(entry)
    if found is None or found["pattern"] is None:
        return found is not None
    if found["kind"] == "regex":
        return re.search(found["pattern"], name) is not None
    return glob.globmatch(name, found["pattern"], flags=glob.GLOBSTAR)


def _nav_value(path: Path) -> tuple[int, yaml.Node] | None:
    """The line of the `nav:` key of a `.pages` file and its value; None without one, or when
    the file hides its folder from the navigation (`hide: true`)."""
    try:
        root = yaml_text.compose(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return None  # reported as not valid YAML
    if not isinstance(root, yaml.MappingNode):
        return None
    if any(getattr(key, "value", None) == "hide" and getattr(value, "value", None) == "true"
           for key, value in root.value):
        return None
    for key, value in root.value:
        if getattr(key, "value", None) == "nav":
            return key.start_mark.line + 1, value
    return None


def check_unlisted_pages(path: Path, display: str, folder: str, pages: Collection[str]) -> list[Finding]:
    """A finding for each page of the folder (`pages`: docs-relative `.md` files written in
    docs/) that the `nav:` of its `.pages` neither names nor matches with a rest entry
    (`...`, `... | glob`, `... | regex=`): awesome-pages builds it and shows it in no
    navigation. Placed on the line of `nav:`."""
    found = _nav_value(path)
    if found is None:
        return []
    line, value = found
    named: set[str] = set()
    rests: list[str] = []
    for node, _title in _entries(value):
        text = str(node.value).strip()
        if REST_RE.search(text):
            rests.append(text)
        elif text and not is_link(text):
            named.add(posixpath.normpath(text))
    prefix = folder + "/" if folder else ""
    problems = []
    for page in sorted(pages):
        if posixpath.dirname(page) != folder or not page.endswith(".md"):
            continue
        name = posixpath.basename(page)
        if name.endswith(HAND_WRITTEN_SUFFIX):
            name = name[: -len(HAND_WRITTEN_SUFFIX)] + ".md"
        if name in named or any(rest_matches(rest, name) for rest in rests):
            continue
        problems.append(Finding(display, line, f"page '{name}' of {prefix or 'docs/'} is built but shown in no "
                                f"navigation: this nav: neither names it nor has a '...' entry that matches it",
                                f"add the page (- {name}) or list it with '- ...'", "nav-unlisted"))
    return problems
