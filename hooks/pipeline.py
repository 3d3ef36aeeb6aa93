"""The one file MkDocs loads (``hooks:`` in mkdocs.yml): which stage runs at which event.

Each MkDocs event below lists its steps in the order they run. Steps share a *band*, the
priority MkDocs sorts handlers by, only to sit at the right place among the plugins' own
handlers of the same event:

* ``BEFORE_PLUGINS`` (100): before Material's search and offline plugins read their options
  and before mkdocs-static-i18n starts the next language's build (its ``on_post_build``).
* ``AFTER_I18N`` (-200): after mkdocs-static-i18n has chosen this language's files, nav and
  page (its handlers run at 50 and -100).
* ``AFTER_LANGUAGES`` (-150): ``on_post_build`` after i18n has built every further language
  and the offline plugin has written its files (both -100).
* ``LAST`` (-900): after everything else has changed the page.

Within a band, steps run in the order listed. State lives on the stage objects, one of each
per process (``mkdocs serve`` keeps them across rebuilds).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

from mkdocs.plugins import CombinedEvent

if "hooks" not in sys.modules:  # `mkdocs` started as a command: import the package from here
    _spec = importlib.util.spec_from_file_location(
        "hooks", Path(__file__).with_name("__init__.py"), submodule_search_locations=[str(Path(__file__).parent)])
    sys.modules["hooks"] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules["hooks"])

from hooks.check.stage import GuardStage  # noqa: E402
from hooks.convert.stage import ConvertStage  # noqa: E402
from hooks.editions import offline  # noqa: E402
from hooks.editions.not_found import NotFoundStage  # noqa: E402
from hooks.editions.single_page import SinglePageStage  # noqa: E402
from hooks.index.stage import TopicStage  # noqa: E402
from hooks.search.stage import SearchStage  # noqa: E402
from hooks.publish import contributing, external_links, text  # noqa: E402
from hooks.publish.csp import CspStage  # noqa: E402

BEFORE_PLUGINS = 100
AFTER_I18N = -200
AFTER_LANGUAGES = -150
LAST = -900


def steps(priority: int, *handlers: Callable) -> Callable:
    """One MkDocs event handler that runs ``handlers`` in order, each given the previous result."""

    def run(*args, **kwargs):
        item = args[0] if args else None
        for handler in handlers:
            result = handler(item, *args[1:], **kwargs) if args else handler(**kwargs)
            if result is not None:
                item = result
        return item

    run.mkdocs_priority = priority  # what mkdocs.plugins.event_priority sets
    return run


guard = GuardStage()
convert = ConvertStage()
topics = TopicStage()
search = SearchStage()
single_page = SinglePageStage()
not_found = NotFoundStage()
csp = CspStage()

on_startup = steps(0, csp.start)
on_config = CombinedEvent(
    steps(BEFORE_PLUGINS, guard.check_sources, search.load_dictionary, offline.configure,
          external_links.install),
    steps(AFTER_I18N, convert.site_strings),
)
on_pre_build = steps(BEFORE_PLUGINS, search.start)
on_files = steps(AFTER_I18N, guard.refuse_outside_files, topics.add_pages, single_page.add_page)
on_nav = steps(AFTER_I18N, topics.write_pages, convert.section_titles, search.read_pages,
               single_page.count_pages, text.nav_titles)
on_page_markdown = steps(AFTER_I18N, contributing.include_page, topics.fill_figures, topics.decorate,
                         convert.page)
on_page_content = steps(LAST, guard.sanitize, text.page_strings)
on_template_context = steps(AFTER_I18N, single_page.footer_link, text.site_strings)
on_page_context = steps(AFTER_I18N, single_page.assemble_page, text.site_strings)
on_pre_template = steps(AFTER_I18N, not_found.switcher_to_home)
on_post_page = CombinedEvent(
    steps(BEFORE_PLUGINS, search.add_entries),
    steps(LAST, csp.page),
)
on_post_template = steps(LAST, csp.template)
on_post_build = CombinedEvent(
    steps(BEFORE_PLUGINS, not_found.place, topics.write_catalog),
    steps(AFTER_LANGUAGES, search.write_indexes, offline.finish),
)
