"""Builds that fail clearly: two builds into one output folder take turns (the second says it
waits, naming the folder), and a disk that fills up while the site is written stops the build
with one line naming the folder, not a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import ROOT
from project_copy import copy_project

WAIT_SECONDS = 600


class Build:
    """``mkdocs build --strict`` of ``project`` into ``site_dir``, its log read as it is written."""

    def __init__(self, project: Path, site_dir: Path, launcher: list[str] | None = None) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
        command = launcher or [sys.executable, "-m", "mkdocs"]
        self.process = subprocess.Popen([*command, "build", "--strict", "--site-dir", str(site_dir)],
                                        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        env={**env, "NO_MKDOCS_2_WARNING": "1"})
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None  # opened with stdout=PIPE
        for line in self.process.stdout:
            self.lines.append(line)

    def wait_for_line(self, text: str) -> str:
        deadline = time.monotonic() + WAIT_SECONDS
        while not (found := [line for line in list(self.lines) if text in line]):
            assert self.process.poll() is None, "".join(self.lines)
            assert time.monotonic() < deadline, "".join(self.lines)
            time.sleep(0.2)
        return found[0]

    def finish(self) -> tuple[int, str]:
        code = self.process.wait(WAIT_SECONDS)
        self.reader.join(WAIT_SECONDS)  # it ends at the end of the output
        return code, "".join(self.lines)


def test_a_second_build_into_the_same_folder_waits_for_the_first_and_says_so(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    first = Build(project, site)
    first.wait_for_line("Cleaning site directory")  # the first holds the folder from before this
    second = Build(project, site)
    waiting = second.wait_for_line("another build is writing to this folder")
    first_code, first_log = first.finish()
    second_code, second_log = second.finish()
    assert first_code == 0, first_log[-3000:]
    assert second_code == 0, second_log[-3000:]
    assert f"{site}: another build is writing to this folder (lock {tmp_path / 'site.lock'})" in waiting
    assert "waiting" not in first_log
    pages = {"404.html": "页面", "zh-Hant/404.html": "頁面"}
    for rel, word in pages.items():
        text = (site / rel).read_text(encoding="utf-8")
        assert word in text, rel  # each script's own 404 page, as after one build
    assert 'lang="zh-Hant"' in (site / "zh-Hant/404.html").read_text(encoding="utf-8")


FULL_DISK = """
import errno, sys
from mkdocs import utils
from mkdocs.__main__ import cli

write_file = utils.write_file


def full(content, output_path):
    if output_path.replace("\\\\", "/").endswith("training/peft/index.html"):
        raise OSError(errno.ENOSPC, "No space left on device")
    write_file(content, output_path)


utils.write_file = full
cli(sys.argv[1:])
"""


def test_a_disk_that_fills_while_pages_are_written_stops_the_build_naming_the_folder(tmp_path):
    """The disk fills as MkDocs writes a page (the error raised where it writes files, as the
    operating system raises it: ENOSPC, without a file name)."""
    site = tmp_path / "site"
    code, log = Build(ROOT, site, [sys.executable, "-c", FULL_DISK]).finish()
    assert code == 1, log[-3000:]
    assert "Traceback" not in log, log[-3000:]
    said = [line for line in log.splitlines() if "no space left on the device" in line]
    assert len(said) == 1, log[-3000:]
    assert said[0].startswith(f"{site}: no space left on the device while writing the site (output folder: "), said
    assert re.search(r"\(output folder: [0-9,]+ bytes free; temporary folder \S+: [0-9,]+ bytes free\) — ", said[0])
    assert "--site-dir" in said[0]
