"""hooks/parse/data_files.py and the loaders of each data file: every problem is
`file:line: reason — fix`, and nothing costs far more than the file's size."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from hooks import paths
from hooks.check.data_files import check_source_sites, check_yaml_file
from hooks.index.entry_types import load_entry_types
from hooks.index.reading_path import load_path, reference_problems
from hooks.index.topics import VocabularyError, load_vocabulary
from hooks.links.status_file import StatusFileError, load_status
from hooks.parse.data_files import DataFileError, kinds, load, parse_yaml, read_limited, refused_keys
from hooks.sources.config import load_lists, load_records

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9))
DEEP = "x: " + "[" * 5_000 + "\n"  # under the smallest size limit
HUGE_INT = "x: " + "9" * 4_900 + "\n"


@pytest.mark.parametrize("name", sorted(name for name, kind in kinds().items() if kind.schema is not None))
def test_every_schema_is_a_valid_json_schema(name: str) -> None:
    """The build trusts hooks/data/schemas.yml; this is where it is checked."""
    jsonschema.Draft202012Validator.check_schema(kinds()[name].schema)


def test_an_invalid_schema_is_what_that_check_finds() -> None:
    with pytest.raises(jsonschema.SchemaError):
        jsonschema.Draft202012Validator.check_schema({"type": "mapping", "required": "name"})


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(call, *args) -> list[str]:
    with pytest.raises(DataFileError) as error:
        call(*args)
    return [str(problem) for problem in error.value.problems]


# ---------------------------------------------------------------- every YAML kind: bounded work


YAML_KINDS = {
    "entry_types.yml": load_entry_types,
    "link_status.yml": load_status,
    "reading_path.yml": load_path,
    "source_sites.yml": lambda path: load(path, "source_sites"),
    "offline_download.yml": lambda path: load(path, "offline_download"),
    "link_text_exceptions.yml": lambda path: load(path, "link_text_exceptions"),
    ".pages": lambda path: load(path, "pages"),
    "source_lists.yml": lambda path: load_lists(path, docs_dir=None),
    "source_imports.yml": load_records,
}


@pytest.mark.parametrize("name", YAML_KINDS)
@pytest.mark.parametrize(("text", "line", "fragment"), [
    (ALIAS_BOMB, 1, "an anchor (&a)"),
    ("x: 1\ny: *nowhere\n", 2, "alias"),
    ("x: !!python/object/apply:os.system [echo]\n", 1, "an explicit tag"),
    (DEEP, 1, "nested more than 20 deep"),
    (HUGE_INT, 1, "a number of 4900 characters"),
    ("x: [1, 2\n", 1, "not valid YAML"),
    ("x: 1\nx: 2\n", 2, "key 'x' is given twice"),
])
def test_what_would_cost_far_more_than_its_size_is_refused_with_its_line(
        tmp_path: Path, name: str, text: str, line: int, fragment: str) -> None:
    path = write(tmp_path, name, text)
    problems = problems_of(YAML_KINDS[name], path)
    assert len(problems) == 1 and f"{name}:{line}: " in problems[0] and fragment in problems[0]
    assert " — " in problems[0]


@pytest.mark.parametrize("name", [*YAML_KINDS, "topics.yml", "zh_hant_terms.tsv", "zh_hant_rules.tsv",
                                  "simplified_exceptions.txt", "own_titles.txt"])
def test_every_data_file_has_a_size_limit_with_margin(name: str) -> None:
    kind = "pages" if name == ".pages" else name.rsplit(".", 1)[0]
    limit = kinds()[kind].size_limit
    real = paths.DATA / name
    if real.is_file():
        assert real.stat().st_size * 4 < limit
    assert limit <= 5_000_000


def test_a_file_over_its_size_limit_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = write(tmp_path, "entry_types.yml", "# " + "x" * 60_000 + "\n")
    assert problems_of(load_entry_types, path) == [
        f"{path}:1: the file is larger than 50000 bytes, the limit for it — split it or shorten it; "
        "the limit is in hooks/data/schemas.yml"]


def test_a_file_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "zh_hant_rules.tsv"
    path.write_bytes(b"a\tb\tc\n\xff\xfe\n")
    assert problems_of(read_limited, path, "zh_hant_rules") == [
        f"{path}:2: the file is not valid UTF-8 (byte 0xff) — save the file as UTF-8"]


def test_the_projects_own_data_files_pass() -> None:
    for name in ("entry_types.yml", "source_sites.yml", "reading_path.yml", "link_status.yml", "source_lists.yml",
                 "source_imports.yml"):
        load(paths.DATA / name)
    assert load_records(lists=load_lists())
    for pages in (paths.ROOT / "docs").rglob(".pages"):
        load(pages)


# ---------------------------------------------------------------- entry_types.yml

ENTRY_TYPES = """types:
  - slug: paper
    name: 论文
    hosts: [arxiv.org]
  - slug: code
    name: 代码
    hosts: [github.com]
