"""Dates from the repository's history, listed dates, 最近更新 and the Atom feed, in both scripts.

Page dates and ``added`` come from git itself (``git log``); listed dates from the recorded
imports (``hooks/data/source_imports.yml``), never from the build code. When the checkout is
shallow, pages show no date; 最近更新 and the feeds still list entries by their listed day.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
import yaml
from project_copy import ChangedCopy
from site_model import BuiltSite, attribute, one

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ("zh-Hans", "zh-Hant")
PAGES = {"training/peft.md": "training/peft/index.html", "data.md": "data/index.html",
         "index.md": "index.html", "about/sources.md": "about/sources/index.html"}


def git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True, text=True).stdout.strip()


SHALLOW = git("rev-parse", "--is-shallow-repository") == "true"


def prefix(script: str) -> str:
    return "zh-Hant/" if script == "zh-Hant" else ""


def feed_file(script: str) -> str:
    """Both feeds sit at the site root (Material fetches sitemap.xml beside a rel=alternate link)."""
    return "feed-zh-Hant.xml" if script == "zh-Hant" else "feed.xml"


def chinese(day: str) -> str:
    year, month, date = day.split("-")
    return f"{int(year)}年{int(month)}月{int(date)}日"


@pytest.fixture(scope="module")
def catalog(site: BuiltSite) -> dict:
    return json.loads((site.root / "catalog.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("source", sorted(PAGES))
def test_page_shows_its_last_change_from_git(site: BuiltSite, script: str, source: str) -> None:
    page = site.page(prefix(script) + PAGES[source])
    time = page.soup.select_one("aside.md-source-file time.kb-updated")
    if SHALLOW:
        assert time is None
        return
    day = git("log", "-1", "--format=%cs", "--", f"docs/{source}")
    assert time is not None and time["datetime"] == day
    label = "最后更新于" if script == "zh-Hans" else "最後更新於"
    assert time.get_text() == f"{label} {chinese(day)}"


@pytest.mark.parametrize("script", SCRIPTS)
def test_generated_pages_show_no_date(site: BuiltSite, script: str) -> None:
    for rel in ("topics/index.html", "topics/recent/index.html", "topics/all-entries/index.html"):
        assert site.page(prefix(script) + rel).soup.select_one("time.kb-updated") is None, rel


def test_catalog_exports_the_day_each_entry_was_added(catalog: dict) -> None:
    entries = catalog["entries"]
    assert all("added" in entry for entry in entries)
    if SHALLOW:
        assert all(entry["added"] is None for entry in entries)
        return
    # URLs no other entry's URL continues (git -S matches substrings)
    urls = [e["url"] for e in entries if e["url"]]
    sample = [e for e in entries if e["url"] and not any(u != e["url"] and u.startswith(e["url"]) for u in urls)]
    for entry in sample[:: max(1, len(sample) // 8)]:
        first = git("log", "--reverse", "--format=%cs", "-S", entry["url"], "--", "docs").splitlines()[0]
        assert entry["added"] == first, entry["url"]
    linkless = next(e for e in entries if not e["url"])
    named = git("log", "--reverse", "--format=%cs", "-S", linkless["title"]["zh-Hans"], "--", "docs").splitlines()
    assert linkless["added"] == named[0]


def read_feed(site: BuiltSite, script: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((site.root / feed_file(script)).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def news_days(catalog: dict) -> list[str]:
    """The days 最近更新 and the feeds are about: every listed day of an entry with a link (the day
    its source list first held it, recorded in source_imports.yml) and every import's version day."""
    imports = yaml.safe_load((ROOT / "hooks/data/source_imports.yml").read_text(encoding="utf-8"))
    days = [e["listed"] for e in catalog["entries"] if e["listed"] and e["url"]]
    days += [str(record["date"]) for record in imports.values() if record.get("added")]
    return sorted(days, reverse=True)


def note_addresses(entry: dict) -> set[str]:
    return {host_and_path(url) for url in re.findall(r"https?://[\w.:/%-]+", entry.get("note", {}).get("zh-Hans", ""))}


def host_and_path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.hostname or "").removeprefix("www.") + parts.path.rstrip("/")


