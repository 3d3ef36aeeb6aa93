"""Run every check over the project: data files first, then each page of docs/.

Reads files and calls the pure checks; used by ``python -m hooks.check`` (the standalone command)
and hooks/check/stage.py (inside every MkDocs build), so both report the same findings.
"""

from __future__ import annotations

import posixpath
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from hooks import languages, paths
from hooks.convert import chinese as zh_convert
from hooks.convert import taiwan as taiwan_module
from hooks.file_texts import FILES
from hooks.freshness.recent import RECENT_PAGE
from hooks.index import entry_types as entry_types_module
from hooks.index import pages as topic_pages_module
from hooks.index import reading_order as reading_order_module
from hooks.index import reading_path as reading_path_module
from hooks.index import topics as topics_module
from hooks.links import status_file as status_file_module
from hooks.links.marks import REPORT_PAGE as LINK_STATUS_PAGE
from hooks.parse import entries as entries_module
from hooks.parse.catalog import heading_slugify, page_title
from hooks.parse.data_files import DataFileError, read_limited
from hooks.parse.markdown import Source, anchors
from hooks.search import terms as search_terms_module
from hooks.sources import config as source_config

from .characters import control_findings, title_finding
from .data_files import check_source_sites, check_with_loader, check_yaml_file, findings_of
from .dead_ends import (
    NoteWords,
    check_debris_notes,
    check_empty_sections,
    check_nothing_claims,
    check_pointing_notes,
    load_note_words,
)
from .entries_check import check_duplicate_urls, check_entries, check_topic_overrides
from .findings import Finding, from_message
from .front_matter import check_front_matter
from .link_titles import check_link_titles
from .link_titles import load_exceptions as load_link_text_exceptions
from .links import check_internal_links
from .nav_files import check_nav_file, check_unlisted_pages
from .plain_text import check_text_file
from .published_files import SYMLINK_FIX, assets_of, file_problem, symlinks_under
from .sanitize import check_page_html, markdown_renderer
from .script import check_script, load_exceptions
from .senses import Ambiguous, ambiguous_words, check_data_senses, check_senses, load_words
from .shape import check_shape
from .table_words import check_table_words
from .urls import check_url_schemes

TRADITIONAL_SUFFIX = ".zh-Hant.md"
PIPELINE_HOOK = "pipeline.py"
INCLUDED_PAGES = {"about/contributing.md": "CONTRIBUTING.md"}
"""Pages whose text comes from a file outside docs/ (hooks/publish/contributing.py shows it)."""


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    pages: int
    data_files: int
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.findings


class _IgnorePythonTags(yaml.SafeLoader):
    """mkdocs.yml holds !!python/… tags (the slugify function): read them as None."""


_IgnorePythonTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_mkdocs_config(root: Path) -> dict[str, Any]:
    path = root / "mkdocs.yml"
    if not path.is_file():
        return {}
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_IgnorePythonTags) or {}


