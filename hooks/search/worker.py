"""Fixes to how Material's search worker reads a query (pure text functions).

Material's worker (``assets/javascripts/workers/search.*.min.js``) cuts each run of Han
characters in a query greedily into terms of the index (``segment`` in its source,
``src/templates/assets/javascripts/integrations/search/query/segment``) and joins the cuts
with ``"* "``. A few slips make queries slower or worse than they need to be:

* the cut never includes the query's last character (``j < query.length``, and a last
  one-character cut is skipped): 知识蒸馏 is searched as 知识* — every page about 知识 —
  and the page is highlighted on 知识 only;
* while "P-Tuning" is typed, the query "P-" becomes ``P-*``, and lunr reads the lone ``*`` as
  "every term of the index": one such keystroke keeps the worker busy for a second or two,
  and the results of the next keystrokes wait for it (on any word with a hyphen: GPT-3,
  LLM-QAT, Megatron-LM). A hyphen that ends a word is now dropped, like other stray operators;
* each cut but the last ends up with two wildcards (``"* "`` plus the one every term gets),
  so the result list shows the cut under "missing" although it matched, and the page opened
  from a result does not highlight it; and nothing separates the cuts from Latin letters
  next to them, so ``DeepSpeed之ZeRO系列`` stays one term that matches nothing;
* every term of a query becomes a prefix search (``lora*``), and lunr weighs each index term
  the prefix reaches by its own rarity: the one page that names LoRAPrune outranks the pages
  about LoRA, because ``loraprune`` is rarer than ``lora``. Each term is now also searched
  as it is, boosted (``lora^10 lora*``), so a word found whole outranks the longer words it
  begins; and a Latin term of five letters or more is also searched with one typo forgiven,
  two from nine letters (``quantizaton~1``: lunr's edit distance), so a slip of the keyboard
  still finds the page;
* the language plugin (lunr.zh) leaves the index's words as they are, but lunr's English
  stemmer stays in the pipeline a query goes through: distillation is looked up as distil,
  which the index does not hold, so a typo clause (``distillation~2``) and the boosted whole
  word found nothing for every English word the stemmer shortens. A query now goes through
  the same functions as the index did;
* a page whose sections matched but not the page itself is listed at the head of its result
  group with no matched terms, so its link carries an empty ``?h=`` and the page opens with
  nothing highlighted. It now carries the terms of the group's best match;
* a query in the other script finds a page through its ``*_alt`` fields, but the page opened
  from the result highlights only the query's own words (``?h=训练`` on a zh-Hant page that
  says 訓練). The worker now keeps the index's ``config.forms`` (``index.own_spellings``:
  训练 → 訓練), and each matched term adds its own-script spellings to the result's terms, so
  the link carries ``?h=训练 訓練`` (two spots: the constructor and the result's terms).

:func:`fix_query_handling` rewrites exactly those nine spots of the minified worker. It
matches the code by shape, not by minified names, and raises :class:`WorkerPatchError` when
the worker no longer has that shape (a Material upgrade): then check whether the new
version still needs the fix, and update or drop this module.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"

# for(let o=s+1;o<t.length;o++)t.slice(s,o)in e  →  o<=t.length
_LAST_CHARACTER = re.compile(
    r"for\(let (?P<j>\w+)=(?P<i>\w+)\+1;(?P=j)<(?P<q>\w+)\.length;(?P=j)\+\+\)"
    r"(?P=q)\.slice\((?P=i),(?P=j)\)in "
)
# n[a]&&a<t.length-1&&(i[s++]=a)  →  a<t.length
_LAST_CUT = re.compile(
    r"(?P<cuts>\w+)\[(?P<q>\w+)\]&&(?P=q)<(?P<query>\w+)\.length-1&&\((?P<stack>\w+)\[(?P<s>\w+)\+\+\]=(?P=q)\)"
)
# .replace(/"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)/g,"")  →  also drop hyphens ending a word
_STRAY_OPERATORS = re.compile(re.escape(r'.replace(/"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)/g,"")'))
# [...fe(s,this.index.invertedIndex)].join("* ")  →  " "+[...].join(" ")+" "
_JOIN = re.compile(r"(?P<call>\[\.\.\.\w+\(\w+,this\.index\.invertedIndex\)\])\.join\(\"\* \"\)")


# for(let[s,o]of n)if(!o.find(a=>a.location===s)){let a=this.map.get(s);o.push(B(_({},a),{score:0,terms:{}}))}
#   →  terms:o[0].terms
_EMPTY_TERMS = re.compile(
    r"for\(let\[(?P<page>\w+),(?P<group>\w+)\]of \w+\)if\(!(?P=group)\.find\(\w+=>\w+\.location===(?P=page)\)\)"
    r"\{let (?P<doc>\w+)=this\.map\.get\((?P=page)\);"
    r"(?P=group)\.push\(\w+\(\w+\(\{\},(?P=doc)\),\{score:0,terms:\{\}\}\)\)\}"
)


# .map(r=>/(^[+-]|[~^]\d+$)/.test(r)?r:`${r}*`)  →  `${r}^10 ${r}*`
_PREFIX_ONLY = re.compile(
    r"\.map\((?P<t>\w+)=>/\(\^\[\+-\]\|\[~\^\]\\d\+\$\)/\.test\((?P=t)\)\?(?P=t):`\$\{(?P=t)\}\*`\)"
)
EXACT_BOOST = 10
"""How much more a query term found whole counts than a longer index term it begins."""
FUZZY_FROM = {1: 5, 2: 9}
"""Edits forgiven in a Latin query term (letters, then letters or digits) of at least so many
characters: one typo from five letters on (quantizaton), two from nine."""


def _query_terms(m: re.Match[str], stop_words: Sequence[str]) -> str:
    """The map over a query's terms, each turned into its clauses: found whole (boosted), as the
    beginning of a longer term, and, for a Latin term long enough, with typos (lunr ``~n``). A
    stop word (``of`` in mixture of experts) is dropped when the query has other terms: it
    would find every title that has it."""
    t = m["t"]
    one, two = FUZZY_FROM[1], FUZZY_FROM[2]
    fuzzy = f"${{/^[a-z][a-z0-9]{{{one - 1},}}$/i.test({t})?` ${{{t}}}~${{{t}.length>={two}?2:1}}`:\"\"}}"
    clauses = f"`${{{t}}}^{EXACT_BOOST} ${{{t}}}*{fuzzy}`"
    stop = (f"__q.length>1&&/^(?:{'|'.join(map(re.escape, stop_words))})$/i.test({t})?\"\":" if stop_words else "")
    return f".map(({t},__i,__q)=>/(^[+-]|[~^]\\d+$)/.test({t})?{t}:{stop}{clauses})"


# constructor({config:e,docs:r,options:n}){  →  …{this.forms=e.forms||{};
_KEEP_CONFIG = re.compile(r"constructor\(\{config:(?P<config>\w+),docs:\w+,options:\w+\}\)\{")
# s.push(B(_({},c),{score:a*(1+K(g,2)),terms:f}))  →  terms: f plus the spellings of its matched terms
_RESULT_TERMS = re.compile(
    r"(?P<head>\w+\.push\(\w+\(\w+\(\{\},\w+\),\{score:\w+\*\(1\+\w+\(\w+,2\)\),terms:)(?P<terms>\w+)\}\)\)"
)
FORMS = "forms"


# .reduce((s,{ref:o,score:a,matchData:u})=>  →  u: the index terms a result matched
_MATCH_DATA = re.compile(r"\{ref:\w+,score:\w+,matchData:(?P<match>\w+)\}\)=>")


def _add_spellings(m: re.Match[str], match: str) -> str:
    """A result's terms: the query's, each index term it matched that no query term begins
    (found through a typo or another language: distillation for distilation, alignment on a
    page that says 对齐), and the page's own spellings of every term found (``forms``)."""
    t = m["terms"]
    found = (f"Object.assign({{}},{t},...Object.keys({match}.metadata).filter(__m=>!Object.keys({t})"
             f".some(__q=>__m.startsWith(__q))).map(__m=>({{[__m]:!0}})))")
    return (f"{m['head']}(__o=>Object.keys(__o).reduce((__t,__k)=>(__o[__k]&&(this.{FORMS}[__k]||\"\").split(\" \")"
            f".forEach(__w=>__w&&(__t[__w]=!0)),__t),__o))({found})}}))")


