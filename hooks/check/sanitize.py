"""The allowlist every page's HTML goes through (nh3, the Python binding of Rust's ammonia).

What the allowlist admits is what Python-Markdown, the enabled extensions and the project's own
hooks produce; everything else (script, style, forms, frames, meta, link, event handlers, other
URL schemes, protocol-relative links) is removed, and every removal is reported. The allowlist
is said once, in the constants below, and applied two ways:

* ``clean``: what the build publishes. The allowlist as nh3's own options, so ammonia does the
  whole pass without calling back into Python.
* ``sanitize``: the same HTML and, besides, what was removed: one description per removal. nh3
  calls a Python filter on every attribute, so this pass is slower; the build publishes what
  it returns (``check.stage``; a resource line that generated pages share is checked once,
  with ``published``, and each page around it apart), the content check (``check_page_html``) runs
  it on each page's Markdown rendered with the site's extensions. The build renders a page's
  source again only when its HTML lost something, to name the lines with that same
  ``check_page_html``.

The two give the same HTML: the unit tests compare them on hostile samples and on every page
of the built site.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

import nh3

# ---------------------------------------------------------------- the allowlist

ALLOWED_TAGS = frozenset({
    # Python-Markdown and its bundled extensions (abbr, admonition, attr_list, def_list,
    # footnotes, md_in_html, tables, toc)
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption", "colgroup", "col",
    # pymdownx: details, highlight/superfences, keys, mark, tilde, tasklist
    "details", "summary", "kbd", "mark", "s", "ins", "input", "label",
    # plain HTML that the pages may use for layout and text
    "section", "article", "aside", "figure", "figcaption", "small", "u", "q", "cite", "time",
    "var", "samp", "wbr",
    # icons (theme and project hooks)
    "svg", "path",
})
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role", "hidden"})
GLOBAL_PREFIXES = ("aria-",)
TAG_ATTRIBUTES = {
    "a": frozenset({"href", "rel", "target", "name"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "input": frozenset({"type", "checked", "disabled"}),
    "label": frozenset({"for"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    # Material's search leaves these out of the index: navigation the hooks add (chips, labels)
    "div": frozenset({"data-search-exclude"}),
    "span": frozenset({"data-search-exclude"}),
    "small": frozenset({"data-search-exclude"}),
    "td": frozenset({"align", "colspan", "rowspan", "style"}),
    "th": frozenset({"align", "colspan", "rowspan", "style", "scope"}),
    "col": frozenset({"span"}),
    "time": frozenset({"datetime"}),
    "svg": frozenset({"viewBox", "xmlns", "width", "height", "fill", "focusable"}),  # as in SVG: viewBox
    "path": frozenset({"d", "fill"}),
}
TEXT_ALIGN = frozenset(f"text-align:{space}{side}{end}"  # what Python-Markdown's tables write
                      for space in ("", " ") for side in ("left", "right", "center") for end in ("", ";"))
ATTRIBUTE_VALUES: dict[tuple[str, str], frozenset[str]] = {  # these attributes only with these values
    ("input", "type"): frozenset({"checkbox"}),
    ("a", "target"): frozenset({"_blank"}),
    ("td", "style"): TEXT_ALIGN,
    ("th", "style"): TEXT_ALIGN,
}
URL_ATTRIBUTES = frozenset({"href", "src"})
# The theme's and the site's own elements have ids starting with "__" (__config, __search,
# __drawer, __nav_1…): content may not take one (nor name one in `name=` or `for=`)
NAMING_ATTRIBUTES = frozenset({"id", "name", "for"})
RESERVED_PREFIX = "__"
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
# Schemes nh3 is told about only so that the filter below sees (and reports) them (``sanitize``
# adds the words of the page that could be schemes).
SEEN_SCHEMES = ALLOWED_SCHEMES | {"javascript", "vbscript", "data", "file", "ftp", "blob", "about",
                                  "filesystem", "tel", "ws", "wss"}
# Every HTML, SVG and MathML element name: the second pass keeps them all, to name what the
# first pass removed.
KNOWN_TAGS = ALLOWED_TAGS | frozenset("""
    html head body title base link meta style script noscript template slot iframe frame frameset
    object embed applet param video audio source track canvas map area picture portal form button
    select option optgroup textarea fieldset legend output progress meter datalist dialog menu
    main nav header footer address hgroup search font center marquee blink bgsound isindex
    keygen xmp plaintext listing noembed noframes image math mi mo mn ms mtext annotation-xml
    semantics animate animatemotion animatetransform set foreignobject use symbol defs g
    lineargradient radialgradient stop circle ellipse line polyline polygon rect text tspan
    textpath filter feimage mask pattern clippath marker desc metadata view switch handler
    listener data dfn bdi bdo rp rt ruby big tt strike nobr acronym dir
