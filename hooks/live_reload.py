"""``make serve``'s live reload, loaded from a script file so the page's policy stays the site's.

MkDocs' server writes its live-reload script inline at the end of every page it serves; the
Content-Security-Policy of the pages (``hooks/publish/csp.py``) refuses inline script, and the
preview must not be weaker than the site. So the server is given, on ``on_serve``, another
way to add it: each page gets ``<script src="/livereload.js?epoch=…&request=…">``, and that
address answers with MkDocs' own script for those two numbers (``SCRIPT_PATH``), from the
site's own origin, which the policy admits.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs

from mkdocs import livereload

SCRIPT_PATH = "/livereload.js"  # outside the site's mount path: never a file of the site
NUMBER_RE = re.compile(r"[0-9]{1,20}")


def script_tag(epoch: int, request_id: int) -> bytes:
    """The tag a served page loads its live-reload script with."""
    return b'<script src="%s?epoch=%d&amp;request=%d"></script>' % (SCRIPT_PATH.encode(), epoch, request_id)


def inject(content: bytes, epoch: int, request_id: int) -> bytes:
    """The page with the script tag just before ``</body>`` (at the end without one), as MkDocs places it."""
    end = content.rfind(b"</body>")
    end = len(content) if end < 0 else end
    return content[:end] + script_tag(epoch, request_id) + content[end:]


def script(query: str) -> bytes | None:
    """MkDocs' live-reload script for the query's epoch and request, or None for another query."""
    values = parse_qs(query)
    numbers = [values.get(name, [""])[0] for name in ("epoch", "request")]
    if not all(NUMBER_RE.fullmatch(number) for number in numbers):
        return None
    epoch, request_id = (int(number) for number in numbers)
    return livereload._SCRIPT_TEMPLATE.substitute(epoch=epoch, request_id=request_id).encode()


def install(server: Any) -> Any:
    """Make MkDocs' live-reload server add its script as a file (its inline one is left out)."""
    serve_request = server._serve_request

    def serve_script(environ: dict, start_response: Any):
        if environ.get("PATH_INFO") != SCRIPT_PATH:
            return serve_request(environ, start_response)
        body = script(environ.get("QUERY_STRING", ""))
        if body is None:
            return None  # not found
        start_response("200 OK", [("Content-Type", "application/javascript"), ("Content-Length", str(len(body))),
                                  ("Cache-Control", "no-store")])
        return [body]

    server._serve_request = serve_script
    server._inject_js_into_html = lambda content, epoch: inject(content, epoch, livereload._timestamp())
    return server
