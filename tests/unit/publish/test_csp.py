"""hooks/publish/csp.py: inline scripts and styles are found (never hashed), and the policy keeps
the directives it does not change."""

from __future__ import annotations

from hooks.publish.csp import add_sources, inline_elements


def test_inline_script_and_style_are_found_and_never_hashed() -> None:
    page = ('<head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\'">'
            "</head><body><script>var a=1</script><script src=\"x.js\"></script>"
            '<script id="__config" type="application/json">{"a": 1}</script><style>p{}</style>'
            "<SCRIPT/x>b()</SCRIPT></body>")
    assert inline_elements(page) == ["<script>", "<style>", "<SCRIPT/x>"]


def test_add_sources_keeps_other_directives() -> None:
    policy = add_sources("default-src 'self'; img-src 'self' data:", {"script-src": ["'sha256-x'"]})
    assert policy == "default-src 'self'; img-src 'self' data:; script-src 'self' 'sha256-x'"
