"""Where the project's files are: every data-file path is named here, once."""

from __future__ import annotations

from pathlib import Path

HOOKS = Path(__file__).resolve().parent
ROOT = HOOKS.parent
DATA = HOOKS / "data"
TEMPLATES = HOOKS / "templates"
OVERRIDES = ROOT / "overrides"

TOPICS = DATA / "topics.yml"
GLOSSARY = DATA / "zh_hant_terms.tsv"
SEARCH_TERMS = DATA / "search_terms.yml"  # English ↔ simplified: search and the 术语表 page
TAIWAN_RULES = DATA / "zh_hant_rules.tsv"
SOURCE_SITES = DATA / "source_sites.yml"
ENTRY_TYPES = DATA / "entry_types.yml"
READING_ORDER = DATA / "reading_order.yml"  # the order of a topic page's groups: principle first, news last
READING_PATH = DATA / "reading_path.yml"
LINK_TEXT_EXCEPTIONS = DATA / "link_text_exceptions.yml"  # optional: link wording other than the title
OFFLINE_DOWNLOAD = DATA / "offline_download.yml"  # written by the publishing workflow, not kept in git
SIMPLIFIED_EXCEPTIONS = DATA / "simplified_exceptions.txt"
SOURCE_LISTS = DATA / "source_lists.yml"  # the source lists: upstream, licence, heading → section
SOURCE_IMPORTS = DATA / "source_imports.yml"  # written by python -m hooks.sources: commit, listed dates
SENSES = DATA / "zh_hant_senses.txt"  # words with two meanings that zh-Hant writes two ways
POINTING_PHRASES = DATA / "pointing_phrases.yml"  # note words that point at an entry by its place
OWN_TITLES = DATA / "own_titles.txt"  # entry titles the site wrote: zh-Hant prose, not cited titles
SCHEMAS = DATA / "schemas.yml"  # each data file's size limit and schema (hooks/parse/data_files.py)
