"""MkDocs glue: the offline edition, read from ``file://`` with nothing from the network.

``OFFLINE=true mkdocs build`` (what ``make offline`` runs) switches on Material's ``offline``
plugin, which makes every link a relative ``.html`` link and inlines the search index into a
script. This hook completes the edition:

* **Search worker.** Browsers start no Web Worker from ``file://``; Material's plugin then loads
  the iframe-worker shim from a CDN. The edition loads the project's copy instead
  (``overrides/assets/javascripts/iframe-worker-shim.js``): ``shim/index.js`` of the npm package
  ``iframe-worker`` 1.0.4, unchanged (MIT, © Martin Donath; licence in
  ``iframe-worker-shim.LICENSE``). To update it: ``npm pack iframe-worker@VERSION`` and copy
  ``package/shim/index.js`` and ``package/LICENSE``.
* **One index per script.** ``search.stage`` writes ``search/search_index.json`` for zh-Hans
  and ``zh-Hant/search/search_index.json`` for zh-Hant, and beside each its parts
  (``search/parts/``, scripts: ``search.parts``); from ``file://`` as online, a page loads its
  script's manifest and the worker (in the shim's frame) the parts a query needs, with
  ``importScripts``. Material's plugin still writes ``search/search_index.js``, unused.
* **Relative links everywhere.** The 404 pages and a few theme links are rendered with absolute
  paths (``/llm-kb/zh-Hant/…``); they become paths relative to the file, folders become their
  ``index.html``.
* **Nothing online-only.** The head's canonical and language links go (Material fetches each
  language's ``sitemap.xml`` for them), and so does the repository-facts widget (GitHub API).
* **Remote figures** become framed links to the original showing their description (alt
  text): nothing is loaded from the network, and a reader who is online can open them.
* **Content-Security-Policy.** The shim runs the search worker in a frame whose small inline
  script depends only on the worker's URL; its hash joins the page's ``script-src``.

``python -m hooks.editions.offline zip SITE_DIR ARCHIVE`` packs a built edition for download.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from hooks import languages, paths
from hooks.output_folder import free_bytes, out_of_space
from hooks.publish.csp import META_RE, add_sources, source_hash  # the page policy is csp.py's

ENV_SWITCH = "OFFLINE"
SHIM = "assets/javascripts/iframe-worker-shim.js"
SHIM_SOURCE = paths.OVERRIDES / SHIM
INDEX_JSON = "search/search_index.json"
INDEX_SCRIPT = "search/search_index.js"

ATTR_RE = re.compile(r"""(?P<lead>\s(?:href|src)=")(?P<url>[^"]*)(?P<end>")""", re.IGNORECASE)
HEAD_LINK_RE = re.compile(r'[ \t]*<link rel="(?:canonical|alternate)" href="[^"]*"(?: hreflang="[^"]*")?>\n?')
SOURCE_FACTS = ' data-md-component="source"'
IMG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
IMG_ATTR_RE = re.compile(r'([\w-]+)="([^"]*)"')
REMOTE_FIGURE_CLASS = "kb-remote-figure"
CONFIG_RE = re.compile(r'<script id="__config" type="application/json">(?P<json>.*?)</script>', re.DOTALL)
CONFIG_URL_RE = re.compile(r'"(?P<key>base|search)": "(?P<url>[^"]*)"')
FRAME_SCRIPT_RE = re.compile(r"<script>(?P<body>.*?)<\\/script>", re.DOTALL)
PLACEHOLDER_RE = re.compile(r"\$\{(?P<name>[A-Za-z_$][\w$]*)\}")
URL_PLACEHOLDER_RE = re.compile(r'filename:"\$\{(?P<name>[A-Za-z_$][\w$]*)\}"')


def switched_on(environ: dict[str, str] | None = None) -> bool:
    """True when the environment asks for the offline edition (OFFLINE=true, 1, yes or on)."""
    value = (os.environ if environ is None else environ).get(ENV_SWITCH, "")
    return value.strip().lower() in {"1", "true", "yes", "on"}


def offline_plugin(config: MkDocsConfig):
    return config.plugins.get("material/offline") or config.plugins.get("offline")


def offline_enabled(config: MkDocsConfig) -> bool:
    plugin = offline_plugin(config)
    return bool(plugin is not None and plugin.config.enabled)


