"""The search index's parts are loaded on the reader's first use of search, not on every page
load, and the result pages after the first ten when the reader scrolls to them (a pure text fix
of Material's bundle).

Material's bundle (``assets/javascripts/bundle.*.min.js``) fetches the script's search index as
soon as a page loads, for two readers of it:

* the search worker is sent the index at once online (``of(location.protocol !== "file:")``),
  and only once the search is opened from ``file://``. It now waits for the search to be opened
  (a click on the search field or icon, a focus, the keyboard shortcut) everywhere;
* the highlighter of ``?h=`` links subscribes to the index with ``combineLatest`` whether or
  not the page's address has an ``?h=``. It now asks for the index only when it does (a page
  opened from a search result, whose reader has searched already).

What it fetches is now the manifest of the index in parts (``search/parts/index.js``, see
``parts``), as a script online and from ``file://`` alike (Material read ``search_index.json``
online and ``search_index.js`` from disk); the bundle adds the address of the parts folder to
the index's ``config`` (``parts.base``) for the worker, which loads the rest.

The worker answers a query with the first ten result pages whole and the others as placeholders
(``engine.js``); the list renders ten and then four more each time the reader scrolls to its
end. Those four are now asked of the worker first (message 4, answered by 5) and rendered when
their text is there.

The index is fetched once per page (``shareReplay``), so a page that never searches downloads
none of it. :func:`fix_index_loading` rewrites exactly those four spots; it matches the code by
shape, not by minified names, and raises :class:`BundlePatchError` when the bundle no longer has
that shape (a Material upgrade): then check whether the new version still loads the index
eagerly and how it reads the index and renders results, and update or drop this module.
"""

from __future__ import annotations

import re

BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"

# L($(location.protocol!=="file:"),Je("search")).pipe(Re(o=>o),b(()=>t))  →  L($(!1),Je("search"))…
_WORKER_INDEX = re.compile(
    r"(?P<merge>[\w$]+)\((?P<of>[\w$]+)\(location\.protocol!==\"file:\"\),(?P<toggle>[\w$]+\(\"search\"\))\)"
    r"\.pipe\((?P<first>[\w$]+)\((?P<v>[\w$]+)=>(?P=v)\),(?P<switch>[\w$]+)\(\(\)=>(?P<index>[\w$]+)\)\)"
)
# z([t,r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")))]).pipe(m(([o,n])=>…
#   →  r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")),SWITCH(n=>t.pipe(m(o=>[o,n])))).pipe(m(([o,n])=>…
_HIGHLIGHT_INDEX = re.compile(
    r"(?P<latest>[\w$]+)\(\[(?P<index>[\w$]+),(?P<location>[\w$]+\.pipe\([\w$]+\([\w$]+\(\)\),[\w$]+\((?P<u>[\w$]+)=>!!(?P=u)"
    r"\.searchParams\.get\(\"h\"\)\))\)\]\)\.pipe\((?P<map>[\w$]+)\((?P<args>\(\[[\w$]+,[\w$]+\]\)=>)"
)
# function ks(){return location.protocol==="file:"?_t(`${new URL("search/search_index.js",Or.base)}`)
#   .pipe(m(()=>__index),Z(1)):ze(new URL("search/search_index.json",Or.base))}
#   →  function ks(){return _t(`${new URL("search/parts/index.js",Or.base)}`)
#        .pipe(m(()=>(__index.config.parts.base=…,__index)),Z(1))}
_INDEX_SOURCE = re.compile(
    r"function (?P<name>[\w$]+)\(\)\{return location\.protocol===\"file:\"\?(?P<script>[\w$]+)\(`\$\{new URL\("
    r"\"search/search_index\.js\",(?P<config>[\w$]+)\.base\)\}`\)\.pipe\((?P<map>[\w$]+)\(\(\)=>__index\),"
    r"(?P<share>[\w$]+)\(1\)\):[\w$]+\(new URL\(\"search/search_index\.json\",(?P=config)\.base\)\)\}"
)
# …{worker$:t,query$:r}){…$(...l.slice(10)).pipe(ot(4),Xr(n),b(([f])=>f))…
#   →  …b(([f])=>new Promise(…ask the worker for the placeholders' groups…)),b(f=>f))…
_LATER_GROUPS = re.compile(
    r"\{worker\$:(?P<worker>[\w$]+),query\$:[\w$]+\}\)\{.{0,800}?\$\(\.\.\.[\w$]+\.slice\(10\)\)\.pipe\("
    r"[\w$]+\(4\),[\w$]+\([\w$]+\),(?P<tail>(?P<merge>[\w$]+)\(\(\[(?P<f>[\w$]+)\]\)=>(?P=f)\))"
)
PARTS = "search/parts/"
LAZY_MARK = "/*kb-lazy-index*/"


class BundlePatchError(RuntimeError):
    """The bundle does not have the shape this fix was written for."""


def fix_index_loading(source: str) -> str:
    """The bundle source with the index fetched on first use; each spot must occur exactly once."""
    worker = list(_WORKER_INDEX.finditer(source))
    highlight = list(_HIGHLIGHT_INDEX.finditer(source))
    index = list(_INDEX_SOURCE.finditer(source))
    later = list(_LATER_GROUPS.finditer(source))
    for pattern, found in ((_WORKER_INDEX, worker), (_HIGHLIGHT_INDEX, highlight), (_INDEX_SOURCE, index),
                           (_LATER_GROUPS, later)):
        if len(found) != 1:
            raise BundlePatchError(
                f"Material's bundle has {len(found)} matches for {pattern.pattern!r} (expected 1): "
                "the bundle changed; see hooks/search/loading.py"
            )
    switch = worker[0]["switch"]

    def on_open(m: re.Match[str]) -> str:
        return m.group(0).replace('location.protocol!=="file:"', LAZY_MARK + "!1")

    def on_highlight(m: re.Match[str]) -> str:
        location = m["location"]  # the location's pipe, still open
        return (f"{location},{switch}(__h=>{m['index']}.pipe({m['map']}(__i=>[__i,__h]))))"
                f".pipe({m['map']}({m['args']}")

    def from_parts(m: re.Match[str]) -> str:
        base = f"${{new URL({PARTS!r},{m['config']}.base)}}".replace("'", '"')
        return (f"function {m['name']}(){{return {m['script']}(`${{new URL(\"{PARTS}index.js\",{m['config']}.base)}}`)"
                f".pipe({m['map']}(()=>(__index.config.parts.base=`{base}`,__index)),{m['share']}(1))}}")

    def ask_later(m: re.Match[str]) -> str:
        w, f, merge = m["worker"], m["f"], m["merge"]
        ask = (f"{merge}(([{f}])=>new Promise(__r=>{{let __m={f}.filter(__g=>__g[0].more).map(__g=>__g[0].more);"
               f"if(!__m.length)return __r({f});let __i=Math.random(),__s={w}.subscribe(__a=>{{__a.type===5&&"
               f"__a.data.id===__i&&(__s.unsubscribe(),__r(__a.data.groups))}});"
               f"{w}.next({{type:4,data:{{id:__i,groups:__m}}}})}})),{merge}(__g=>__g)")
        return m.group(0)[:m.start("tail") - m.start()] + ask

    source = _WORKER_INDEX.sub(on_open, source)
    source = _INDEX_SOURCE.sub(from_parts, source)
    source = _LATER_GROUPS.sub(ask_later, source)
    return _HIGHLIGHT_INDEX.sub(on_highlight, source)


def is_fixed(source: str) -> bool:
    """True when the bundle already loads the index on first use (a rebuild into the same folder)."""
    return LAZY_MARK in source
