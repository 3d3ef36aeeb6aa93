"""hooks/publish/compiled_templates.py: a second environment gets the templates the first one
compiled, and never the code of a template whose source has changed since."""

from __future__ import annotations

import jinja2
import pytest

from hooks.publish.compiled_templates import MemoryBytecodeCache, share


def environment(cache: MemoryBytecodeCache, source: str) -> jinja2.Environment:
    """An environment of one template, ``page.html``, with this cache."""
    return jinja2.Environment(loader=jinja2.DictLoader({"page.html": source}), bytecode_cache=cache)


def refusing_to_compile(env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch) -> jinja2.Environment:
    def compile_(*args, **kwargs):
        raise AssertionError("compiled again")
    monkeypatch.setattr(env, "compile", compile_)
    return env


def test_the_next_environment_uses_the_code_compiled_for_the_first(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = MemoryBytecodeCache()
    assert environment(cache, "<p>{{ title }}</p>").get_template("page.html").render(title="训练") == "<p>训练</p>"
    again = refusing_to_compile(environment(cache, "<p>{{ title }}</p>"), monkeypatch)
    assert again.get_template("page.html").render(title="訓練") == "<p>訓練</p>"


def test_a_changed_template_is_compiled_anew() -> None:
    cache = MemoryBytecodeCache()
    environment(cache, "<p>{{ title }}</p>").get_template("page.html")
    edited = environment(cache, "<h1>{{ title }}</h1>")
    assert edited.get_template("page.html").render(title="训练") == "<h1>训练</h1>"


def test_share_hands_every_environment_the_one_cache() -> None:
    from hooks.publish.compiled_templates import CODE

    first, second = jinja2.Environment(), jinja2.Environment()
    assert share(first).bytecode_cache is CODE and share(second).bytecode_cache is CODE
