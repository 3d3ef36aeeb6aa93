"""Collecting link URLs from pages and rewriting moved ones (found by hooks.parse.markdown)."""

from __future__ import annotations

from pathlib import Path

from hooks.links.rewrite import moves_from_status, rewrite_pages, rewrite_text
from hooks.links.sources import UrlSource, collect_urls, read_url_list, unique_urls
from hooks.links.status_file import LinkRecord

OLD, NEW = "https://old.test/a", "https://new.test/a"

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
    new_text, count = rewrite_text(PAGE, {OLD: NEW})
    assert count == 3
    assert f"[文章]({NEW}) — 说明" in new_text
    assert f"<{NEW}>" in new_text
    assert f"[ref]: {NEW} \"引用定义\"" in new_text
    assert f"`[文章]({OLD})`" in new_text  # inline code untouched
    assert f"```markdown\n- [文章]({OLD})\n```" in new_text  # fenced code untouched
    assert f"~~~\n<{OLD}>\n~~~" in new_text
    assert f"    [缩进围栏]({OLD})" in new_text
    assert rewrite_text(new_text, {OLD: NEW}) == (new_text, 0)


def test_rewrite_does_not_touch_longer_urls_sharing_a_prefix() -> None:
    text = f"[a]({OLD}) [b]({OLD}/more) [c]({OLD}?q=1)"
    assert rewrite_text(text, {OLD: NEW}) == (f"[a]({NEW}) [b]({OLD}/more) [c]({OLD}?q=1)", 1)


def test_moves_from_status_holds_back_home_page_redirects() -> None:
    status = {
        OLD: LinkRecord("redirected", "2026-01-05", code=200, final_url=NEW, moved_to=NEW),
        "https://a.test/deep": LinkRecord("redirected", "2026-01-05", moved_to="https://a.test/"),
        "https://ok.test/": LinkRecord("ok", "2026-01-05", code=200),
    }
    assert moves_from_status(status) == ({OLD: NEW}, {"https://a.test/deep": "https://a.test/"})


def test_pages_are_collected_and_rewritten_in_place(tmp_path: Path) -> None:
    (tmp_path / "sec").mkdir()
    (tmp_path / "sec" / "p.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "index.md").write_text(f"首页 <{NEW}>\n", encoding="utf-8")
    sources = collect_urls(tmp_path)
    assert sources[0] == UrlSource(NEW, "index.md", 1)
    assert UrlSource(OLD, "sec/p.md", 7) in sources
    assert unique_urls(sources) == sorted({NEW, OLD, "https://x.test/wiki/Foo_(bar)", "https://img.test/p.png"})
    assert rewrite_pages(tmp_path, {OLD: NEW}) == {"sec/p.md": 3}
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == f"首页 <{NEW}>\n"


def test_url_list_file(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("# comment\nhttps://a.test/\n\n  https://b.test/  \n", encoding="utf-8")
    assert read_url_list(path) == ["https://a.test/", "https://b.test/"]
