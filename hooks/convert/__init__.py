"""The zh-Hant (Taiwan) edition, made at build time from the simplified pages.

Pages are written once, in simplified Chinese. The zh-Hant build converts every page, page
title, navigation title and site-wide string with OpenCC ``s2twp`` plus the glossary
``hooks/data/zh_hant_terms.tsv`` (a reason per row), which fixes what s2twp gets wrong in ML
text (参数 → 參數, not 引數) and adds Taiwan usage where OpenCC's tables stop; phrase rules
(``hooks/data/zh_hant_rules.tsv``, ``taiwan``) handle what a word list cannot, and “ ” ‘ ’
become 「 」 『 』 in prose. Material's interface strings come from
``overrides/partials/languages/zh-Hant.html`` in the same vocabulary. Rows and columns of a
table are written 条 and 栏 in the sources (行 and 列 swap meaning across the strait; the check
flags them). URLs, code and HTML attributes other than ``alt``/``title`` are never converted;
same-page anchors follow the converted headings. A hand-written ``page.zh-Hant.md`` next to
``page.md`` wins and is not converted.

* ``chinese``: the converter and the Markdown-safe conversion (pure).
* ``taiwan``: phrase rules and quotation marks (pure).
* ``stage``: when to convert (MkDocs glue). ``compare``: ``make compare``.
"""
