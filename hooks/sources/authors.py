"""Authors named the way the source lists name them (`标题 @作者`), written the site's way."""

from __future__ import annotations

import re

AUTHOR_RE = re.compile(r"^(?P<before>.*?)(?:^|[ \t]+)@[ \t]*(?P<author>[^@\s][^@]*?)[ \t]*$")
AUTHOR_NOTE = "作者：{author}"


def credited_author(title: str, note: str) -> tuple[str, str]:
    """The site writes a source's `标题 @作者` (or a note `@作者`) as the title and a note
    `作者：…`, the way the first merge did."""
    match = AUTHOR_RE.match(title)
    if match and match["before"]:
        return match["before"], "；".join(n for n in (AUTHOR_NOTE.format(author=match["author"]), note) if n)
    match = AUTHOR_RE.match(note)
    if match:
        return title, "；".join(n for n in (match["before"], AUTHOR_NOTE.format(author=match["author"])) if n)
    return title, note
