"""The stage objects of one process, and how the pipeline's event handlers reach them.

``pipeline.py`` names each step by reference (``GuardStage.check_sources``, ``offline.configure``),
so a reader or a tool can follow it to its code. A step is a method of a stage class, called on
the one object of that class, or a function of a stage module. The object is made when a step of
its class first runs; ``reload`` (``make serve`` after an edit to the build code) forgets the
package's modules and objects, so each step then runs the freshly imported code of the same name.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any

from mkdocs.exceptions import PluginError

from hooks.preview import PreviewStage

PACKAGE = "hooks"
KEPT_MODULES = frozenset({"hooks.preview"})  # the preview outlives reloads: it decides them
DATA_FILES = "hooks.parse.data_files"  # the loader whose DataFileError stops a build with its lines


class Stages:
    """One object per stage class, made on first use; made anew (from re-imported code) after
    ``reload``."""

    def __init__(self) -> None:
        self.preview = PreviewStage(self)
        self.objects: dict[tuple[str, str], Any] = {}

    def reload(self) -> None:
        """Forget every imported module of the package but the preview, and every stage object."""
        for name in [m for m in sys.modules if m.startswith(PACKAGE + ".") and m not in KEPT_MODULES]:
            del sys.modules[name]
        self.objects.clear()

    def current(self, step: Callable[..., Any]) -> Callable[..., Any]:
        """What runs for ``step`` now: the same-named function of the module as imported now,
        or the same-named method of the current object of its class."""
        module = import_module(step.__module__)
        owner, _, name = step.__qualname__.rpartition(".")
        if not owner:
            return getattr(module, name)
        if owner == PreviewStage.__name__:
            return getattr(self.preview, name)
        key = (step.__module__, owner)
        if key not in self.objects:
            self.objects[key] = getattr(module, owner)()
        return getattr(self.objects[key], name)


def steps(stages: Stages, priority: int, *chain: Callable[..., Any]) -> Callable[..., Any]:
    """One MkDocs event handler that runs ``chain`` in order, each step given the previous
    result; each step is looked up at each call (``Stages.current``), so a reload takes effect
    at once."""

    def run(*args: Any, **kwargs: Any) -> Any:
        item = args[0] if args else None
        for step in chain:
            handler = stages.current(step)
            try:
                result = handler(item, *args[1:], **kwargs) if args else handler(**kwargs)
            except ValueError as error:  # a data file that cannot be used: its lines, not a traceback
                if isinstance(error, import_module(DATA_FILES).DataFileError):
                    raise PluginError(str(error)) from None
                raise
            if result is not None:
                item = result
        return item

    run.mkdocs_priority = priority  # type: ignore[attr-defined]  # what mkdocs.plugins.event_priority sets
    run.__name__ = run.__qualname__ = "+".join(step.__qualname__ for step in chain)
    run.chain = chain  # type: ignore[attr-defined]  # the steps, for a reader or a test
    return run
