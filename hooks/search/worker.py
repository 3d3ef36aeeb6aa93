"""The site's search worker: lunr from Material's worker, then the project's search (``engine.js``).

The site's search index is split into parts loaded on demand (``parts``), which Material's
worker cannot read: it builds one lunr index from every document at start. The project's
worker, ``engine.js`` (readable source, no build step), does Material's search over the parts:
Material's tokenizer, highlighting, post-query boosts and result groups, ported from Material's
TypeScript (``src/templates/assets/javascripts/integrations/search/``), with the project's
changes to query handling (listed at the top of ``engine.js``: Han cuts with the last character,
``lora^10 lora*``, typos ``~1``/``~2``, stop words, a result's terms in this script's
spellings). Scoring is lunr's own ``Index.query``.

lunr itself is taken from Material's worker, which bundles it: :func:`site_worker` wraps
Material's worker in a function whose ``addEventListener`` does nothing (its message handler is
never installed; it still sets ``self.lunr``) and appends ``engine.js``. The result replaces
Material's worker file in the built site, under the same name, so ``__config.search`` and the
offline edition's worker frame (``editions.offline``) stay as they are.
:func:`site_worker` raises :class:`WorkerPatchError` when Material's worker no longer exposes
``self.lunr`` (a Material upgrade): then check how the new worker provides lunr.
"""

from __future__ import annotations

from pathlib import Path

WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
ENGINE = Path(__file__).with_name("engine.js")
MARK = "/*kb-search-engine*/"
_LUNR = "self.lunr="


class WorkerPatchError(RuntimeError):
    """Material's worker does not have the shape this module was written for."""


def site_worker(material_source: str, engine: str | None = None) -> str:
    """The site's worker: Material's worker run for lunr only, then the project's engine."""
    if material_source.count(_LUNR) != 1:
        raise WorkerPatchError(f"Material's search worker has {material_source.count(_LUNR)} matches for "
                               f"{_LUNR!r} (expected 1): the worker changed; see hooks/search/worker.py")
    body = "\n".join(line for line in material_source.splitlines() if not line.startswith("//# sourceMappingURL="))
    engine = ENGINE.read_text(encoding="utf-8") if engine is None else engine
    return f"{MARK}\n(function (addEventListener) {{\n{body}\n}})(function () {{}});\n{engine}"


def is_fixed(source: str) -> bool:
    """True when the worker file is already the site's (a rebuild into the same folder)."""
    return source.startswith(MARK)
