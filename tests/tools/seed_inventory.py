"""Inventory of the five source documents of the LLM 知识库.

Reads the source documents (``000_*.txt`` … ``004_*.txt``) and writes three
reference files that the test suite checks the built site against, so that the
tests never need the source documents themselves:

* ``tests/data/seed_urls.txt`` — every distinct URL of the sources (Markdown
  link targets, image sources, HTML ``<img src>``, bare URLs), sorted, exactly
  as written in the source.
* ``tests/data/seed_urls_excluded.txt`` — link targets deliberately left out of
  the site (self-promotion, the star-history badge) and link targets that are
  not URLs (in-document anchors, relative links), each with its reason.
* ``tests/data/linkless_entries.txt`` — every link-less entry (a list item
  without a link, an empty-target link ``[标题]()``, a named term standing on
  its own line), in simplified Chinese as the site writes it, in source
  order (000 to 004), each title once.

Usage (from the repository root)::

    .venv/bin/python tests/tools/seed_inventory.py [--seeds ../shared/seeds]

The output is deterministic: running it twice on the same sources gives
byte-identical files.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import opencc

# ---------------------------------------------------------------------------
# Data: exclusions, overrides and corrections
# ---------------------------------------------------------------------------

#: URLs that occur in the sources but are deliberately not part of the site.
EXCLUDED_URLS: dict[str, str] = {
    "https://github.com/liguodongiot/llm-action/blob/main/pic/wx.jpg":
        "self-promotion: the author's personal WeChat QR code image",
    "https://github.com/liguodongiot/llm-action/blob/main/pic/wx-gzh.png":
        "self-promotion: the author's WeChat public-account QR code image",
}

#: URL prefixes deliberately not part of the site (the star-history badge).
EXCLUDED_URL_PREFIXES: dict[str, str] = {
    "https://api.star-history.com/": "star-history badge image (not a resource)",
    "https://star-history.com/": "link of the star-history badge (not a resource)",
}

#: Sources whose link-less list items are entries. 004 is a long-form article:
#: its bullet and numbered lists state facts (prose), they are not reading-list
#: entries, so they are checked as facts, not as entries.
LIST_ITEMS_ARE_ENTRIES: dict[str, bool] = {
    "000": True,
    "001": True,
    "002": True,
    "003": True,
    "004": False,
}

#: Sources in which a named term standing alone on its own line (outside a
#: list, without a link) is an entry.
LONE_LINE_ENTRY_SEEDS: frozenset[str] = frozenset({"003"})

#: Sources written in Taiwan-style traditional characters; their entries are
#: converted with OpenCC ``tw2sp`` and then corrected with ``TW2SP_CORRECTIONS``.
TRADITIONAL_SEEDS: frozenset[str] = frozenset({"002"})

#: Headings that open a table of contents; the list under them is skipped.
TOC_HEADINGS: frozenset[str] = frozenset({"目录", "目錄"})

#: Lines that are placeholders, not entries.
PLACEHOLDER_LINES: frozenset[str] = frozenset({"待更新...", "待更新…"})

#: Entry text (after stripping) whose title is only part of the line.
TITLE_OVERRIDES: dict[str, str] = {
    # "zero.md 记录一些通信原语和zero算法的原理。": the title is the file name,
    # the rest is a description of the file.
    "zero.md 记录一些通信原语和zero算法的原理。": "zero.md",
}

#: Errors of OpenCC ``tw2sp`` on 002, corrected after conversion (wrong result
#: -> mainland original). Found by reading every converted line of 002.
TW2SP_CORRECTIONS: dict[str, str] = {
    "串行并行": "序列并行",  # 序列 (sequence) becomes 串行 (serial): 序列并行
    "矢量": "向量",  # 向量 (vector) becomes 矢量: 向量数据库
    "升腾": "昇腾",  # the name 昇腾 (Ascend) becomes 升腾
    "预设": "默认",  # 預設 (default) stays 预设; mainland writes 默认
    "透过": "通过",  # 透過 (by means of) stays 透过; mainland writes 通过
    "网络通信原语": "网络通讯原语",  # 通訊 becomes 通信; llm-action's own README writes 通讯
}

#: Link-less list items that only group the linked items nested under them.
GROUP_LABELS: frozenset[str] = frozenset({
    "下一代大模型",  # 001: groups the NExT-GPT links
})

# ---------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------

#: Markdown link or image target: ``](target)``; the target may be empty.
MD_TARGET_RE = re.compile(r"\]\(\s*([^()\s]*)\s*\)")
#: HTML ``<img src="...">``.
HTML_SRC_RE = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
#: A bare URL; it ends at whitespace, quotes, brackets or CJK punctuation.
BARE_URL_RE = re.compile(r"https?://[^\s<>\"'()\[\]（）【】「」《》，。；！？、]+")
#: Punctuation stripped from the end of a bare URL (never part of one here).
TRAILING_PUNCT = ".,;:!?'\"。，；：！？、）)」』】"
#: Markdown link ``[text](target)``; the text may hold one level of brackets.
MD_LINK_RE = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*([^()\s]*)\s*\)")
#: A list item: bullet or numbered; group 1 = indentation, group 2 = text.
LIST_ITEM_RE = re.compile(r"^(\s*)(?:[-*+]|\d+\.)\s*(.*)$")
HEADING_RE = re.compile(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$")
AUTHOR_SUFFIX_RE = re.compile(r"\s*@\s*\S+$")


# ---------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------


@dataclass
class SeedInventory:
    """What one source document contributes."""

    seed_id: str
    urls: list[str] = field(default_factory=list)
    excluded: list[tuple[str, str]] = field(default_factory=list)
    linkless: list[str] = field(default_factory=list)


def is_url(target: str) -> bool:
    """Return True when ``target`` is an absolute http(s) URL."""
    return target.startswith(("http://", "https://"))


def exclusion_reason(target: str) -> str | None:
    """Return why ``target`` is not part of the URL list, or None if it is."""
    if target in EXCLUDED_URLS:
        return EXCLUDED_URLS[target]
    for prefix, reason in EXCLUDED_URL_PREFIXES.items():
        if target.startswith(prefix):
            return reason
    if not is_url(target):
        if target.startswith("#"):
            return "in-document anchor (not a URL)"
        return "relative link to a file of the original repository (not a URL)"
    return None


def join_split_links(text: str) -> str:
    """Join a link whose text was broken before ``](`` onto one line."""
    return re.sub(r"\s*\n\]\(", "](", text)


# ---------------------------------------------------------------------------
# URL extraction
# ---------------------------------------------------------------------------


def extract_targets(text: str) -> list[str]:
    """Return every link/image target of ``text`` in document order.

    Markdown targets and HTML ``src`` attributes are taken as written; bare
    URLs are looked for in what remains and lose trailing punctuation.
    """
    found: list[tuple[int, str]] = []
    masked = list(text)
    for regex in (MD_TARGET_RE, HTML_SRC_RE):
        for match in regex.finditer(text):
            found.append((match.start(1), match.group(1).strip()))
            for i in range(match.start(1), match.end(1)):
                masked[i] = " "
    rest = "".join(masked)
    for match in BARE_URL_RE.finditer(rest):
        url = match.group(0).rstrip(TRAILING_PUNCT)
        found.append((match.start(), url))
    found.sort()
    return [target for _, target in found]


# ---------------------------------------------------------------------------
# Link-less entries
# ---------------------------------------------------------------------------


def clean_title(text: str) -> str:
    """Strip whitespace, a trailing ``@作者`` credit, and apply overrides."""
    title = text.strip()
    title = TITLE_OVERRIDES.get(title, title)
    return AUTHOR_SUFFIX_RE.sub("", title).strip()


def is_structural(text: str) -> bool:
    """Return True for list/line text that is a label, not an entry."""
    stripped = text.strip()
    if not stripped or stripped in PLACEHOLDER_LINES:
        return True
    if stripped.endswith(("：", ":")):  # group label such as "训练后量化："
        return True
    if stripped.startswith("**"):  # bold label such as "**結構化剪枝**："
        return True
    return stripped in GROUP_LABELS


def linkless_from_line(text: str) -> list[str] | None:
    """Classify the text of a list item or a lone line.

    Returns the link-less entries it holds (titles of empty-target links, or
    the whole text when it has no link), an empty list when it is a linked
    line, or None when it is structural.
    """
    links = MD_LINK_RE.findall(text)
    if links:
        return [clean_title(label) for label, target in links if target == ""]
    if BARE_URL_RE.search(text):
        return []
    if is_structural(text):
        return None
    return [clean_title(text)]


def extract_linkless(seed_id: str, text: str) -> list[str]:
    """Return the link-less entries of one source, in document order."""
    entries: list[str] = []
    in_toc = False
    for line in text.splitlines():
        heading = HEADING_RE.match(line)
        if heading:
            title = heading.group(1)
            in_toc = title.strip() in TOC_HEADINGS
            # A heading linking to a file of the original repository names a
            # part that has no URL of its own: "## [AI基础知识](./ai-base.md)".
            for label, target in MD_LINK_RE.findall(title):
                if target and not is_url(target) and not target.startswith("#"):
                    entries.append(clean_title(label))
            continue
        if in_toc or line.lstrip().startswith((">", "|", "<", "!")):
            continue
        item = LIST_ITEM_RE.match(line)
        if item:
            if LIST_ITEMS_ARE_ENTRIES[seed_id]:
                entries.extend(linkless_from_line(item.group(2)) or [])
        elif seed_id in LONE_LINE_ENTRY_SEEDS:
            entries.extend(linkless_from_line(line) or [])
    return entries


def to_simplified(title: str, converter: opencc.OpenCC) -> str:
    """Convert a traditional title to mainland simplified and correct it."""
    converted = converter.convert(title)
    for wrong, right in TW2SP_CORRECTIONS.items():
        converted = converted.replace(wrong, right)
    return converted


def traditional_leftovers(titles: list[str]) -> list[str]:
    """Return the titles that still hold traditional characters."""
    t2s = opencc.OpenCC("t2s")
    return [title for title in titles if t2s.convert(title) != title]


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------


def inventory(path: Path, converter: opencc.OpenCC) -> SeedInventory:
    """Read one source document and return its URLs and link-less entries."""
    seed_id = path.name[:3]
    text = join_split_links(path.read_text(encoding="utf-8"))
    result = SeedInventory(seed_id)
    for target in extract_targets(text):
        if target == "":
            continue  # empty target: a link-less entry, collected below
        reason = exclusion_reason(target)
        if reason is None:
            result.urls.append(target)
        else:
            result.excluded.append((target, reason))
    for title in extract_linkless(seed_id, text):
        if seed_id in TRADITIONAL_SEEDS:
            title = to_simplified(title, converter)
        result.linkless.append(title)
    return result


def unique(items: list[str]) -> list[str]:
    """Return ``items`` without repeats, keeping the first occurrence."""
    return list(dict.fromkeys(items))


def write_lines(path: Path, header: list[str], lines: list[str]) -> None:
    """Write ``header`` (as ``#`` comments) and ``lines``, one per line."""
    text = "".join(f"# {h}\n" for h in header) + "".join(f"{line}\n" for line in lines)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build the inventory, write the files, print counts."""
    repo = Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=Path("../shared/seeds"),
                        help="folder of the source documents (relative to the repository root)")
    args = parser.parse_args(argv)
    seeds_dir = args.seeds if args.seeds.is_absolute() else repo / args.seeds
    seed_files = sorted(seeds_dir.glob("[0-9][0-9][0-9]_*.txt"))
    if not seed_files:
        print(f"no source documents in {seeds_dir}", file=sys.stderr)
        return 1

    converter = opencc.OpenCC("tw2sp")
    results = [inventory(path, converter) for path in seed_files]

    urls = sorted({url for r in results for url in r.urls})
    excluded = sorted({pair for r in results for pair in r.excluded})
    linkless = unique([title for r in results for title in r.linkless])
    leftover = traditional_leftovers(linkless)
    if leftover:
        print("traditional characters left in: " + ", ".join(leftover), file=sys.stderr)
        return 1

    data = repo / "tests" / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "seed_urls.txt").write_text("".join(f"{u}\n" for u in urls), encoding="utf-8")
    write_lines(data / "seed_urls_excluded.txt",
                ["Link targets of the source documents that are not on the site.",
                 "Format: target<TAB>reason"],
                [f"{target}\t{reason}" for target, reason in excluded])
    (data / "linkless_entries.txt").write_text("".join(f"{t}\n" for t in linkless),
                                               encoding="utf-8")

    for r in results:
        print(f"{r.seed_id}: {len(r.urls)} URL occurrences, "
              f"{len(set(r.urls))} distinct URLs, "
              f"{len(r.excluded)} excluded targets, "
              f"{len(r.linkless)} link-less entries")
    print(f"total: {len(urls)} distinct URLs, {len(excluded)} distinct excluded targets, "
          f"{len(linkless)} distinct link-less entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
