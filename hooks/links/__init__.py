"""Link health of the site's external URLs.

``sources`` lists the external URLs of ``docs/`` with file:line (found by ``hooks.parse.markdown``,
the scanner the content checks use), ``policy`` classifies answers, ``checker`` checks URLs
over HTTP, ``evidence`` weighs failures without an HTTP answer against the rest of the run,
``status_file`` reads and merges ``hooks/data/link_status.yml``, ``journal`` saves a run as it goes
under the data file's lock, ``rewrite`` updates safely moved URLs in Markdown, ``report`` groups
dead and moved links by page, ``progress`` shows a run's progress and ``cli`` is the command
behind ``make linkcheck`` / ``make linkfix``.
"""