# ---------------------------------------------------------------- links


def relative_link(url: str, page: str, base_path: str) -> str:
    """A link of the page at ``page`` (site-relative file path) as it must be under file://.

    Absolute links under ``base_path`` (``/llm-kb/…``) become relative to the page; a link to
    a folder (``…/``, ``.``) points at the folder's ``index.html``. Links with a scheme, other
    absolute paths and same-page fragments are left alone.
    """
    if not url or url.startswith(("#", "//")) or urlsplit(url).scheme:
        return url
    parts = urlsplit(url)
    path = parts.path
    if path.startswith("/"):
        if not path.startswith(base_path):
            return url
        target = posixpath.normpath("/" + path[len(base_path):].lstrip("/")).lstrip("/")
        if target in ("", "."):
            target = "index.html"
        elif path.endswith("/"):
            target = f"{target}/index.html"
        path = posixpath.relpath(target, posixpath.dirname(page) or ".")
    elif path.endswith("/") or path in (".", ".."):
        path = posixpath.join(path, "index.html") if path not in (".", "./") else "index.html"
    else:
        return url
    return path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def without_online_only(html: str) -> str:
    """A page without what only makes sense online: the canonical and language ``<link>`` tags
    of the head (Material fetches ``sitemap.xml`` for each language link) and the repository
    facts that Material fetches from the GitHub API (the repository link stays)."""
    html = HEAD_LINK_RE.sub("", html)
    return html.replace(SOURCE_FACTS, "")


def remote_figures_as_links(html: str) -> str:
    """Every image with a remote source becomes a framed link to it that shows its description
    (alt text): the edition loads nothing from the network, and a reader who is online can
    still open the figure. An image already inside a link becomes the framed text alone."""

    def replace(match: re.Match[str]) -> str:
        attrs = dict(IMG_ATTR_RE.findall(match.group(0)))
        src, alt = attrs.get("src", ""), attrs.get("alt", "")
        if not src.lower().startswith(("http://", "https://")):
            return match.group(0)
        inside_link = html.rfind("<a ", 0, match.start()) > html.rfind("</a>", 0, match.start())
        if inside_link:
            return f'<span class="{REMOTE_FIGURE_CLASS}">{alt or src}</span>'
        return (f'<a class="{REMOTE_FIGURE_CLASS} external-link" href="{src}" target="_blank" '
                f'rel="noopener noreferrer">{alt or src}</a>')

    return IMG_RE.sub(replace, html)


def relative_links(html: str, page: str, base_path: str) -> str:
    """Every ``href``/``src`` of a page, and the base and worker URLs of Material's
    ``__config``, made to work from file:// (the 404 pages have them absolute)."""
    html = ATTR_RE.sub(lambda m: m["lead"] + relative_link(m["url"], page, base_path) + m["end"], html)
    config = CONFIG_RE.search(html)
    if config is None:
        return html

    def config_url(match: re.Match[str]) -> str:
        url = match["url"]
        if match["key"] != "base":
            new = relative_link(url, page, base_path)
        elif url.startswith(base_path):  # a folder, and it stays one
            folder = posixpath.normpath(url[len(base_path):] or ".")
            new = posixpath.relpath(folder, posixpath.dirname(page) or ".") + "/"
        else:
            new = url
        return f'"{match["key"]}": "{new}"'

    body = CONFIG_URL_RE.sub(config_url, config["json"])
    return html[:config.start("json")] + body + html[config.end("json"):]


# ---------------------------------------------------------------- search worker frame


def frame_script(shim: str, worker_url: str) -> str:
    """The inline script the shim writes into the worker's frame, for one worker URL.

    The shim builds it from a template literal: ``${f}`` placeholders of its own functions
    (their source text, as ``Function.prototype.toString`` gives it) and one of the worker URL
    (the one in ``filename:"${…}"``).
    """
    template = FRAME_SCRIPT_RE.search(shim)
    url_name = URL_PLACEHOLDER_RE.search(shim)
    if template is None or url_name is None:
        raise ValueError("iframe-worker shim: frame script template not found")

    def value(match: re.Match[str]) -> str:
        name = match["name"]
        return worker_url if name == url_name["name"] else function_source(shim, name)

    return PLACEHOLDER_RE.sub(value, template["body"])