""".split())
SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# What may be a URL's scheme, anywhere: the letter-led end of each run of scheme characters before
# a ':', found in the reversed text (``scheme_words``): a search for ':' first is linear, where the
# same pattern read forwards restarts at every letter of every word.
REVERSED_SCHEME_WORD_RE = re.compile(r":([A-Za-z0-9+.\-]*[A-Za-z])")
SKIPPED_IN_URL = ("\t", "\n", "\r")  # a URL parser drops these
IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")
TAG_NAME_RE = re.compile(r"<([A-Za-z][^\s/>]*)")


_NAMES = {tag: frozenset(name.lower() for name in names) for tag, names in TAG_ATTRIBUTES.items()}


@lru_cache(maxsize=8192)  # the same classes, ids and links recur on every page
def _allowed_attribute(tag: str, name: str, value: str) -> str | None:
    """Why the attribute is removed, or None when it stays."""
    if name.startswith("on"):
        return f"event-handler attribute {name}= on <{tag}> runs script"
    if not (name in GLOBAL_ATTRIBUTES or name.startswith(GLOBAL_PREFIXES) or name in _NAMES.get(tag, ())):
        return f"attribute {name}= on <{tag}> is not allowed"
    if name in NAMING_ATTRIBUTES and value.startswith(RESERVED_PREFIX):
        return f"the {name} \"{value[:40]}\" on <{tag}> is reserved for the theme's own elements"
    values = ATTRIBUTE_VALUES.get((tag, name))
    if values is not None and value.lower() not in values:  # as ammonia compares them
        return f"attribute {name}=\"{value[:40]}\" on <{tag}> is not allowed"
    if name in URL_ATTRIBUTES:
        url = IGNORED_IN_URL.sub("", value).lower()
        scheme = SCHEME_RE.match(url)
        if scheme and scheme.group(1) not in ALLOWED_SCHEMES:
            return f"URL scheme '{scheme.group(1)}:' in {name}= on <{tag}> is not allowed"
        if _protocol_relative(url):
            return f"protocol-relative link {name}=\"{value[:40]}\" on <{tag}> leaves the site unmarked"
    return None


def _protocol_relative(url: str) -> bool:
    return url.startswith(("//", "\\\\", "/\\", "\\/"))


def _relative_url(url: str) -> str | None:
    """nh3's hook for relative URLs: a protocol-relative one goes, any other stays as it is."""
    return None if _protocol_relative(IGNORED_IN_URL.sub("", url)) else url


def _nh3_allowlist() -> dict:
    """The allowlist as nh3's options (``clean``)."""
    attributes = {tag: set(names) - {name for (t, name) in ATTRIBUTE_VALUES if t == tag}
                  for tag, names in TAG_ATTRIBUTES.items()}
    attributes["*"] = set(GLOBAL_ATTRIBUTES)
    values: dict[str, dict[str, set[str]]] = {}
    for (tag, name), allowed in ATTRIBUTE_VALUES.items():
        values.setdefault(tag, {})[name] = set(allowed)
    return dict(tags=set(ALLOWED_TAGS), attributes=attributes, generic_attribute_prefixes=set(GLOBAL_PREFIXES),
                tag_attribute_values=values, url_schemes=set(ALLOWED_SCHEMES), url_relative=_relative_url,
                link_rel=None, strip_comments=True)