@dataclass
class Project:
    """Where things are. `root` holds mkdocs.yml, docs/ and hooks/."""

    root: Path
    docs_dir: Path
    exclude_docs: Any = None  # a pathspec of mkdocs.yml's exclude_docs (or its text)
    hooks: tuple[str, ...] = ()
    assets: frozenset[str] = frozenset()  # the scripts and style sheets mkdocs.yml lists

    @classmethod
    def at(cls, root: Path | str) -> Project:
        """Read mkdocs.yml (standalone use)."""
        root = Path(root).resolve()
        config = read_mkdocs_config(root)
        return cls(root, (root / config.get("docs_dir", "docs")).resolve(), config.get("exclude_docs"),
                   tuple(str(hook) for hook in config.get("hooks") or ()), assets_of(config))

    @classmethod
    def from_mkdocs(cls, config: Any) -> Project:
        """From MkDocs' validated config (inside a build)."""
        return cls(Path(config.config_file_path).resolve().parent, Path(config.docs_dir).resolve(),
                   config.exclude_docs, tuple(config.hooks or ()), assets_of(config))

    @property
    def data_dir(self) -> Path:
        return paths.DATA

    def display(self, path: Path) -> str:
        """A path as findings show it: relative to the project root."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def docs_files(self) -> list[str]:
        """Docs-relative paths of the files MkDocs publishes (hidden files and exclude_docs skipped)."""
        import pathspec

        default = pathspec.GitIgnoreSpec.from_lines([".*", "/templates/"])
        excluded = self.exclude_docs
        if isinstance(excluded, str):
            excluded = pathspec.GitIgnoreSpec.from_lines(excluded.splitlines())
        found = []
        outside = {link for link, _ in self.outside_links()}
        for path in sorted(self.docs_dir.rglob("*")):
            rel = path.relative_to(self.docs_dir).as_posix()
            if path in outside or any(parent in outside for parent in path.parents):
                continue
            if path.is_file() and not default.match_file(rel) and not (excluded and excluded.match_file(rel)):
                found.append(rel)
        return found

    def outside_links(self) -> list[tuple[Path, str]]:
        """(symlink, why it is refused) for every link under docs/ and overrides/ that leaves its
        own folder, leads into a hidden folder or round in a loop (``published_files``)."""
        return [found for folder in (self.docs_dir, self.root / "overrides") if folder.is_dir()
                for found in symlinks_under(folder)]

    def uses_topic_pages(self) -> bool:
        """True when the build pipeline (which builds the topic pages) is a configured hook."""
        return any(Path(hook).name == PIPELINE_HOOK for hook in self.hooks)


@dataclass
class _Context:
    project: Project
    render_pages: bool = True  # render each page for the allowlist check (the build checks its own HTML)
    vocabulary: Any = None
    exceptions: tuple[str, ...] = ()
    note_words: NoteWords = NoteWords(())  # hooks/data/pointing_phrases.yml (none while it does not load)
    entry_anchors: dict[str, frozenset[str]] = field(default_factory=dict)
    entries: list[Any] = field(default_factory=list)  # the entries of every checked page
    unread_entries: bool = False  # a page's entries could not be read (reported on the page)

    @cached_property
    def to_simplified(self):
        return languages.to_simplified()

    @cached_property
    def ambiguous(self) -> tuple[Ambiguous, ...]:
        """The glossary's words with two meanings (none while the glossary does not load: it is
        reported with the data files)."""
        try:
            glossary = zh_convert.load_glossary(self.project.data_dir / paths.GLOSSARY.name)
            words = load_words(self.project.data_dir / paths.SENSES.name)
        except (zh_convert.GlossaryError, DataFileError):
            return ()
        return ambiguous_words(words, glossary, languages.opencc_converter("s2tw").convert)

    @cached_property
    def render(self):
        return markdown_renderer(self.project.root)


def check_html(source: Source, context: _Context) -> list[Finding]:
    """What the build's allowlist would remove from the page (hooks/check/sanitize.py)."""
    return check_page_html(source.path, source.text, source.line(source.body_offset) - 1, context.render)


def html_findings(source: Source, context: _Context, schemes: list[Finding]) -> list[Finding]:
    """`check_html`, less the URL schemes that `check_url_schemes` reports on the same line."""
    scheme_lines = {f.line for f in schemes}
    return [f for f in check_html(source, context)
            if not (f.line in scheme_lines and f.reason.startswith("URL scheme"))]


def page_html_findings(project: Project, page: str) -> list[Finding]:
    """The allowlist check of one docs-relative page (its included file, for an included page),
    as `check_project` reports it: the build calls it for a page whose HTML lost something."""
    path = project.root / INCLUDED_PAGES[page] if page in INCLUDED_PAGES else project.docs_dir / page
    if not path.is_file():
        return []
    text, _ = read_text(path, project.display(path))
    source = Source(project.display(path), page, text)
    return html_findings(source, _Context(project), check_url_schemes(source))