def function_source(code: str, name: str) -> str:
    """Source text of ``function name(…){…}`` in minified code (braces balanced)."""
    start = code.find(f"function {name}(")
    if start < 0:
        raise ValueError(f"iframe-worker shim: function {name} not found")
    depth, i = 0, code.index("{", start)
    while i < len(code):
        if code[i] == "{":
            depth += 1
        elif code[i] == "}":
            depth -= 1
            if depth == 0:
                return code[start:i + 1]
        i += 1
    raise ValueError(f"iframe-worker shim: function {name} is not closed")


def worker_url(html: str) -> str | None:
    """The search worker URL a page hands to ``new Worker`` (``__config.search``)."""
    match = CONFIG_RE.search(html)
    return json.loads(match["json"]).get("search") if match else None


def allow_frame_script(html: str, shim: str) -> str:
    """The page with its CSP (if any) admitting the search worker frame's inline script."""
    url = worker_url(html)
    meta = META_RE.search(html)
    if url is None or meta is None:
        return html
    policy = add_sources(meta["policy"], {"script-src": [source_hash(frame_script(shim, url))]})
    return html[:meta.start("policy")] + policy + html[meta.end("policy"):]


# ---------------------------------------------------------------- the edition


def finish_edition(site_dir: Path, base_path: str, shim: str) -> int:
    """Rewrite every HTML file of a built offline edition; give each search index its script.

    Returns how many HTML files were rewritten.
    """
    for index in site_dir.rglob(INDEX_JSON):
        script = index.with_name(Path(INDEX_SCRIPT).name)
        script.write_text("var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")
    changed = 0
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        html = path.read_text(encoding="utf-8")
        new = remote_figures_as_links(without_online_only(html))
        new = allow_frame_script(relative_links(new, rel, base_path), shim)
        if new != html:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def zip_site(site_dir: Path, archive: Path, root_name: str | None = None) -> int:
    """Pack a built site into ``archive`` under one top folder; returns the number of files."""
    root_name = root_name or archive.stem
    archive.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in files:
            zf.write(path, f"{root_name}/{path.relative_to(site_dir).as_posix()}")
    return len(files)


# ---------------------------------------------------------------- MkDocs events


def configure(config: MkDocsConfig) -> MkDocsConfig:
    """Switch the offline plugin on (``OFFLINE=true``) and ship the worker shim ourselves."""
    plugin = offline_plugin(config)
    if plugin is not None and switched_on():
        plugin.config.enabled = True
    if offline_enabled(config):
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, SHIM]
    return config


def finish(config: MkDocsConfig) -> None:
    """Complete the offline edition once every language is built and indexed."""
    if not offline_enabled(config) or languages.nested_build(config):
        return
    base_path = urlsplit(config.site_url or "/").path or "/"
    finish_edition(Path(config.site_dir), base_path if base_path.endswith("/") else base_path + "/",
                   SHIM_SOURCE.read_text(encoding="utf-8"))


def _main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "describe":  # the download's size and date, for the pages
        from hooks.index.figures import describe_archive

        data = describe_archive(Path(argv[1]), Path(argv[2]))
        print(f"{argv[2]}: {data['size']:,} bytes, built {data['built']}")
        return 0
    if len(argv) != 3 or argv[0] != "zip":
        print("usage: python -m hooks.editions.offline zip SITE_DIR ARCHIVE\n"
              "       python -m hooks.editions.offline describe ARCHIVE DATA_FILE", file=sys.stderr)
        return 2
    site_dir, archive = Path(argv[1]), Path(argv[2])
    if not (site_dir / "index.html").is_file():
        print(f"{site_dir}: no built site here (index.html missing)", file=sys.stderr)
        return 1
    try:
        count = zip_site(site_dir, archive)
    except OSError as error:
        if out_of_space(error) is None:
            raise
        archive.unlink(missing_ok=True)  # a part-written download is no download
        print(f"{archive}: no space left on the device while writing the download ({free_bytes(archive.parent)})"
              " — free space there, or write the download into a folder on another disk", file=sys.stderr)
        return 1
    print(f"{archive}: {count} files, {archive.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
