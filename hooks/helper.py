"""A stage's library work in a process of its own, beside the build.

No MkDocs import. Some stages spend most of their time in libraries (jieba, OpenCC, nh3) on
work that needs only text the build has early and whose result the build needs late: the
search stage's dictionaries and word cuts, the zh-Hant conversion of pages already built in
zh-Hans and of the strings the build converts, the content checks and the report of what the
allowlist removed from a page. Such a stage keeps that work on a *work object* (``WORKS``:
``search.work.SearchWork``, ``convert.work.ConvertWork``, ``check.work.CheckWork``) and asks
a ``Helper`` for it. The helper runs the object in
``python -m hooks.helper <work>``, started in the project folder, so the work is done on
another CPU while MkDocs renders pages; the build waits only for what is not done yet.

Requests are pickled ``(method, arguments)`` on the helper's standard input, replies
``(ok, value)`` on its standard output (the helper moves anything else it prints to standard
error). Requests run in the order sent; ``ask`` does not wait, ``answer`` waits for every
reply not yet read. A work object lists the methods a request may call (``REQUESTS``).

A helper runs at a lower priority (``NICENESS``): on a machine with more work than CPUs, the
build's own process, which renders every page, goes first.

When the helper cannot start, stops, or fails a request, the requests since the last
``answer`` run again in the build's own process: the same code gives the same result, and
an error in it is raised where the build reports it. On a machine with one CPU the work
runs in the build's process from the start.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
import traceback
from importlib import import_module
from pathlib import Path
from typing import Any, BinaryIO

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

MODULE = "hooks.helper"
WORKS = {  # name → (module, class) of a work object
    "search": ("hooks.search.work", "SearchWork"),
    "convert": ("hooks.convert.work", "ConvertWork"),
    "check": ("hooks.check.work", "CheckWork"),
}
STOP_SECONDS = 10
NICENESS = 10  # the build's own process renders every page: on a busy machine it goes first


def make_work(name: str) -> Any:
    """A new work object of a registered kind (its module is imported only now)."""
    module, cls = WORKS[name]
    return getattr(import_module(module), cls)()


def requests_of(name: str) -> frozenset[str]:
    module, cls = WORKS[name]
    return getattr(import_module(module), cls).REQUESTS


class Helper:
    """One work object: in a helper process while it answers, else in this process."""

    def __init__(self, work: str, root: Path, separate: bool = True) -> None:
        if work not in WORKS:
            raise ValueError(f"not a kind of work: {work}")
        self.work = work
        self.requests = requests_of(work)
        self.root = Path(root)  # the project folder: the helper imports ``hooks`` from there
        self.separate = separate and (os.cpu_count() or 1) > 1  # one CPU: a second process only waits its turn
        self.process: subprocess.Popen | None = None
        self.local = None  # the work object of this process, once the helper is not used
        self.sent: list[tuple[str, tuple]] = []  # requests whose replies are not read yet
        self.tags: list[Any] = []  # what the asker noted with each of them (``answer_tagged``)
        self.fallback_reason: str | None = None  # why the work moved into this process

    def ask(self, method: str, *args: Any, tag: Any = None) -> None:
        """Request ``<work>.<method>(*args)``; its value comes with the next ``answer`` (and
        beside ``tag`` with ``answer_tagged``: what the asker needs to know to use it)."""
        if method not in self.requests:
            raise ValueError(f"not a request of {self.work} work: {method}")
        self.sent.append((method, args))
        self.tags.append(tag)
        if self.local is None and self._running():
            try:
                pickle.dump((method, args), self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                self.process.stdin.flush()
            except (OSError, ValueError, pickle.PicklingError) as exc:
                self._give_up(f"the {self.work} helper stopped reading: {exc}")

    @property
    def waiting(self) -> bool:
        """Whether requests are waiting for ``answer``."""
        return bool(self.sent)

    def answer_tagged(self) -> list[tuple[Any, Any]]:
        """(tag, value) of each request sent since the last answer, in order."""
        tags = self.tags
        return list(zip(tags, self.answer()))

    def answer(self) -> list[Any]:
        """The values of the requests sent since the last answer, in order."""
        sent, self.sent = self.sent, []
        self.tags = []
        if self.local is None and self.process is not None:
            try:
                replies = [pickle.load(self.process.stdout) for _ in sent]
                failed = [value for ok, value in replies if not ok]
                if not failed:
                    return [value for _, value in replies]
                self._give_up(f"the {self.work} helper failed:\n{failed[0]}")
            except (OSError, EOFError, pickle.UnpicklingError) as exc:
                self._give_up(f"the {self.work} helper stopped: {exc!r}")
        work = self._local_work()
        return [getattr(work, method)(*args) for method, args in sent]

    def stop(self) -> None:
        """End the helper: it exits when its input closes. The build does not wait for that: a
        thread of this process reaps it (and kills it if it has not exited in time), and this
        process, once its work is done, waits for that thread before it exits (no zombie)."""
        process, self.process = self.process, None
        if process is None:
            return
        for pipe in (process.stdin, process.stdout):  # replies not read yet never will be: the
            try:  # helper's writing fails at once instead of waiting for room in the pipe
                pipe.close()
            except OSError:
                pass
        threading.Thread(target=_reap, args=(process,), name=f"{self.work} helper exit").start()

    def _running(self) -> bool:
        if self.process is None and self.separate:
            try:
                self.process = subprocess.Popen([sys.executable, "-m", MODULE, self.work], cwd=self.root,
                                                stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            except OSError as exc:
                self._give_up(f"the {self.work} helper did not start: {exc}")
            else:
                _widen(self.process.stdin)
        return self.process is not None

    def _give_up(self, reason: str) -> None:
        self.fallback_reason = reason
        self.stop()
        self._local_work()

    def _local_work(self):
        if self.local is None:
            self.local = make_work(self.work)
        return self.local


PIPE_BYTES = 1 << 20  # Linux's default limit for a pipe an unprivileged process widens


def _widen(pipe: BinaryIO) -> None:
    """Let the pipe hold a few pages of requests (Linux; 64 KiB by default), so that ``ask``
    does not wait while the helper is busy with the last one."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl else None
    if set_size is not None:
        try:
            fcntl.fcntl(pipe.fileno(), set_size, PIPE_BYTES)
        except OSError:
            pass  # a lower limit on this machine: the default size works, only slower


