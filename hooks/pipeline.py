"""The one file MkDocs loads (``hooks:`` in mkdocs.yml): which stage runs at which event.

Each MkDocs event below lists its steps in the order they run, by reference: a method of a
stage class (``GuardStage.check_sources``, run on the one object of that class) or a function
of a stage module (``offline.configure``). Steps
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
from freshly imported code, when the build code has changed: a step is looked up by its name
each time it runs.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from mkdocs.plugins import CombinedEvent

if "hooks" not in sys.modules:  # `mkdocs` started as a command: import the package from here
    _spec = importlib.util.spec_from_file_location(
        "hooks", Path(__file__).with_name("__init__.py"), submodule_search_locations=[str(Path(__file__).parent)])
    assert _spec is not None and _spec.loader is not None, "a spec made from a .py file has a source loader"
    sys.modules["hooks"] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules["hooks"])

from hooks import file_texts  # noqa: E402
from hooks.check.stage import GuardStage  # noqa: E402
from hooks.convert.stage import ConvertStage  # noqa: E402
from hooks.editions import offline  # noqa: E402
from hooks.editions.not_found import NotFoundStage  # noqa: E402
from hooks.editions.single_page import SinglePageStage  # noqa: E402
from hooks.freshness.stage import FreshnessStage  # noqa: E402
from hooks.index.stage import TopicStage  # noqa: E402
from hooks.output_folder import OutputFolderStage  # noqa: E402
from hooks.preview import PreviewStage  # noqa: E402
from hooks.publish import compiled_templates, contributing, external_links, glossary, text  # noqa: E402
from hooks.publish.csp import CspStage  # noqa: E402
from hooks.publish.footer import FooterStage  # noqa: E402
from hooks.publish.link_status import LinkStatusStage  # noqa: E402
from hooks.search.stage import SearchStage  # noqa: E402
from hooks.sources import credit_line  # noqa: E402
from hooks.stages import Stages, steps  # noqa: E402

BEFORE_PLUGINS = 100
AFTER_I18N = -200
AFTER_LANGUAGES = -150
LAST = -900

stages = Stages()

on_startup = steps(stages, 0, PreviewStage.start, SearchStage.begin, OutputFolderStage.begin)
on_config = CombinedEvent(
    steps(stages, BEFORE_PLUGINS, PreviewStage.reload_changed_code, PreviewStage.rebuild_on_new_layout,
          PreviewStage.choose_scripts, file_texts.begin_run,
          FreshnessStage.read_history, GuardStage.check_sources,
          offline.configure, external_links.install, LinkStatusStage.install),
    steps(stages, AFTER_I18N, SearchStage.skip_material_segmentation,
          SearchStage.index_first_section_of_generated_pages, ConvertStage.site_strings),
)
on_pre_build = steps(stages, BEFORE_PLUGINS, OutputFolderStage.acquire, SearchStage.start)
on_files = steps(stages, AFTER_I18N, GuardStage.refuse_outside_files, TopicStage.add_pages,
                 FreshnessStage.add_files, LinkStatusStage.add_page, SinglePageStage.add_page,
                 FooterStage.find_pages)
on_nav = CombinedEvent(
    steps(stages, BEFORE_PLUGINS, GuardStage.nav_files_load, ConvertStage.hand_written_under_simplified_names),
    steps(stages, AFTER_I18N, ConvertStage.hand_written_names_back, GuardStage.nav_links,
          TopicStage.write_pages, FreshnessStage.write_pages, LinkStatusStage.write_page,
          ConvertStage.section_titles, ConvertStage.find_cited_titles,
          SearchStage.read_pages, SinglePageStage.count_pages, text.nav_titles,
          PreviewStage.pages_to_render),
)
on_page_markdown = steps(stages, AFTER_I18N, text.page_meta, contributing.include_page, TopicStage.fill_figures,
                         TopicStage.decorate, credit_line.page, TopicStage.stash_lines, ConvertStage.page,
                         glossary.include_table)
on_page_content = steps(stages, LAST, GuardStage.sanitize, TopicStage.fill_lines, text.page_strings)
on_template_context = steps(stages, AFTER_I18N, SinglePageStage.footer_link, FooterStage.links,
                            text.site_strings)
on_page_context = steps(stages, AFTER_I18N, SinglePageStage.assemble_page, FreshnessStage.page_date,
                        FooterStage.links, text.site_strings, PreviewStage.remember_page)
on_env = steps(stages, 0, compiled_templates.share)
on_pre_template = steps(stages, AFTER_I18N, NotFoundStage.switcher_to_home)
on_post_page = CombinedEvent(
    steps(stages, BEFORE_PLUGINS, SearchStage.add_entries),
    steps(stages, LAST, CspStage.page),
)
on_post_template = steps(stages, LAST, CspStage.template)
on_post_build = CombinedEvent(
    steps(stages, BEFORE_PLUGINS, NotFoundStage.place, TopicStage.write_catalog),
    steps(stages, AFTER_LANGUAGES, GuardStage.report, SearchStage.write_indexes, offline.finish),
    steps(stages, LAST, file_texts.end_run, OutputFolderStage.release),
)
on_serve = steps(stages, 0, PreviewStage.serve)
on_build_error = steps(stages, 0, GuardStage.report_on_error, file_texts.end_run_on_error, OutputFolderStage.on_error)