def check_data_files(project: Project, context: _Context) -> tuple[list[Finding], int]:
    """The glossary, the topic vocabulary, the source-site table, the exception list, .pages files."""
    data = project.data_dir
    problems: list[Finding] = []
    count = 0
    glossary = data / "zh_hant_terms.tsv"
    if glossary.is_file():
        count += 1
        problems += check_with_loader(glossary, project.display(glossary), zh_convert.load_glossary,
                                      (zh_convert.GlossaryError,))[1]
        problems += check_text_file(glossary, project.display(glossary), "a glossary term")
    vocabulary_file = data / "topics.yml"
    if topics_module is not None and vocabulary_file.is_file():
        count += 1
        _, found = check_yaml_file(vocabulary_file, project.display(vocabulary_file))
        if not found:
            context.vocabulary, found = check_with_loader(
                vocabulary_file, project.display(vocabulary_file), topics_module.load_vocabulary,
                (topics_module.VocabularyError,))
        problems += found + check_text_file(vocabulary_file, project.display(vocabulary_file),
                                            "a topic name, alias or description")
    sites = data / "source_sites.yml"
    if sites.is_file():
        count += 1
        problems += check_source_sites(sites, project.display(sites))
        problems += check_text_file(sites, project.display(sites), "a source name")
    loaders: tuple[tuple[Path, Callable[[Path], object]], ...] = (
        (data / "entry_types.yml", entry_types_module.load_entry_types),
        (data / "zh_hant_rules.tsv", taiwan_module.load_rules),
        (data / "link_status.yml", status_file_module.load_status),
        (data / "reading_path.yml", reading_path_module.load_path),
        (data / "reading_order.yml", reading_order_module.load_reading_order),
        (data / "search_terms.yml", search_terms_module.load_search_terms),
    )
    for path, loader in loaders:  # each by the loader the build reads it with
        if path.is_file():
            count += 1
            problems += check_with_loader(path, project.display(path), loader, ())[1]
    lists_file, records_file = data / paths.SOURCE_LISTS.name, data / paths.SOURCE_IMPORTS.name
    lists = None
    if lists_file.is_file():
        count += 1
        lists, found = check_with_loader(lists_file, project.display(lists_file),
                                         partial(source_config.load_lists, docs_dir=project.docs_dir), ())
        problems += found
    if records_file.is_file():  # whose records name followed sources (when the lists load)
        count += 1
        problems += check_with_loader(records_file, project.display(records_file),
                                      partial(source_config.load_records, lists=lists), ())[1]
    phrases = data / "pointing_phrases.yml"
    if phrases.is_file():
        count += 1
        loaded, found = check_with_loader(phrases, project.display(phrases), load_note_words, ())
        context.note_words = loaded or NoteWords(())
        problems += found
    for path in (paths.LINK_TEXT_EXCEPTIONS, paths.OFFLINE_DOWNLOAD):  # read as YAML against their schema
        if path.is_file():
            count += 1
            problems += check_yaml_file(path, project.display(path))[1]
    exceptions = data / "simplified_exceptions.txt"
    if exceptions.is_file():
        count += 1
        try:
            context.exceptions = load_exceptions(exceptions)
        except DataFileError as error:
            problems += findings_of(error, project.display(exceptions))
    senses = data / paths.SENSES.name
    if senses.is_file():
        count += 1
        try:
            load_words(senses)
        except DataFileError as error:
            problems += findings_of(error, project.display(senses))
    shown_text = [(data / "topics.yml", "topics"), (data / "reading_path.yml", "reading_path"),
                  (data / "search_terms.yml", "search_terms"), (data / "reading_order.yml", "reading_order"),
                  *((path, "pages") for path in sorted(project.docs_dir.rglob(".pages")))]
    for shown, kind in shown_text:  # text the zh-Hant edition shows converted
        try:
            text = read_limited(shown, kind) if shown.is_file() else ""
        except DataFileError:
            continue  # reported with the data files
        problems += check_data_senses(project.display(shown), text, context.ambiguous)
    for pages_file in sorted(project.docs_dir.rglob(".pages")):
        count += 1
        problems += check_yaml_file(pages_file, project.display(pages_file))[1]
        problems += check_text_file(pages_file, project.display(pages_file), "a navigation title")
    return problems, count


