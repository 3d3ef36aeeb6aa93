"""The home page's reading path for a newcomer, from ``hooks/data/reading_path.yml``.

Each step names a few chosen entries of the site by URL and the page to continue on; the step is
shown with each entry's own title (from the catalog) and the page's title. A URL or page the site
does not have is an error naming the data file's line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hooks import paths, templating
from hooks.index.pages import escape
from hooks.parse import yaml_text
from hooks.parse.catalog import Catalog


class ReadingPathError(ValueError):
    """The data file names something the site does not have, or is malformed."""


@dataclass(frozen=True)
class Step:
    name: str
    text: str
    entries: tuple[tuple[str, str], ...]  # (title, URL)
    page: str  # docs path
    page_title: str


def load_steps(catalog: Catalog, source: Path = paths.READING_PATH) -> list[Step]:
    where = source.relative_to(paths.ROOT) if source.is_relative_to(paths.ROOT) else source
    data = yaml_text.safe_load(source.read_text(encoding="utf-8")) or {}
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise ReadingPathError(f"{where}: 'steps' must be a non-empty list")
    titles = {}
    for entry in catalog.entries:
        if entry.url:
            titles.setdefault(entry.url, entry.title)
    lines = source.read_text(encoding="utf-8").splitlines()

    def line_of(text: str) -> int:
        return next((i for i, line in enumerate(lines, 1) if text in line), 1)

    steps = []
    for raw in raw_steps:
        name, text, urls, page = raw.get("name"), raw.get("text", ""), raw.get("entries") or [], raw.get("continue")
        if not name or not page or not urls:
            raise ReadingPathError(f"{where}:{line_of(str(name))}: a step needs name, entries and continue")
        missing = [url for url in urls if url not in titles]
        if missing:
            raise ReadingPathError(f"{where}:{line_of(missing[0])}: no entry of the site has the URL {missing[0]}")
        if page not in catalog.titles:
            raise ReadingPathError(f"{where}:{line_of(page)}: no page docs/{page}")
        steps.append(Step(name, text, tuple((titles[url], url) for url in urls), page, catalog.titles[page]))
    return steps


def render(steps: list[Step], here: str = "index.md") -> str:
    """The path as Markdown for the page ``here`` (links to pages are relative docs paths)."""
    base = str(Path(here).parent)
    rows = [
        {
            "name": escape(step.name),
            "text": escape(step.text),
            "entries": [(escape(title), url.replace(")", "%29").replace(" ", "%20")) for title, url in step.entries],
            "page": Path(step.page).relative_to(base).as_posix() if base != "." else step.page,
            "page_title": escape(step.page_title),
        }
        for step in steps
    ]
    return templating.render("index/reading_path.md.j2", steps=rows)