default:
  slug: article
  name: 文章
no_link:
  slug: name-only
  name: 仅列名称
"""


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    name: 论文\n", "", "entry_types.yml:2: in types[0]: 'name:' is missing — add 'name:'"),
    ("hosts: [github.com]", "hosts: github.com",
     "entry_types.yml:7: types[1].hosts: 'github.com' is not of type 'array'"),
    ("slug: article", "slug: [article]", "entry_types.yml:9: default.slug: ['article'] is not of type 'string'"),
    ("    hosts: [github.com]\n", "", "entry_types.yml:5: types[1]: {'slug': 'code', 'name': '代码'} is not valid"),
    ("name: 代码", "name: 论文的", "entry_types.yml:3: "),  # no problem there: see the next case
])
def test_entry_types_problems_name_the_line(tmp_path: Path, old: str, new: str, expected: str) -> None:
    path = write(tmp_path, "entry_types.yml", ENTRY_TYPES.replace(old, new))
    if expected.endswith(":3: "):
        assert load_entry_types(path).rules[1].kind.name == "论文的"
        return
    problems = problems_of(load_entry_types, path)
    assert any(expected in problem for problem in problems), problems


def test_an_entry_type_slug_shown_under_two_names_is_reported_at_the_second(tmp_path: Path) -> None:
    path = write(tmp_path, "entry_types.yml", ENTRY_TYPES.replace("slug: code", "slug: paper"))
    assert problems_of(load_entry_types, path) == [
        f"{path}:6: type 'paper' is named '代码' here and '论文' at line 3 — give one slug one name"]


def test_an_unknown_key_is_reported_on_its_own_line(tmp_path: Path) -> None:
    path = write(tmp_path, "entry_types.yml", ENTRY_TYPES.replace("    hosts: [arxiv.org]\n",
                                                                  "    hosts: [arxiv.org]\n    colour: red\n"))
    (problem,) = problems_of(load_entry_types, path)
    assert problem.startswith(f"{path}:5: in types[0]: unknown key 'colour' — remove it; the keys allowed here are:")


# ---------------------------------------------------------------- source_sites.yml


SITES = "sites:\n  - name: 知乎\n    hosts: [www.zhihu.com]\nother: 其他\nno_link: 无链接\n"


@pytest.mark.parametrize(("old", "new", "line", "fragment"), [
    ("hosts: [www.zhihu.com]", "hosts: www.zhihu.com", 3, "is not of type 'array'"),
    ("other: 其他\n", "", 1, "'other:' is missing"),
    ("[www.zhihu.com]", "['<b>']", 3, "does not match"),
    ("no_link: 无链接", "no_link: &x 无链接", 5, "an anchor"),
])
def test_source_site_problems_name_the_line(tmp_path: Path, old: str, new: str, line: int, fragment: str) -> None:
    (finding,) = check_source_sites(write(tmp_path, "source_sites.yml", SITES.replace(old, new)), "s.yml")
    assert finding.line == line and fragment in finding.reason


# ---------------------------------------------------------------- source_lists.yml, source_imports.yml

LISTS = """sources:
  - name: up
    title: 上游清单
    files: [README.md]
    sections:
      训练: {page: training.md, heading: 训练文章}
  - name: old
    title: 旧笔记
    snapshot: 一份没有历史的文本
    pages: [essay.md]
