"""Unit tests of the page-level search fields, generated pages as one result, and the worker
fixes, each against hand-written expected values."""

from __future__ import annotations

import pytest

from hooks.search import index as si
from hooks.search import worker as sw
from hooks.search.stage import dirty_documents, generated_label

ZW = "\u200b"


# --- page fields ------------------------------------------------------------------------------


def test_page_fields_gather_headings_entries_and_description() -> None:
    docs = [
        {"location": "p/", "title": "参数高效微调", "text": "", "title_alt": "參數高效微調"},
        {"location": "p/#lora", "title": "LoRA 系列", "text": "正文不算"},
        {"location": "p/#e-1", "title": "alpaca-lora+rtx 实战", "text": "", "title_alt": "實戰 x"},
        {"location": "q/#e-2", "title": "无主条目", "text": ""},  # q/ has no document of its own
        {"location": "r/", "title": "R", "text": ""},
    ]
    si.add_page_fields(docs, {"p/": "页面 说明", "s/": "没有这一页"})
    assert docs[0]["headings"] == "参数高效微调 參數高效微調 LoRA 系列"
    assert docs[0]["entries"] == "alpaca lora rtx 实战 實戰"  # Latin names by parts, Han alt terms only
    assert docs[0]["description"] == "页面 说明"
    assert docs[4] == {"location": "r/", "title": "R", "text": "", "headings": "R"}
    for doc in docs[1:4]:  # sections and entries keep only their own fields
        assert not {"headings", "entries", "description"} & set(doc)


def test_page_fields_count_each_entry() -> None:
    docs = [{"location": "p/", "title": "P"},
            {"location": "p/#e-1", "title": "LoRA"}, {"location": "p/#e-2", "title": "QLoRA 与 LoRA"}]
    si.add_page_fields(docs)
    assert docs[0]["entries"] == "lora qlora 与 lora"
    assert "description" not in docs[0]


def test_describe_segments_and_adds_the_other_forms() -> None:
    from .test_search_index import T2S, _cut, _variants

    segmenter = si.Segmenter(_cut(["训练", "数据"]), lambda t: t.translate(T2S))
    found = si.describe({"p/": "训练数据", "q/": "", "r/": "a<b"}, segmenter, _variants())
    assert found == {"p/": f"训练{ZW}数据 數據 訓練 資料", "r/": "a&lt;b"}


def test_build_indexes_fills_descriptions_per_language() -> None:
    from .test_search_index import T2S, _cut, _variants

    indexes = si.build_indexes(
        {"zh-Hans": [{"location": "t/", "title": "训练", "text": ""}],
         "zh-Hant": [{"location": "zh-Hant/t/", "title": "訓練", "text": ""}]},
        {"zh-Hans": "", "zh-Hant": "zh-Hant/"},
        si.search_config({"lang": ["zh"]}),
        si.Segmenter(_cut(["训练", "訓練"]), lambda t: t.translate(T2S)), _variants(),
        descriptions={"zh-Hans": {"t/": "训练"}, "zh-Hant": {"zh-Hant/t/": "訓練", "t/": "不是这一版"}},
    )
    assert indexes["zh-Hans"]["docs"][0]["description"] == "训练 訓練"
    assert indexes["zh-Hant"]["docs"][0]["description"] == "訓練 训练"
    assert indexes["zh-Hant"]["config"]["fields"]["description"] == {"boost": 3000.0}


# --- generated pages ----------------------------------------------------------------------------


def test_collapse_pages_keeps_one_titled_document_per_generated_page() -> None:
    docs = [
        {"location": "topics/lora/", "title": "LoRA", "text": "…"},
        {"location": "topics/lora/#e-1", "title": "QLoRA 详解", "text": ""},
        {"location": "topics/lora/#相关", "title": "相关", "text": ""},
        {"location": "topics/gone/#x", "title": "无页面文档", "text": ""},
        {"location": "training/peft/", "title": "参数高效微调", "text": ""},
        {"location": "training/peft/#e-1", "title": "QLoRA 详解", "text": ""},
    ]
    out = si.collapse_pages(docs, {"topics/lora/": "主题：", "topics/gone/": "主题："})
    assert out == [
        {"location": "topics/lora/", "title": "主题：LoRA", "text": "…"},
        {"location": "training/peft/", "title": "参数高效微调", "text": ""},
        {"location": "training/peft/#e-1", "title": "QLoRA 详解", "text": ""},
    ]
    assert docs[0]["title"] == "LoRA"  # the input is not changed


