"""The import command on small upstream repositories made here with git: dry run, placement by
the heading map, the source record, listed dates from history, idempotence, dropped entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.parse.catalog import heading_slugify
from hooks.parse.entries import parse_entries
from hooks.sources.__main__ import main
from hooks.sources.authors import credited_author
from hooks.sources.config import load_records
from hooks.sources.credits import credited_lines
from hooks.sources.importer import linkless_names
from hooks.sources.reading import read_list
from hooks.sources.urls import normalize_url
from unit.git_fixture import git

LISTS = """\
table_header: [文章, 代码, 说明]
sources:
  - name: up
    title: 上游清单
    upstream: https://example.org/up
    licence: MIT
    files: [README.md]
    sections:
      训练: {page: training.md, heading: 训练文章}
      推理: {page: training.md, heading: 推理新篇}
  - name: old
    title: 旧笔记
    snapshot: 一份没有历史的文本
"""

PAGE = """\
---
title: 训练
description: 训练文章。
---

# 训练

## 训练文章

收录自：[上游清单](about/sources.md#up)

- [旧文](https://example.org/a) — 已收录
- [还在的旧文](https://example.org/kept)

## 别的

收录自：[旧笔记](about/sources.md#old)

- [笔记](https://example.org/note)
"""

V1 = """\
# 清单

## 训练

- [旧文](https://www.example.org/a/)
- [还在的旧文](https://example.org/kept)
"""

V2 = V1 + """\
- [新文 \\[上\\] *星*](https://example.org/b) — 作者自述
- GPT2 源码：https://example.org/gpt2

| 教程 | 代码 |
| --- | --- |
| [带代码的文章](https://example.org/c) | [配套代码](https://example.org/c-code) |

## 推理

- [推理新文](https://example.org/d)
- [预告文章]()
"""

V3 = V2.replace("- [还在的旧文](https://example.org/kept)\n", "")


def commit(repo: Path, readme: str, date: str) -> None:
    (repo / "README.md").write_text(readme, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"at {date}", date=date)


@pytest.fixture()
def upstream(tmp_path: Path) -> Path:
    repo = tmp_path / "upstream"
    repo.mkdir()
    git(repo, "init", "-q")
    commit(repo, V1, "2023-05-01T12:00:00+08:00")
    commit(repo, V2, "2024-03-09T12:00:00+08:00")
    return repo


@pytest.fixture()
def project(tmp_path: Path) -> dict[str, Path]:
    docs = tmp_path / "site" / "docs"
    (docs / "about").mkdir(parents=True)
    (docs / "training.md").write_text(PAGE, encoding="utf-8")
    (docs / "about" / "sources.md").write_text("---\ntitle: 来源\nkind: page\n---\n\n# 来源\n", encoding="utf-8")
    lists = tmp_path / "site" / "source_lists.yml"
    lists.write_text(LISTS, encoding="utf-8")
    return {"docs": docs, "lists": lists, "records": tmp_path / "site" / "source_imports.yml"}


def run(project: dict[str, Path], name: str, path: Path, *extra: str) -> int:
    return main([name, str(path), "--docs", str(project["docs"]), "--lists", str(project["lists"]),
                 "--records", str(project["records"]), *extra])


def entries_of(project: dict[str, Path]):
    text = (project["docs"] / "training.md").read_text(encoding="utf-8")
    return parse_entries(text, "training.md", slugify=heading_slugify)


def test_normalized_urls_compare_equal_across_spellings() -> None:
    assert normalize_url("http://WWW.Example.org/a/?utm_source=x#top") == "https://example.org/a"
    assert normalize_url("https://example.org/a?id=3&spm=x") == "https://example.org/a?id=3"
    assert normalize_url("https://mp.example.org/s?__biz=Mz==&mid=2") == "https://mp.example.org/s?__biz=Mz==&mid=2"
    assert normalize_url("https://example.org/a") != normalize_url("https://example.org/b")


def test_loose_lines_of_a_list_are_read_as_their_author_meant() -> None:
    reading = read_list("## 甲\n\n- GPT2 源码：https://e.org/g\n- [预告]()\n- [跨行的\n标题](https://e.org/x)\n",
                        "R.md")
    found = [(e.title, e.url) for e in reading.entries]
    assert found == [("GPT2 源码", "https://e.org/g"), ("预告", None), ("跨行的 标题", "https://e.org/x")]
    assert len(reading.repairs) == 3 and all(r.startswith("R.md:") for r in reading.repairs)


def test_dry_run_prints_the_change_and_writes_nothing(project, upstream, capsys) -> None:
    before = (project["docs"] / "training.md").read_text(encoding="utf-8")
    assert run(project, "up", upstream, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "would add training.md § 训练文章: 新文 [上] *星* <https://example.org/b>" in out
    assert "would add training.md § 推理新篇: 预告文章 (no link)" in out
    assert (project["docs"] / "training.md").read_text(encoding="utf-8") == before
    assert not project["records"].exists()


def test_import_places_new_entries_by_the_heading_map(project, upstream) -> None:
    assert run(project, "up", upstream) == 0
    entries = entries_of(project)
    by_url = {e.url: e for e in entries if e.url}
    assert by_url["https://example.org/b"].title == "新文 [上] *星*"
    assert by_url["https://example.org/b"].note == "作者自述"
    assert by_url["https://example.org/b"].heading == "训练文章"
    assert by_url["https://example.org/gpt2"].title == "GPT2 源码"
    assert by_url["https://example.org/c-code"].line == by_url["https://example.org/c"].line  # same table row
    assert by_url["https://example.org/d"].heading == "推理新篇"
    assert [e.title for e in entries if not e.url] == ["预告文章"]
    assert sum(1 for e in entries if e.url == "https://example.org/a") == 1  # www./trailing slash: same URL
    text = (project["docs"] / "training.md").read_text(encoding="utf-8")
    assert "## 推理新篇\n\n收录自：[上游清单](about/sources.md#up)\n" in text


def test_the_record_holds_commit_date_count_and_listed_dates(project, upstream) -> None:
    run(project, "up", upstream)
    record = load_records(project["records"])["up"]
    assert record.commit == git(upstream, "rev-parse", "HEAD")
    assert record.date == "2024-03-09"
    assert record.entries == 8  # a, kept, b, gpt2, c, c-code, d, 预告文章
    assert record.listed["https://example.org/a"] == "2023-05-01"
    assert record.listed["https://example.org/b"] == "2024-03-09"
    assert "https://example.org/note" not in record.listed
    assert record.listed["name:预告文章"] == "2024-03-09"  # a name without a link: the day it was first named


def test_a_name_keeps_the_day_it_was_first_named_when_a_later_version_rewords_around_it(project, upstream) -> None:
    commit(upstream, V2.replace("- [预告文章]()", "- 预告文章 — 仍未发表"), "2024-06-01T12:00:00+08:00")
    run(project, "up", upstream)
    record = load_records(project["records"])["up"]
    assert record.listed["name:预告文章"] == "2024-03-09"


def test_running_again_changes_nothing(project, upstream, capsys) -> None:
    run(project, "up", upstream)
    page = (project["docs"] / "training.md").read_bytes()
    records = project["records"].read_bytes()
    capsys.readouterr()
    assert run(project, "up", upstream) == 0
    assert "nothing to do" in capsys.readouterr().out
    assert (project["docs"] / "training.md").read_bytes() == page
    assert project["records"].read_bytes() == records


def test_an_entry_the_source_dropped_is_reported_and_kept(project, upstream, capsys) -> None:
    """Only an entry the list once held is "no longer listed"; one of a section credited to two
    sources that this list never held is not; one credited to this list alone that its history
    never held is reported with the fix."""
    page = project["docs"] / "training.md"
    page.write_text(PAGE.replace("收录自：[上游清单](about/sources.md#up)\n", (
        "收录自：[上游清单](about/sources.md#up)\n\n- [从未列出](https://example.org/never)\n\n"
        "### 两家合收\n\n收录自：[旧笔记](about/sources.md#old)、[上游清单](about/sources.md#up)\n\n"
        "- [旧笔记的文章](https://example.org/old-only)\n")), encoding="utf-8")
    run(project, "up", upstream)
    commit(upstream, V3, "2025-01-01T12:00:00+08:00")
    capsys.readouterr()
    run(project, "up", upstream)
    out = capsys.readouterr().out
    assert "no longer listed by up (kept): docs/training.md:" in out and "还在的旧文" in out
    assert "https://example.org/kept" in {e.url for e in entries_of(project)}
    assert "笔记" not in out  # credited to other sources
    assert ("从未列出: credited to up alone, whose history never held it — credit the source it comes from"
            in out)
    assert not [line for line in out.splitlines() if "(kept)" in line and "从未列出" in line]


def test_an_unmapped_heading_is_reported_with_its_fix(project, upstream, capsys) -> None:
    commit(upstream, V2 + "\n## 新栏目\n\n- [无处可放](https://example.org/z)\n", "2024-04-01T12:00:00+08:00")
    assert run(project, "up", upstream) == 1
    out = capsys.readouterr().out
    assert "heading '新栏目' of up has no section (1 new entries) — map it under sections: of up" in out
    assert "https://example.org/z" not in {e.url for e in entries_of(project)}


def test_a_markdown_file_without_history_gets_no_dates(project, tmp_path) -> None:
    snapshot = tmp_path / "README.md"
    snapshot.write_text(V2, encoding="utf-8")
    assert run(project, "up", snapshot) == 0
    record = load_records(project["records"])["up"]
    assert (record.commit, record.date, record.listed) == (None, None, {})
    assert "https://example.org/b" in {e.url for e in entries_of(project)}


def test_a_name_gains_its_link_and_moved_code_its_new_address(project, upstream) -> None:
    page = project["docs"] / "training.md"
    page.write_text(PAGE.replace("- [还在的旧文](https://example.org/kept)\n", (
        "- [还在的旧文](https://example.org/kept)\n- 已发表的预告 — 原先只有名字\n\n"
        "| 文章 | 代码 |\n| --- | --- |\n"
        "| [带代码的文章](https://example.org/c) | [配套代码](https://example.org/old-code) |\n")), encoding="utf-8")
    commit(upstream, V2 + "- [已发表的预告](https://example.org/p)\n- 分组：\n", "2024-05-01T12:00:00+08:00")
    assert run(project, "up", upstream) == 0
    text = page.read_text(encoding="utf-8")
    assert "- [已发表的预告](https://example.org/p) — 原先只有名字\n" in text
    assert ("| [带代码的文章](https://example.org/c) | [配套代码](https://example.org/c-code)"
            " [配套代码（原地址）](https://example.org/old-code) |\n") in text
    assert text.count("带代码的文章") == 1
    assert "分组" not in text  # a label ending in a colon is not an entry


def test_a_name_whose_note_gives_the_address_and_why_it_is_not_linked_stays_a_name(project, upstream, capsys) -> None:
    page = project["docs"] / "training.md"
    name = "- GPT2 源码 — 来源给出的地址是 `http://example.org/gpt2`，本站不作链接\n"
    page.write_text(PAGE.replace("- [还在的旧文](https://example.org/kept)\n",
                                 "- [还在的旧文](https://example.org/kept)\n" + name), encoding="utf-8")
    assert run(project, "up", upstream) == 0
    assert name in page.read_text(encoding="utf-8")
    capsys.readouterr()
    assert run(project, "up", upstream) == 0
    assert "nothing to do" in capsys.readouterr().out


def test_the_same_title_at_another_url_is_reported_not_added(project, upstream, capsys) -> None:
    commit(upstream, V2 + "- [旧文](https://mirror.example.net/a)\n", "2024-05-01T12:00:00+08:00")
    run(project, "up", upstream)
    out = capsys.readouterr().out
    assert "same title already on the site, not added: 旧文 <https://mirror.example.net/a>" in out
    assert "https://mirror.example.net/a" not in {e.url for e in entries_of(project)}


def test_an_author_named_with_at_is_written_as_the_sites_author_note() -> None:
    assert credited_author("minGPT @karpathy", "") == ("minGPT", "作者：karpathy")
    assert credited_author("大语言模型从理论到实践", "@张奇") == ("大语言模型从理论到实践", "作者：张奇")
    assert credited_author("mail a@b.org", "") == ("mail a@b.org", "")


def test_an_article_the_source_moved_gets_the_new_address_and_keeps_the_old(project, upstream) -> None:
    page = project["docs"] / "training.md"
    page.write_text(PAGE.replace("- [还在的旧文](https://example.org/kept)\n",
                                 "- [还在的旧文](https://example.org/kept)\n"
                                 "- [搬家的文章](https://old.example.net/x) — 旧注\n"),
                    encoding="utf-8")
    commit(upstream, V2 + "- [搬家的文章](https://example.org/moved)\n", "2024-05-01T12:00:00+08:00")
    assert run(project, "up", upstream) == 0
    text = page.read_text(encoding="utf-8")
    assert ("- [搬家的文章](https://example.org/moved) — 旧注（原地址：[old.example.net](https://old.example.net/x)）\n"
            in text)
    assert text.count("搬家的文章") == 1


def test_new_items_after_a_list_continue_it_without_a_blank_line(project, upstream) -> None:
    run(project, "up", upstream)
    text = (project["docs"] / "training.md").read_text(encoding="utf-8")
    assert ("- [还在的旧文](https://example.org/kept)\n"
            "- [新文 \\[上\\] \\*星\\*](https://example.org/b) — 作者自述\n") in text


def test_a_broken_source_lists_file_is_reported_with_its_line(project, upstream, capsys) -> None:
    project["lists"].write_text(LISTS.replace("    licence: MIT\n", "    licence: [MIT\n"), encoding="utf-8")
    assert run(project, "up", upstream) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{project['lists']}:") and "not valid YAML" in err and " — " in err
    project["lists"].write_text("sources:\n  - title: 无名\n", encoding="utf-8")
    assert run(project, "up", upstream) == 2
    assert "source_lists.yml:2: in sources[0]: 'name:' is missing — " in capsys.readouterr().err
    project["lists"].write_text(LISTS.replace("{page: training.md, heading: 推理新篇}",
                                              "{page: inference.md, heading: 推理新篇}"), encoding="utf-8")
    assert run(project, "up", upstream) == 2
    assert "source_lists.yml:10: page 'inference.md' of source 'up' is not in docs/ — " in capsys.readouterr().err


def test_a_clone_with_missing_objects_stops_the_import_with_gits_own_words(project, upstream, capsys) -> None:
    older = git(upstream, "rev-parse", "HEAD~1")
    (upstream / ".git" / "objects" / older[:2] / older[2:]).unlink()
    assert run(project, "up", upstream) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{upstream}: git log failed: ")
    assert older in err and err.count("\n") == 1 and "git fsck" in err
    assert not project["records"].exists()  # nothing written


def test_a_clone_missing_a_files_content_stops_the_import_not_reading_it_as_absent(project, upstream, capsys) -> None:
    blob = git(upstream, "rev-parse", "HEAD~1:README.md")
    (upstream / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    assert run(project, "up", upstream) == 2
    err = capsys.readouterr().err
    assert "the content of README.md at commit" in err and "missing from this clone" in err
    assert err.count("\n") == 1 and "git fsck" in err
    assert not project["records"].exists()  # nothing written, no day read from a file git could not give


def test_names_are_dated_as_the_site_writes_them(project, upstream) -> None:
    """A name given with its author (``标题 @作者``), a label line over a group of links (a line
    of its own, later a list item), and a heading linking to a part kept in another file: the site
    lists each as a name, dated by the first version that held it."""
    page = project["docs"] / "training.md"
    page.write_text(PAGE.replace("- [还在的旧文](https://example.org/kept)\n", (
        "- [还在的旧文](https://example.org/kept)\n- 原理与工程 — 作者：杨青\n"
        "- 学习率(warmup, decay) — 两篇文章\n- 基础知识 — 放在单独的文件 base.md 里\n")), encoding="utf-8")
    label, part = "\n学习率(warmup, decay)：\n\n- [调优](https://example.org/lr)\n", "\n## [基础知识](./base.md)\n"
    part += "\n```yaml\n代码里的键:\n```\n"  # a line of code names nothing
    commit(upstream, V2 + label + part, "2024-04-01T12:00:00+08:00")
    commit(upstream, V2 + "- 原理与工程 @杨青\n" + label.replace("\n学习率", "\n- 学习率") + part,
           "2024-05-01T12:00:00+08:00")
    assert run(project, "up", upstream) == 0
    listed = load_records(project["records"])["up"].listed
    assert listed["name:原理与工程"] == "2024-05-01"
    assert listed["name:学习率(warmup,decay)"] == "2024-04-01"
    assert listed["name:基础知识"] == "2024-04-01"
    assert "name:原理与工程@杨青" in listed  # the list's own spelling is kept too
    assert "name:代码里的键" not in linkless_names(V2 + part, "README.md")


def test_a_section_given_a_credit_line_keeps_what_it_took_from_its_parent(project, upstream) -> None:
    """New entries under a subsection without a credit line of its own: the line written for them
    names the parent section's sources too, so the entries already there keep their credit."""
    page = project["docs"] / "training.md"
    page.write_text(PAGE + "\n### 推理新篇\n\n- [旧笔记里的推理](https://example.org/old-infer)\n", encoding="utf-8")
    assert run(project, "up", upstream) == 0
    text = page.read_text(encoding="utf-8")
    assert ("### 推理新篇\n\n收录自：[旧笔记](about/sources.md#old)、[上游清单](about/sources.md#up)\n\n"
            "- [旧笔记里的推理](https://example.org/old-infer)\n- [推理新文](https://example.org/d)\n") in text
    credits = credited_lines(text)
    line = text.splitlines().index("- [旧笔记里的推理](https://example.org/old-infer)") + 1
    assert credits[line] == ("old", "up")


def test_a_subsection_already_credited_through_its_parent_gets_no_new_line(project, upstream) -> None:
    page = project["docs"] / "training.md"
    page.write_text(PAGE.replace("- [还在的旧文](https://example.org/kept)\n",
                                 "- [还在的旧文](https://example.org/kept)\n\n### 推理新篇\n\n- [已有](https://example.org/x)\n"),
                    encoding="utf-8")
    assert run(project, "up", upstream) == 0
    text = page.read_text(encoding="utf-8")
    assert "### 推理新篇\n\n- [已有](https://example.org/x)\n- [推理新文](https://example.org/d)\n" in text
    assert text.count("收录自：[上游清单]") == 1
