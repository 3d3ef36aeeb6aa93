"""A read-only view of a built site: its HTML pages per script, parsed with BeautifulSoup."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from bs4 import BeautifulSoup, Tag

HANT_DIR = "zh-Hant"


def attribute(tag: Tag, name: str) -> str:
    """A single-valued attribute of an element (href, id, hreflang, aria-label); KeyError if absent."""
    value = tag[name]
    assert isinstance(value, str), f"{name} holds several values: {value!r}"
    return value


def one(soup: Tag, selector: str) -> Tag:
    """The first element a CSS selector matches; the test fails when none does."""
    found = soup.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found


@dataclass(frozen=True)
class HtmlPage:
    """One HTML file of the built site."""

    root: Path
    path: Path

    @property
    def rel(self) -> str:
        """Path relative to the site root, with forward slashes."""
        return self.path.relative_to(self.root).as_posix()

    @cached_property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.path.read_text(encoding="utf-8"), "html.parser")

    @cached_property
    def article(self):
        """The page's main content (Material's ``article.md-content__inner``)."""
        return self.soup.select_one("article.md-content__inner") or self.soup

    @cached_property
    def text(self) -> str:
        """Visible text of the main content, whitespace collapsed."""
        return " ".join(self.article.get_text(" ").split())

    @cached_property
    def prose(self) -> str:
        """Like ``text`` but without code (code is never converted between scripts) and without
        words marked as the other script (``lang="zh-Hant"`` on a zh-Hans page: the 术语表's
        繁體 column, and the reverse)."""
        article = BeautifulSoup(str(self.article), "html.parser")
        for code in article.find_all(["code", "pre"]):
            code.decompose()
        other = "zh-Hans" if self.rel.startswith(HANT_DIR + "/") else "zh-Hant"
        for marked in article.select(f'[lang="{other}"]'):
            marked.decompose()
        return " ".join(article.get_text(" ").split())


@dataclass
class BuiltSite:
    """The output folder of one build, split into the two scripts. Each page is read and parsed
    once, however many tests look at it (``page``); tests only read the parsed pages."""

    root: Path
    base_path: str = "/"
    _pages: dict[str, list[HtmlPage]] = field(default_factory=dict)
    _by_rel: dict[str, HtmlPage] = field(default_factory=dict)

    def pages(self, script: str) -> list[HtmlPage]:
        """Content pages of ``zh-Hans`` (site root) or ``zh-Hant`` (``/zh-Hant/``)."""
        if script not in self._pages:
            base = self.root / HANT_DIR if script == "zh-Hant" else self.root
            found = []
            for path in sorted(base.rglob("*.html")):
                rel = path.relative_to(self.root).as_posix()
                if script == "zh-Hans" and rel.startswith(HANT_DIR + "/"):
                    continue
                if rel.endswith("404.html"):
                    continue
                found.append(self.page(rel))
            self._pages[script] = found
        return self._pages[script]

    def resolve(self, page: HtmlPage, href_path: str) -> Path:
        """File a link path points at: relative to the page, or absolute under ``base_path``."""
        if href_path.startswith("/"):
            target = self.root / href_path.removeprefix(self.base_path).lstrip("/")
        else:
            target = page.path.parent / href_path
        target = target.resolve()
        if target.is_dir() or href_path.endswith("/"):
            target = target / "index.html"
        return target

    def page(self, rel: str) -> HtmlPage:
        """One page by its path relative to the site root, e.g. ``training/peft/index.html``."""
        if rel not in self._by_rel:
            self._by_rel[rel] = HtmlPage(self.root, self.root / rel)
        return self._by_rel[rel]