def _reap(process: subprocess.Popen) -> None:
    """Wait for a helper whose input is closed to exit; kill it if it does not in time."""
    try:
        process.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def serve(name: str, requests: BinaryIO, replies: BinaryIO) -> None:
    """The helper's loop: run each request on one work object until the input closes.

    Requests are read and replies written by threads of their own, so neither pipe ever fills
    up: the build can send many requests before it reads a reply, and never waits to send.
    """
    work = None  # made at the first request: an error in making it is that request's reply
    inbox: queue.SimpleQueue = queue.SimpleQueue()
    outbox: queue.SimpleQueue = queue.SimpleQueue()
    reader = threading.Thread(target=_read, args=(requests, inbox), daemon=True)
    writer = threading.Thread(target=_write, args=(replies, outbox))
    reader.start()
    writer.start()
    try:
        while (request := inbox.get()) is not None:
            method, args = request
            try:
                if method not in requests_of(name):
                    raise ValueError(f"not a request of {name} work: {method}")
                if work is None:
                    work = make_work(name)
                outbox.put((True, getattr(work, method)(*args)))
            except Exception:  # noqa: BLE001 — the build redoes the request and reports the error itself
                outbox.put((False, traceback.format_exc()))
    finally:
        outbox.put(None)
        writer.join()


def _read(requests: BinaryIO, inbox: queue.SimpleQueue) -> None:
    """Move every request into the inbox; None once the input closes (or cannot be read)."""
    try:
        while True:
            inbox.put(pickle.load(requests))
    except (EOFError, OSError, pickle.UnpicklingError):
        inbox.put(None)


def _write(replies: BinaryIO, outbox: queue.SimpleQueue) -> None:
    """Write every reply of the outbox until None; a closed output ends the writing."""
    try:
        while (reply := outbox.get()) is not None:
            pickle.dump(reply, replies, protocol=pickle.HIGHEST_PROTOCOL)
            replies.flush()
    except OSError:
        pass


def _lower_priority() -> None:
    """Let the build's own process go first: the helper's work is needed only later."""
    try:
        os.nice(NICENESS)
    except (AttributeError, OSError):  # not on this system: the same work, in the same time
        pass


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops `mkdocs serve`, which then ends the helper
    _lower_priority()
    _replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a stray print goes to standard error, never into the replies
    serve(sys.argv[1], sys.stdin.buffer, _replies)
    sys.stderr.flush()
    os._exit(0)  # every reply is written: skip freeing the dictionaries one object at a time