def generated_pages(project: Project, vocabulary: Any) -> tuple[list[str], list[str]]:
    """Pages the build adds that have no file in docs/ (the topic pages), and folders whose
    pages cannot be listed (the topic pages while topics.yml does not load)."""
    if not project.uses_topic_pages():
        return [], []
    layout = topic_pages_module.DEFAULT_LAYOUT
    if vocabulary is None:
        return [], [layout.topics_dir]
    return [layout.topics_index, layout.sources_index, layout.all_entries, RECENT_PAGE, LINK_STATUS_PAGE,
            *(layout.topic_page(topic.slug) for topic in vocabulary.topics)], []


def check_unused_topics(project: Project, context: _Context, count_resources: bool = True) -> list[Finding]:
    """A topic none of whose aliases occurs in any entry (and that no entry is tagged with) would
    get an empty page: the build refuses it with this same message. With ``count_resources``, a
    topic with fewer than three resources is reported too: it belongs in a broader topic."""
    vocabulary = context.vocabulary
    if vocabulary is None or not project.uses_topic_pages() or context.unread_entries:
        return []  # (a page whose entries cannot be read, reported on the page, would make topics look empty)
    try:
        assigned = topics_module.assign_topics(context.entries, topics_module.Matcher(vocabulary), vocabulary.slugs)
    except topics_module.TopicError:
        return []  # an unknown topic on an entry: reported on the entry's line
    display = project.display(project.data_dir / "topics.yml")
    messages = topic_pages_module.topic_without_entries_messages(
        topic_pages_module.unused_topics(assigned, vocabulary), vocabulary, display)
    if count_resources:
        index = topic_pages_module.build_index(context.entries, assigned, [], vocabulary)
        messages += topic_pages_module.thin_topic_messages(
            topic_pages_module.thin_topics(index, vocabulary), vocabulary, display)
        messages += topic_pages_module.topic_without_links_messages(
            topic_pages_module.topics_without_links(index, vocabulary), vocabulary, display)
        messages += topic_pages_module.first_read_messages(index, vocabulary, display)
    return [from_message(message, "data-file", display) for message in messages]


def page_title_findings(source: Source) -> list[Finding]:
    """The page's title (front matter ``title``, else its first H1) must show something."""
    title = page_title(source.text, source.page)
    if title == source.page:
        return []
    at = source.text.find(title) if title else -1
    found = title_finding(source.path, source.line(at) if at >= 0 else 1, title, "the page's title")
    return [found] if found else []


def check_reading_path(project: Project, context: _Context, files: list[str]) -> list[Finding]:
    """The home page's reading path names entries and pages the site has (the build refuses it
    with these same lines otherwise)."""
    path = project.data_dir / "reading_path.yml"
    if not project.uses_topic_pages() or not path.is_file():
        return []
    try:
        loaded = reading_path_module.load_path(path)
    except DataFileError:
        return []  # reported with the data files
    urls = {entry.url for entry in context.entries if entry.url}
    problems = reading_path_module.reference_problems(loaded, urls, {f for f in files if f.endswith(".md")})
    if context.unread_entries:  # a URL of a page whose entries could not be read is not missing
        problems = [p for p in problems if not p.reason.startswith(reading_path_module.MISSING_URL)]
    return [Finding(project.display(path), p.line, p.reason, p.fix, "data-file") for p in problems]


