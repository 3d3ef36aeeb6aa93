"""The stage objects of one process, and how the pipeline's event handlers reach them."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

from mkdocs.exceptions import PluginError

from hooks.preview import PreviewStage

PACKAGE = "hooks"
DATA_FILES = "hooks.parse.data_files"  # the loader whose DataFileError stops a build with its lines
STAGE_MODULES = {  # attribute → module; a class name builds the stage object, None uses the module
    "guard": ("hooks.check.stage", "GuardStage"),
    "convert": ("hooks.convert.stage", "ConvertStage"),
    "topics": ("hooks.index.stage", "TopicStage"),
    "freshness": ("hooks.freshness.stage", "FreshnessStage"),
    "search": ("hooks.search.stage", "SearchStage"),
    "single_page": ("hooks.editions.single_page", "SinglePageStage"),
    "not_found": ("hooks.editions.not_found", "NotFoundStage"),
    "offline": ("hooks.editions.offline", None),
    "contributing": ("hooks.publish.contributing", None),
    "external_links": ("hooks.publish.external_links", None),
    "link_status": ("hooks.publish.link_status", "LinkStatusStage"),
    "footer": ("hooks.publish.footer", "FooterStage"),
    "csp": ("hooks.publish.csp", "CspStage"),
    "text": ("hooks.publish.text", None),
}


class Stages:
    """One object per stage; made anew (from re-imported code) by ``reload``."""

    def __init__(self) -> None:
        self.preview = PreviewStage(self)
        self.load()

    def load(self) -> None:
        for name, (module_name, class_name) in STAGE_MODULES.items():
            module = importlib.import_module(module_name)
            setattr(self, name, getattr(module, class_name)() if class_name else module)

    def reload(self) -> None:
        """Stop the stages' helpers, forget every imported module of the package (not the
        package itself) and load again."""
        for name in STAGE_MODULES:
            stop = getattr(getattr(self, name, None), "stop", None)
            if callable(stop):
                stop()
        for name in [m for m in sys.modules if m.startswith(PACKAGE + ".") and m != "hooks.preview"]:
            del sys.modules[name]
        self.load()

    def handler(self, step: str) -> Callable[..., Any]:
        stage, method = step.split(".")
        return getattr(getattr(self, stage), method)


def steps(stages: Stages, priority: int, *names: str) -> Callable[..., Any]:
    """One MkDocs event handler that runs the named steps in order, each given the previous
    result; names are looked up at each call, so a reload takes effect at once."""

    def run(*args: Any, **kwargs: Any) -> Any:
        item = args[0] if args else None
        for name in names:
            handler = stages.handler(name)
            try:
                result = handler(item, *args[1:], **kwargs) if args else handler(**kwargs)
            except ValueError as error:  # a data file that cannot be used: its lines, not a traceback
                if isinstance(error, importlib.import_module(DATA_FILES).DataFileError):
                    raise PluginError(str(error)) from None
                raise
            if result is not None:
                item = result
        return item

    run.mkdocs_priority = priority  # what mkdocs.plugins.event_priority sets
    run.__name__ = run.__qualname__ = "+".join(names)
    return run

