"""Unit tests of the index in parts (hooks/search/parts.py) and of the site's search worker
(hooks/search/worker.py + engine.js) run in Node over a hand-made split index."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from hooks.search import parts as sp
from hooks.search import worker as sw
from hooks.search.index import SEPARATOR

SEP = re.compile(SEPARATOR)
ZW = "\u200b"


# --- Material's tokenizer, in Python ---------------------------------------------------------


def test_tokens_skip_markup_and_split_at_the_separator() -> None:
    assert sp.tokens(f"<p>LoRA{ZW}微调</p>（QLoRA）与 LLM.int8", SEP) == ["lora", "微调", "qlora", "与", "llm.int8"]
    assert sp.tokens("<code>a<b></b></code> c", SEP) == ["a", "c"]  # text between tags, not the tags
    assert sp.tokens("", SEP) == []


@pytest.mark.parametrize("value", [f"LoRA{ZW}微调（QLoRA）与 LLM.int8", "  a  b ", "x", "a & b"])
def test_a_value_without_markup_gives_the_terms_of_its_one_text_block(value: str) -> None:
    blocks = list(sp._blocks(value))
    assert blocks == [(0, True, 0, len(value))]
    assert sp.tokens(value, SEP) == [piece.lower() for piece in SEP.split(value) if piece]
    assert sp.tokens(f"<p>{value}</p>", SEP) == sp.tokens(value, SEP)


def test_parents_link_sections_to_the_first_document_of_their_page() -> None:
    docs = [{"location": "a/"}, {"location": "a/#x"}, {"location": "b/#y"}, {"location": "b/"}, {"location": "a/#e-1"}]
    assert sp.parents(docs) == [-1, 0, -1, 2, 0]


def test_postings_hold_document_deltas_and_term_frequencies_in_first_seen_order() -> None:
    docs = [{"location": "a/", "title": "lora lora", "text": "qlora"}, {"location": "b/", "title": "x"},
            {"location": "c/", "title": "lora"}]
    found = sp.postings(docs, ["title", "text"], SEP)
    assert list(found) == ["lora", "qlora", "x"]
    assert found["lora"] == {0: [0, 2, 2, 1]}  # doc 0 twice, doc 0+2 once
    assert found["qlora"] == {1: [0, 1]}


def test_split_writes_a_manifest_shards_and_chunks() -> None:
    index = {"config": {"lang": ["zh"], "separator": SEPARATOR, "pipeline": ["stemmer"],
                        "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}, "forms": {}},
             "docs": [{"location": f"p{i}/", "title": f"t{i}", "text": f"w{i} common", "boost": 2}
                      for i in range(1000)]}
    split = sp.split_index(index, ["of"])
    shards = sorted(n for n in split.files if n.startswith("t"))
    chunks = sorted(n for n in split.files if n.startswith("d"))
    assert len(shards) > 1 and len(chunks) > 1
    manifest = json.loads(split.files[sp.MANIFEST].removeprefix("var __index=").rstrip().removesuffix(";"))
    parts = manifest["config"]["parts"]
    assert manifest["docs"] == [] and manifest["config"]["stop_words"] == ["of"]
    assert parts["count"] == 1000 and parts["parents"] == [-1, 1000] and parts["boosts"]["7"] == 2
    assert parts["chunks"] == [n for i in range(1000) for n in (i, 1)]  # one page each
    assert parts["terms"][:3] == ["t0", "w0", "common"]
    held = [term for name in shards
            for term in json.loads("[" + split.files[name].split(",", 1)[1].rsplit(")", 1)[0] + "]")[0]]
    assert sorted(held) == sorted(parts["terms"])  # every term in exactly one shard


def test_runs() -> None:
    assert sp.runs([-1, 0, 0, -1, 3, 3, 3]) == [-1, 1, 0, 2, -1, 1, 3, 3]
    assert sp.runs([]) == []


def test_chunks_hold_one_page_each_and_forms_go_with_their_term() -> None:
    docs = [{"location": "a/", "title": "训练", "text": ""}, {"location": "b/", "title": "x", "text": ""},
            {"location": "a/#s", "title": "y", "text": ""}]
    index = {"config": {"separator": SEPARATOR, "fields": {"title": {"boost": 1.0}},
                        "forms": {"训练": "訓練", "absent": "x"}}, "docs": docs}
    split = sp.split_index(index)
    manifest = json.loads(split.files[sp.MANIFEST].removeprefix("var __index=").rstrip().removesuffix(";"))
    assert manifest["config"]["forms"] == {"absent": "x"}  # a spelling of no index term stays in the manifest
    assert manifest["config"]["parts"]["chunks"] == [0, 1, 1, 1, 0, 1]
    assert split.files["d0.js"] == '__kbDocs(0,[[0,"a/","训练",""],[2,"a/#s","y",""]]);\n'
    assert split.files["t0.js"].endswith(',{"训练":"訓練"});\n')


def test_a_split_written_again_drops_parts_it_no_longer_has(tmp_path: Path) -> None:
    (tmp_path / "t99.js").write_text("old", encoding="utf-8")
    sp.Split({"index.js": "var __index={};"}).write(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.js"]


# --- the site worker -------------------------------------------------------------------------


def test_the_site_worker_is_lunr_from_material_then_the_engine() -> None:
    import material

    [worker] = (Path(material.__file__).parent / "templates").glob(sw.WORKER_GLOB)
    source = worker.read_text(encoding="utf-8")
    built = sw.site_worker(source, "/*engine*/")
    assert sw.is_fixed(built) and not sw.is_fixed(source)
    assert built.endswith("/*engine*/") and "sourceMappingURL" not in built
    with pytest.raises(sw.WorkerPatchError, match="worker changed"):
        sw.site_worker("function(){}")


HARNESS = r"""
const fs = require("fs"), vm = require("vm"), path = require("path")
const [workerFile, dir, queries] = [process.argv[2], process.argv[3], JSON.parse(process.argv[4])]
const loaded = [], answers = []
const ctx = { console, postMessage: m => answers.push(m) }
ctx.self = ctx
let listener
ctx.addEventListener = (type, fn) => { listener = fn }
ctx.importScripts = (...urls) => {
  for (const url of urls) { loaded.push(url); vm.runInContext(fs.readFileSync(path.join(dir, url), "utf8"), ctx) }
}
vm.createContext(ctx)
vm.runInContext(fs.readFileSync(workerFile, "utf8"), ctx)
vm.runInContext(fs.readFileSync(path.join(dir, "index.js"), "utf8"), ctx)
ctx.__index.config.parts.base = ""
;(async () => {
  const out = []
  listener({ data: { type: 0, data: { config: ctx.__index.config, docs: [], options: { suggest: false } } } })
  let last = null
  for (const q of queries) {
    const before = loaded.length, expected = answers.length + 1
    if (typeof q === "string") listener({ data: { type: 2, data: q } })
    else listener({ data: { type: 4, data: { id: 7, groups: q.more.map(k => last[k][0].more) } } })
    while (answers.length < expected) await new Promise(r => setTimeout(r, 1))
    const answer = answers[answers.length - 1]
    const items = answer.type === 3 ? (last = answer.data.items) : answer.data.groups
    const groups = items.map(g => g.map(d => ({ location: d.location, title: d.title, terms: Object.keys(d.terms) })))
    out.push({ query: q, loaded: loaded.slice(before), groups })
  }
  console.log(JSON.stringify(out))
})()
"""

DOCS = [
    {"location": "peft/", "title": "参数高效微调", "text": "<p>LoRA 与 QLoRA</p>", "title_alt": "參數高效微調"},
    {"location": "peft/#lora", "title": "LoRA", "text": "<p>低秩适配</p>"},
    {"location": "quant/", "title": "量化", "text": "<p>quantization</p>"},
    {"location": "moe/", "title": "混合专家", "text": "<p>mixture of experts</p>"},
    {"location": "other/", "title": "其他", "text": "<p>state of the art</p>"},
    *({"location": f"page{i:02d}/", "title": f"Page {i}", "text": ""} for i in range(12)),
]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """Queries answered by the site worker over the parts of DOCS: per query, the part files it
    loaded and its result groups."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    import material

    folder = tmp_path_factory.mktemp("parts")
    [worker] = (Path(material.__file__).parent / "templates").glob(sw.WORKER_GLOB)
    (folder / "worker.js").write_text(sw.site_worker(worker.read_text(encoding="utf-8")), encoding="utf-8")
    fields = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "title_alt": {"boost": 1000.0}}
    index = {"config": {"lang": ["zh"], "separator": SEPARATOR, "pipeline": ["stemmer"], "fields": fields,
                        "forms": {"参数高效微调": "參數高效微調"}}, "docs": DOCS}
    split = sp.split_index(index, ["of", "the"])
    split.write(folder / "parts")
    (folder / "harness.js").write_text(HARNESS, encoding="utf-8")

    def answer(*queries: str | dict) -> list[dict]:
        out = subprocess.run(["node", str(folder / "harness.js"), str(folder / "worker.js"), str(folder / "parts"),
                              json.dumps(queries)], capture_output=True, text=True, check=True, timeout=60)
        return json.loads(out.stdout)

    return answer