def test_catalog_listed_days_are_the_recorded_first_listed_days(catalog: dict) -> None:
    imports = yaml.safe_load((ROOT / "hooks/data/source_imports.yml").read_text(encoding="utf-8"))
    dated = [e for e in catalog["entries"] if e["listed"]]
    assert len(dated) > 300
    for entry in dated:
        listed = imports[entry["listed_by"]]["listed"]
        if entry["url"]:
            candidates = [str(day) for url, day in listed.items() if host_and_path(url) == host_and_path(entry["url"])]
        else:  # a name without a link: by its name (see the file header), or the address its note gives
            name = "name:" + "".join(unicodedata.normalize("NFKC", entry["title"]["zh-Hans"]).casefold().split())
            candidates = [str(day) for key, day in listed.items()
                          if key == name or (key.startswith("http") and host_and_path(key) in note_addresses(entry))]
        assert str(entry["listed"]) in candidates, entry["url"] or entry["title"]
    named = [e for e in dated if not e["url"]]
    assert len(named) > 100  # the lists' names without a link are dated by their history too
    assert all(e["listed"] is None for e in catalog["entries"] if e["snapshot"])
    assert any(e["snapshot"] for e in catalog["entries"])


def test_every_entry_is_dated_by_its_list_or_names_its_snapshot(catalog: dict) -> None:
    """Every entry of the site comes from one of its source lists, so each is dated by a followed
    list's history or says which snapshot it comes from: never neither (an entry whose section
    credits a list that never held it)."""
    neither = [entry["source"] for entry in catalog["entries"] if not entry["listed"] and not entry["snapshot"]]
    assert len(catalog["entries"]) > 600 and neither == []