@pytest.mark.parametrize(("url", "language", "label"), [
    ("topics/lora/", "zh-Hans", "主题："),
    ("zh-Hant/topics/lora/", "zh-Hant", "主題："),
    ("topics/", "zh-Hans", ""),
    ("zh-Hant/topics/", "zh-Hant", ""),
    ("topics/by-source/", "zh-Hans", ""),
    ("topics/all-entries/", "zh-Hans", ""),
    ("zh-Hant/topics/all-entries/", "zh-Hant", ""),
    ("single-page/", "zh-Hans", ""),
    ("training/peft/", "zh-Hans", ""),
])
def test_generated_label(url: str, language: str, label: str) -> None:
    assert generated_label(url, language) == label


# --- the worker fixes, on a hand-made worker of the same shape ------------------------------------


WORKER = (
    "function seg(t,e){for(let q=p+1;q<t.length;q++)t.slice(p,q)in e&&(w[p]=q-p);"
    "k[a]&&a<t.length-1&&(st[s++]=a)}"
    'function tr(x){return x.replace(/"|(?:^|\\s+)[*+\\-:^~]+(?=\\s+|$)/g,"")'
    ".map(y=>/(^[+-]|[~^]\\d+$)/.test(y)?y:`${y}*`).join(\" \")}"
    'search(s){s=s.replace(/\\p{sc=Han}+/gu,v=>[...ze(v,this.index.invertedIndex)].join("* "));'
    "for(let[g,h]of m)if(!h.find(c=>c.location===g)){let d=this.map.get(g);h.push(B(_({},d),{score:0,terms:{}}))}}"
    "class S{constructor({config:cf,docs:ds,options:op}){let i=1;"
    'for(let o of x)for(let a of y)this.pipeline.remove(o[a]),this.searchPipeline.remove(o[a]);this.ref("location");}'
    "go(){MD.reduce((s,{ref:o,score:a,matchData:md})=>{res.push(B(_({},dc),{score:sc*(1+K(bo,2)),terms:tm}))"
    ";return s},[])}}"
)
FIXED = (
    "function seg(t,e){for(let q=p+1;q<=t.length;q++)t.slice(p,q)in e&&(w[p]=q-p);"
    "k[a]&&a<t.length&&(st[s++]=a)}"
    'function tr(x){return x.replace(/"|(?:^|\\s+)[*+\\-:^~]+(?=\\s+|$)|-+(?=\\s|$)/g,"")'
    ".map((y,__i,__q)=>/(^[+-]|[~^]\\d+$)/.test(y)?y:`${y}^10 ${y}*"
    '${/^[a-z][a-z0-9]{4,}$/i.test(y)?` ${y}~${y.length>=9?2:1}`:""}`).join(" ")}'
    'search(s){s=s.replace(/\\p{sc=Han}+/gu,v=>" "+[...ze(v,this.index.invertedIndex)].join(" ")+" ");'
    "for(let[g,h]of m)if(!h.find(c=>c.location===g)){let d=this.map.get(g);"
    "h.push(B(_({},d),{score:0,terms:h[0].terms}))}}"
    "class S{constructor({config:cf,docs:ds,options:op}){this.forms=cf.forms||{};let i=1;"
    "for(let o of x)for(let a of y)this.pipeline.remove(o[a]),this.searchPipeline.remove(o[a]);"
    "this.searchPipeline._stack=this.searchPipeline._stack.filter(__f=>this.pipeline._stack.includes(__f));"
    'this.ref("location");}'
    "go(){MD.reduce((s,{ref:o,score:a,matchData:md})=>{res.push(B(_({},dc),{score:sc*(1+K(bo,2)),"
    "terms:(__o=>Object.keys(__o).reduce((__t,__k)=>(__o[__k]&&"
    '(this.forms[__k]||"").split(" ").forEach(__w=>__w&&(__t[__w]=!0)),__t),__o))(Object.assign({},tm,'
    "...Object.keys(md.metadata).filter(__m=>!Object.keys(tm).some(__q=>__m.startsWith(__q)))"
    ".map(__m=>({[__m]:!0}))))}));return s},[])}}"
)


def test_worker_fixes_by_shape_not_by_name() -> None:
    assert not sw.is_fixed(WORKER)
    assert sw.fix_query_handling(WORKER) == FIXED
    assert sw.is_fixed(FIXED)


@pytest.mark.parametrize(("spot", "named"), [
    ("terms:{}", "terms"),
    ("`${y}*`", "test"),
    ("options:op", "config"),
    ("terms:tm", "score"),
    ("matchData:md", "matchData"),
    ('this.ref("location")', "searchPipeline"),
])
def test_worker_fix_names_the_spot_that_changed(spot: str, named: str) -> None:
    changed = WORKER.replace(spot, "CHANGED")
    with pytest.raises(sw.WorkerPatchError, match=f"0 matches for .*{named}.*worker changed") as error:
        sw.fix_query_handling(changed)
    assert "hooks/search/worker.py" in str(error.value)