_ALLOWLIST = _nh3_allowlist()


SERIALISED_TAG_RE = re.compile(r'<[a-zA-Z][^>"]*(?:"[^"]*"[^>"]*)*>')  # nh3 quotes every value with "
RESERVED_ATTRIBUTE_RE = re.compile(r'\s(?:{})="{}[^"]*"'.format("|".join(sorted(NAMING_ATTRIBUTES)), RESERVED_PREFIX))


def drop_reserved(serialised: str) -> str:
    """nh3's output without the naming attributes whose values are reserved for the theme."""
    if f'="{RESERVED_PREFIX}' not in serialised:
        return serialised
    return SERIALISED_TAG_RE.sub(lambda tag: RESERVED_ATTRIBUTE_RE.sub("", tag.group(0)), serialised)


def clean(html: str) -> str:
    """The HTML reduced to the allowlist (what ``sanitize`` gives, without saying what went)."""
    return drop_reserved(nh3.clean(html, **_ALLOWLIST))


def link_problem(url: str) -> str | None:
    """Why the allowlist would remove a link to `url`, or None (the navigation's links)."""
    return _allowed_attribute("a", "href", url)


def published(html: str) -> str | None:
    """The HTML as the allowlist publishes it (serialised as ammonia writes it: ``hidden`` as
    ``hidden=""``), or None when the allowlist removes anything of it."""
    cleaned, removed = sanitize(html)
    return None if removed else cleaned


LINK_RE = re.compile(r'<a href="([^"]*)"></a>')


# A relative address (no ':', so no scheme for ammonia to parse) with no character ammonia writes
# as a reference in a value: published as it is when the filter keeps it.
PLAIN_RELATIVE_RE = re.compile('[^:&<>"\u00a0]*')


@lru_cache(maxsize=8192)  # a page's lines link the same pages and sites over and over
def published_link(href: str) -> str | None:
    """A link's ``href`` text (as HTML source) as the allowlist publishes it, or None when the
    allowlist removes it. A plain relative address (``PLAIN_RELATIVE_RE``) is published as it is
    when the filter keeps it: the same answer, without a pass of nh3."""
    if PLAIN_RELATIVE_RE.fullmatch(href):
        return href if link_problem(href) is None else None
    cleaned, removed = sanitize(f'<a href="{href}"></a>')
    found = LINK_RE.fullmatch(cleaned)
    return found.group(1) if found and not removed else None


def scheme_words(text: str) -> set[str]:
    """Every word of the text that could be a URL's scheme, lower-cased: the words
    ``[A-Za-z][A-Za-z0-9+.-]*`` followed by ':' that a regular expression finds left to right."""
    return {word[::-1].lower() for word in REVERSED_SCHEME_WORD_RE.findall(text[::-1])}


