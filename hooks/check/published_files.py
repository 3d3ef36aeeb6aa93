"""Which files of ``docs/`` and ``overrides/`` may reach the site (pure, no MkDocs).

MkDocs copies every file of ``docs/`` that is not a page to the site as it is. Only what the site
needs is published, by allowlist:

* images (``IMAGE_SUFFIXES``), and SVG images that hold only drawing (``svg_problem``: no
  script, no event handler, no style sheet, no reference to anything outside the file);
* the scripts and style sheets mkdocs.yml lists (``extra_javascript``, ``extra_css``).

Every other file (an ``.html`` page, a stray ``.js``) is refused. A symbolic link is followed
only when it stays in its own folder (``docs/`` or ``overrides/``), never into a hidden folder
(``.git``) and never round in a loop (``symlink_problem``).
"""

from __future__ import annotations

import errno
import posixpath
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any
from xml.parsers import expat

PAGE_SUFFIX = ".md"
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico"})
SVG_SUFFIX = ".svg"
MAX_SVG_BYTES = 1_000_000  # a drawing for a page; more is refused before it is parsed
FILE_FIX = ("publish only images (.png, .jpg, .gif, .webp, .svg) from docs/; a script or style sheet "
            "must be listed in mkdocs.yml (extra_javascript, extra_css); write a page in Markdown")
SVG_FIX = ("keep only drawing in the SVG (shapes, paths, text, gradients): no script, event handler, "
           "style sheet, link or reference to another file; export it again as plain SVG")
SYMLINK_FIX = "put a copy of the file in the folder instead of a link, or remove the link"

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SVG_ELEMENTS = frozenset("""
    svg g path rect circle ellipse line polyline polygon text tspan title desc defs
    linearGradient radialGradient stop clipPath mask pattern symbol use marker
""".split())
SVG_ATTRIBUTES = frozenset("""
    id class version viewBox width height x y x1 y1 x2 y2 cx cy r rx ry fx fy d points transform
    preserveAspectRatio fill fill-opacity fill-rule stroke stroke-width stroke-linecap
    stroke-linejoin stroke-dasharray stroke-dashoffset stroke-opacity stroke-miterlimit opacity
    font-family font-size font-weight font-style text-anchor dominant-baseline alignment-baseline
    letter-spacing word-spacing dx dy rotate textLength lengthAdjust gradientUnits
    gradientTransform spreadMethod offset stop-color stop-opacity clip-path clip-rule
    clipPathUnits mask maskUnits maskContentUnits patternUnits patternContentUnits
    patternTransform markerWidth markerHeight refX refY orient markerUnits marker-start
    marker-mid marker-end visibility display vector-effect shape-rendering role aria-label
    aria-hidden focusable lang
""".split())
REFERENCE_ATTRIBUTES = frozenset({"href", f"{XLINK_NS} href"})  # a reference: to this file only (#id)
XML_ATTRIBUTES = frozenset({f"{XML_NS} space", f"{XML_NS} lang"})


def assets_of(config: Mapping[str, Any]) -> frozenset[str]:
    """The docs-relative scripts and style sheets mkdocs.yml lists (a plain dict or MkDocs' config)."""
    listed = list(config.get("extra_css") or []) + list(config.get("extra_javascript") or [])
    paths = [item.get("path") if isinstance(item, dict) else getattr(item, "path", item) for item in listed]
    return frozenset(posixpath.normpath(str(path)) for path in paths if path and "://" not in str(path))


def file_problem(rel: str, path: Path, assets: frozenset[str]) -> tuple[int, str, str] | None:
    """(line, reason, fix) when the docs-relative file ``rel`` may not be published, else None."""
    suffix = PurePosixPath(rel).suffix.lower()
    if suffix == PAGE_SUFFIX or suffix in IMAGE_SUFFIXES or rel in assets:
        return None
    if suffix == SVG_SUFFIX:
        found = svg_problem(path.read_bytes())
        return None if found is None else (found[0], f"the SVG image {found[1]}; it is not published", SVG_FIX)
    kind = "an HTML page" if suffix in (".html", ".htm", ".xhtml") else f"a '{suffix or rel}' file"
    listed = " not listed in mkdocs.yml" if suffix in (".js", ".mjs", ".css") else ""
    return 1, f"{kind}{listed} is not published from docs/", FILE_FIX


def _attribute_problem(name: str, value: str) -> str | None:
    local = name.rpartition(" ")[2]
    if local.lower().startswith("on"):
        return f"has an event handler ({local}=)"
    if name in REFERENCE_ATTRIBUTES:
        return None if value.strip().startswith("#") else f"refers to another file ({local}=\"{value[:40]}\")"
    if name not in SVG_ATTRIBUTES and name not in XML_ATTRIBUTES:
        return f"has the attribute {local}=, which is not allowed"
    if "url(" in value.replace(" ", "").lower() and not value.replace(" ", "").lower().startswith("url(#"):
        return f"refers to another file ({local}=\"{value[:40]}\")"
    return None


