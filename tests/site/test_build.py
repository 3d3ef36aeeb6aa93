"""The real site builds in strict mode, in both scripts, without a single warning."""

import re

from conftest import BuildResult


def test_strict_build_succeeds(build: BuildResult) -> None:
    assert build.returncode == 0, build.log[-4000:]


def test_build_prints_no_warning(build: BuildResult) -> None:
    warnings = [line for line in build.log.splitlines() if re.search(r"\b(WARNING|ERROR)\b", line)]
    assert warnings == []


def test_both_scripts_have_the_same_pages(site) -> None:
    hans = {p.rel for p in site.pages("zh-Hans")}
    hant = {p.rel.removeprefix("zh-Hant/") for p in site.pages("zh-Hant")}
    assert len(hans) > 20
    assert hans == hant
