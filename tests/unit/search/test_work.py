"""The search work: jieba with the project's dictionary, in the build's process, with no cache."""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import subprocess
import sys

import pytest

from hooks.paths import ROOT
from hooks.search.work import SearchWork, user_dictionary_text

SENTENCES = ["大模型参数高效微调技术原理综述", "用投机采样加速推理", "張量並行與流水線並行"]
WORDS_OF_A_BUILD = f"""
import json
from hooks.search.work import SearchWork
work = SearchWork()
work.load()
print(json.dumps([work.segmenter.words(s) for s in {SENTENCES!r}], ensure_ascii=False))
"""


def test_cuts_are_kept_while_the_dictionary_is_the_same():
    work = SearchWork()
    assert work.load() == []
    first = work.segmenter
    first.segment("参数高效微调的训练方法")
    work.load()  # the next build of `mkdocs serve`, same vocabulary
    assert work.segmenter is first
    work.vocabulary = "an earlier vocabulary\n"
    work.load()  # the vocabulary changed: jieba's words may differ
    assert work.segmenter is not first


def words_of_a_build(temp_folder) -> list[list[str]]:
    """The words a new build process cuts the sentences into, with this temp folder."""
    proc = subprocess.run([sys.executable, "-c", WORDS_OF_A_BUILD], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "TMPDIR": str(temp_folder)}, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def clean_words(tmp_path_factory) -> list[list[str]]:
    """The words of a build whose temp folder is empty; it writes nothing there."""
    clean = tmp_path_factory.mktemp("clean")
    expected = words_of_a_build(clean)
    assert "参数高效微调" in expected[0] and "張量並行" in expected[2]
    assert list(clean.iterdir()) == []
    return expected


@pytest.mark.parametrize("damage", [
    lambda data: data[:10],  # cut short
    lambda data: b"\xff\xfe" + data,  # not UTF-8
])
def test_files_in_the_temp_folder_never_shape_the_words(tmp_path, damage, clean_words):
    """Dictionary caches planted in the temp folder, cut short or not UTF-8, under the names
    a build once used and jieba's own (``jieba.cache``), change nothing; a build writes
    nothing there."""
    planted, expected = tmp_path / "planted", clean_words

    text = user_dictionary_text().encode("utf-8")
    folder = planted / f"llm-kb-search-{os.getuid()}"
    folder.mkdir(mode=0o700, parents=True)
    (folder / f"jieba-user-{hashlib.sha256(text).hexdigest()[:16]}.txt").write_bytes(damage(text))
    (folder / "jieba-main-0000000000000000.bin").write_bytes(damage(b'{"format": 1}\n'))
    (planted / "jieba.cache").write_bytes(damage(marshal.dumps(({"参": 1, "参数": 1}, 2))))
    before = {path: path.read_bytes() for path in planted.rglob("*") if path.is_file()}
    assert words_of_a_build(planted) == expected
    assert {path: path.read_bytes() for path in planted.rglob("*") if path.is_file()} == before
