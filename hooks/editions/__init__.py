"""The site's other editions: the single page of each script (read end to end, print), the
offline edition (``make offline``, read from ``file://``), and one 404 page per script."""
