"""Checks of the site's content and data, with findings that name the file, the line and the fix.

Pure checks live in the small modules of this package; `runner.check_project` reads the files
and runs them all. ``python -m hooks.check`` is the standalone command, hooks/check/stage.py
runs the same checks inside every MkDocs build.
"""

from .findings import Finding
from .runner import Project, Report, check_project

__all__ = ["Finding", "Project", "Report", "check_project"]