"""


RECORDS = """up:
  commit: 0123456789abcdef0123456789abcdef01234567
  date: '2025-07-16'
  entries: 3
  added: 1
  listed:
    https://example.org/a: '2023-05-01'
"""


@pytest.mark.parametrize(("name", "old", "new", "line", "fragment"), [
    ("source_lists.yml", "    title: 旧笔记\n", "", 7, "'title:' is missing"),
    ("source_lists.yml", "files: [README.md]", "files: README.md", 4, "is not of type 'array'"),
    ("source_lists.yml", "  - name: old", "  - name: up", 7, "source 'up' is listed twice (first at line 2)"),
    ("source_lists.yml", "    snapshot: 一份没有历史的文本\n", "", 7,
     "has neither files: (a list followed by make import) nor snapshot:"),
    ("source_lists.yml", "{page: training.md,", "{page: nowhere.md,", 6,
     "page 'nowhere.md' of source 'up' is not in docs/"),
    ("source_lists.yml", "pages: [essay.md]", "pages: [gone.md]", 10, "page 'gone.md' of source 'old' is not in docs/"),
    ("source_lists.yml", "name: up", "name: Up Stream", 2, "does not match"),
    ("source_imports.yml", "  entries: 3\n", "", 2, "'entries:' is missing"),
    ("source_imports.yml", "entries: 3", "entries: three", 4, "'three' is not of type 'integer'"),
    ("source_imports.yml", "date: '2025-07-16'", "date: yesterday", 3, "date: not a day written YYYY-MM-DD, nor null"),
    ("source_imports.yml", "'2023-05-01'", "'2023-13-01'", 7, "does not match"),
    ("source_imports.yml", "commit: 0123", "commit: xyz0123", 2, "commit: not a commit's full hash, nor null"),
    ("source_imports.yml", "up:\n", "gone:\n", 1, "'gone' is not a source of source_lists.yml with files:"),
])
def test_source_list_files_name_each_problems_line(tmp_path: Path, name: str, old: str, new: str, line: int,
                                                   fragment: str) -> None:
    """Each file as the build reads it: source_lists.yml with its pages in docs/, source_imports.yml
    against the sources of source_lists.yml."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for page in ("training.md", "essay.md"):
        (docs / page).write_text("# 页\n", encoding="utf-8")
    lists = load_lists(write(tmp_path, "source_lists.yml", LISTS), docs)
    assert load_records(write(tmp_path, "source_imports.yml", RECORDS), lists)["up"].entries == 3
    text = (LISTS if name == "source_lists.yml" else RECORDS).replace(old, new)
    problems = (problems_of(load_lists, write(tmp_path, name, text), docs) if name == "source_lists.yml"
                else problems_of(load_records, write(tmp_path, name, text), lists))
    assert any(f"{name}:{line}: " in p and fragment in p and " — " in p for p in problems), problems


# ---------------------------------------------------------------- reading_path.yml

READING = """steps:
  - name: 入门
    text: 一句话。
    entries:
      - https://a.test/1
    continue: overview/index.md
"""


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    continue: overview/index.md\n", "", "reading_path.yml:2: in steps[0]: 'continue:' is missing"),
    ("      - https://a.test/1\n", "      - 5\n", "reading_path.yml:5: steps[0].entries[0]: 5 is not of type 'string'"),
    ("text: 一句话。", "text: [一句话。]", "reading_path.yml:3: steps[0].text: ['一句话。'] is not of type 'string'"),
])
def test_reading_path_problems_name_the_line(tmp_path: Path, old: str, new: str, expected: str) -> None:
    path = write(tmp_path, "reading_path.yml", READING.replace(old, new))
    assert any(expected in problem for problem in problems_of(load_path, path))


