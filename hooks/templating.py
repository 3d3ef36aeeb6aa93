"""Interface text of the generated pages, rendered from the Jinja templates in ``hooks/templates/``.

Generated pages are Markdown: a template writes the words a reader sees (titles, introductions,
labels), the code fills in names, links and counts. The zh-Hant build converts the rendered
Markdown like any page.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from hooks import paths


@cache
def environment() -> jinja2.Environment:
    """One environment per process: templates are compiled once."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(paths.TEMPLATES), keep_trailing_newline=True,
                              undefined=jinja2.StrictUndefined, autoescape=False)


def render(name: str, **values: Any) -> str:
    """A template's Markdown with ``values`` filled in."""
    return environment().get_template(name).render(**values)
