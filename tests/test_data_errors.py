"""Bad policy data stops the build with the file, the path inside it and the line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.data import edit, errors_of

from handbook.loader import load_handbook

from conftest import ROOT, copy_project, mkdocs_build

DOC = "documents/zhejiang-senior-title/2019.yaml"


def line_of(data_dir: Path, rel: str, needle: str) -> int:
    text = (data_dir / rel).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def test_real_data_is_valid():
    handbook = load_handbook(ROOT / "policy_data")
    assert {d.id for d in handbook.documents} == {
        "xinzhou-annual-assessment", "zhejiang-senior-title",
        "yangcheng-junior-title", "safety-kpi-samples"}


def test_missing_field(data_copy):
    line = edit(data_copy, DOC, "  kind: 职称评审\n", "")
    msg = errors_of(data_copy)
    assert f"policy_data/{DOC}:" in msg
    assert "meta.kind: 缺少必填字段" in msg
    # reported at the mapping that lacks it: the line of "meta:"
    assert re.search(rf"{re.escape(DOC)}:(\d+): meta\.kind", msg)
    reported = int(re.search(rf"{re.escape(DOC)}:(\d+): meta\.kind", msg)[1])
    assert reported == line_of(data_copy, DOC, "meta:") and reported < line


def test_unknown_clause_id_in_parameter(data_copy):
    line = edit(data_copy, DOC, "    clause: s4-3-6\n", "    clause: s9-9\n")
    msg = errors_of(data_copy)
    assert f"policy_data/{DOC}:{line}: parameters[11].clause: " in msg
    assert "s9-9" in msg and "不存在" in msg


def test_duplicate_clause_id(data_copy):
    line = edit(data_copy, DOC, "      - id: s5\n", "      - id: s4\n")
    msg = errors_of(data_copy)
    assert f"policy_data/{DOC}:{line}: parts[0].sections[4].id: id“s4”重复" in msg
    assert f"第 {line_of(data_copy, DOC, '      - id: s4')} 行已使用" in msg


def test_wrong_type(data_copy):
    line = edit(data_copy, DOC, "    value: 17\n", "    value: 十七\n")
    msg = errors_of(data_copy)
    assert re.search(rf"{re.escape(DOC)}:{line}: parameters\[5\]\.value: ", msg), msg


# (text to replace, its replacement, what the message must say; {line} is the edited line)
LOCATED = [
    ("  effective: 2019-12-04\n", "  effective: 2019-02-30\n", "{line}: meta.effective: 应为日期"),
    ("  level: 省\n", "  level: 省\n  levle: 省\n", "{next}: meta.levle: 未知字段"),
    ("  level: 省\n", "  level: 省\n  level: 市\n",
     "{next}: meta.level: 键“level”重复出现（第 {line} 行已有）"),
    # `num: 1.` is the float 1.0 in YAML; the schema refuses it instead of printing 1.0
    ('                num: "1."\n', "                num: 1.\n",
     "{line}: parts[0].sections[2].children[2].children[0].num: 应为文本"),
    ("    corrected: 高层次人才队伍\n", "    corrected: 高层次大才队伍\n", "{line}: corrections[0].corrected: "),
]


@pytest.mark.parametrize(("old", "new", "expected"), LOCATED,
                         ids=["bad-date", "unknown-key", "duplicate-key", "num-as-float", "correction"])
def test_errors_are_located(data_copy, old, new, expected):
    line = edit(data_copy, DOC, old, new)
    assert f"{DOC}:" + expected.format(line=line, next=line + 1) in errors_of(data_copy)


def test_yaml_syntax_error(data_copy):
    edit(data_copy, DOC, "  level: 省\n", "  level: [省\n")
    msg = errors_of(data_copy)
    assert re.search(rf"{re.escape(DOC)}:\d+: \(文件顶层\): YAML 语法错误", msg), msg


def test_every_error_is_reported_at_once(data_copy):
    edit(data_copy, DOC, "    clause: s4-3-6\n", "    clause: s9-9\n")
    edit(data_copy, "documents/yangcheng-junior-title/2024.yaml", "  level: 县\n", "  level: 乡\n")
    msg = errors_of(data_copy)
    assert "2 处错误" in msg
    assert "yangcheng-junior-title/2024.yaml" in msg and "zhejiang-senior-title/2019.yaml" in msg


def test_comparison_view_clause_ids_are_checked(data_copy):
    rel = "views/junior-vs-senior.yaml"
    line = edit(data_copy, rel, "zhejiang-senior-title: [s3-3-1]",
                "zhejiang-senior-title: [s3-3-9]")
    msg = errors_of(data_copy)
    assert f"{rel}:{line}: rows[0].cells.zhejiang-senior-title[0]: 条款 id“s3-3-9”不在文件" in msg


def test_build_fails_with_the_located_message(data_copy):
    line = edit(data_copy, DOC, "    clause: s4-3-6\n", "    clause: s9-9\n")
    result = mkdocs_build(data_copy.parent / "mkdocs.yml", data_copy.parent / "site")
    assert result.returncode != 0
    assert f"policy_data/{DOC}:{line}: parameters[11].clause" in result.stderr


def test_build_fails_clearly_without_the_pyodide_runtime(tmp_path):
    """No node_modules/pyodide (npm ci not run): the build stops and says what to do."""
    root = copy_project(tmp_path, pyodide=True)
    config = (root / "mkdocs.yml").read_text("utf-8")
    config = config.replace("      pyodide: true\n", "      pyodide: true\n      pyodide_dir: node_modules/pyodide\n")
    (root / "mkdocs.yml").write_text(config, "utf-8")
    result = mkdocs_build(root / "mkdocs.yml", root / "site")
    assert result.returncode != 0
    assert "Pyodide" in result.stderr and "npm ci" in result.stderr