@pytest.mark.parametrize("script", SCRIPTS)
def test_feed_lists_the_newest_listed_entries_with_stable_ids(site: BuiltSite, catalog: dict, script: str) -> None:
    feed = read_feed(site, script)
    assert feed.feed.language == script
    assert feed.feed.title == ("LLM 知识库 · 最近更新" if script == "zh-Hans" else "LLM 知識庫 · 最近更新")
    days = news_days(catalog)
    assert len(feed.entries) == 50
    assert [e.published[:10] for e in feed.entries] == days[:len(feed.entries)]
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("tag:") for i in ids)
    listed = {(e["title"][script], e["listed"]) for e in catalog["entries"] if e["listed"]}
    imports = [e for e in feed.entries if (e.title, e.published[:10]) not in listed]
    assert [e.title[:2] for e in imports] == ["收录" if script == "zh-Hans" else "收錄"] * len(imports)
    for entry in feed.entries:  # the summary says what the title does not: source, day, place
        assert entry.summary != entry.title and entry.published[:10] in entry.summary
    site_url = feed.feed.links[0].href.rsplit(feed_file(script), 1)[0]
    for entry in feed.entries:  # the related link is the entry's place on its section page
        place = [link.href for link in entry.links if link.rel == "related"] or [entry.link]
        path = urlsplit(place[0]).path.removeprefix(urlsplit(site_url).path)
        anchor = urlsplit(place[0]).fragment
        html = (site.root / path / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_page_names_its_scripts_feed(site: BuiltSite, script: str) -> None:
    pages = site.pages(script)
    assert pages
    for page in pages:
        links = page.soup.select('head link[rel="alternate"][type="application/atom+xml"]')
        assert len(links) == 1, page.rel
        feed = site.resolve(page, attribute(links[0], "href"))
        assert feed == (site.root / feed_file(script)).resolve(), page.rel
        # Material fetches sitemap.xml beside every rel=alternate link: it must exist there
        assert feed.with_name("sitemap.xml").is_file()


@pytest.mark.parametrize("script", SCRIPTS)
def test_recent_page_groups_listed_entries_by_day(site: BuiltSite, catalog: dict, script: str) -> None:
    page = site.page(prefix(script) + "topics/recent/index.html")
    headings = [h.get_text().rstrip("¶").strip() for h in page.article.select("h2")]
    days = sorted(set(news_days(catalog)), reverse=True)
    assert headings == [chinese(day) for day in days[:len(headings)]]
    items = page.article.select("li")
    assert len(items) == 50
    for item in items:  # the last link leads to the entry's place (or the source's, for an import)
        href = attribute(item.select("a")[-1], "href")
        path, _, anchor = href.partition("#")
        assert anchor.startswith("e-") or "about/sources/" in path
        assert f'id="{anchor}"' in site.resolve(page, path).read_text(encoding="utf-8")
    nav = site.page(prefix(script) + "index.html").soup.select("nav.md-nav a")
    assert any(str(a.get("href", "")).endswith("topics/recent/") for a in nav)


@pytest.mark.parametrize("script", SCRIPTS)
def test_entries_show_their_listed_month_or_snapshot(site: BuiltSite, catalog: dict, script: str) -> None:
    checked = 0
    for entry in catalog["entries"][::7]:
        if entry["supports"]:
            continue
        page = site.page(prefix(script) + entry["page"]["zh-Hans"] + "index.html")
        anchor = one(page.soup, f'[id="{entry["anchor"]}"]')
        line = anchor.find_parent(["li", "tr"])
        assert line is not None, entry["anchor"]
        own = ".kb-date" if line.name == "tr" else ":scope > .kb-date, :scope > p > .kb-date"  # not a sub-item's
        dates = [span.get_text() for span in line.select(own)]
        expected = ([entry["listed"][:7]] if entry["listed"] else ["快照"] if entry["snapshot"] else [])
        paper = "论文" if script == "zh-Hans" else "論文"
        expected += [f"{paper} {entry['paper_month']}"] if entry["paper_month"] else []
        shared = len(line.select(".kb-entry")) - len(line.select(":scope li .kb-entry")) > 1
        if shared:  # a table row (or an article's list item) holding several entries, each with its dates
            assert expected and all(date in dates for date in expected) or not expected, (entry["source"], dates)
        else:
            assert dates == expected, (entry["source"], dates)
        checked += 1
    assert checked > 50
    listing = site.page(prefix(script) + "topics/all-entries/index.html")
    months = {span.get_text() for span in listing.article.select(".kb-date")}
    assert {e["listed"][:7] for e in catalog["entries"] if e["listed"] and not e["supports"]} <= months


def test_shallow_clone_builds_strictly_without_dates(changed_copy: ChangedCopy) -> None:
    """The shared changed copy has the history of a ``--depth 1`` clone (tests/conftest.py)."""
    log, site_dir = changed_copy.log, changed_copy.site
    assert changed_copy.returncode == 0, log[-3000:]
    notes = [line for line in log.splitlines() if "No page or entry dates" in line]
    assert len(notes) == 1 and notes[0].startswith("INFO") and "shallow" in notes[0], notes  # once, no warning
    site = BuiltSite(site_dir)
    for script in SCRIPTS:
        assert not any(p.soup.select_one("time.kb-updated") for p in site.pages(script)[:40])
        assert len(read_feed(site, script).entries) == 50  # listed days come from the data, not from docs/
    catalog = json.loads((site_dir / "catalog.json").read_text(encoding="utf-8"))
    assert all(entry["added"] is None for entry in catalog["entries"])


def test_a_clone_whose_history_git_cannot_read_builds_strictly_without_dates_in_gits_words(tmp_path) -> None:
    """A blobless clone (``--filter=blob:none``) whose remote is gone: ``git log -p`` cannot fetch
    the old file versions. The build says why in git's words, once, and goes on without dates."""
    clone = tmp_path / "kb"
    subprocess.run(["git", "clone", "-q", "--filter=blob:none", "--upload-pack",
                    "git -c uploadpack.allowFilter=true upload-pack", f"file://{ROOT}", str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "remote", "set-url", "origin", str(tmp_path / "gone")], check=True)
    said = subprocess.run(["git", "-C", str(clone), "log", "-p", "--", "docs"], capture_output=True, text=True)
    assert said.returncode != 0  # git itself cannot read it
    first_words = said.stderr.strip().splitlines()[0]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(clone / "site")],
                          cwd=clone, capture_output=True, text=True, env={**env, "NO_MKDOCS_2_WARNING": "1"})
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-3000:]
    assert "Traceback" not in log and "CalledProcessError" not in log
    notes = [line for line in log.splitlines() if "No page or entry dates" in line]
    assert len(notes) == 1 and notes[0].startswith("INFO"), notes
    assert "git could not read the history of docs/ (git: " in notes[0] and first_words in notes[0], notes
    catalog = json.loads((clone / "site" / "catalog.json").read_text(encoding="utf-8"))
    assert all(entry["added"] is None for entry in catalog["entries"])
