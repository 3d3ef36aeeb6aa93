"""What every page gets on its way out: every string a template prints escaped (``text``),
external links marked and opened safely (``external_links``), CONTRIBUTING.md shown as the
参与贡献 page (``contributing``), the footer's link to 来源与致谢 (``footer``), and the
Content-Security-Policy checked (``csp``)."""