def _run_query_terms(fixed: str, terms: list[str]) -> str:
    """The fixed map over query terms, run in Node on ``terms``: the lunr query it builds."""
    import json
    import re
    import shutil
    import subprocess

    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    mapper = re.search(r"\.map\(\(y,__i,__q\)=>.*?`\)", fixed)
    assert mapper is not None
    script = f"console.log({json.dumps(terms)}{mapper.group(0)}.join(' '))"
    return subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout.strip()


def test_latin_terms_of_five_letters_forgive_one_typo_of_nine_two() -> None:
    assert _run_query_terms(FIXED, ["lora", "quantizaton", "distillation", "int8", "蒸馏"]) == (
        "lora^10 lora* quantizaton^10 quantizaton* quantizaton~2 distillation^10 distillation* "
        "distillation~2 int8^10 int8* 蒸馏^10 蒸馏*")
    assert _run_query_terms(FIXED, ["align"]) == "align^10 align* align~1"
    assert _run_query_terms(FIXED, ["alig"]) == "alig^10 alig*"


def test_stop_words_are_left_out_of_a_query_of_several_terms() -> None:
    fixed = sw.fix_query_handling(WORKER, ["of", "the"])
    assert _run_query_terms(fixed, ["mixture", "of", "experts"]) == (
        "mixture^10 mixture* mixture~1  experts^10 experts* experts~1")
    assert _run_query_terms(fixed, ["of"]) == "of^10 of*"  # alone, it is what the reader looks for
    assert _run_query_terms(fixed, ["offload", "The"]) == "offload^10 offload* offload~1"


def test_spelled_terms_in_javascript() -> None:
    """The fixed result terms, run as the worker runs them (Node): matched 训练 adds 訓練; an
    index term matched through another language (alignment) adds itself and the page's 对齐;
    one that a query term begins (loraprune for lora) adds nothing."""
    import shutil
    import subprocess

    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    # the method reads res, dc, … as free names: give them as globals
    script = ("var res=[],dc={},sc=1,bo=1,tm={'训练':true,'lora':true,'模型':false},x=[],y=[],"
              "MD=[{ref:'p/',score:1,matchData:{metadata:{'训练':{},'loraprune':{},'alignment':{}}}}];"
              "const B=(a,b)=>({...a,...b}),_=Object.assign,K=Math.pow;" +
              FIXED.split("}}class S")[1].join(["class S", ""]) +
              "S.prototype.pipeline={_stack:[]};S.prototype.searchPipeline={_stack:[]};S.prototype.ref=()=>0;"
              "new S({config:{forms:{'训练':'訓練 训練','模型':'模型','alignment':'对齐'}},docs:[],options:{}}).go();"
              "console.log(JSON.stringify(res[0].terms))")
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ('{"训练":true,"lora":true,"模型":false,"alignment":true,"訓練":true,"训練":true,'
                           '"对齐":true}')


def test_own_spellings_map_the_other_script_to_the_page_words() -> None:
    from .test_search_index import _variants

    variants = _variants()
    docs = [{"location": "p/", "title": "訓練", "text": f"資料{ZW}與{ZW}LoRA", "title_alt": "训练 不算"}]
    variants.prepare(t for doc in docs for name in ("title", "text") for t in si.terms(doc[name]))
    assert variants.spellings("訓練") == {"训练"}
    assert variants.spellings("lora") == frozenset()
    assert si.own_spellings(docs, variants) == {"训练": "訓練", "资料": "資料"}


def test_a_dirty_rebuild_keeps_the_sections_of_pages_not_rendered_again():
    previous = [{"location": "", "title": "首页"}, {"location": "training/peft/", "title": "PEFT"},
                {"location": "training/peft/#lora", "title": "LoRA"}, {"location": "models/", "title": "模型"}]
    # the home page rendered again; Material's merge would have dropped every earlier section
    current = [{"location": "", "title": "首页（新）"}, {"location": "models/", "title": "旧的合并结果"}]
    assert dirty_documents(previous, current, {""}) == [
        {"location": "training/peft/", "title": "PEFT"}, {"location": "training/peft/#lora", "title": "LoRA"},
        {"location": "models/", "title": "模型"}, {"location": "", "title": "首页（新）"}]
    assert dirty_documents(previous, [{"location": "training/peft/", "title": "PEFT 2"}], {"training/peft/"}) == [
        {"location": "", "title": "首页"}, {"location": "models/", "title": "模型"},
        {"location": "training/peft/", "title": "PEFT 2"}]
