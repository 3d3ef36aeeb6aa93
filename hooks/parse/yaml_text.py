"""YAML documents read with libyaml when PyYAML has it.

libyaml's parser reads the same documents as PyYAML's own, several times faster; the
constructors and tag resolution stay PyYAML's, so the values and line marks are the same. A
document libyaml refuses is read again by PyYAML's own parser, so that an error names the same
line and problem whichever parser is installed.
"""

from __future__ import annotations

from typing import Any

import yaml

FAST_LOADER: type | None = getattr(yaml, "CSafeLoader", None)  # libyaml's parser, PyYAML's safe constructor


def load(text: str, loader: type = yaml.SafeLoader, fast_loader: type | None = FAST_LOADER,
         refusals: tuple[type[Exception], ...] = ()) -> Any:
    """One document, read by ``fast_loader`` (libyaml's) when there is one; by ``loader``
    (PyYAML's own parser) when there is not, or when the fast one refuses the document (a YAML
    error, or one of ``refusals``), so that an error is always PyYAML's."""
    if fast_loader is not None:
        try:
            return yaml.load(text, Loader=fast_loader)  # noqa: S506 (a CSafeLoader or a subclass)
        except (yaml.YAMLError, *refusals):
            pass
    return yaml.load(text, Loader=loader)  # noqa: S506 (a SafeLoader or a subclass)


def safe_load(text: str) -> Any:
    """``yaml.safe_load``, faster."""
    return load(text)


def compose(text: str) -> yaml.Node | None:
    """``yaml.compose`` (the node tree, with each node's line), faster."""
    if FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)
