"""Topics, the generated index pages and the data export.

* ``topics``: the vocabulary ``hooks/data/topics.yml``; each entry gets the topics whose aliases
  its title or note names, in either script, corrected by overrides at the end of an entry line
  (``{ topics="lora -rlhf" }``) or in a page's front matter (``topics: "lora -rlhf"``).
* ``entry_types``: each entry's type (论文, 代码, 视频, 问答, 文档, 文章, or 仅列名称 for a name
  without a link) from the URL rules of ``hooks/data/entry_types.yml``.
* ``pages``: the generated pages, in both scripts: 主题索引 (topic chips per category, with
  counts), one page per topic (one item per distinct URL, its title linking to the article, a
  small "见于" link to every section page holding it; supporting links such as 配套代码 shown
  with their article; link-less names after the linked items), 按网站浏览 and 全部条目, which
  ``docs/javascripts/filter.js`` filters in the browser (topic, type, website, section, has a
  link; kept in the address). Their words are the Jinja templates in ``hooks/templates/index/``.
  On every section page: an anchor per entry, at most three topic chips (not the page-wide ones),
  也见于 links, and a one-line 本页主题 after the introduction.
* ``export``: ``catalog.json`` at the site root: every entry with its title in both scripts,
  URL, note, type, topics, website, page URLs, anchor and source file:line, plus the vocabulary
  and the types. Its ``version`` changes when the format does.
* ``figures``: the home page's live counts. ``stage``: the MkDocs glue.
"""
