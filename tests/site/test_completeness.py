"""Nothing from the source documents is lost: every URL and link-less entry reaches the site.

The expected lists are data in tests/data/, produced from the seeds by
tests/tools/seed_inventory.py; this test does not read the seeds.
"""

from __future__ import annotations

import pytest
from conftest import DATA
from site_model import BuiltSite


def read_list(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


SEED_URLS = read_list("seed_urls.txt")
LINKLESS = read_list("linkless_entries.txt")


def targets(site: BuiltSite, script: str) -> frozenset[str]:
    """Every link and image target in the content of one script's pages."""
    found: set[str] = set()
    for page in site.pages(script):
        for tag in page.article.find_all(["a", "img"]):
            target = tag.get("href") or tag.get("src")
            if target:
                found.add(target)
    return frozenset(found)


def test_inventory_is_substantial() -> None:
    assert len(SEED_URLS) > 200
    assert len(LINKLESS) > 60


@pytest.mark.parametrize("script", ["zh-Hans", "zh-Hant"])
def test_every_seed_url_is_linked(site: BuiltSite, script: str) -> None:
    linked = targets(site, script)
    missing = [url for url in SEED_URLS if url not in linked]
    assert missing == [], f"{len(missing)} seed URLs missing from the {script} site"


def test_every_linkless_entry_is_shown(site: BuiltSite) -> None:
    text = " ".join(page.text for page in site.pages("zh-Hans"))
    normalised = "".join(text.split())
    missing = [entry for entry in LINKLESS if "".join(entry.split()) not in normalised]
    assert missing == []