def test_a_reading_path_naming_an_entry_or_page_the_site_lacks_is_reported_on_each_line(tmp_path: Path) -> None:
    loaded = load_path(write(tmp_path, "reading_path.yml", READING))
    problems = reference_problems(loaded, urls={"https://b.test/"}, pages={"training/index.md"})
    assert [(p.line, p.reason) for p in problems] == [
        (5, "no entry of the site has the URL https://a.test/1"), (6, "no page docs/overview/index.md")]
    assert reference_problems(loaded, urls={"https://a.test/1"}, pages={"overview/index.md"}) == []


# ---------------------------------------------------------------- link_status.yml


def test_link_status_problems_name_the_line(tmp_path: Path) -> None:
    text = ("https://a.test/:\n  status: ok\n  checked: '2026-01-05'\n"
            "not-a-url:\n  status: ok\n  checked: '2026-01-05'\n"
            "https://b.test/:\n  status: gone\n  checked: 2026\n")
    with pytest.raises(StatusFileError) as error:
        load_status(write(tmp_path, "link_status.yml", text))
    assert [(p.line, p.reason.split(":")[0]) for p in error.value.problems] == [
        (4, "unknown key 'not-a-url'"), (8, "['https"), (9, "['https")]


# ---------------------------------------------------------------- .pages


@pytest.mark.parametrize(("text", "line", "fragment"), [
    ("title: 训练\nhide: 5\n", 2, "hide: 5 is not of type 'boolean'"),
    ("title: [训练]\n", 1, "is not of type 'string'"),
    ("nav:\n  - a.md\n  - 标题: 5\n", 3, "nav[1]"),
    ("titel: 训练\n", 1, "unknown key 'titel'"),
])
def test_pages_file_problems_name_the_line(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    _, findings = check_yaml_file(write(tmp_path, ".pages", text), "docs/x/.pages")
    assert [f.line for f in findings] == [line] and fragment in findings[0].reason


# ---------------------------------------------------------------- topics.yml (its own validation, bounded)


@pytest.mark.parametrize(("text", "fragment"), [
    (ALIAS_BOMB, "topics.yml:1: an anchor (&a)"),
    ("x: " + "[" * 40_000 + "\n", "topics.yml:1: lists and mappings nested more than 20 deep"),
    (HUGE_INT, "topics.yml:1: a number of 4900 characters"),
    ("categories: []\ntopics: []\n" + "#" * 400_000 + "\n", "topics.yml:1: the file is larger than"),
])
def test_the_topic_vocabulary_is_bounded_too(tmp_path: Path, text: str, fragment: str) -> None:
    with pytest.raises(VocabularyError, match=None) as error:
        load_vocabulary(write(tmp_path, "topics.yml", text))
    assert fragment in str(error.value)


# ---------------------------------------------------------------- front matter the build itself writes


@pytest.mark.parametrize("template", ["link_status.md", "single_page.md", "index/_macros.md.j2"])
def test_the_front_matter_of_generated_pages_keeps_every_key(template: str) -> None:
    text = (paths.TEMPLATES / template).read_text(encoding="utf-8")
    found = re.search(r"^---\n(.*?)\n---", text, re.DOTALL | re.MULTILINE)
    assert found is not None, f"{template} has no front matter"
    block = found.group(1)
    meta = yaml.safe_load(re.sub(r"\{\{.*?\}\}", "2", block))
    assert meta and refused_keys(meta) == []


# ---------------------------------------------------------------- parse_yaml: lines of YAML problems


def test_valid_yaml_loads_with_dates_as_written() -> None:
    assert parse_yaml("a: 1\nb: [x, y]\nc: 2026-01-05\n", "x.yml").value == {"a": 1, "b": ["x", "y"], "c": "2026-01-05"}


def test_a_key_given_twice_names_both_lines() -> None:
    assert problems_of(parse_yaml, "title: 一\ndescription: 二\ntitle: 三\n", "x.yml") == [
        "x.yml:3: key 'title' is given twice (first at line 1) — keep one of the two lines"]


def test_broken_yaml_names_its_line_counted_from_the_first_line_given() -> None:
    (problem,) = problems_of(parse_yaml, "a: 1\nb: [unclosed\nc: 2\n", "docs/x.md", 2)
    assert problem.startswith(("docs/x.md:3: not valid YAML", "docs/x.md:4: not valid YAML"))
