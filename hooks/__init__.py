"""The build code of LLM 知识库, one stage per folder, in pipeline order.

    docs/ ─▶ parse ─▶ convert ─▶ index ─▶ freshness ─▶ search ─▶ check ─▶ editions ─▶ publish ─▶ site/

* ``parse``    reads the Markdown: blocks, headings, entries, the catalog of every entry.
* ``convert``  makes the zh-Hant edition from the simplified pages (OpenCC + glossary).
* ``index``    gives entries their topics and writes the topic pages and ``catalog.json``.
* ``freshness`` dates from the git history: page and entry dates, 最近更新, the Atom feed.
* ``search``   builds one Chinese search index per script.
* ``check``    the content checks (``python -m hooks.check``) and the HTML allowlist.
* ``editions`` the single-page, offline and per-script 404 editions.
* ``publish``  what every page gets: external-link marks, 失效 marks and the 链接状态 page (from
  ``links``, the link checker's data), the included contributing guide, CSP.

``pipeline.py`` is the one file MkDocs loads: it lists, per MkDocs event, which stage runs
when. ``languages.py`` holds the language facts, ``paths.py`` every data-file path,
``mkdocs_files.py`` the build's files (hand-written pages, generated pages).
"""
