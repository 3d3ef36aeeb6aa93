"""MkDocs glue for ``mkdocs serve``: a fast preview that follows edits to the build code too.

* Only the zh-Hans edition is rebuilt on each edit (the zh-Hant conversion and its search
  index double the time); ``SERVE_SCRIPTS=all make serve`` builds both, as ``make build`` does.
* ``make serve`` runs ``mkdocs serve --dirty``: only changed pages are rendered again, and a
  generated page (topic pages) only when its Markdown changed; the search index keeps the other
  pages' sections (``search.stage``). MkDocs does not read the pages it does not render, so
  each page's title, HTML and table of contents are kept from its last rendering and given
  back to it (``remember_page``): the navigation of the pages rendered again and of the 404
  page names every page, and the single page, rendered again whenever a page written in
  ``docs/`` is, assembles every page.
* When the pages themselves change shape (a file of ``docs/`` added, removed or renamed, a
  ``.pages`` navigation file or ``mkdocs.yml`` edited), a dirty rebuild would keep the outputs
  of removed pages, the navigation and links of pages not rendered again, and a single page
  assembled from the few pages rendered in this run: the served folder is emptied and the
  whole site is built again, as a fresh build would (``rebuild_on_new_layout``).
* When a file of ``hooks/`` (Python, data, templates) has changed since the last build, the
  stages are made anew from freshly imported code, which reads the data files again; after
  such an edit, or one to ``overrides/``, every page is rendered again (mkdocs.yml's
  ``watch:`` makes these edits trigger a rebuild).
* The pages are served with the site's own Content-Security-Policy: live reload loads its
  script from a file (``hooks/live_reload.py``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.utils import clean_directory

from hooks import languages, live_reload, paths

if TYPE_CHECKING:
    from hooks.stages import Stages

log = logging.getLogger("mkdocs.hooks.preview")
SCRIPTS_SWITCH = "SERVE_SCRIPTS"


def signature(folder: Path, pattern: str = "*") -> tuple[tuple[str, int, int], ...]:
    """What identifies a folder's files (``pattern``): each one's path, mtime and size."""
    found = []
    for path in sorted(folder.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def code_signature() -> tuple[tuple[str, int, int], ...]:
    """The build code and what it reads once per process: ``hooks/`` (Python, data, templates)."""
    return signature(paths.HOOKS)


def overrides_signature() -> tuple[tuple[str, int, int], ...]:
    """The theme overrides, which every page is rendered with (as with the build code)."""
    return signature(paths.ROOT / "overrides")


Layout = tuple[tuple[str, ...], tuple[tuple[str, int, int], ...]]


def site_layout(docs_dir: Path, config_file: Path) -> Layout:
    """What every page depends on beyond its own source: which files ``docs_dir`` holds (by
    name; hidden ones, such as an editor's swap files, are never published and left out), and
    the navigation files (``.pages``) and ``config_file`` (their mtime and size)."""
    relative = (path.relative_to(docs_dir) for path in docs_dir.rglob("*") if path.is_file())
    names = tuple(sorted(name.as_posix() for name in relative if not any(p.startswith(".") for p in name.parts)))
    navigation = signature(docs_dir, ".pages")
    if config_file.is_file():
        stat = config_file.stat()
        navigation += ((str(config_file), stat.st_mtime_ns, stat.st_size),)
    return names, navigation


def both_scripts(environ: dict[str, str] | None = None) -> bool:
    """True when the preview should build every script (``SERVE_SCRIPTS=all``)."""
    return (environ if environ is not None else os.environ).get(SCRIPTS_SWITCH, "").lower() == "all"


class PreviewStage:
    """Knows whether ``mkdocs serve`` runs, and which code the stages were made from."""

    def __init__(self, stages: Stages) -> None:
        self.stages = stages
        self.serving = False
        self.dirty = False
        self.signature = code_signature()
        self.rendered_with = self.signature + overrides_signature()
        self.render_all = False  # this run renders every page again (what they are rendered with changed)
        self.generated: dict[str, str] = {}  # dest path → the Markdown a generated page was built from
        self.layout: Layout | None = None  # the docs files and navigation the last build was made from
        self.rendered: dict[str, tuple[Any, Any, Any]] = {}  # page URL → title, HTML, toc of its last rendering

    def start(self, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = self.serving and dirty
        if self.serving and not both_scripts():
            log.info(f"preview builds {languages.DEFAULT} only; "
                     f"{SCRIPTS_SWITCH}=all make serve builds {languages.TRADITIONAL} as well")

    def serve(self, server: Any, config: Any, builder: Any) -> Any:
        """The server adds its live-reload script as a file, which the pages' policy admits."""
        return live_reload.install(server)

    def reload_changed_code(self, config: Any) -> Any:
        """Under ``mkdocs serve``, load the build code again if a file of it has changed."""
        if not self.serving or languages.nested_build(config):
            return config
        signature = code_signature()
        if signature != self.signature:
            log.info("build code or its data changed: loading it again")
            self.signature = signature
            self.stages.reload()
            from hooks.output_folder import OutputFolderStage  # made anew: told again that this is a preview

            self.stages.current(OutputFolderStage.begin)("serve", self.dirty)
        rendered_with = signature + overrides_signature()
        self.render_all = rendered_with != self.rendered_with
        self.rendered_with = rendered_with
        return config

    def rebuild_on_new_layout(self, config: Any) -> Any:
        """Under ``mkdocs serve --dirty``, build the whole site afresh when a page was added,
        removed or renamed, or the navigation or mkdocs.yml changed: empty the served folder,
        render every page and index every page anew (the search stage's dirty merge is off
        for this build)."""
        if not self.dirty or languages.nested_build(config):
            return config
        layout = site_layout(Path(config.docs_dir), Path(config.config_file_path or "mkdocs.yml"))
        fresh = self.layout is not None and layout != self.layout
        self.layout = layout
        if fresh:
            log.info("pages added, removed or renamed, or the navigation changed: building the whole site again")
            clean_directory(config.site_dir)
            self.render_all = True
            self.generated.clear()
        from hooks.search.stage import SearchStage  # the current code: it is imported again after a reload

        self.stages.current(SearchStage.begin)("serve", dirty=not fresh)
        return config

    def choose_scripts(self, config: Any) -> Any:
        """Under ``mkdocs serve``, build the default script only unless asked for all."""
        i18n = config.plugins.get("i18n")
        if not self.serving or both_scripts() or i18n is None:
            return config
        for language in i18n.config.languages:
            if not language.default:
                language.build = False
        return config

    def pages_to_render(self, nav: Any, config: Any, files: Any) -> Any:
        """Under ``mkdocs serve --dirty``, which pages are rendered again. A generated page whose
        Markdown is unchanged since the last build keeps its built HTML, as an unchanged
        hand-written page does. After an edit to the build code, its data or templates, or the
        theme overrides, every page is rendered again: any of them may show the change. The
        single page is rendered again with any page written in docs/; a page not rendered again
        gets back the title, HTML and contents of its last rendering (``remember_page``)."""
        if not self.dirty:
            return nav
        from hooks.editions.single_page import SOURCE as SINGLE_PAGE  # the current code (see rebuild_on_new_layout)

        pages = files.documentation_pages()
        for file in pages:
            if self.render_all:
                file.is_modified = _modified
            elif file.generated_by:
                built = Path(file.abs_dest_path).is_file()
                if built and self.generated.get(file.abs_dest_path) == file.content_string:
                    file.is_modified = _unmodified
            if file.generated_by:
                self.generated[file.abs_dest_path] = file.content_string
        written_changed = any(file.is_modified() for file in pages if not file.generated_by)
        for file in pages:
            if written_changed and file.generated_by and file.src_uri == SINGLE_PAGE:
                file.is_modified = _modified
            elif file.page is not None and not file.is_modified() and file.page.url in self.rendered:
                file.page.title, file.page.content, file.page.toc = self.rendered[file.page.url]
        return nav

    def remember_page(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        """Under ``mkdocs serve --dirty``, keep what a rendered page gives the pages built with it."""
        if self.dirty:
            self.rendered[page.url] = (page.title, page.content, page.toc)
        return context


def _modified() -> bool:
    return True


def _unmodified() -> bool:
    return False
