"""Provenance once per page: a section page ends with one quiet line naming the sources its
sections credit (their ``收录自`` lines in docs/), each linked to its part of 来源与致谢 by the
title source_lists.yml gives it; no section shows a 收录自 line of its own, in either script,
and the line stays out of the search index."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from conftest import ROOT
from site_model import BuiltSite, attribute

SCRIPTS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
CREDIT_LINE = re.compile(r"^收录自：.*$", re.MULTILINE)
SOURCE_ANCHOR = re.compile(r"sources\.md#([a-z0-9-]+)")
SECTION_CREDIT = re.compile(r"^\s*收[录錄]自：")


def credited_pages() -> dict[str, list[str]]:
    """docs page → the source names its 收录自 lines credit, in first-seen order (read from docs/)."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        if path.name.endswith(".zh-Hant.md"):
            continue
        names: list[str] = []
        for line in CREDIT_LINE.findall(path.read_text(encoding="utf-8")):
            names += [name for name in SOURCE_ANCHOR.findall(line) if name not in names]
        if names:
            found[path.relative_to(ROOT / "docs").as_posix()] = names
    return found


def built_path(page: str) -> str:
    stem = page.removesuffix(".md").removesuffix("index").rstrip("/")
    return f"{stem}/index.html" if stem else "index.html"


TITLES = {source["name"]: source["title"] for source in
          yaml.safe_load((ROOT / "hooks/data/source_lists.yml").read_text(encoding="utf-8"))["sources"]}
PAGES = credited_pages()


def test_many_pages_credit_their_sources() -> None:
    assert len(PAGES) > 20 and sum(len(names) > 1 for names in PAGES.values()) > 5


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_credited_page_ends_with_one_line_naming_its_sources(site: BuiltSite, script: str) -> None:
    for page, names in PAGES.items():
        built = site.page(SCRIPTS[script] + built_path(page))
        lines = built.article.select(".kb-provenance")
        assert len(lines) == 1, page
        links = lines[0].find_all("a")
        assert [attribute(a, "href").rpartition("#")[2] for a in links] == names, page
        if script == "zh-Hans":
            assert [a.get_text() for a in links] == [TITLES[name] for name in names], page
        for a in links:
            path, _, anchor = attribute(a, "href").partition("#")
            target = site.resolve(built, path)
            assert target.relative_to(site.root).as_posix() == SCRIPTS[script] + "about/sources/index.html"
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (page, anchor)
        following = [tag for tag in lines[0].find_all_next(["p", "li", "h2", "h3", "table"])
                     if built.article in tag.parents and lines[0] not in tag.parents]
        assert following == [], page  # nothing of the page comes after it


@pytest.mark.parametrize("script", SCRIPTS)
def test_no_section_shows_a_credit_line_of_its_own(site: BuiltSite, script: str) -> None:
    shown = [(page.rel, p.get_text()[:40]) for page in site.pages(script)
             for p in page.article.find_all("p") if SECTION_CREDIT.match(p.get_text())]
    assert shown == []


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_credit_line_is_not_searched(site: BuiltSite, script: str) -> None:
    index = json.loads((site.root / SCRIPTS[script] / "search/search_index.json").read_text(encoding="utf-8"))
    words = "本页条目收录自" if script == "zh-Hans" else "本頁條目收錄自"
    assert index["docs"] and not [doc["location"] for doc in index["docs"] if words in doc["text"]]
