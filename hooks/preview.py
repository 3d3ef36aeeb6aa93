"""MkDocs glue for ``mkdocs serve``: a fast preview that follows edits to the build code too.

* Only the zh-Hans edition is rebuilt on each edit (the zh-Hant conversion and its search
  index double the time); ``SERVE_SCRIPTS=all make serve`` builds both, as ``make build`` does.
* ``make serve`` runs ``mkdocs serve --dirty``: only changed pages are rendered again, and a
  generated page (topic pages, the single page) only when its Markdown changed; the search
  index keeps the other pages' sections (``search.stage``).
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
        rendered_with = signature + overrides_signature()
        self.render_all = rendered_with != self.rendered_with
        self.rendered_with = rendered_with
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
        theme overrides, every page is rendered again: any of them may show the change."""
        if not self.dirty:
            return nav
        for file in files.documentation_pages():
            if self.render_all:
                file.is_modified = _modified
            elif file.generated_by:
                built = Path(file.abs_dest_path).is_file()
                if built and self.generated.get(file.abs_dest_path) == file.content_string:
                    file.is_modified = _unmodified
            if file.generated_by:
                self.generated[file.abs_dest_path] = file.content_string
        return nav


def _modified() -> bool:
    return True


def _unmodified() -> bool:
    return False
