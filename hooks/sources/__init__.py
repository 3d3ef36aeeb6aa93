"""Following the source lists: read an upstream list (a git clone or a Markdown file), match its
entries to the site's by normalised URL, write new entries into ``docs/`` and record what was
imported (``hooks/data/source_lists.yml`` says what each source is, ``source_imports.yml`` what
was learnt from it: the imported commit and the day each URL was first listed).

``python -m hooks.sources NAME PATH [--dry-run]`` (``make import SOURCE=NAME CLONE=PATH``).
"""
