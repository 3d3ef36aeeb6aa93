"""Freshness: dates from the repository's history, what is new, and the feed.

``history`` reads the history of ``docs/`` in one ``git log`` pass (pure, no MkDocs): when each
page last changed and when each entry's URL (or title) first came in; a shallow clone or a copy
without history gives no dates rather than wrong ones. ``recent`` picks the newest entries and
writes the 最近更新 page and the Atom feed. ``stage`` is the MkDocs glue.

mkdocs-git-revision-date-localized-plugin is not used: it runs one ``git log`` per page besides
the entry pass this stage needs anyway, shows the shallow commit's date for every page of a
shallow clone, and warns (failing ``--strict``) on the CI services it recognises.
"""
