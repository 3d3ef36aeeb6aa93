"""hooks/editions/offline.py: links made relative, the switch, the frame script, the ZIP.
(The built edition, from ``file://`` in Chromium: tests/site/test_offline.py.)"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from hooks.editions.offline import SHIM_SOURCE, frame_script, relative_link, switched_on, zip_site


@pytest.mark.parametrize(
    ("url", "page", "expected"),
    [
        ("/llm-kb/", "404.html", "index.html"),
        ("/llm-kb/zh-Hant/", "zh-Hant/404.html", "index.html"),
        ("/llm-kb/assets/x.css", "zh-Hant/404.html", "../assets/x.css"),
        ("/llm-kb/training/peft.html#lora", "zh-Hant/404.html", "../training/peft.html#lora"),
        ("/llm-kb//", "404.html", "index.html"),
        ("/llm-kb/.", "404.html", "index.html"),
        ("../", "training/peft.html", "../index.html"),
        ("./", "training/index.html", "index.html"),
        ("peft.html", "training/index.html", "peft.html"),
        ("#top", "training/index.html", "#top"),
        ("https://example.org/", "index.html", "https://example.org/"),
        ("/elsewhere/", "index.html", "/elsewhere/"),
    ],
)
def test_relative_link(url: str, page: str, expected: str) -> None:
    assert relative_link(url, page, "/llm-kb/") == expected


def test_switch_reads_the_environment() -> None:
    assert switched_on({"OFFLINE": "true"}) and switched_on({"OFFLINE": "1"})
    assert not switched_on({}) and not switched_on({"OFFLINE": "false"})


def test_frame_script_is_the_shims_own() -> None:
    shim = SHIM_SOURCE.read_text(encoding="utf-8")
    script = frame_script(shim, "../assets/w.js")
    assert script.startswith("postMessage=function ")
    assert 'filename:"../assets/w.js"' in script
    assert "${" not in script
    licence = SHIM_SOURCE.with_name("iframe-worker-shim.LICENSE").read_text(encoding="utf-8")
    assert "MIT" in licence or "Permission is hereby granted" in licence


def test_zip_site_packs_under_one_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (site / "a" / "b.html").write_text("<p>y</p>", encoding="utf-8")
    archive = tmp_path / "out" / "edition.zip"
    assert zip_site(site, archive) == 2
    with zipfile.ZipFile(archive) as zf:
        assert sorted(zf.namelist()) == ["edition/a/b.html", "edition/index.html"]


def test_a_full_disk_while_packing_names_the_download_and_leaves_no_part(tmp_path: Path, monkeypatch, capsys) -> None:
    """``make offline``'s zip step on a full disk: one line naming the download and its folder's
    free space, no traceback, and no part-written archive left behind."""
    import errno

    from hooks.editions import offline

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html></html>", encoding="utf-8")
    archive = tmp_path / "out" / "edition.zip"
    archive.parent.mkdir()

    def full_disk(site_dir: Path, target: Path, root_name: str | None = None) -> int:
        target.write_bytes(b"PK part")
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(offline, "zip_site", full_disk)
    assert offline._main(["zip", str(site), str(archive)]) == 1
    said = capsys.readouterr().err
    assert said.startswith(f"{archive}: no space left on the device") and "bytes free" in said
    assert "Traceback" not in said and not archive.exists()


def test_other_write_errors_while_packing_are_not_called_a_full_disk(tmp_path: Path, monkeypatch) -> None:
    import errno

    from hooks.editions import offline

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html></html>", encoding="utf-8")

    def refused(site_dir: Path, target: Path, root_name: str | None = None) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(target))

    monkeypatch.setattr(offline, "zip_site", refused)
    with pytest.raises(PermissionError):
        offline._main(["zip", str(site), str(tmp_path / "edition.zip")])
