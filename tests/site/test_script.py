"""Each edition is in its own script, and the known conversion pitfalls are absent.

The zh-Hant edition is made at build time; these checks read the built HTML only.
OpenCC's plain character tables (not the project's converter) judge the script.
"""

from __future__ import annotations

import opencc
import pytest
from site_model import BuiltSite, one

# Wrong ML wording that s2twp produces (simplified → what a Taiwanese reader must NOT see).
HANT_MISTRANSLATIONS = {
    "参数": "引數",
    "显存": "視訊記憶體",
    "卸载 (offload)": "解除安裝",
    "优化": "最佳化",
    "适配器": "介面卡",
    "前缀": "字首",
    "损失函数": "損失函式",
}

# Taiwan phrasing left over from seed 002's machine conversion, which zh-Hans must not show.
HANS_TAIWAN_ARTEFACTS = ["引数", "视讯记忆体", "分散式", "程式码", "最佳化", "效能", "资料并行", "伺服器", "叢集"]

# Names that mainland text writes with these characters: the Ascend brand. (繁體 is shown only
# by the language switcher, outside the page content; running text writes 繁体.)
HANS_PROPER_NOUNS = ["昇腾"]


@pytest.fixture(scope="module")
def to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@pytest.fixture(scope="module")
def to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2tw")  # Taiwan-standard characters (群, not 羣)


def han_chars(text: str) -> str:
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")


def without_proper_nouns(text: str) -> str:
    for noun in HANS_PROPER_NOUNS:
        text = text.replace(noun, "")
    return text


def changed_ratio(text: str, convert) -> float:
    """Share of Han characters that a script conversion would change."""
    han = han_chars(text)
    if not han:
        return 0.0
    converted = han_chars(convert(han))
    return sum(a != b for a, b in zip(han, converted, strict=False)) / len(han)


def test_zh_hans_pages_are_simplified(site: BuiltSite, to_simplified) -> None:
    offenders = {
        p.rel: round(ratio, 3)
        for p in site.pages("zh-Hans")
        if (ratio := changed_ratio(without_proper_nouns(p.prose), to_simplified.convert)) > 0
    }
    assert offenders == {}


def test_zh_hant_pages_are_traditional(site: BuiltSite, to_traditional) -> None:
    offenders = {
        p.rel: round(ratio, 3)
        for p in site.pages("zh-Hant")
        if (ratio := changed_ratio(p.prose, to_traditional.convert)) > 0.01
    }
    assert offenders == {}


@pytest.mark.parametrize("source, wrong", HANT_MISTRANSLATIONS.items())
def test_zh_hant_has_no_ml_mistranslation(site: BuiltSite, source: str, wrong: str) -> None:
    pages = [p.rel for p in site.pages("zh-Hant") if wrong in p.text]
    assert pages == [], f"{wrong!r} (for {source}) found in zh-Hant pages"


@pytest.mark.parametrize("artefact", HANS_TAIWAN_ARTEFACTS)
def test_zh_hans_has_no_taiwan_artefact(site: BuiltSite, artefact: str) -> None:
    pages = [p.rel for p in site.pages("zh-Hans") if artefact in p.prose]  # not the 术语表's 繁體 column
    assert pages == []


def test_zh_hant_uses_the_ml_terms(site: BuiltSite) -> None:
    text = " ".join(p.text for p in site.pages("zh-Hant"))
    assert "參數" in text and "分散式" in text and "微調" in text


def test_chrome_is_converted(site: BuiltSite) -> None:
    home = site.page("zh-Hant/index.html").soup
    assert "知識庫" in one(home, "title").get_text()
    nav = " ".join(one(home, "nav.md-nav--primary").get_text(" ").split())
    assert "訓練" in nav and "训练" not in nav