# …this.searchPipeline.remove(o[a]);this.ref("location");  →  …;<keep only the index's functions>this.ref(…
_SEARCH_PIPELINE = re.compile(r"this\.searchPipeline\.remove\((?P<fn>\w+\[\w+\])\);this\.ref\(\"location\"\);")
SAME_PIPELINE = "this.searchPipeline._stack=this.searchPipeline._stack.filter(__f=>this.pipeline._stack.includes(__f));"


class WorkerPatchError(RuntimeError):
    """The worker does not have the shape this fix was written for."""


def fix_query_handling(source: str, stop_words: Sequence[str] = ()) -> str:
    """The worker source with the fixes applied; each spot must occur exactly once.
    ``stop_words``: English words a query of several terms leaves out (lower case letters)."""
    matches = _MATCH_DATA.findall(source)
    if len(matches) != 1:
        raise _changed(_MATCH_DATA, len(matches))
    match = matches[0]
    fixes = (
        (_LAST_CHARACTER, lambda m: m.group(0).replace(f"{m['j']}<{m['q']}.length", f"{m['j']}<={m['q']}.length")),
        (_LAST_CUT, lambda m: m.group(0).replace(f"{m['q']}<{m['query']}.length-1", f"{m['q']}<{m['query']}.length")),
        (_JOIN, lambda m: f'" "+{m["call"]}.join(" ")+" "'),
        (_STRAY_OPERATORS, lambda m: m.group(0).replace(r'(?=\s+|$)/g', r'(?=\s+|$)|-+(?=\s|$)/g')),
        (_EMPTY_TERMS, lambda m: m.group(0).replace("terms:{}", f"terms:{m['group']}[0].terms")),
        (_PREFIX_ONLY, lambda m: _query_terms(m, stop_words)),
        (_KEEP_CONFIG, lambda m: f"{m.group(0)}this.{FORMS}={m['config']}.{FORMS}||{{}};"),
        (_RESULT_TERMS, lambda m: _add_spellings(m, match)),
        (_SEARCH_PIPELINE, lambda m: m.group(0).replace("this.ref(", SAME_PIPELINE + "this.ref(")),
    )
    for pattern, replace in fixes:
        source, count = pattern.subn(replace, source)
        if count != 1:
            raise _changed(pattern, count)
    return source


def _changed(pattern: re.Pattern[str], count: int) -> WorkerPatchError:
    return WorkerPatchError(f"Material's search worker has {count} matches for {pattern.pattern!r} (expected 1): "
                            "the worker changed; see hooks/search/worker.py")


def is_fixed(source: str) -> bool:
    """True when the worker source already carries the fixes (a rebuild into the same folder)."""
    unfixed = (_LAST_CHARACTER, _JOIN, _STRAY_OPERATORS, _EMPTY_TERMS, _PREFIX_ONLY, _RESULT_TERMS)
    return not any(p.search(source) for p in unfixed) and SAME_PIPELINE in source
