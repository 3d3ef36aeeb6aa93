"""Simplified → Taiwan traditional Chinese for the zh-Hant edition of the site.

Pure module (no MkDocs import):

* :func:`load_glossary` reads and checks the project glossary (``simplified<TAB>traditional``).
* :class:`ScriptConverter` is OpenCC ``s2twp`` with the glossary built into its dictionaries,
  so glossary terms are segmented as single units and win over OpenCC's Taiwan phrases; with
  ``base="s2tw.json"`` and :func:`character_rows` it is the script-only converter of cited
  titles (Taiwan characters, the author's words).
* :func:`convert_markdown` converts the prose of a Markdown page and leaves code, URLs,
  link targets, HTML attributes, attribute lists, comments and front matter keys alone;
  cited titles in it take the script-only converter.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import opencc

from hooks.parse.data_files import read_limited
from hooks.parse.markdown import code_blocks, inline_marks

__all__ = [
    "GlossaryError", "ScriptConverter", "character_rows", "convert_markdown", "load_glossary",
    "title_pattern",
]


# --------------------------------------------------------------------------------------------
# Glossary
# --------------------------------------------------------------------------------------------


class GlossaryError(ValueError):
    """The glossary file is malformed; the message names ``file:line`` and the fix."""


def load_glossary(path: Path) -> dict[str, str]:
    """Read a ``simplified<TAB>traditional`` TSV file into a dict.

    Blank lines and lines starting with ``#`` are ignored. Every other line must hold exactly
    two non-empty, space-free fields, optionally followed by a third one (the reason for the
    row, free text), and each simplified term may appear only once.
    """
    path = Path(path)
    terms: dict[str, str] = {}
    first_line: dict[str, int] = {}
    text = read_limited(path, "zh_hant_terms")  # within its size limit, UTF-8, or a DataFileError
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path}:{number}"
        fields = line.split("\t")
        if len(fields) == 3 and fields[2].strip():  # third column: the reason, for reviewers
            fields = fields[:2]
        if len(fields) != 2:
            raise GlossaryError(
                f"{where}: expected 2 tab-separated columns (simplified<TAB>traditional) and "
                f"an optional third one (the reason), found {len(fields)}; separate the "
                f"columns with exactly one tab character"
            )
        key, value = fields
        for name, field in (("simplified", key), ("traditional", value)):
            if not field:
                raise GlossaryError(
                    f"{where}: the {name} column is empty; write a term in both columns "
                    f"or delete the line"
                )
            if any(ch.isspace() for ch in field):
                raise GlossaryError(
                    f"{where}: the {name} term {field!r} contains a space; OpenCC text "
                    f"dictionaries cannot hold spaces, so write the term without spaces "
                    f"(e.g. 'GPU記憶體')"
                )
        if key in terms:
            raise GlossaryError(
                f"{where}: duplicate simplified term {key!r} (first defined at "
                f"{path}:{first_line[key]}); keep a single line for it"
            )
        terms[key] = value
        first_line[key] = number
    return terms


def character_rows(glossary: Mapping[str, str], to_simplified: Callable[[str], str]) -> dict[str, str]:
    """The glossary rows that fix characters only (发布 → 發布, not 發佈; 个中文 → 個中文, not
    箇中文): their traditional form converts back to the simplified term, so they change no
    word and apply to cited titles too. Vocabulary rows (显存 → 顯示記憶體) do not."""
    return {key: value for key, value in glossary.items() if to_simplified(value) == key}


# --------------------------------------------------------------------------------------------
# OpenCC converter
# --------------------------------------------------------------------------------------------

_BASE_CONFIG = "s2twp.json"
_TAIWAN_STAGE = "TWVariants"  # the last stage of s2twp and s2tw: Taiwan phrases and variants


def _opencc_data_dir() -> Path:
    """The directory of the installed OpenCC package holding its configs and ``.ocd2`` files."""
    package = Path(opencc.__file__).resolve().parent
    candidates = [
        package / "clib" / "share" / "opencc",
        Path(getattr(opencc, "_opencc_share_dir", package)),
        Path(getattr(opencc, "_opencc_configdir", package)),
    ]
    for candidate in candidates:
        if (candidate / _BASE_CONFIG).is_file() and any(candidate.glob("*.ocd2")):
            return candidate
    raise RuntimeError(
        f"cannot find OpenCC's {_BASE_CONFIG} and dictionaries next to {package}; "
        "reinstall the 'opencc' package from PyPI"
    )


def _absolutize(node: Any, data_dir: Path) -> None:
    """Make every ``ocd2`` dictionary path of an OpenCC config absolute (in place)."""
    if isinstance(node, dict):
        if node.get("type") == "ocd2" and "file" in node:
            node["file"] = str(data_dir / node["file"])
        for child in node.values():
            _absolutize(child, data_dir)
    elif isinstance(node, list):
        for child in node:
            _absolutize(child, data_dir)


def _mentions(node: Any, needle: str) -> bool:
    return needle in json.dumps(node)


def _prepend(group: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """Put ``entry`` first in a (short-circuit) dictionary group, creating the group if needed."""
    if group.get("type") == "group":
        group["dicts"].insert(0, entry)
        return group
    return {"type": "group", "dicts": [entry, group]}


def _text_dict(path: Path, pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    lines = sorted({f"{key}\t{value}" for key, value in pairs})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"type": "text", "file": str(path)}


class ScriptConverter:
    """OpenCC ``s2twp`` (or another ``base`` config, e.g. ``s2tw.json``) plus a project
    glossary; the glossary always wins.

    The stock ``s2twp.json`` is copied with absolute ``ocd2`` paths and the glossary is added
    as plain-text dictionaries:

    * to the segmentation group (simplified keys), so each term is one segment, while the
      text around it still segments as OpenCC would (合并行数据 stays 合併行資料);
    * first in the Taiwan stage (phrases and variants), keyed by what the simplified→traditional stage makes
      of each term, so ``TWPhrases`` cannot rewrite it (参数 → 參數, not 引數) — also where
      the term sits inside a longer OpenCC phrase.

    OpenCC reads text dictionaries while the converter is built, so the files live in a
    temporary directory that is removed as soon as construction is over.
    """

    def __init__(
        self,
        glossary: Mapping[str, str],
        postprocess: Callable[[str], str] | None = None,
        base: str = _BASE_CONFIG,
    ) -> None:
        """Build the converter (≈0.1–0.3 s: OpenCC loads its phrase dictionaries).

        ``postprocess`` runs on OpenCC's output (the project's Taiwan phrase rules and
        quotation marks, ``convert.taiwan.taiwan_postprocess``).
        """
        self.glossary: dict[str, str] = dict(glossary)
        self.postprocess = postprocess
        data_dir = _opencc_data_dir()
        config = json.loads((data_dir / base).read_text(encoding="utf-8"))
        _absolutize(config, data_dir)
        chain = config["conversion_chain"]
        tw_stage = next(
            (i for i, stage in enumerate(chain) if _mentions(stage, _TAIWAN_STAGE)), None
        )
        if tw_stage is None or tw_stage == 0:
            raise RuntimeError(f"unexpected OpenCC {base}: no Taiwan stage")
        with tempfile.TemporaryDirectory(prefix="zh-convert-") as tmp:
            tmp_dir = Path(tmp)
            if self.glossary:
                segment = _text_dict(tmp_dir / "glossary_segments.txt", self.glossary.items())
                seg_dict = config["segmentation"]["dict"]
                if seg_dict.get("type") == "group":
                    seg_dict["dicts"].append(segment)
                else:
                    config["segmentation"]["dict"] = {
                        "type": "group",
                        "match_policy": "union",
                        "dicts": [seg_dict, segment],
                    }
                before_tw = self._open(
                    {**config, "conversion_chain": chain[:tw_stage]}, tmp_dir / "before_tw.json"
                )
                keys = list(self.glossary)
                converted = before_tw.convert("\n".join(keys)).split("\n")
                if len(converted) != len(keys):  # pragma: no cover - keys hold no newlines
                    raise RuntimeError("OpenCC changed the number of glossary lines")
                phrases: dict[str, str] = {}
                for key, traditional in zip(keys, converted, strict=True):
                    value = self.glossary[key]
                    if phrases.get(traditional, value) != value:
                        other = next(k for k, t in zip(keys, converted, strict=True) if t == traditional)
                        raise GlossaryError(
                            f"glossary terms {other!r} and {key!r} both become {traditional!r} "
                            f"before the Taiwan stage but ask for different forms; give them "
                            f"the same traditional form or drop one"
                        )
                    phrases[traditional] = value
                tw_dict = _text_dict(tmp_dir / "glossary_tw.txt", phrases.items())
                chain[tw_stage]["dict"] = _prepend(chain[tw_stage]["dict"], tw_dict)
            self._opencc = self._open(config, tmp_dir / f"glossary_{base}")

    @staticmethod
    def _open(config: dict[str, Any], path: Path) -> opencc.OpenCC:
        path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
        return opencc.OpenCC(str(path))

    @classmethod
    def from_glossary(
        cls, path: Path, postprocess: Callable[[str], str] | None = None
    ) -> ScriptConverter:
        """Build a converter from a glossary TSV file (see :func:`load_glossary`)."""
        return cls(load_glossary(path), postprocess)

    def convert(self, text: str) -> str:
        """Convert plain simplified Chinese text to Taiwan traditional."""
        if not text:
            return text
        converted = self._opencc.convert(text)
        return self.postprocess(converted) if self.postprocess else converted

    __call__ = convert


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------

# A private-use character joins the pieces to convert into one OpenCC call: no dictionary
# entry contains it, so segmentation never runs across two pieces.
_JOINER = "\ue000"

_FRONT_MATTER = re.compile(
    r"\A(\ufeff?-{3}[ \t]*\r?\n)(.*?\r?\n)?((?:-{3}|\.{3})[ \t]*(?:\r?\n|\Z))", re.S
)
_FM_KEY = re.compile(
    r"^(?P<head>(?:title|description)[ \t]*:[ \t]*)(?P<value>.*?)(?P<eol>\r?\n?)$"
)
_FM_BLOCK_SCALAR = re.compile(r"^[|>][+-]?[0-9]?[ \t]*(?:#.*)?$")


_INLINE = re.compile(
    r"""
      (?P<comment><!--.*?-->)
    | (?P<raw><(?P<rawtag>script|style|pre|code)\b[^>]*>.*?</(?P=rawtag)[ \t]*>)
    | (?P<escape>\\[!-/:-@\[-`{-~])
    | (?P<ticks>`+)
    | (?P<refdef>^[ ]{0,3}\[(?!\^)(?:[^\]\\\n]|\\.)+\]:[ \t]*\S[^\n]*)
    | (?P<dest>\]\(
          (?P<dest_ws1>[ \t]*)
          (?P<url><[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)
          (?:(?P<dest_ws2>[ \t]+)
             (?P<title>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?
          (?P<dest_ws3>[ \t]*)
        \))
    | (?P<reflabel>\]\[(?:[^\]\\\n]|\\.)*\])
    | (?P<shortref>\[(?P<shortlabel>(?:[^\]\\\n]|\\.)+)\](?:\[\])?)(?![(\[:])
    | (?P<autolink><[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>|<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>)
    | (?P<tag></?[A-Za-z][A-Za-z0-9\-]*
          (?:\s+[^\s"'=<>`/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*
          \s*/?>)
    | (?P<attrs>\{:?[ \t]*
          (?:[#.][^\s{}]+|[^\s{}=#.]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s{}]+))
          (?:[ \t]+(?:[#.][^\s{}]+|[^\s{}=#.]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s{}]+)))*
        [ \t]*\})
    | (?P<bare>(?:(?:https?|ftp)://|www\.)[^\s<>"'\[\]|\u3000-\u303f\uff00-\uffef]+)
    """,
    re.X | re.M | re.S,
)
_REF_DEFINITION = re.compile(r"^[ ]{0,3}\[(?!\^)((?:[^\]\\\n]|\\.)+)\]:", re.M)
_TAG_ATTR = re.compile(
    r"""(?P<name>[^\s"'=<>`/]+)(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
)
_TAG_NAME = re.compile(r"</?[A-Za-z][A-Za-z0-9\-]*")
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_BARE_URL_TRAILING = ".,:;!?*_~"
_CONVERTED_ATTRS = {"alt", "title"}
_FRAGMENT_SAFE = "!$&'()*+,;=:@/?-._~"


class _Pieces:
    """The page as a list of strings, some marked for conversion (converted in one call per
    converter): cited titles found in the prose (``titles``) are marked apart."""

    def __init__(self, titles: re.Pattern[str] | None = None) -> None:
        self.parts: list[str] = []
        self.todo: list[tuple[int, Callable[[str], str] | None, bool]] = []
        self.titles = titles

    def keep(self, text: str) -> None:
        if text:
            self.parts.append(text)

    def convert(self, text: str, after: Callable[[str], str] | None = None) -> None:
        """Mark ``text`` for conversion; ``after`` post-processes the converted string."""
        if not text:
            return
        if self.titles is None or after is not None:
            self._mark(text, after, False)
            return
        pos = 0
        for match in self.titles.finditer(text):
            self._mark(text[pos : match.start()], None, False)
            self._mark(match.group(0), None, True)
            pos = match.end()
        self._mark(text[pos:], None, False)

    def _mark(self, text: str, after: Callable[[str], str] | None, title: bool) -> None:
        if text:
            self.todo.append((len(self.parts), after, title))
            self.parts.append(text)

    def render(self, convert: Callable[[str], str], convert_title: Callable[[str], str]) -> str:
        for title, converter in ((False, convert), (True, convert_title)):
            todo = [(index, after) for index, after, is_title in self.todo if is_title == title]
            sources = [self.parts[i] for i, _ in todo]
            results: list[str] | None = None
            if sources and not any(_JOINER in s for s in sources):
                joined = converter(_JOINER.join(sources)).split(_JOINER)
                if len(joined) == len(sources):
                    results = joined
            if results is None:
                results = [converter(s) for s in sources]
            for (index, after), result in zip(todo, results, strict=True):
                self.parts[index] = after(result) if after else result
        return "".join(self.parts)


_HAN_CHARACTER = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_MARKDOWN_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def title_pattern(titles: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern finding cited titles as Markdown writes them (ASCII punctuation may carry a
    backslash: ``\\[源码解析\\]``), longest first. Titles without a Han character are left out:
    no conversion changes them. ``None`` when no title is left."""
    chosen = sorted({t for t in titles if _HAN_CHARACTER.search(t)}, key=lambda t: (-len(t), t))
    if not chosen:
        return None
    if any("\\" in title for title in chosen):  # a backslash could be read two ways in the tree below
        return re.compile("|".join("".join(_title_character(ch) for ch in title) for title in chosen))
    return re.compile(_title_tree(chosen))


def _title_character(ch: str) -> str:
    return "\\\\?" + re.escape(ch) if ch in _MARKDOWN_ESCAPABLE else re.escape(ch)


def _title_tree(titles: Iterable[str]) -> str:
    """One pattern for many titles as a tree of shared beginnings (``a(?:b|cd)?``): it finds
    what the alternation of the titles longest first would (two branches never begin with the
    same character, and a longer branch is tried before stopping), several times faster, as
    the regular expression engine tries the titles' next characters instead of every title."""
    tree: dict[str, dict] = {}
    for title in titles:
        node = tree
        for ch in title:
            node = node.setdefault(ch, {})
        node[""] = {}  # a title ends here

    def branches(node: dict[str, dict]) -> str:
        alternatives = [_title_character(ch) + branches(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        if len(alternatives) == 1 and "" not in node:
            return alternatives[0]
        group = "(?:" + "|".join(alternatives) + ")"
        return group + "?" if "" in node else group

    return branches(tree)


def convert_markdown(
    markdown: str,
    convert: Callable[[str], str],
    titles: re.Pattern[str] | None = None,
    convert_title: Callable[[str], str] | None = None,
) -> str:
    """Convert the prose of a Markdown page with ``convert``; leave the machinery untouched.

    Cited titles (every match of ``titles``, see :func:`title_pattern`: in link text, table
    cells, list items and running text alike) are converted with ``convert_title`` instead,
    the script-only converter: a title is cited as its author wrote it.

    Converted: text, headings, link and image text, link titles, the ``#fragment`` of
    relative link targets (heading ids follow the converted headings), ``alt``/``title``
    values of HTML tags, and the ``title``/``description`` values of the front matter.
    Untouched: fenced and indented code, inline code, link/image URLs, autolinks, bare URLs,
    reference definitions, HTML tags and other attributes, attribute lists, HTML comments,
    and the rest of the front matter.
    """
    pieces = _Pieces(titles if convert_title is not None else None)
    body_start = _front_matter(markdown, pieces)
    _blocks(markdown, body_start, pieces)
    return pieces.render(convert, convert_title or convert)


def _front_matter(markdown: str, pieces: _Pieces) -> int:
    """Handle a leading YAML front matter block; return where the body starts."""
    match = _FRONT_MATTER.match(markdown)
    if not match:
        return 0
    pieces.keep(match.group(1))
    in_block_scalar = False  # inside a `title: >` / `description: |` block
    for line in (match.group(2) or "").splitlines(keepends=True):
        if in_block_scalar:
            if not line.strip():
                pieces.keep(line)
                continue
            if line[0] in " \t":
                pieces.convert(line)
                continue
            in_block_scalar = False
        key = _FM_KEY.match(line)
        if not key:
            pieces.keep(line)
            continue
        pieces.keep(key.group("head"))
        value = key.group("value")
        if _FM_BLOCK_SCALAR.match(value):
            pieces.keep(value)
            in_block_scalar = True
        else:
            pieces.convert(value)
        pieces.keep(key.group("eol"))
    pieces.keep(match.group(3))
    return match.end()


def _blocks(markdown: str, start: int, pieces: _Pieces) -> None:
    """Split the body into code blocks (kept) and text runs (tokenised inline), with the code
    blocks and code spans the shared scanner finds (hooks/parse/markdown.py)."""
    ref_labels = frozenset(_ref_label(m.group(1)) for m in _REF_DEFINITION.finditer(markdown, start))
    blocks = code_blocks(markdown, start)
    code_spans = {begin: end for kind, begin, end in inline_marks(markdown, start, blocks) if kind == "code"}
    position = start
    for begin, end in blocks:
        _inline(markdown, position, begin, pieces, ref_labels, code_spans)
        pieces.keep(markdown[begin:end])
        position = end
    _inline(markdown, position, len(markdown), pieces, ref_labels, code_spans)


def _ref_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _inline(markdown: str, run_start: int, run_end: int, pieces: _Pieces, ref_labels: frozenset[str],
            code_spans: Mapping[int, int]) -> None:
    """One tokeniser pass over ``markdown[run_start:run_end]``, a run of lines outside code
    blocks; ``code_spans`` maps the start of each code span to its end."""
    if run_start >= run_end:
        return
    text = markdown[:run_end]
    pos = buffer_start = run_start  # buffer_start: start of the pending text to convert

    def take_text(end: int) -> None:
        pieces.convert(text[buffer_start:end])

    while True:
        match = _INLINE.search(text, pos)
        if match is None:
            break
        kind = match.lastgroup  # the named alternative that matched: it encloses any group inside it
        start, end = match.span()
        if kind == "escape":
            pos = end
            continue
        if kind == "shortref" and _ref_label(match.group("shortlabel")) not in ref_labels:
            pos = start + 1  # ordinary bracketed text: look inside it
            continue
        if kind == "ticks":
            take_text(start)
            end = code_spans.get(start, end)
            pieces.keep(text[start:end])
        elif kind == "bare":
            url = match.group("bare").rstrip(_BARE_URL_TRAILING)
            while url.endswith(")") and url.count(")") > url.count("("):
                url = url[:-1]
            end = start + len(url)
            take_text(start)
            pieces.keep(url)
        elif kind == "dest":
            take_text(start)
            _destination(match, pieces)
        elif kind == "tag":
            take_text(start)
            _tag(match.group("tag"), pieces)
        else:  # comment, raw, refdef, reflabel, shortref (label of a definition), autolink, attrs
            take_text(start)
            pieces.keep(text[start:end])
        pos = buffer_start = end
    take_text(len(text))


def _destination(match: re.Match[str], pieces: _Pieces) -> None:
    """``](url "title")``: keep the URL, convert the title and a relative link's fragment."""
    pieces.keep("](" + match.group("dest_ws1"))
    url = match.group("url")
    angle = url.startswith("<") and url.endswith(">")
    bare = url[1:-1] if angle else url
    if angle:
        pieces.keep("<")
    head, sep, fragment = bare.partition("#")
    if sep and fragment and not _URL_SCHEME.match(bare) and not bare.startswith("//"):
        pieces.keep(head + sep)
        if "%" in fragment:  # percent-encoded: convert the decoded id, encode it again
            decoded = unquote(fragment)

            def encode(done: str) -> str:
                return fragment if done == decoded else quote(done, safe=_FRAGMENT_SAFE)

            pieces.convert(decoded, encode)
        else:
            pieces.convert(fragment)
    else:
        pieces.keep(bare)
    if angle:
        pieces.keep(">")
    title = match.group("title")
    if title:
        pieces.keep(match.group("dest_ws2"))
        pieces.keep(title[0])
        pieces.convert(title[1:-1])
        pieces.keep(title[-1])
    pieces.keep(match.group("dest_ws3") + ")")


def _tag(tag: str, pieces: _Pieces) -> None:
    """An HTML tag: keep everything except the values of ``alt`` and ``title``."""
    lower = tag.lower()
    if not any(attribute in lower for attribute in _CONVERTED_ATTRS):  # most tags: nothing to convert
        pieces.keep(tag)
        return
    name = _TAG_NAME.match(tag)
    assert name is not None
    pos = name.end()
    pieces.keep(tag[:pos])
    for attr in _TAG_ATTR.finditer(tag, pos):
        pieces.keep(tag[pos : attr.start()])
        value = attr.group("value")
        if value and attr.group("name").lower() in _CONVERTED_ATTRS:
            pieces.keep(tag[attr.start() : attr.start("value")])
            if value[0] in "\"'":
                pieces.keep(value[0])
                pieces.convert(value[1:-1])
                pieces.keep(value[-1])
            else:
                pieces.convert(value)
        else:
            pieces.keep(attr.group(0))
        pos = attr.end()
    pieces.keep(tag[pos:])
