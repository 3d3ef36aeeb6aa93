"""Reader points of the served site read in Chromium, both scripts: no dead ends or debris (every
section of every section page holds an entry, no note points at an entry by its place), and one
count (what the pages show agrees with ``catalog.json``). The offline edition runs the same
checks from disk (tests/site/test_offline.py); the checks are in tests/reader_point_checks.py.
"""

from __future__ import annotations

import json

import pytest
from reader_point_checks import check_no_dead_ends, check_one_count
from site_model import HANT_DIR, BuiltSite

from hooks.languages import to_traditional

pytestmark = pytest.mark.browser

SCRIPTS = {"zh-Hans": "", "zh-Hant": f"{HANT_DIR}/"}


def in_script(script: str):
    return to_traditional().convert if script == "zh-Hant" else (lambda text: text)


@pytest.mark.parametrize("script", SCRIPTS)
def test_no_section_is_a_dead_end(browser_page, site_url: str, script: str) -> None:
    browser_page.goto(f"{site_url}{SCRIPTS[script]}single-page/")
    check_no_dead_ends(browser_page, in_script(script))


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_count_a_reader_sees_agrees(browser_page, site: BuiltSite, site_url: str, script: str) -> None:
    catalog = json.loads((site.root / "catalog.json").read_text(encoding="utf-8"))
    check_one_count(browser_page, lambda rel: f"{site_url}{SCRIPTS[script]}{rel}", catalog)
