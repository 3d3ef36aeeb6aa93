"""Unit tests of the bundle fix that downloads the search index on first use (hooks/search/loading.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.search import loading as sl

BUNDLE = (
    'function Ei(e,t){let r=Mn(e);return L($(location.protocol!=="file:"),Je("search")).pipe(Re(o=>o),b(()=>t))'
    ".subscribe(x=>r.next(x)),r}"
    'function Ai(e,{index$:t,location$:r}){return z([t,r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")))])'
    ".pipe(m(([o,n])=>xi(o.config)(n)))}"
    'function ks(){return location.protocol==="file:"?_t(`${new URL("search/search_index.js",Or.base)}`)'
    '.pipe(m(()=>__index),Z(1)):ze(new URL("search/search_index.json",Or.base))}'
    'function Oi(e,{worker$:t,query$:r}){let c=o.pipe(b(({items:l})=>L($(...l.slice(0,10)),'
    "$(...l.slice(10)).pipe(ot(4),Xr(n),b(([f])=>f)))),m(Fn),le())}"
)
FIXED = (
    'function Ei(e,t){let r=Mn(e);return L($(/*kb-lazy-index*/!1),Je("search")).pipe(Re(o=>o),b(()=>t))'
    ".subscribe(x=>r.next(x)),r}"
    'function Ai(e,{index$:t,location$:r}){return r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")),'
    "b(__h=>t.pipe(m(__i=>[__i,__h])))).pipe(m(([o,n])=>xi(o.config)(n)))}"
    'function ks(){return _t(`${new URL("search/parts/index.js",Or.base)}`)'
    '.pipe(m(()=>(__index.config.parts.base=`${new URL("search/parts/",Or.base)}`,__index)),Z(1))}'
    'function Oi(e,{worker$:t,query$:r}){let c=o.pipe(b(({items:l})=>L($(...l.slice(0,10)),'
    "$(...l.slice(10)).pipe(ot(4),Xr(n),b(([f])=>new Promise(__r=>{let __m=f.filter(__g=>__g[0].more)"
    ".map(__g=>__g[0].more);if(!__m.length)return __r(f);let __i=Math.random(),__s=t.subscribe(__a=>"
    "{__a.type===5&&__a.data.id===__i&&(__s.unsubscribe(),__r(__a.data.groups))});"
    "t.next({type:4,data:{id:__i,groups:__m}})})),b(__g=>__g)))),m(Fn),le())}"
)


def test_the_index_waits_for_search_to_be_opened_or_a_highlight() -> None:
    assert not sl.is_fixed(BUNDLE)
    assert sl.fix_index_loading(BUNDLE) == FIXED
    assert sl.is_fixed(FIXED)


@pytest.mark.parametrize(("spot", "named"), [('location.protocol!=="file:"),', "protocol"), ("z([t,", "searchParams"),
                                             ('"search/search_index.js"', "search_index"),
                                             ("slice(10)", "worker")])
def test_a_changed_bundle_is_refused_naming_the_spot(spot: str, named: str) -> None:
    with pytest.raises(sl.BundlePatchError, match=f"0 matches for .*{named}.*bundle changed") as error:
        sl.fix_index_loading(BUNDLE.replace(spot, "CHANGED("))
    assert "hooks/search/loading.py" in str(error.value)


def test_the_fix_applies_to_the_installed_material() -> None:
    import material

    [bundle] = (Path(material.__file__).parent / "templates").glob(sl.BUNDLE_GLOB)
    source = bundle.read_text(encoding="utf-8")
    fixed = sl.fix_index_loading(source)
    assert sl.is_fixed(fixed) and not sl.is_fixed(source)
    assert fixed.count('location.protocol!=="file:"),Je("search")') == 0
    assert 'searchParams.get("h")),b(__h=>t.pipe(m(__i=>[__i,__h])))).pipe(' in fixed
    assert "search/search_index" not in fixed and fixed.count('"search/parts/index.js"') == 1
