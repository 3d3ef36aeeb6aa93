"""Unit tests of hooks/topics.py: vocabulary validation, the alias matcher, topic assignment."""

from __future__ import annotations

import textwrap
from pathlib import Path

import opencc
import pytest

from hooks.index.topics import (  # noqa: E402
    Matcher,
    TopicError,
    VocabularyError,
    assign_topics,
    load_vocabulary,
    normalize,
    note_lead,
)
from hooks.parse.entries import parse_entries  # noqa: E402

SMALL = """\
categories:
  - slug: methods
    name: 方法与技术
  - slug: models
    name: 模型
topics:
  - slug: moe
    name: 混合专家（MoE）
    category: methods
    aliases: [MoE, 混合专家]
    description: 稀疏的混合专家结构。
  - slug: ppo
    name: PPO
    category: methods
    aliases: [PPO]
    description: 近端策略优化。
  - slug: rag
    name: RAG
    category: methods
    aliases: [RAG, 检索增强]
    description: 检索增强生成。
  - slug: sft
    name: SFT
    category: methods
    aliases: [SFT, 指令微调]
    description: 指令微调。
  - slug: lora
    name: LoRA
    category: methods
    aliases: [LoRA]
    description: 低秩适配。
  - slug: qlora
    name: QLoRA
    category: methods
    aliases: [QLoRA]
    description: 量化后的 LoRA。
  - slug: p-tuning
    name: P-Tuning
    category: methods
    aliases: [P-Tuning]
    description: 可学习的提示。
  - slug: ai-compiler
    name: AI 编译器
    category: methods
    aliases: [AI编译器]
    description: 深度学习编译器。
  - slug: position-encoding
    name: 位置编码
    category: methods
    aliases: [位置编码, RoPE]
    description: 位置编码。
  - slug: alpaca
    name: Alpaca
    category: models
    aliases: [Alpaca, 羊驼]
    description: 斯坦福羊驼。
  - slug: vicuna
    name: Vicuna
    category: models
    aliases: [Vicuna, 小羊驼]
    description: 小羊驼。
  - slug: gpt
    name: GPT
    category: models
    aliases: [GPT-4, LLM.int8()]
    description: 测试用。
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("vocab") / "topics.yml"
    path.write_text(SMALL, encoding="utf-8")
    return load_vocabulary(path)


@pytest.fixture(scope="module")
def matcher(small) -> Matcher:
    return Matcher(small)


# --- matcher ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moebius strip", set()),
        ("MoE大模型详解", {"moe"}),
        ("群魔乱舞：MoE、Mixtral", {"moe"}),
        ("SUPPORT for PPO training", {"ppo"}),
        ("storage and fragment", set()),
        ("RAG-Survey", {"rag"}),
        ("SFT（指令精调）", {"sft"}),
        ("基于LoRA进行参数高效微调", {"lora"}),
        ("QLoRA（Quantized LoRA）详解", {"qlora", "lora"}),
        ("QLoRA实战", {"qlora"}),
        ("AdaLoRA", set()),
        ("LoRA2", set()),
        ("lora 与 LORA 与 LoRa", {"lora"}),
        ("ＬｏＲＡ 全角", {"lora"}),
        ("p-tuning v2", {"p-tuning"}),
        ("P Tuning", {"p-tuning"}),
        ("p_tuning_clm", {"p-tuning"}),
        ("PTuning", set()),
        ("AI 编译器原理", {"ai-compiler"}),
        ("AI編譯器技術原理", {"ai-compiler"}),
        ("旋轉位置編碼（RoPE）", {"position-encoding"}),
        ("混合專家模型", {"moe"}),
        ("「小羊驼」来了", {"vicuna"}),
        ("斯坦福「羊驼」爆火", {"alpaca"}),
        ("小羊驼和羊驼", {"vicuna", "alpaca"}),
        ("GPT-4亲自监考", {"gpt"}),
        ("MiniGPT-4", set()),
        ("GPT-45", set()),
        ("LLM.int8()量化", {"gpt"}),
    ],
)
def test_matching(matcher: Matcher, text: str, expected: set[str]) -> None:
    assert matcher.match(text) == frozenset(expected)


def test_match_finds_overlapping_aliases_of_different_topics(tmp_path: Path) -> None:
    vocab = tmp_path / "t.yml"
    vocab.write_text(textwrap.dedent("""\
        categories: [{slug: c, name: 类}]
        topics:
          - {slug: a, name: A, category: c, aliases: [he], description: x}
          - {slug: b, name: B, category: c, aliases: [she], description: x}
          - {slug: d, name: D, category: c, aliases: [hers], description: x}
          - {slug: e, name: E, category: c, aliases: [数据并行], description: x}
          - {slug: f, name: F, category: c, aliases: [并行训练], description: x}
        """), encoding="utf-8")
    m = Matcher(load_vocabulary(vocab))
    assert m.match("ushers") == frozenset()  # Latin aliases need word boundaries
    assert m.match("she hers he") == frozenset({"a", "b", "d"})
    assert m.match("数据并行训练") == frozenset({"e", "f"})  # overlapping, neither inside the other


def test_explain_names_the_aliases(matcher: Matcher) -> None:
    assert matcher.explain("基于LoRA的SFT") == [("lora", "lora"), ("sft", "sft")]


@pytest.mark.parametrize(
    ("text", "normal"),
    [("P-Tuning v2", "p tuning v2"), ("AI 编译器", "ai编译器"), ("Ｑ－ＬｏＲＡ", "q lora"), ("參數  高效", "参数高效")],
)
def test_normalize(text: str, normal: str) -> None:
    assert normalize(text) == normal


# --- assignment ------------------------------------------------------------------------


def test_assign_topics_applies_page_then_entry_overrides(small, matcher: Matcher) -> None:
    md = (
        "---\n"
        'topics: "rag -lora"\n'
        "---\n"
        "- [基于LoRA的SFT](https://example.com/1)\n"
        '- [基于LoRA的SFT，再加回 LoRA](https://example.com/2) { topics="lora -sft" }\n'
        "- [PPO](https://example.com/3) — 注释里提到 MoE\n"
    )
    first, second, third = parse_entries(md, "training/rlhf.md", slugify=str)
    topics = assign_topics([first, second, third], matcher, small.slugs)
    assert topics == {
        first.key: frozenset({"sft", "rag"}),
        second.key: frozenset({"lora", "rag"}),
        third.key: frozenset({"ppo", "moe", "rag"}),
    }


def test_title_and_note_do_not_run_together(small, matcher: Matcher) -> None:
    [e] = parse_entries("- 指令 — 微调\n", "a.md", slugify=str)
    assert assign_topics([e], matcher, small.slugs) == {e.key: frozenset()}


@pytest.mark.parametrize(
    ("md", "line", "slug"),
    [
        ('- 甲 { topics="qlroa" }\n', 1, "qlroa"),
        ('---\ntitle: 页\ntopics: "rag -rlhf"\n---\n- 甲\n', 3, "rlhf"),
    ],
)
def test_unknown_override_slug(small, matcher: Matcher, md: str, line: int, slug: str) -> None:
    entries = parse_entries(md, "training/peft.md", slugify=str)
    with pytest.raises(TopicError) as info:
        assign_topics(entries, matcher, small.slugs)
    message = str(info.value)
    assert message.startswith(f"training/peft.md:{line}: unknown topic '{slug}'")
    assert " — " in message
    if slug == "qlroa":
        assert "qlora" in message  # the likely slug is suggested


# --- vocabulary errors -----------------------------------------------------------------

VALID_HEAD = "categories:\n  - slug: c\n    name: 类\ntopics:\n"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "topics.yml"
    path.write_text(text, encoding="utf-8")
    return path


def topic(slug: str, aliases: str, category: str = "c") -> str:
    return (f"  - slug: {slug}\n    name: 名\n    category: {category}\n"
            f"    aliases: [{aliases}]\n    description: 说明。\n")


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("categories: [\n  - x\n", 2, "not valid YAML"),
        (VALID_HEAD + topic("a", "x") + "  - slug: b\n    name: 名\n    category: c\n    description: 说明。\n",
         10, "topic has no 'aliases'"),
        (VALID_HEAD + topic("a", "x") + topic("a", "y"), 10, "duplicate topic slug 'a' (first at line 5)"),
        (VALID_HEAD + topic("a", "x, P-Tuning") + topic("b", "y, p tuning"), 13,
         "alias 'p tuning' of topic 'b' is already an alias of 'a' (line 8)"),
        (VALID_HEAD + topic("a", "x") + topic("b", "y", category="models"), 12, "unknown category 'models'"),
        (VALID_HEAD + topic("a", "x").replace("aliases:", "alias:"), 8, "unknown field 'alias'"),
        (VALID_HEAD + topic("Bad_Slug", "x"), 5, "'Bad_Slug' is not a usable slug"),
        (VALID_HEAD + topic("index", "x"), 5, "'index' is not a usable slug"),
        ("categories:\n  - slug: c\n    name: 类\n  - slug: c\n    name: 又一类\ntopics: []\n", 4,
         "duplicate category slug 'c'"),
        ("categories: []\n", 1, "the file has no 'topics'"),
        (VALID_HEAD + topic("a", "x").replace("说明。", "'第一行\n\n      第二行'"), 9,
         "description spans several lines"),
    ],
)
def test_vocabulary_errors_name_file_and_line(tmp_path: Path, text: str, line: int, reason: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(VocabularyError) as info:
        load_vocabulary(path)
    message = str(info.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert reason in message
    assert " — " in message


def test_covers_is_optional_and_lists_merged_names(tmp_path: Path) -> None:
    covered = topic("a", "x").replace("    description:", "    covers: [PPO, DPO]\n    description:")
    text = VALID_HEAD + covered + topic("b", "y")
    vocabulary = load_vocabulary(write(tmp_path, text))
    assert vocabulary.by_slug["a"].covers == ("PPO", "DPO")
    assert vocabulary.by_slug["b"].covers == ()


def test_covers_must_be_a_list(tmp_path: Path) -> None:
    text = VALID_HEAD + topic("a", "x").replace("    description:", "    covers: PPO\n    description:")
    with pytest.raises(VocabularyError, match=r":9: covers of 'a' must be a list"):
        load_vocabulary(write(tmp_path, text))


def test_the_project_has_no_topic_of_fewer_than_three_resources() -> None:
    """What the content check enforces, on the project's own pages and vocabulary."""
    from hooks import paths
    from hooks.index.pages import build_index, thin_topics
    from hooks.parse.catalog import read_catalog

    vocabulary = load_vocabulary()
    docs = paths.ROOT / "docs"
    catalog = read_catalog(docs, sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")))
    topics = assign_topics(catalog.entries, Matcher(vocabulary), vocabulary.slugs)
    index = build_index(catalog.entries, topics, [], vocabulary)
    assert thin_topics(index, vocabulary) == ()
    merged = {name for t in vocabulary.topics for name in t.covers}
    assert {"PPO", "DPO", "FlashAttention", "AWQ", "幻觉"} <= merged


def test_vocabulary_keeps_file_order_and_lines(small) -> None:
    assert [c.slug for c in small.categories] == ["methods", "models"]
    assert small.topics[0].slug == "moe" and small.topics[0].line == 7
    assert small.by_slug["vicuna"].aliases == ("Vicuna", "小羊驼")
    assert [t.slug for t in small.topics_in("models")] == ["alpaca", "vicuna", "gpt"]
    assert small.rank["moe"] == 0 and small.rank["gpt"] == 11


# --- the project's vocabulary ----------------------------------------------------------

# One phrase per topic the site must cover, and the topic it has to land in (a narrow topic
# merged into a broader one, such as PPO into RLHF, lands in the broader one).
REQUIRED = {
    "Transformer": "transformer", "Multi Query Attention(MQA)": "attention", "GQA": "attention",
    "旋转位置编码（RoPE）": "position-encoding", "Tokenizer": "tokenizer", "Embedding": "transformer",
    "激活函数": "transformer", "RMSNorm": "normalization", "混合专家模型 (MoE)": "moe", "GPT-4": "gpt",
    "LLaMA2": "llama", "ChatGLM-6B": "glm", "GLM": "glm", "BLOOM": "bloom", "Qwen1.5": "open-models",
    "Mixtral-8x7B": "mistral", "Mistral 7B": "mistral", "baichuan-7B": "baichuan", "Alpaca": "alpaca",
    "Vicuna": "vicuna", "BELLE": "belle", "MiniGPT-4": "multimodal", "多模态": "multimodal",
    "预训练": "pretraining", "SFT": "sft", "指令微调": "sft", "RLHF": "rlhf", "PPO": "rlhf", "DPO": "rlhf",
    "PEFT": "peft", "LoRA": "lora", "QLoRA": "qlora", "P-Tuning v2": "p-tuning", "Prefix Tuning": "prompt-tuning",
    "Prompt Tuning": "prompt-tuning", "Adapter Tuning": "peft", "数据并行": "data-parallel",
    "张量并行": "tensor-parallel", "流水线并行": "distributed-training", "序列并行": "distributed-training",
    "自动并行": "distributed-training", "ZeRO": "zero", "FSDP": "data-parallel", "DeepSpeed": "deepspeed",
    "Megatron-LM": "megatron", "混合精度": "mixed-precision", "显存优化": "distributed-training",
    "推理框架": "inference-frameworks", "vLLM": "vllm", "PagedAttention": "vllm",
    "FlashAttention": "attention", "KV Cache": "kv-cache", "投机采样": "decoding",
    "解码策略": "decoding", "TensorRT-LLM": "tensorrt-llm", "Triton": "triton",
    "FasterTransformer": "inference-frameworks", "量化": "quantization", "GPTQ": "gptq", "AWQ": "quantization",
    "SmoothQuant": "quantization", "LLM.int8()": "quantization", "剪枝": "pruning", "知识蒸馏": "distillation",
    "低秩分解": "model-compression", "评测": "evaluation", "RAG": "rag", "Agent": "llm-apps", "LangChain": "llm-apps",
    "向量数据库": "rag", "Prompt 工程": "prompt-engineering", "思维链": "cot", "CUDA": "cuda",
    "AI 芯片": "ai-chips", "昇腾": "ascend", "昇騰": "ascend", "国产化": "ascend", "AI 编译器": "ai-compiler",
    "通信原语": "communication", "PyTorch": "pytorch", "Hugging Face": "hugging-face", "数据工程": "pretraining",
    "长上下文": "long-context", "幻觉": "evaluation", "对齐": "rlhf", "LLMOps": "ai-cluster",
}


@pytest.fixture(scope="module")
def project():
    return load_vocabulary()


def test_project_vocabulary_size_and_categories(project) -> None:
    assert len(project.topics) >= 60
    used = {t.category for t in project.topics}
    assert [c.slug for c in project.categories if c.slug not in used] == []
    names = [c.name for c in project.categories]
    for name in ("模型", "框架与工具", "硬件与系统", "应用", "评测"):
        assert name in names


@pytest.fixture(scope="module")
def project_matcher(project) -> Matcher:
    return Matcher(project)


@pytest.mark.parametrize(("phrase", "slug"), sorted(REQUIRED.items()))
def test_project_vocabulary_covers_the_required_topics(project_matcher: Matcher, phrase: str, slug: str) -> None:
    assert slug in project_matcher.match(phrase)


def test_project_vocabulary_is_simplified_chinese(project) -> None:
    to_simplified = opencc.OpenCC("t2s")
    variants = {"昇"}  # 昇腾 is the product's own spelling; OpenCC folds it into 升
    for t in project.topics:
        for text in (t.name, t.description):
            changed = [a for a, b in zip(text, to_simplified.convert(text), strict=False)
                       if a != b and a not in variants]
            assert not changed, f"{t.slug}: traditional characters {changed} in {text!r}"
        assert t.description.endswith("。"), t.slug


# --- cased aliases and the note's lead -------------------------------------------------


def test_a_cased_alias_matches_only_as_written(tmp_path: Path) -> None:
    text = VALID_HEAD + topic("zero", "零冗余优化").replace(
        "    description:", "    cased_aliases: [ZeRO, ZeRO-3]\n    description:")
    m = Matcher(load_vocabulary(write(tmp_path, text)))
    assert m.match("DeepSpeed ZeRO 系列") == frozenset({"zero"})
    assert m.match("ZeRO-2、ZeRO-3 与流水线并行") == frozenset({"zero"})
    assert m.match("ＺｅＲＯ（全角）") == frozenset({"zero"})
    assert m.match("Zero-Shot Prompting") == frozenset()
    assert m.match("zero.md") == frozenset()
    assert m.match("ZERO") == frozenset()


def test_a_cased_alias_is_one_alias_among_all(tmp_path: Path) -> None:
    text = (VALID_HEAD + topic("a", "zero")
            + topic("b", "y").replace("    description:", "    cased_aliases: [ZeRO]\n    description:"))
    with pytest.raises(VocabularyError, match=r":14: alias 'ZeRO' of topic 'b' is already an alias of 'a'"):
        load_vocabulary(write(tmp_path, text))


@pytest.mark.parametrize(
    ("note", "lead"),
    [
        ("评测框架，支持多模态与 Embedding，也能做 RAG 评测", "评测框架"),
        ("作者：karpathy；用纯 C/CUDA 训练大模型", "用纯 C/CUDA 训练大模型"),
        ("SGLang 的精简版本：轻量的推理框架", "SGLang 的精简版本：轻量的推理框架"),
        ("Alpaca · LoRA · 7B", "Alpaca · LoRA · 7B"),
        ("", ""),
    ],
)
def test_note_lead_is_the_first_clause_that_is_not_a_byline(note: str, lead: str) -> None:
    assert note_lead(note) == lead


def test_a_topic_the_note_mentions_in_passing_does_not_count(small, matcher: Matcher) -> None:
    md = ("- [评测工具](https://example.com/1) — 支持 LoRA 模型，也能做 RAG 评测\n"
          "- [RAG 评测工具](https://example.com/2) — 支持 LoRA 模型\n")
    first, second = parse_entries(md, "evaluation.md", slugify=str)
    topics = assign_topics([first, second], matcher, small.slugs)
    assert topics == {first.key: frozenset({"lora"}), second.key: frozenset({"rag", "lora"})}


# What readers found filed under the wrong topic, with the project's own vocabulary and notes.
MISFILED = [
    ("Zero-Shot Prompting", "", "zero"),
    ("EvalScope", "llm-action 介绍为魔搭社区的模型评测与性能基准测试框架，支持大语言模型、多模态、Embedding、"
     "Reranker 与 CLIP 等模型，也能做端到端 RAG 评测和推理性能压测", "rag"),
    ("EvalScope", "同上", "transformer"),
    ("AIPerf", "由英伟达开源的性能测试工具", "ai-chips"),
    ("揭秘NVIDIA大模型推理框架：TensorRT-LLM", "", "ai-chips"),
    ("gpt-fast", "", "gpt"),
    ("LoRAPrune", "结合了低秩分解的剪枝方法，也列在剪枝、蒸馏与低秩分解页的“低秩分解”一节", "distillation"),
]


@pytest.mark.parametrize(("title", "note", "slug"), MISFILED)
def test_project_topics_leave_out_what_is_not_about_them(project, project_matcher: Matcher,
                                                         title: str, note: str, slug: str) -> None:
    if note == "同上":
        note = MISFILED[1][1]
    [entry] = parse_entries(f"- [{title}](https://example.com/) — {note}\n" if note else f"- {title}\n",
                            "a.md", slugify=str)
    assert slug not in assign_topics([entry], project_matcher, project.slugs)[entry.key]


@pytest.mark.parametrize(("title", "slug"), [
    ("大模型训练时ZeRO-2、ZeRO-3能否和Pipeline并行相结合？", "zero"),
    ("图解大模型训练之：数据并行下篇( DeepSpeed ZeRO，零冗余优化)", "zero"),
    ("英伟达A800加速卡常见软件包安装命令", "ai-chips"),
    ("LongBench", "evaluation"),
    ("gpt-fast", "inference-optimization"),
    ("GPT2参数量剖析", "gpt"),
])
def test_project_topics_keep_what_is_about_them(project, project_matcher: Matcher, title: str, slug: str) -> None:
    note = "llm-action 介绍为中英双语的长上下文理解基准：21 个任务" if title == "LongBench" else ""
    [entry] = parse_entries(f"- [{title}](https://example.com/)" + (f" — {note}" if note else "") + "\n",
                            "a.md", slugify=str)
    assert slug in assign_topics([entry], project_matcher, project.slugs)[entry.key]