class _Refused(Exception):
    """Ends the parse of an SVG file at its first problem."""


def svg_problem(data: bytes) -> tuple[int, str] | None:
    """(line, what is wrong) for the first thing of an SVG file that is not plain drawing, else None."""
    if len(data) > MAX_SVG_BYTES:
        return 1, f"is {len(data)} bytes, more than {MAX_SVG_BYTES}"
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    found: list[tuple[int, str]] = []

    def report(reason: str) -> None:
        found.append((parser.CurrentLineNumber, reason))
        raise _Refused

    def start(name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if namespace != SVG_NS or local not in SVG_ELEMENTS:
            report(f"holds the element <{local}>, which is not allowed")
        for attribute, value in attributes.items():
            reason = _attribute_problem(attribute, value)
            if reason:
                report(reason)

    def doctype(name, system_id, public_id, has_internal_subset) -> None:
        if has_internal_subset:
            report("declares its own entities (<!DOCTYPE … [ … ]>)")

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = lambda *args: report("declares an entity")
    parser.ProcessingInstructionHandler = lambda target, data: report(f"holds the instruction <?{target}?>")
    try:
        parser.Parse(data, True)
    except _Refused:
        return found[0]
    except expat.ExpatError as exc:
        return exc.lineno, f"is not well-formed XML ({expat.ErrorString(exc.code)})"
    return None


def symlink_problem(path: Path, folder: Path) -> str | None:
    """Why the file or folder at ``path``, inside ``folder``, may not be followed, or None.

    A path that reaches no symbolic link is fine. One that does must lead to a file or folder of
    ``folder`` itself, not into a hidden folder of it, and not to a folder holding the link."""
    try:
        target = path.resolve(strict=True)
        home = folder.resolve(strict=True)
    except (RuntimeError, OSError) as exc:  # a loop (RuntimeError in 3.11, OSError ELOOP later), or dangling
        return ("a symbolic link that leads round in a loop" if isinstance(exc, RuntimeError) or
                getattr(exc, "errno", None) == errno.ELOOP else "a symbolic link to nothing")
    own = path.absolute().relative_to(folder.absolute()).parts
    if not target.is_relative_to(home):
        outside = f"{folder.name}/" if target.is_relative_to(home.parent) else "the project"
        return f"a symbolic link to {target}, outside {outside}"
    parts = target.relative_to(home).parts
    if parts == own:
        return None  # no link on the way
    if any(part.startswith(".") for part in parts):
        return f"a symbolic link into the hidden {folder.name}/{'/'.join(parts)}"
    if target.is_dir() and path.absolute().is_relative_to(target):
        return "a symbolic link to a folder that holds it (a loop)"
    return None


def symlinks_under(folder: Path) -> list[tuple[Path, str]]:
    """(link, why it is refused) for every refused symbolic link under ``folder``; links to
    folders are not followed."""
    found = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            children = sorted(current.iterdir())
        except OSError:
            continue
        for child in children:
            if child.is_symlink():
                problem = symlink_problem(child, folder)
                if problem:
                    found.append((child, problem))
            elif child.is_dir():
                pending.append(child)
    return sorted(found)


def reached_through_link(rel: str, folder: Path) -> tuple[str, str] | None:
    """(the link, why) when the path ``rel`` of ``folder`` (as MkDocs found it, following links)
    is reached through a link ``symlink_problem`` refuses (the first on its way), else None."""
    current = folder
    for part in PurePosixPath(rel).parts:
        current = current / part
        if current.is_symlink():
            problem = symlink_problem(current, folder)
            if problem:
                return current.relative_to(folder).as_posix(), problem
    return None


def refused_file(path: Path, folder: Path, in_docs: bool, assets: frozenset[str]) -> str | None:
    """The build's message for a file MkDocs found in ``folder`` that is not published, or None:
    one reached through a refused link, or (``in_docs``: a file of docs/ MkDocs would publish)
    one ``file_problem`` refuses."""
    rel = path.absolute().relative_to(folder).as_posix()
    shown = f"{folder.name}/{rel}"
    through = reached_through_link(rel, folder)
    if through:
        return f"{folder.name}/{through[0]}: {through[1]}; nothing is published through it — {SYMLINK_FIX}"
    found = file_problem(rel, path, assets) if in_docs else None
    return None if found is None else f"{shown}:{found[0]}: {found[1]} — {found[2]}"