def check_source(source: Source, context: _Context) -> list[Finding]:
    """Every check of one page except its links."""
    meta, problems = check_front_matter(source)
    problems += control_findings(source.path, source.text)
    if meta is not None:
        problems += page_title_findings(source)
    schemes = check_url_schemes(source)
    if context.render_pages:
        problems += html_findings(source, context, schemes)
    if meta is not None and not source.page.endswith(TRADITIONAL_SUFFIX):
        try:
            entries, found = check_entries(source, heading_slugify)
        except DataFileError:  # source_sites.yml cannot be read: reported with the data files
            entries, found = None, []
        problems += found
        entry_lines = {f.line for f in found}
        schemes = [f for f in schemes if f.line not in entry_lines]
        if entries is not None:
            problems += [title_problem for entry in entries
                         if (title_problem := title_finding(source.path, entry.line, entry.title,
                                                            "the entry's title"))]
            context.entry_anchors[source.page] = frozenset(entry.anchor for entry in entries)
            context.entries += entries
        else:
            context.unread_entries = True
        problems += check_senses(source, context.ambiguous, [(entry.line, entry.title) for entry in entries or ()])
        if entries:
            if not meta.get("kind") and not found:  # a list (not an article or a page) whose entries all read
                problems += check_empty_sections(source, entries)
            problems += check_pointing_notes(source, entries, context.note_words.pointing)
            problems += check_debris_notes(source, entries, context.note_words.debris)
            problems += check_nothing_claims(source, entries, context.note_words.nothing)
            problems += check_duplicate_urls(source, entries)
            if context.vocabulary is not None:
                problems += check_topic_overrides(source, entries, context.vocabulary.slugs,
                                                  topics_module.assign_topics, topics_module.TopicError)
    elif not source.page.endswith(TRADITIONAL_SUFFIX):
        context.unread_entries = True
    problems += schemes
    if not source.page.endswith(TRADITIONAL_SUFFIX):
        problems += check_script(source, context.to_simplified, context.exceptions)
        problems += check_table_words(source)
    return problems


def _included_links(source: Source, project: Project, targets: dict[str, bool], anchors_of) -> list[Finding]:
    """Links of a file outside docs/: relative to the project root (docs/… or another file)."""
    problems = []
    for link in source.links:
        parts = urlsplit(link.dest)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = posixpath.normpath(unquote(parts.path))
        docs_prefix = project.display(project.docs_dir) + "/"
        ok = (project.root / path).exists()
        if path.startswith(docs_prefix):
            page = path[len(docs_prefix):]
            ok = page in targets
            ids = anchors_of(page) if ok and parts.fragment else None
            ok = ok and (ids is None or unquote(parts.fragment) in ids)
        if not ok:
            problems.append(Finding(source.path, source.line(link.offset),
                                    f"link '{link.dest}' points at a file or anchor that does not exist",
                                    "write the path relative to the project root, e.g. docs/about/sources.md",
                                    "broken-link"))
    return problems


def _relative(path: Path, root: Path) -> str:
    """A path under the project as findings show it, without following a symlink."""
    return Path(path).absolute().relative_to(root).as_posix()


def read_text(path: Path, display: str) -> tuple[str, Finding | None]:
    """A text file as MkDocs reads it (UTF-8, a leading BOM dropped); invalid UTF-8 is a finding."""
    data = FILES.read_bytes(path)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return data.decode("utf-8-sig", errors="replace"), Finding(
            display, line, f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            "save the file as UTF-8", "encoding")


def duplicate_sources(files: list[str], project: Project) -> list[Finding]:
    """foo.md and foo/index.md (or README.md) both make the page foo/: only one can be published."""
    urls: dict[str, str] = {}
    problems = []
    for rel in files:
        if not rel.endswith(".md"):
            continue
        stem = rel[:-3]
        suffix = ".zh-Hant" if stem.endswith(".zh-Hant") else ""
        stem = stem[:-len(suffix)] if suffix else stem
        folder, _, name = stem.rpartition("/")
        url = (folder if name in ("index", "README") else stem) + suffix
        if url in urls:
            problems.append(Finding(project.display(project.docs_dir / rel), 1,
                                    f"this page and {urls[url]} both make the page '{url or '/'}'",
                                    "keep one of the two files (rename or merge the other)", "duplicate-page"))
        else:
            urls[url] = project.display(project.docs_dir / rel)
    return problems


