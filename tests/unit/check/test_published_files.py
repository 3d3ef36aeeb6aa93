"""Which files of docs/ reach the site: images, listed scripts and styles, plain SVG, safe links."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hooks.check.published_files import (
    assets_of,
    file_problem,
    reached_through_link,
    svg_problem,
    symlink_problem,
    symlinks_under,
)

PLAIN_SVG = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
             b'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">\n'
             b'<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>\n'
             b'<rect width="5" height="5" fill="url(#g)"/><use xlink:href="#g"/><text x="1">T</text></svg>\n')


def svg(body: str) -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg">\n{body}\n</svg>'.encode()


def test_plain_drawing_passes() -> None:
    assert svg_problem(PLAIN_SVG) is None


@pytest.mark.parametrize("body, words", [
    ("<script>alert(1)</script>", "<script>"),
    ('<rect onload="alert(1)"/>', "event handler"),
    ('<a href="https://evil.example/">x</a>', "<a>"),
    ('<image href="https://evil.example/x.png"/>', "<image>"),
    ('<use href="https://evil.example/x.svg#a"/>', "another file"),
    ('<rect fill="url(https://evil.example/x)"/>', "another file"),
    ("<style>@import url(x.css)</style>", "<style>"),
    ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>', "<foreignObject>"),
    ('<rect style="fill:red"/>', "style="),
    ('<set attributeName="href" to="javascript:alert(1)"/>', "<set>"),
])
def test_anything_but_drawing_is_refused_on_its_line(body: str, words: str) -> None:
    problem = svg_problem(svg(body))
    assert problem is not None
    line, reason = problem
    assert line == 2 and words in reason


def test_entities_and_broken_xml_are_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    entities, broken = svg_problem(bomb), svg_problem(b"<svg")
    assert entities is not None and "entit" in entities[1]
    assert broken is not None and "well-formed" in broken[1]


def test_only_images_pages_and_listed_assets_are_published(tmp_path: Path) -> None:
    (tmp_path / "a.svg").write_bytes(PLAIN_SVG)
    assets = assets_of({"extra_css": ["stylesheets/extra.css"], "extra_javascript": [{"path": "javascripts/f.js"}]})
    assert assets == {"stylesheets/extra.css", "javascripts/f.js"}
    for rel in ("x.md", "img/a.PNG", "stylesheets/extra.css", "javascripts/f.js"):
        assert file_problem(rel, tmp_path / rel, assets) is None
    assert file_problem("a.svg", tmp_path / "a.svg", assets) is None
    page = file_problem("evil.html", tmp_path / "evil.html", assets)
    script = file_problem("javascripts/worker.js", tmp_path / "w.js", assets)
    assert page is not None and "HTML page" in page[1]
    assert script is not None and "not listed" in script[1]
    assert file_problem("notes.txt", tmp_path / "notes.txt", assets) is not None


def test_links_stay_in_their_folder_out_of_hidden_folders_and_loops(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "img").mkdir(parents=True)
    (docs / ".hidden").mkdir()
    (docs / "img" / "a.png").write_bytes(b"x")
    (docs / ".hidden" / "secret").write_text("x")
    (tmp_path / ".env").write_text("TOKEN=x")
    os.symlink("img/a.png", docs / "b.png")
    os.symlink("../.env", docs / "env.png")
    os.symlink(".hidden/secret", docs / "s.png")
    os.symlink("self", docs / "self")
    os.symlink("..", docs / "img" / "up")
    assert symlink_problem(docs / "b.png", docs) is None
    assert symlink_problem(docs / "img" / "a.png", docs) is None
    assert "outside docs/" in (symlink_problem(docs / "env.png", docs) or "")
    assert "hidden" in (symlink_problem(docs / "s.png", docs) or "")
    assert "loop" in (symlink_problem(docs / "self", docs) or "")
    assert "loop" in (symlink_problem(docs / "img" / "up", docs) or "")
    assert {link.name for link, _ in symlinks_under(docs)} == {"env.png", "s.png", "self", "up"}
    reached = reached_through_link("img/up/img/a.png", docs)
    assert reached is not None and reached[0] == "img/up" and "loop" in reached[1]
    assert reached_through_link("img/a.png", docs) is None
