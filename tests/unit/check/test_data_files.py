"""hooks/check/data_files.py: YAML data files and the source-site table."""

from pathlib import Path

from hooks.check.data_files import check_source_sites, check_yaml_file

GOOD_SITES = """sites:
  - name: 知乎
    hosts: [zhuanlan.zhihu.com, www.zhihu.com]
  - name: GitHub
    hosts: [github.com]
other: 其他网站
no_link: 无链接
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "source_sites.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_table_passes(tmp_path: Path) -> None:
    assert check_source_sites(write(tmp_path, GOOD_SITES), "hooks/data/source_sites.yml") == []


def test_a_host_of_two_sites_is_reported_on_its_line(tmp_path: Path) -> None:
    text = GOOD_SITES.replace("hosts: [github.com]", "hosts: [github.com, www.zhihu.com]")
    problems = check_source_sites(write(tmp_path, text), "hooks/data/source_sites.yml")
    assert [p.line for p in problems] == [5]  # the second listing, which is the one to remove
    assert "belongs to two sites" in problems[0].reason


def test_a_missing_key_is_reported(tmp_path: Path) -> None:
    problems = check_source_sites(write(tmp_path, GOOD_SITES.replace("no_link: 无链接\n", "")), "s.yml")
    assert len(problems) == 1 and "'no_link:' is missing" in problems[0].reason
    assert problems[0].fix == "write no_link: 名称"


def test_a_repeated_key_in_any_yaml_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    data, problems = check_yaml_file(path, "hooks/data/x.yml")
    assert data is None and [(p.path, p.line) for p in problems] == [("hooks/data/x.yml", 2)]
