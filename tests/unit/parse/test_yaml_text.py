"""hooks/parse/yaml_text.py: libyaml reads what PyYAML reads, and errors read as PyYAML's."""

import pytest
import yaml

from hooks import paths
from hooks.parse import yaml_text

DATA_FILES = sorted(paths.DATA.glob("*.yml"))


def test_libyaml_is_there() -> None:
    assert yaml_text.FAST_LOADER is yaml.CSafeLoader  # otherwise every read takes PyYAML's slower parser


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_data_files_read_as_pyyaml_reads_them(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yaml_text.safe_load(text) == yaml.safe_load(text)


def test_front_matter_values_are_pyyaml_values() -> None:
    text = 'title: "PEFT：参数高效微调"\ndescription: 1e3\ndate: 2024-01-02\nflags: [yes, no, ~]\n'
    assert yaml_text.safe_load(text) == yaml.safe_load(text)


def test_compose_keeps_each_node_line() -> None:
    text = paths.TOPICS.read_text(encoding="utf-8")
    fast, own = yaml_text.compose(text), yaml.compose(text, Loader=yaml.SafeLoader)

    def lines(node):
        yield node.tag, node.start_mark.line
        for child in (node.value if isinstance(node.value, list) else []):
            yield from (lines(child) if isinstance(child, yaml.Node) else (x for pair in child for x in lines(pair)))

    assert list(lines(fast)) == list(lines(own))


def test_a_refused_document_fails_as_pyyaml_fails() -> None:
    text = "a: [1, 2\nb: 3\n"
    with pytest.raises(yaml.YAMLError) as fast:
        yaml_text.safe_load(text)
    with pytest.raises(yaml.YAMLError) as own:
        yaml.safe_load(text)
    assert str(fast.value) == str(own.value)
    with pytest.raises(yaml.MarkedYAMLError) as composed:
        yaml_text.compose(text)
    assert isinstance(own.value, yaml.MarkedYAMLError)
    composed_mark, own_mark = composed.value.problem_mark, own.value.problem_mark
    assert composed_mark is not None and own_mark is not None
    assert composed_mark.line == own_mark.line