def sanitize(html: str) -> tuple[str, list[str]]:
    """(the HTML reduced to the allowlist, what was removed: one short description each)."""
    removed: list[str] = []

    def keep(tag: str, name: str, value: str) -> str | None:
        tag = tag.lower()
        if tag not in ALLOWED_TAGS:
            return None  # the element itself goes (reported below)
        reason = _allowed_attribute(tag, name.lower(), value)
        if reason is None:
            return value
        removed.append(reason)
        return None

    # nh3 drops a URL whose scheme it is not told of before the filter sees it: it is told of
    # every word of the page that could be one (character references read, the tabs and line
    # breaks a URL parser skips left out), so that the filter reports such a URL too
    text = unescape(html)
    for skipped in SKIPPED_IN_URL:  # str.replace: far faster than str.translate on long text
        text = text.replace(skipped, "")
    schemes = SEEN_SCHEMES | scheme_words(text)
    clean = nh3.clean(html, tags=set(ALLOWED_TAGS), attributes={}, generic_attribute_prefixes={""},
                      attribute_filter=keep, url_schemes=schemes, link_rel=None, strip_comments=True)
    after = tag_names(clean)  # exact: nh3's output escapes every other '<'
    if any(count > after[name] for name, count in tag_names(html).items()):
        # an element may have gone (the count is an upper bound: it also counts '<x' in
        # comments and attribute values). The same parse keeping every known element, stripped
        # of attributes: the elements of that text that the allowlist lacks were removed
        every = nh3.clean(html, tags=set(KNOWN_TAGS), clean_content_tags=set(), attributes={},
                          url_schemes=set(), strip_comments=True)
        named = Counter(name.lower() for name in TAG_NAME_RE.findall(every) if name.lower() not in ALLOWED_TAGS)
        # ammonia also drops, without a trace in that second pass, elements it never keeps (SVG
        # <animate>, <set>, <foreignObject>…) and elements out of their namespace (<svg><kbd>):
        # an element the output has fewer of than the input (as an HTML parser counts them) was
        # removed too
        for name, count in start_tags(html).items():
            named[name] = max(named[name], count - after[name])
        for name, count in named.items():
            removed += [f"raw HTML <{name}> is not allowed"] * count
    return clean, removed


START_TAG_RE = re.compile(r"<([a-zA-Z][^\t\n\r\f />\x00]*)")  # html.parser's start of a start tag


def tag_names(html: str) -> Counter[str]:
    """How often each (lower-case) element name follows a '<': at least the number of elements
    of that name an HTML parser sees, and exactly it in serialised HTML (nh3's output)."""
    return Counter(START_TAG_RE.findall(html.lower()))


class _StartTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.names: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs) -> None:
        self.names[tag] += 1

    handle_startendtag = handle_starttag


def start_tags(html: str) -> Counter[str]:
    """How many elements of each (lower-case) name the HTML opens."""
    parser = _StartTags()
    parser.feed(html)
    parser.close()
    return parser.names


# ---------------------------------------------------------------- the check of a page's source

HTML_FIX = ("write Markdown; pages may use only the HTML that Markdown itself produces (div/span with "
            "classes, tables, details…); to show HTML as an example, put it in `code`")


KEY_RES = (  # a reason → the source text it names
    (re.compile(r"^raw HTML <(?P<key>[^>]+)>"), lambda k: re.compile(rf"<\s*{re.escape(k)}(?![\w-])", re.I)),
    (re.compile(r"^(?:event-handler )?attribute (?P<key>[^\s=]+)="),
     lambda k: re.compile(rf"(?<![\w-]){re.escape(k)}\s*=", re.I)),
    (re.compile(r"^URL scheme '(?P<key>[^']+)'"), lambda k: re.compile(re.escape(k), re.I)),
    (re.compile(r"^the \w+ \"(?P<key>[^\"]+)\" on <\w+> is reserved"), lambda k: re.compile(re.escape(k))),
    (re.compile(r"^protocol-relative link \w+=\"(?P<key>[^\"]+)\""),
     lambda k: re.compile(r"(?<![:\w])" + re.escape(k))),
)


def _line_of(lines: list[str], reason: str, occurrence: int) -> int | None:
    """The line holding the `occurrence`-th source text that the reason names, if it can be told."""
    for reason_re, key_re in KEY_RES:
        m = reason_re.match(reason)
        if m:
            pattern = key_re(m["key"])
            seen = 0
            for number, line in enumerate(lines, start=1):
                seen += len(pattern.findall(line))
                if seen >= occurrence:
                    return number
            return None
    return None


