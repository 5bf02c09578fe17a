"""No page lost by a new version: every series' current text, imported as its next version.

For each series the current version is written as the Word file its notice would be
(``next_year.version_docx``) and imported with ``python -m handbook import … --series`` into one
copy of the project — the same words, so nothing may be lost. Without a hand edit the copy passes
``handbook check`` and builds; the new version is the one each series' address shows; and the site
has every page it had (document, 我要申报, 材料清单, forms, calculators), every planner option, and
only the new versions' pages besides.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.next_year import load_on, version_docx

from conftest import copy_project, mkdocs_build

BUILD_DATE = "2026-12-02"


def pages(site: Path) -> set[str]:
    return {str(p.parent.relative_to(site)) for p in site.rglob("index.html")
            if not {"assets", "pagefind", "search"} & set(p.parts)}


def planner_options(site: Path) -> list[str]:
    html = (site / "calculators" / "procedure-plan" / "index.html").read_text("utf-8")
    select = html.split('name="procedure"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]+)"', select)


def loaded(data: Path):
    return load_on(data, BUILD_DATE)


@pytest.fixture(scope="module")
def before_and_after(tmp_path_factory):
    """Two copies of the project built on the same day: as it is, and with every series' next version."""
    root = tmp_path_factory.mktemp("no-page-lost")
    before = copy_project(root / "before")
    after = copy_project(root / "after")
    data = after / "policy_data"
    env = {**os.environ, "HANDBOOK_BUILD_DATE": BUILD_DATE}
    imported = {}
    for series_id, series in loaded(data).series.items():
        key = f"{series.current.key}-next"
        docx = version_docx(series.current.doc, root / f"{series_id}.docx")
        result = subprocess.run([sys.executable, "-m", "handbook", "import", str(docx), "--series", series_id,
                                 "--version", key, "--data-dir", str(data)],
                                capture_output=True, text=True, timeout=300, env=env)
        assert result.returncode == 0, result.stderr
        imported[series_id] = (key, result.stdout)
    check = subprocess.run([sys.executable, "-m", "handbook", "check", str(data)], capture_output=True,
                           text=True, timeout=300, env=env)
    built = [mkdocs_build(p / "mkdocs.yml", p / "site", {"HANDBOOK_BUILD_DATE": BUILD_DATE}) for p in (before, after)]
    for result in built:
        assert result.returncode == 0, result.stderr
    return {"before": before / "site", "after": after / "site", "imported": imported, "check": check,
            "data": data}


def test_every_block_is_carried_and_the_copy_passes_the_check(before_and_after):
    assert before_and_after["check"].returncode == 0, before_and_after["check"].stderr
    for series_id, (_key, report) in before_and_after["imported"].items():
        assert "未沿用" not in report and "须核对" not in report, (series_id, report)
        assert "0 条已移动" in report, (series_id, report)


def test_the_new_version_is_the_one_each_series_shows(before_and_after):
    series = loaded(before_and_after["data"]).series
    for series_id, (key, _report) in before_and_after["imported"].items():
        assert series[series_id].current_key == key
        new, old = series[series_id].versions[-1].doc, series[series_id].versions[-2].doc
        assert [p.id for p in new.procedures] == [p.id for p in old.procedures]
        assert [[s.id for s in p.steps] for p in new.procedures] == [[s.id for s in p.steps] for p in old.procedures]
        assert [m.id for m in new.materials] == [m.id for m in old.materials]
        assert [p.id for p in new.parameters] == [p.id for p in old.parameters]


def test_no_page_and_no_planner_option_is_lost(before_and_after):
    before, after = before_and_after["before"], before_and_after["after"]
    had, has = pages(before), pages(after)
    assert had - has == set()
    added = {page for page in has - had}
    expected = set()
    for series_id, (key, _report) in before_and_after["imported"].items():
        expected.add(f"documents/{series_id}/{key}")
        old_key = key.removesuffix("-next")
        if f"documents/{series_id}" in had:
            expected.add(f"documents/{series_id}/{old_key}")
            expected.add(f"documents/{series_id}/compare/{old_key}-{key}")
    assert added - expected == set()
    assert {p for p in had if p.startswith("apply/")} == {p for p in has if p.startswith("apply/")}
    assert {p for p in had if p.startswith("apply/")} >= {f"apply/{s}" for s in (
        "yangcheng-junior-title", "zhejiang-senior-title", "xinzhou-annual-assessment")}
    assert planner_options(before) == planner_options(after) and len(planner_options(before)) >= 4
