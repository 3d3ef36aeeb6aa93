"""YAML documents read with libyaml when PyYAML has it.

libyaml's parser reads the same documents as PyYAML's own, several times faster; the
constructors and tag resolution stay PyYAML's, so the values and line marks are the same. A
document libyaml refuses is read again by PyYAML's own parser, so that an error names the same
line and problem whichever parser is installed.
"""

from __future__ import annotations

from typing import Any

import yaml

_FAST = getattr(yaml, "CSafeLoader", None)


def safe_load(text: str) -> Any:
    """``yaml.safe_load``, faster."""
    if _FAST is not None:
        try:
            return yaml.load(text, Loader=_FAST)  # noqa: S506 (libyaml's SafeLoader)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def compose(text: str) -> yaml.Node | None:
    """``yaml.compose`` (the node tree, with each node's line), faster."""
    if _FAST is not None:
        try:
            return yaml.compose(text, Loader=_FAST)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)
