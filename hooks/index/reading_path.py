"""The home page's reading path for a newcomer, from ``hooks/data/reading_path.yml``.

Each step names a few chosen entries of the site by URL and the page to continue on; the step is
shown with each entry's own title (from the catalog) and the page's title. A URL or page the site
does not have is an error naming the data file's line.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from hooks import paths, templating
from hooks.index.pages import escape
from hooks.parse.catalog import Catalog
from hooks.parse.data_files import DataFileError, Loaded, Problem, load

ReadingPathError = DataFileError  # the name the index stage catches
MISSING_URL = "no entry of the site has the URL"


@dataclass(frozen=True)
class Step:
    name: str
    text: str
    entries: tuple[tuple[str, str], ...]  # (title, URL)
    page: str  # docs path
    page_title: str


def load_path(source: Path = paths.READING_PATH) -> Loaded:
    """The data file, read and checked against its schema (``hooks/data/schemas.yml``)."""
    return load(source, "reading_path")


def reference_problems(loaded: Loaded, urls: Collection[str], pages: Collection[str]) -> list[Problem]:
    """Each URL no entry of the site has, and each page the site does not have."""
    problems = []
    for i, raw in enumerate(loaded.value["steps"]):
        for j, url in enumerate(raw["entries"]):
            if url not in urls:
                problems.append(loaded.problem(("steps", i, "entries", j), f"{MISSING_URL} {url}",
                                               "write the URL exactly as a page writes it"))
        if raw["continue"] not in pages:
            problems.append(loaded.problem(("steps", i, "continue"), f"no page docs/{raw['continue']}",
                                           "write the docs path of an existing page, e.g. training/index.md"))
    return problems


def load_steps(catalog: Catalog, source: Path = paths.READING_PATH) -> list[Step]:
    """The steps, each with its entries' and page's titles; a DataFileError naming each line
    that names something the site does not have."""
    loaded = load_path(source)
    titles: dict[str, str] = {}
    for entry in catalog.entries:
        if entry.url:
            titles.setdefault(entry.url, entry.title)
    problems = reference_problems(loaded, titles, catalog.titles)
    if problems:
        raise DataFileError(problems)
    return [Step(raw["name"], raw.get("text", ""), tuple((titles[url], url) for url in raw["entries"]),
                 raw["continue"], catalog.titles[raw["continue"]]) for raw in loaded.value["steps"]]


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
