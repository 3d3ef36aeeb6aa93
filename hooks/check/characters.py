"""Characters a page may not hold, and titles that must show something (pure).

* Characters XML 1.0 cannot carry (C0 controls but tab and line breaks, U+FFFE, U+FFFF): the
  Atom feeds would be invalid with them, and no reader sees them.
* Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C): they make text
  read in another order than it is written (``测评‮gnp.exe‬`` shows as ``测评exe.png``).
* A title (an entry's, a page's) must hold at least one visible character: one made only of
  zero-width characters, spaces or combining marks shows as nothing.
"""

from __future__ import annotations

import re
import unicodedata

from .findings import Finding

XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
BIDI_CONTROL_RE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Co", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"})
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")  # fillers drawn as nothing
CONTROL_FIX = "delete the character (retype the text if it came from a copy); the site shows text only as written"
TITLE_FIX = "write the title in visible characters"


def control_findings(path: str, text: str, first_line: int = 1) -> list[Finding]:
    """One finding per line holding a character XML cannot carry or a bidirectional control."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        for pattern, what in ((XML_INVALID_RE, "a control character"), (BIDI_CONTROL_RE, "a bidirectional control")):
            found = pattern.search(line)
            if found:
                problems.append(Finding(path, number, f"{what} (U+{ord(found.group()):04X}) is not allowed",
                                        CONTROL_FIX, "character"))
    return problems


def visible(text: str) -> bool:
    """True when the text holds a character that is drawn."""
    return any(unicodedata.category(char) not in INVISIBLE_CATEGORIES and char not in BLANK_LETTERS
               for char in text)


def title_finding(path: str, line: int, title: str, what: str = "the title") -> Finding | None:
    """A finding for a title that shows nothing, else None."""
    if visible(title):
        return None
    shown = "".join(f"U+{ord(char):04X}" for char in title[:6]) or "empty"
    return Finding(path, line, f"{what} holds no visible character ({shown})", TITLE_FIX, "character")