def test_a_query_loads_only_the_parts_it_needs_and_keeps_them(run) -> None:
    first, again = run("lora", "lora")
    # the section LoRA first, its page with it in one group
    assert [[d["location"] for d in g] for g in first["groups"]] == [["peft/#lora", "peft/"]]
    assert first["loaded"] and all(re.fullmatch(r"[td]\d+\.js", name) for name in first["loaded"])
    assert again["loaded"] == []  # answered from what the first query loaded


def test_typos_han_cuts_and_stop_words(run) -> None:
    typo, han, stop = run("quantizaton", "参数高效微调", "mixture of experts")
    assert [g[0]["location"] for g in typo["groups"]] == ["quant/"]
    assert "quantization" in typo["groups"][0][0]["terms"]  # the index term found through the typo
    assert han["groups"][0][0]["location"] == "peft/"
    assert "參數高效微調" in han["groups"][0][0]["terms"]  # the spelling of config.forms, highlighted on the page
    assert [g[0]["location"] for g in stop["groups"]] == ["moe/"]  # "of" alone would find other/ too


def test_result_pages_after_the_tenth_come_when_asked(run) -> None:
    """A query matching twelve pages answers ten whole and two placeholders (the count of
    result pages stays true); the placeholders' pages come on request (when the reader
    scrolls to them), loading only their text."""
    answer, more = run("page", {"more": [10, 11]})
    assert len(answer["groups"]) == 12
    assert all(g[0]["title"] for g in answer["groups"][:10])
    assert [g[0]["title"] for g in answer["groups"][10:]] == ["", ""]
    assert [g[0]["location"] for g in more["groups"]] == ["page10/", "page11/"]
    assert all("<mark>" in g[0]["title"] for g in more["groups"])
    assert more["loaded"] and all(name.startswith("d") for name in more["loaded"])


def test_results_are_highlighted(run) -> None:
    [lora] = run("lora")
    titles = [doc["title"] for doc in lora["groups"][0]]
    assert "<mark>LoRA</mark>" in titles
