"""The theme's templates compiled once per process, not once per language.

mkdocs-static-i18n builds each language with a Jinja environment of its own, so every template
of the theme (``base.html``, the partials, the icons) would be compiled again for zh-Hant. The
environments share ``CODE``, a bytecode cache in memory: the second environment is handed the
code compiled for the first. Jinja checks an entry against the template's source (its checksum)
before it uses it, so a template edited under ``make serve`` is compiled anew.
"""

from __future__ import annotations

from typing import Any

import jinja2
from jinja2.bccache import Bucket


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in memory, by Jinja's key (template name and file)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        stored = self.code.get(bucket.key)
        if stored is not None:
            bucket.bytecode_from_string(stored)  # left empty when the source's checksum differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


CODE = MemoryBytecodeCache()


def share(env: jinja2.Environment, *args: Any, **kwargs: Any) -> jinja2.Environment:
    """``on_env``: give this language's environment the templates already compiled."""
    env.bytecode_cache = CODE
    return env
