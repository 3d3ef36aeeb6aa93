"""The one file MkDocs loads (``hooks:`` in mkdocs.yml): which stage runs at which event.

Each MkDocs event below lists its steps in the order they run, as ``stage.method``. Steps
share a *band*, the priority MkDocs sorts handlers by, only to sit at the right place among
the plugins' own handlers of the same event:

* ``BEFORE_PLUGINS`` (100): before Material's search and offline plugins read their options
  and before mkdocs-static-i18n starts the next language's build (its ``on_post_build``).
* ``AFTER_I18N`` (-200): after mkdocs-static-i18n has chosen this language's files, nav and
  page, and after Material's search plugin has set up its index (their handlers run at 50 to -100).
* ``AFTER_LANGUAGES`` (-150): ``on_post_build`` after i18n has built every further language
  and the offline plugin has written its files (both -100).
* ``LAST`` (-900): after everything else has changed the page.

Within a band, steps run in the order listed. State lives on the stage objects of one
``Stages`` (``hooks/stages.py``), which ``mkdocs serve`` keeps across rebuilds and makes anew,
from freshly imported code, when the build code has changed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from mkdocs.plugins import CombinedEvent

if "hooks" not in sys.modules:  # `mkdocs` started as a command: import the package from here
    _spec = importlib.util.spec_from_file_location(
        "hooks", Path(__file__).with_name("__init__.py"), submodule_search_locations=[str(Path(__file__).parent)])
    sys.modules["hooks"] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules["hooks"])

from hooks.stages import Stages, steps  # noqa: E402

BEFORE_PLUGINS = 100
AFTER_I18N = -200
AFTER_LANGUAGES = -150
LAST = -900

stages = Stages()

on_startup = steps(stages, 0, "preview.start", "search.begin", "csp.start")
on_config = CombinedEvent(
    steps(stages, BEFORE_PLUGINS, "preview.reload_changed_code", "preview.choose_scripts",
          "freshness.read_history", "guard.check_sources", "search.load_dictionary", "offline.configure", "external_links.install",
          "link_status.install"),
    steps(stages, AFTER_I18N, "search.skip_material_segmentation", "convert.site_strings"),
)
on_pre_build = steps(stages, BEFORE_PLUGINS, "search.start")
on_files = steps(stages, AFTER_I18N, "guard.refuse_outside_files", "topics.add_pages", "freshness.add_files",
                 "link_status.add_page", "single_page.add_page", "footer.find_pages")
on_nav = CombinedEvent(
    steps(stages, BEFORE_PLUGINS, "guard.nav_files_load", "convert.hand_written_under_simplified_names"),
    steps(stages, AFTER_I18N, "convert.hand_written_names_back", "guard.nav_links", "topics.write_pages",
          "freshness.write_pages", "link_status.write_page", "convert.section_titles",
          "convert.find_cited_titles", "convert.strings_ahead", "search.read_pages",
          "single_page.count_pages", "text.nav_titles", "preview.pages_to_render"),
)
on_page_markdown = steps(stages, AFTER_I18N, "text.page_meta", "contributing.include_page", "topics.fill_figures",
                         "topics.decorate", "convert.page")
on_page_content = steps(stages, LAST, "guard.sanitize", "text.page_strings")
on_template_context = steps(stages, AFTER_I18N, "single_page.footer_link", "footer.links", "text.site_strings")
on_page_context = steps(stages, AFTER_I18N, "single_page.assemble_page", "freshness.page_date",
                        "footer.links", "text.site_strings")
on_pre_template = steps(stages, AFTER_I18N, "not_found.switcher_to_home")
on_post_page = CombinedEvent(
    steps(stages, BEFORE_PLUGINS, "search.add_entries"),
    steps(stages, LAST, "csp.page"),
)
on_post_template = steps(stages, LAST, "csp.template")
on_post_build = CombinedEvent(
    steps(stages, BEFORE_PLUGINS, "not_found.place", "topics.write_catalog"),
    steps(stages, AFTER_LANGUAGES, "guard.report", "search.write_indexes", "offline.finish"),
)
on_build_error = steps(stages, 0, "guard.report_on_error")
on_shutdown = steps(stages, 0, "search.stop", "convert.stop", "guard.stop")