ANY_REMOVAL_RE = re.compile(r"[<&{:/\\]")  # a block without these renders nothing the allowlist removes
FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) 0-based line ranges of the page's blocks: runs of lines between blank lines,
    a fenced code block kept whole (one pass)."""
    found, start, fence = [], None, None
    for number, line in enumerate(lines):
        opening = FENCE_RE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            start = number if start is None else start
        elif not line.strip():
            if start is not None:
                found.append((start, number))
            start = None
        elif start is None:
            start = number
    if start is not None:
        found.append((start, len(lines)))
    return found


def _line_in(lines: list[str], first: int, end: int, reason: str, occurrence: int) -> int | None:
    """The 1-based line of lines[first:end] holding the `occurrence`-th text the reason names."""
    found = _line_of(lines[first:end], reason, occurrence)
    return None if found is None else first + found


def removal_lines(lines: list[str], render: Callable[[str], str], removed: list[str]) -> list[int]:
    """The source line of each removal (as ``sanitize`` listed them for the whole page). Each block
    is rendered once on its own (the work grows with the page, not with the number of removals):
    the k-th removal of a reason is the k-th one the blocks show, on the line of the block that
    names it; one no block shows alone (a reference link, a list item) is found by its text."""
    wanted, shown = Counter(removed), dict[str, list[int]]()
    for first, end in blocks(lines):
        if all(len(shown.get(reason, ())) >= count for reason, count in wanted.items()):
            break
        if not ANY_REMOVAL_RE.search("\n".join(lines[first:end])):
            continue
        seen: dict[str, int] = {}
        for reason in sanitize(render("\n".join(lines[first:end]) + "\n"))[1]:
            seen[reason] = seen.get(reason, 0) + 1
            line = _line_in(lines, first, end, reason, seen[reason])
            shown.setdefault(reason, []).append(line or first + 1)
    located: list[int] = []
    counts: dict[str, int] = {}
    last = 1
    for reason in removed:
        counts[reason] = counts.get(reason, 0) + 1
        place = shown.get(reason, [])
        line = place[counts[reason] - 1] if counts[reason] <= len(place) else _line_of(lines, reason, counts[reason])
        last = line or last
        located.append(last)
    return located


MAX_LOCATED = 50  # findings listed per page; further ones are counted on the last


def check_page_html(path: str, text: str, front_matter_lines: int, render: Callable[[str], str]) -> list:
    """What the sanitiser would remove from the page's rendered Markdown, at the source line."""
    from .findings import Finding

    lines = text.split("\n")
    body_lines = [""] * front_matter_lines + lines[front_matter_lines:]
    _, removed = sanitize(render("\n".join(body_lines)))
    if not removed:
        return []
    listed = removed[:MAX_LOCATED]
    findings = [Finding(path, line, f"{reason} (the build removes it)", HTML_FIX, "unsafe-html")
                for reason, line in zip(listed, removal_lines(body_lines, render, listed), strict=True)]
    if len(removed) > MAX_LOCATED:
        findings.append(Finding(path, findings[-1].line, f"{len(removed) - MAX_LOCATED} more removal(s) of HTML "
                                "that is not allowed", HTML_FIX, "unsafe-html"))
    return findings


def markdown_renderer(root) -> Callable[[str], str]:
    """Render Markdown as the build does: the extensions of mkdocs.yml plus the project's own."""
    import markdown
    from mkdocs.utils.yaml import yaml_load

    from hooks.publish.external_links import ExternalLinksExtension

    with open(root / "mkdocs.yml", "rb") as f:
        config = yaml_load(f) or {}
    names, options = [], {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict):
            (name, value), = item.items()
            names.append(name)
            options[name] = value or {}
        else:
            names.append(item)
    md = markdown.Markdown(extensions=[*names, ExternalLinksExtension()], extension_configs=options)

    def render(text: str) -> str:
        md.reset()
        return md.convert(text)

    return render
