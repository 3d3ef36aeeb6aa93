"""hooks/check/yaml_strict.py: YAML with the line of each problem, and no key given twice."""

import pytest

from hooks.check.yaml_strict import YamlProblem, load


def test_valid_yaml_loads() -> None:
    assert load("a: 1\nb: [x, y]\n") == {"a": 1, "b": ["x", "y"]}


def test_a_key_given_twice_names_both_lines() -> None:
    with pytest.raises(YamlProblem) as caught:
        load("title: 一\ndescription: 二\ntitle: 三\n")
    assert caught.value.line == 3
    assert "given twice (first at line 1)" in caught.value.reason


def test_broken_yaml_names_its_line() -> None:
    with pytest.raises(YamlProblem) as caught:
        load("a: 1\nb: [unclosed\nc: 2\n")
    assert caught.value.line >= 2
    assert caught.value.reason.startswith("not valid YAML")
