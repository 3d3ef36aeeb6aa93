"""Fixtures: the fault server of ``fault_server.py``, on 127.0.0.1, in a process of its own."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .fault_server import Hit

SCRIPT = Path(__file__).with_name("fault_server.py")


class FaultServer:
    """The test's handle on a running fault server: its URLs and what it recorded."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def _stats(self) -> dict:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy
        with opener.open(self.url("/_stats"), timeout=10) as response:
            return json.load(response)

    @property
    def hits(self) -> list[Hit]:
        return [Hit(**hit) for hit in self._stats()["hits"]]

    def hits_for(self, path: str) -> list[Hit]:
        return [hit for hit in self.hits if urlsplit(hit.path).path == path]

    @property
    def max_in_flight(self) -> int:
        return self._stats()["max_in_flight"]

    @property
    def trickled(self) -> list[int]:
        """Header lines ``/trickle`` had sent when each of its requests ended."""
        return self._stats()["trickled"]


def serve() -> Iterator[FaultServer]:
    """Start the fault server, yield its handle, stop it."""
    proc = subprocess.Popen([sys.executable, str(SCRIPT)], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert line.startswith("PORT "), f"the fault server did not start: {line!r}"
        yield FaultServer(int(line.split()[1]))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    """A fresh fault server for one test."""
    yield from serve()


@pytest.fixture(scope="module")
def module_fault_server() -> Iterator[FaultServer]:
    """A fault server shared by the tests of one module (its counters too)."""
    yield from serve()
