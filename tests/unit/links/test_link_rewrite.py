"""Collecting link URLs from pages and rewriting moved ones (found by hooks.parse.markdown)."""

from __future__ import annotations

from pathlib import Path

from hooks.links.rewrite import Move, keep_fragment, moves_from_status, plan_pages, rewrite_pages, rewrite_text
from hooks.links.sources import UrlSource, collect_urls, read_url_list, unique_urls
from hooks.links.status_file import LinkRecord

OLD, NEW = "https://old.test/a", "https://www.old.test/a"
MOVES = {OLD: Move(NEW)}

PAGE = f"""\
---
title: 示例
---

# 标题

- [文章]({OLD}) — 说明
- [另一篇](https://x.test/wiki/Foo_(bar)) — 括号
- 自动链接 <{OLD}> 与图片 ![图](https://img.test/p.png "标题")
- 行内代码 `[文章]({OLD})` 不算
- 相对链接 [页面](../other.md) 不算

```markdown
- [文章]({OLD})
```

~~~
<{OLD}>
~~~

    ```
    [缩进围栏]({OLD})
    ```

[ref]: {OLD} "引用定义"
[^note]: 脚注 https://footnote.test/ 不是链接语法
"""


def test_rewrite_replaces_links_but_not_code() -> None:
    new_text, count = rewrite_text(PAGE, MOVES)
    assert count == 3
    assert f"[文章]({NEW}) — 说明" in new_text
    assert f"<{NEW}>" in new_text
    assert f"[ref]: {NEW} \"引用定义\"" in new_text
    assert f"`[文章]({OLD})`" in new_text  # inline code untouched
    assert f"```markdown\n- [文章]({OLD})\n```" in new_text  # fenced code untouched
    assert f"~~~\n<{OLD}>\n~~~" in new_text
    assert f"    [缩进围栏]({OLD})" in new_text
    assert rewrite_text(new_text, MOVES) == (new_text, 0)


def test_rewrite_does_not_touch_longer_urls_sharing_a_prefix() -> None:
    text = f"[a]({OLD}) [b]({OLD}/more) [c]({OLD}?q=1)"
    assert rewrite_text(text, MOVES) == (f"[a]({NEW}) [b]({OLD}/more) [c]({OLD}?q=1)", 1)


def test_moves_from_status_holds_back_home_page_redirects() -> None:
    status = {
        OLD: LinkRecord("redirected", "2026-01-05", code=200, final_url=NEW, moved_to=NEW),
        "https://a.test/deep": LinkRecord("redirected", "2026-01-05", moved_to="https://a.test/"),
        "https://ok.test/": LinkRecord("ok", "2026-01-05", code=200),
    }
    moves = moves_from_status(status)
    assert set(moves) == {OLD, "https://a.test/deep"}
    assert moves[OLD] == Move(NEW)
    assert moves["https://a.test/deep"].target == "https://a.test/"
    assert "home page" in (moves["https://a.test/deep"].concern or "")


UNSAFE = {  # a permanent move to each of these from https://site.test/doc is held for review
    "https://elsewhere.test/doc": "leaves site.test",
    "http://site.test/doc": "drops https",
    "https://user:secret@site.test/doc": "credentials",
    "https://site.test/": "home page",
}


def test_unsafe_moves_are_listed_and_never_written(tmp_path: Path) -> None:
    lines = [f"- [{n}](https://site.test/doc?v={n}) 说明" for n in range(len(UNSAFE))]
    page = tmp_path / "p.md"
    page.write_text("\n".join(lines) + "\n- [好](https://site.test/old#节-2)\n", encoding="utf-8")
    status = {f"https://site.test/doc?v={n}": LinkRecord("redirected", "2026-01-05", code=200, moved_to=target)
              for n, target in enumerate(UNSAFE)}
    status["https://site.test/old#节-2"] = LinkRecord("redirected", "2026-01-05", code=200,
                                                      moved_to="https://docs.site.test/new")
    plan = plan_pages(tmp_path, moves_from_status(status))
    held = {r.new: (r.line, r.concern) for r in plan.held}
    assert set(held) == set(UNSAFE)
    for n, (target, reason) in enumerate(UNSAFE.items()):
        assert held[target][0] == n + 1 and reason in (held[target][1] or "")
    [safe] = plan.safe
    assert (safe.line, safe.old, safe.new) == (5, "https://site.test/old#节-2", "https://docs.site.test/new#节-2")
    assert rewrite_pages(tmp_path, moves_from_status(status)) == {"p.md": 1}
    text = page.read_text(encoding="utf-8")
    assert "[好](https://docs.site.test/new#节-2)" in text
    assert text.splitlines()[:4] == lines  # the unsafe ones untouched


def test_fragments_stay_on_the_new_address() -> None:
    assert keep_fragment("https://a.test/x#sec", "https://a.test/y") == "https://a.test/y#sec"
    assert keep_fragment("https://a.test/x#sec", "https://a.test/y#own") == "https://a.test/y#own"
    assert keep_fragment("https://a.test/x", "https://a.test/y") == "https://a.test/y"


def test_a_page_that_is_not_utf8_is_reported_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_bytes(b"- [a](" + OLD.encode() + b")\n\xff\n")
    plan = plan_pages(tmp_path, MOVES)
    assert list(plan.unreadable) == ["bad.md"] and not plan.rewrites
    assert rewrite_pages(tmp_path, MOVES) == {}


def test_pages_are_collected_and_rewritten_in_place(tmp_path: Path) -> None:
    (tmp_path / "sec").mkdir()
    (tmp_path / "sec" / "p.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "index.md").write_text(f"首页 <{NEW}>\n", encoding="utf-8")
    sources = collect_urls(tmp_path)
    assert sources[0] == UrlSource(NEW, "index.md", 1)
    assert UrlSource(OLD, "sec/p.md", 7) in sources
    assert unique_urls(sources) == sorted({NEW, OLD, "https://x.test/wiki/Foo_(bar)", "https://img.test/p.png"})
    assert rewrite_pages(tmp_path, MOVES) == {"sec/p.md": 3}
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == f"首页 <{NEW}>\n"


def test_url_list_file(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("# comment\nhttps://a.test/\n\n  https://b.test/  \n", encoding="utf-8")
    assert read_url_list(path) == ["https://a.test/", "https://b.test/"]