def check_project(project: Project | Path | str, pages: Sequence[str] | None = None,
                  render_pages: bool = True) -> Report:
    """All findings of a project (pages: docs-relative Markdown files to check, default all;
    `render_pages` False: without the allowlist check of each page's rendered Markdown, which a
    build makes on the HTML it renders anyway)."""
    start = time.perf_counter()
    if not isinstance(project, Project):
        project = Project.at(project)
    context = _Context(project, render_pages)
    problems, data_count = check_data_files(project, context)
    files = project.docs_files()
    targets = {path: path.endswith(".md") for path in files}
    generated_paths, unlisted = generated_pages(project, context.vocabulary)
    targets.update({path: True for path in generated_paths})
    generated = set(targets) - set(files)
    every_page = pages is None
    if pages is None:
        pages = [path for path in files if path.endswith(".md")]
    sources: dict[str, Source] = {}

    def source_of(page: str) -> Source:
        if page not in sources:
            path = project.docs_dir / page
            text, problem = read_text(path, project.display(path))
            if problem:
                problems.append(problem)
            sources[page] = Source(project.display(path), page, text)
        return sources[page]

    # a page whose shape would make rendering slow: reported, and no other check reads it
    shapes = {page: check_shape(source_of(page).path, source_of(page).text) for page in files if page.endswith(".md")}
    refused = {page for page, found in shapes.items() if found}
    problems += [finding for page in pages for finding in shapes.get(page, ())]
    count, pages = len(pages), [page for page in pages if page not in refused]
    context.unread_entries = bool(refused)
    anchor_cache: dict[str, frozenset[str] | None] = {}

    def anchors_of(page: str) -> frozenset[str] | None:
        if page not in anchor_cache:
            anchor_cache[page] = (None if page in generated or page in refused else
                                  anchors(source_of(page), heading_slugify, entries_module.plain_text)
                                  | context.entry_anchors.get(page, frozenset()))
        return anchor_cache[page]

    for link, reason in project.outside_links():
        problems.append(Finding(_relative(link, project.root), 1, f"{reason}: the build refuses it",
                                SYMLINK_FIX, "symlink"))
    for rel in files:
        found = file_problem(rel, project.docs_dir / rel, project.assets)
        if found:
            problems.append(Finding(project.display(project.docs_dir / rel), *found, "static-file"))
    problems += duplicate_sources(files, project)
    for pages_file in sorted(project.docs_dir.rglob(".pages")):
        folder = pages_file.parent.relative_to(project.docs_dir).as_posix().strip(".")
        problems += check_nav_file(pages_file, project.display(pages_file), folder, targets, unlisted)
        problems += check_unlisted_pages(pages_file, project.display(pages_file), folder,
                                         [rel for rel in files if rel not in refused])
    for page in pages:
        problems += check_source(source_of(page), context)
    if every_page:  # the entries of every page; counted only when every page and data file reads cleanly
        problems += check_unused_topics(project, context, count_resources=not problems)
        problems += check_reading_path(project, context, files)
    for page in pages:
        problems += check_internal_links(source_of(page), targets, anchors_of, unlisted)
    reported = {finding.path for finding in problems}  # a page whose own text has a problem
    titles = {page: page_title(source_of(page).text, page) for page in files  # (a broken title)
              if page.endswith(".md") and not page.endswith(TRADITIONAL_SUFFIX)
              and source_of(page).path not in reported and page not in refused}  # is reported there, not at every link
    try:
        link_text_exceptions = load_link_text_exceptions(paths.LINK_TEXT_EXCEPTIONS)
    except DataFileError:  # reported with the data files
        link_text_exceptions = {}
    for page in pages:
        problems += check_link_titles(source_of(page), titles, link_text_exceptions)
    for page, included in INCLUDED_PAGES.items():
        path = project.root / included
        if page in targets and path.is_file():
            text, problem = read_text(path, included)
            if problem:  # the build leaves the page out (hooks/publish/contributing.py)
                problems.append(problem)
                continue
            source = Source(included, page, text)
            refusals = check_shape(source.path, source.text)
            if refusals:
                problems += refusals
                continue
            problems += control_findings(source.path, source.text)
            problems += (check_html(source, context) if render_pages else []) + check_url_schemes(source)
            problems += check_script(source, context.to_simplified, context.exceptions)
            problems += check_senses(source, context.ambiguous)
            problems += check_table_words(source)
            problems += _included_links(source, project, targets, anchors_of)
    unique = sorted(set(problems), key=lambda f: (f.path, f.line, f.code, f.reason))
    return Report(tuple(unique), count, data_count, time.perf_counter() - start)
