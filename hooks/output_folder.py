"""MkDocs glue: one build at a time writes to an output folder, and a full disk is named.

* **Lock.** A build holds ``<output folder>.lock`` (``filelock``; ``site.lock`` beside ``site/``)
  from before MkDocs empties the folder to the end of its last language build. A second build
  into the same folder says that it waits, naming the folder, and goes on when the first ends;
  after ``WAIT_SECONDS`` it stops with a message instead. Two builds never write into one folder
  at once (which left, for one, the zh-Hans 404 page in ``zh-Hant/404.html``). The lock is the
  operating system's: it ends with the process that held it, however that ends. ``mkdocs serve``
  builds into a folder of its own and takes no lock.
* **Out of space.** A build that stops on ``ENOSPC`` (no space left on the device), wherever it
  was writing, stops with one line: the file being written when the error says it, and the free
  space of the output folder and of the temporary folder, each measured then, not a traceback.
"""

from __future__ import annotations

import errno
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from mkdocs.exceptions import Abort, PluginError

from hooks import languages

log = logging.getLogger("mkdocs.hooks.output")
WAIT_SECONDS = 600.0
SPACE_FIX = "free space there, or build into a folder on another disk (--site-dir; TMPDIR for the temporary folder)"


def lock_path(site_dir: Path | str) -> Path:
    """The lock file beside the output folder (``site`` → ``site.lock``)."""
    folder = Path(site_dir)
    return folder.with_name(folder.name + ".lock")


def out_of_space(error: BaseException | None) -> OSError | None:
    """The ``ENOSPC`` error behind ``error`` (itself, or what it was raised from), if any."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno == errno.ENOSPC:
            return error
        error = error.__cause__ or error.__context__
    return None


def free_bytes(folder: Path) -> str:
    """The free space of the disk that holds ``folder`` (or its nearest existing parent)."""
    existing = next((path for path in (folder, *folder.parents) if path.exists()), None)
    if existing is None:
        return "unknown free space"
    return f"{shutil.disk_usage(existing).free:,} bytes free"


def space_message(error: OSError, site_dir: Path, temp_dir: Path) -> str:
    """One line for a build stopped by a full disk: where, and how much room each folder has."""
    where = f"while writing {error.filename}" if error.filename else "while writing the site"
    return (f"{site_dir}: no space left on the device {where} (output folder: {free_bytes(site_dir)}; "
            f"temporary folder {temp_dir}: {free_bytes(temp_dir)}) — {SPACE_FIX}")


class OutputFolderStage:
    """Holds the output folder's lock for one build; says a full disk with its folder."""

    def __init__(self) -> None:
        self.serving = False
        self.lock: FileLock | None = None
        self.site_dir: Path | None = None

    def begin(self, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def acquire(self, config: Any) -> None:
        """Take the output folder's lock before anything is written there; wait for another build."""
        if languages.nested_build(config) or self.lock is not None:
            return
        site_dir = self.site_dir = Path(config.site_dir)
        if self.serving:
            return
        lock = FileLock(str(lock_path(site_dir)), timeout=0, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            log.info(f"{site_dir}: another build is writing to this folder (lock {lock_path(site_dir)}); "
                     f"waiting for it to end (at most {WAIT_SECONDS:.0f} s)")
            try:
                lock.acquire(timeout=WAIT_SECONDS)
            except Timeout:
                raise PluginError(f"{site_dir}: another build has been writing to this folder for over "
                                  f"{WAIT_SECONDS:.0f} s (lock {lock_path(site_dir)}) — let it end, or build "
                                  f"into another folder (--site-dir)") from None
        self.lock = lock

    def release(self, config: Any) -> None:
        """Let the next build in, once every language is written."""
        if not languages.nested_build(config):
            self._release()

    def on_error(self, error: Exception) -> None:
        """Release the lock; a full disk stops the build with its folder named, not a traceback."""
        site_dir = self.site_dir
        self._release()
        full = out_of_space(error)
        if full is not None:
            raise Abort(space_message(full, site_dir or Path("site"), Path(tempfile.gettempdir()))) from None

    def _release(self) -> None:
        lock, self.lock, self.site_dir = self.lock, None, None
        if lock is not None:
            lock.release()
