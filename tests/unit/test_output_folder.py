"""One build at a time in an output folder (its lock file), and a full disk named with its folder."""

from __future__ import annotations

import errno
import logging
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from filelock import FileLock
from mkdocs.exceptions import Abort, PluginError

from hooks import output_folder
from hooks.output_folder import OutputFolderStage, lock_path, out_of_space, space_message


def config(site_dir: Path) -> SimpleNamespace:
    return SimpleNamespace(site_dir=str(site_dir), plugins={})


def building(site_dir: Path) -> OutputFolderStage:
    stage = OutputFolderStage()
    stage.begin("build", dirty=False)
    stage.acquire(config(site_dir))
    return stage


def test_the_lock_file_sits_beside_the_output_folder(tmp_path: Path) -> None:
    assert lock_path(tmp_path / "site") == tmp_path / "site.lock"
    assert lock_path(f"{tmp_path}/site/") == tmp_path / "site.lock"


def test_a_second_build_into_the_same_folder_waits_and_says_so_naming_the_folder(tmp_path, caplog) -> None:
    site = tmp_path / "site"
    first = building(site)
    second = OutputFolderStage()
    second.begin("build", dirty=False)
    caplog.set_level(logging.INFO, logger="mkdocs.hooks.output")
    waiting = threading.Thread(target=second.acquire, args=(config(site),))
    waiting.start()
    while not any("waiting for it to end" in record.getMessage() for record in caplog.records):
        assert waiting.is_alive()
        time.sleep(0.05)
    assert second.lock is None  # still waiting while the first holds the folder
    message = next(r.getMessage() for r in caplog.records if "waiting" in r.getMessage())
    assert message.startswith(f"{site}: another build is writing to this folder (lock {tmp_path / 'site.lock'})")
    first.release(config(site))
    waiting.join()
    assert second.lock is not None and second.lock.is_locked
    second.release(config(site))
    assert not second.lock


def test_after_the_bound_the_second_build_stops_with_a_message(tmp_path, monkeypatch) -> None:
    site = tmp_path / "site"
    held = FileLock(str(lock_path(site)))
    held.acquire()
    monkeypatch.setattr(output_folder, "WAIT_SECONDS", 0.1)
    with pytest.raises(PluginError) as stopped:
        building(site)
    assert str(stopped.value).startswith(f"{site}: another build has been writing to this folder")
    assert "--site-dir" in str(stopped.value)
    held.release()


def test_released_after_the_build_and_after_an_error_and_never_taken_by_the_preview(tmp_path) -> None:
    site = tmp_path / "site"
    stage = building(site)
    stage.release(config(site))
    stage = building(site)  # free again
    stage.on_error(RuntimeError("a page failed"))
    assert stage.lock is None
    probe = FileLock(str(lock_path(site)), timeout=0)
    probe.acquire()  # raises Timeout if the lock were still held
    preview = OutputFolderStage()
    preview.begin("serve", dirty=True)
    preview.acquire(config(site))  # would wait on the probe's lock if the preview took it
    assert preview.lock is None
    probe.release()


def test_a_full_disk_stops_the_build_with_one_line_naming_the_file_and_both_folders(tmp_path) -> None:
    site = tmp_path / "site"
    stage = building(site)
    full = OSError(errno.ENOSPC, "No space left on device", str(site / "training" / "index.html"))
    with pytest.raises(Abort) as stopped:
        stage.on_error(full)
    message = str(stopped.value)
    assert message.startswith(f"{site}: no space left on the device while writing {site}/training/index.html (")
    assert "output folder: " in message and "bytes free" in message and "temporary folder " in message
    assert "\n" not in message and stage.lock is None


def test_a_full_disk_is_found_behind_the_error_raised_from_it(tmp_path) -> None:
    cause = OSError(errno.ENOSPC, "No space left on device")
    try:
        try:
            raise cause
        except OSError as error:
            raise RuntimeError("writing the search index failed") from error
    except RuntimeError as wrapped:
        assert out_of_space(wrapped) is cause
    assert out_of_space(OSError(errno.EACCES, "Permission denied")) is None
    message = space_message(cause, tmp_path / "site", tmp_path)
    said = "no space left on the device while writing the site (output folder: "
    assert message.startswith(f"{tmp_path / 'site'}: {said}")
