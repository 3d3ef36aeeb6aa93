"""MkDocs glue for ``mkdocs serve``: a fast preview that follows edits to the build code too.

* Only the zh-Hans edition is rebuilt on each edit (the zh-Hant conversion and its search
  index double the time); ``SERVE_SCRIPTS=all make serve`` builds both, as ``make build`` does.
* ``make serve`` runs ``mkdocs serve --dirty``: only changed pages are rendered again, and a
  generated page (topic pages, the single page) only when its Markdown changed; the search
  index keeps the other pages' sections (``search.stage``).
* When a Python file of ``hooks/`` has changed since the last build, the stages are made anew
  from freshly imported code (mkdocs.yml's ``watch:`` makes such an edit trigger a rebuild).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hooks import languages, paths

if TYPE_CHECKING:
    from hooks.stages import Stages

log = logging.getLogger("mkdocs.hooks.preview")
SCRIPTS_SWITCH = "SERVE_SCRIPTS"


def code_signature() -> tuple[tuple[str, int, int], ...]:
    """What identifies the current build code: each Python file's path, mtime and size."""
    found = []
    for path in sorted(paths.HOOKS.rglob("*.py")):
        stat = path.stat()
        found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


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
        self.generated: dict[str, str] = {}  # dest path → the Markdown a generated page was built from

    def start(self, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = self.serving and dirty
        if self.serving and not both_scripts():
            log.info(f"preview builds {languages.DEFAULT} only; "
                     f"{SCRIPTS_SWITCH}=all make serve builds {languages.TRADITIONAL} as well")

    def reload_changed_code(self, config: Any) -> Any:
        """Under ``mkdocs serve``, load the build code again if a file of it has changed."""
        if not self.serving or languages.nested_build(config):
            return config
        signature = code_signature()
        if signature != self.signature:
            log.info("build code changed: loading it again")
            self.signature = signature
            self.stages.reload()
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

    def keep_unchanged_generated(self, nav: Any, config: Any, files: Any) -> Any:
        """Under ``mkdocs serve --dirty``, a generated page whose Markdown is unchanged since the
        last build keeps its built HTML, as an unchanged hand-written page does."""
        if not self.dirty:
            return nav
        for file in files.documentation_pages():
            if not file.generated_by:
                continue
            markdown = file.content_string
            built = Path(file.abs_dest_path).is_file()
            if built and self.generated.get(file.abs_dest_path) == markdown:
                file.is_modified = _unmodified
            self.generated[file.abs_dest_path] = markdown
        return nav


def _unmodified() -> bool:
    return False
