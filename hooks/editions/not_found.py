"""MkDocs glue: one 404 page per script.

Every language build renders the theme's ``404.html`` into the site root, so the last build
would overwrite the first. After each build the page just rendered is moved to where that
script lives: the site root for zh-Hans, ``zh-Hant/404.html`` for zh-Hant.
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from hooks import languages


def not_found_path(site_dir: str, language: str) -> Path:
    """Where the 404 page of one script belongs."""
    return Path(site_dir) / languages.prefix(language) / "404.html"


class NotFoundStage:
    """Keeps each language build's rendered 404 page and writes all of them to their places."""

    def __init__(self) -> None:
        self.rendered: dict[str, str] = {}

    def switcher_to_home(self, template, template_name: str, config: MkDocsConfig):
        """The 404 page's language switcher leads to each script's home page.

        mkdocs-static-i18n points the switcher of each page at that page's counterpart, as the
        attribute ``config.extra.alternate`` (which templates read before the key of the same name),
        and leaves the last page's links in place; the 404 page gets the home pages back.
        """
        home_pages = getattr(config.plugins.get("i18n"), "extra_alternate", None)
        if template_name == "404.html" and home_pages:
            config.extra["alternate"] = deepcopy(home_pages)
            config.extra.alternate = deepcopy(home_pages)  # type: ignore[attr-defined]  # set as i18n sets it
        return template

    def place(self, config: MkDocsConfig) -> None:
        """Remember this build's 404 page and write every remembered one to its place."""
        rendered = Path(config.site_dir) / "404.html"
        if rendered.is_file():
            self.rendered[languages.current(config)] = rendered.read_text(encoding="utf-8")
        for lang, html in self.rendered.items():
            target = not_found_path(config.site_dir, lang)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
