"""Reading the Markdown sources: pure functions, no MkDocs.

* ``markdown``: the one scanner of code and links, agreeing with Python-Markdown: front matter,
  code blocks and spans (masked out, offsets kept), links, HTML tags, heading ids.
* ``entries``: every list item of a section page, and every external link in a table, is an
  *entry*: title, URL (or none: a name the sources list without a link), note, its anchor
  ``#e-…``, topic overrides ``{ topics="lora -rlhf" }``, and the source file:line.
* ``catalog``: every entry of the site, parsed once per set of sources (cached on their text).
* ``yaml_text``: YAML read with libyaml when PyYAML has it (front matter, data files), with
  anchors, aliases, tags, deep nesting and long numbers refused before anything is read.
* ``data_files``: the one loader of the data files and front matter: size limit, YAML, the
  schema of ``hooks/data/schemas.yml``, every problem as ``file:line: reason — fix``.
"""
