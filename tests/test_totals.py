"""The supervising office's totals (issue 19): fifty units' 统计表 and some 花名册, with planted faults,
merged by calculators/paperwork/totals.py; the 汇总 workbook opened by LibreOffice."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import openpyxl
import pytest

from calckit.idcard import check_char
from calckit.office_fill import fill
from calculators.paperwork.totals import merge, summary_values
from handbook.office.xlsx_form import template_version

UNITS = 50


def idcard(i: int) -> str:
    first = f"1409021985{(i % 12) + 1:02d}{(i % 28) + 1:02d}{i % 1000:03d}"
    return first + check_char(first)


def statistics(i: int) -> dict[str, str]:
    """A unit that adds up: 20 people a level split 16/2/1 (1 优秀 each), quota 60 × 20% = 12."""
    values = {"unit": f"第{i:02d}煤矿", "department": "市应急管理局", "professionals": "70", "participants": "60"}
    for lv in ("senior", "mid", "junior"):
        values.update({f"{lv}_total": "20", f"{lv}_competent": "16", f"{lv}_basic": "2", f"{lv}_incompetent": "1"})
    return values


def set_meta(data: bytes, key: str, value: str) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["_handbook"]
    for row in ws.iter_rows():
        if row[0].value == key:
            row[1].value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def merged(site_dir, handbook):
    folder = site_dir / "forms"
    stats_template = (folder / "xinzhou-statistics" / "xinzhou-statistics.template.xlsx").read_bytes()
    roster_template = (folder / "xinzhou-roster" / "xinzhou-roster.template.xlsx").read_bytes()
    files = []
    for i in range(1, UNITS + 1):
        values = statistics(i)
        if i == 7:     # over quota: 优秀 13 (senior 20 − 16 − 0 − 0 … ) against 12
            values.update({"senior_basic": "0", "senior_incompetent": "0", "mid_basic": "0", "mid_incompetent": "0",
                           "junior_basic": "0", "junior_competent": "14"})
        if i == 12:    # a total that does not add up: levels 20 + 20 + 18 = 58, 参加考核人数 60
            values["junior_total"] = "18"
        if i == 30:    # a unit twice
            values["unit"] = "第29煤矿"
        if i == 18:    # the 总计 row typed over, disagreeing with the levels (60 and 48)
            values.update({"all_total": "61", "all_competent": "47", "all_basic": "6", "all_incompetent": "3"})
        if i == 22:    # full-width digits, read and said
            values["mid_total"] = "２０"
        data, left = fill("xlsx", stats_template, values)
        assert not left
        if i == 40:
            data = set_meta(data, "template-version", "0123456789ab")   # an old template
        if i == 45:
            data = set_meta(data, "year", "2022")                       # another year's 统计表
        files.append((f"{i:02d}_第{i:02d}煤矿_统计表.xlsx", data))
    for i in (3, 4):   # two units' 花名册, the same person in both
        people = {"unit": f"第{i:02d}煤矿", "year": "2023"}
        for k in range(5):
            number = idcard(99) if k == 2 else idcard(i * 10 + k)
            people.update({f"people.{k}.name": f"李{i}{k}", f"people.{k}.idcard": number, f"people.{k}.level": "中级",
                           f"people.{k}.grade": "称职"})
        data, _ = fill("xlsx", roster_template, people)
        files.append((f"{i:02d}_花名册.xlsx", data))
    files.append(("说明.xlsx", _foreign()))
    forms = {f.id: f for f in handbook.forms}
    expect = {"versions": {k: template_version(forms[k]) for k in ("xinzhou-statistics", "xinzhou-roster")},
              "year": "2023", "quota": "1/5", "quota_text": "20%"}
    result = merge(files, expect)
    from calculators.paperwork.workbook import read_workbook
    result["cells"] = read_workbook(stats_template).cells
    return result


def _foreign() -> bytes:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "单位名称"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def findings(result, file_part: str) -> list[dict]:
    return [f for f in result["findings"] if file_part in f["file"]]


def test_every_planted_fault_is_found_with_file_cell_and_field(merged):
    over = findings(merged, "07_")
    assert len(over) == 1 and "优秀 13 人" in over[0]["message"] and "超过名额 12 人" in over[0]["message"]
    assert over[0]["field"].startswith("总计：优秀") and over[0]["cell"] == merged["cells"]["all_total"]
    typed = {f["field"]: f for f in findings(merged, "18_")}   # the 总计 row, column by column
    assert set(typed) == {"总计：合计", "总计：称职"}
    assert typed["总计：合计"]["cell"] == merged["cells"]["all_total"]
    assert typed["总计：称职"]["cell"] == merged["cells"]["all_competent"]
    assert "填写为 61 人" in typed["总计：合计"]["message"] and "之和为 60 人" in typed["总计：合计"]["message"]
    assert "填写为 47 人" in typed["总计：称职"]["message"] and "之和为 48 人" in typed["总计：称职"]["message"]
    assert findings(merged, "22_") == []                        # full-width digits are read, not a fault
    total = {f["field"]: f for f in findings(merged, "12_")}   # 初级 18 is less than 16 + 2 + 1, and 58 ≠ 60
    assert set(total) == {"初级：合计", "参加考核人数"}
    assert all(re.fullmatch(r"[A-Z]+\d+", f["cell"]) for f in total.values())
    assert "与高级、中级、初级合计之和 58 人不一致" in total["参加考核人数"]["message"]
    assert "合计 18 人，小于称职、基本称职、不称职之和 19 人" in total["初级：合计"]["message"]
    twice = [f for f in merged["findings"] if "重复" in f["message"]]
    assert {f["file"][:3] for f in twice} == {"29_", "30_"} and all(f["field"] == "单位名称" for f in twice)
    assert "本文件未计入合计" in next(f for f in twice if f["file"].startswith("29_"))["message"]
    old = findings(merged, "40_")
    assert len(old) == 1 and "旧模板" in old[0]["message"] and "0123456789ab" in old[0]["message"]
    year = findings(merged, "45_")
    assert len(year) == 1 and "2022 年度" in year[0]["message"]
    person = [f for f in merged["findings"] if f["field"] == "身份证号码"]
    assert {f["file"] for f in person} == {"03_花名册.xlsx", "04_花名册.xlsx"}
    assert all(idcard(99) in f["message"] and re.fullmatch(r"D\d+", f["cell"]) for f in person)
    assert findings(merged, "说明.xlsx")[0]["message"].startswith("文件中没有本站表格的标识")
    assert any(f["field"] == "年度" and "不一致" in f["message"] for f in merged["findings"])
    # nothing else: the 44 sound units raise nothing
    flagged = {f["file"] for f in merged["findings"]}
    assert flagged == {"07_第07煤矿_统计表.xlsx", "12_第12煤矿_统计表.xlsx", "18_第18煤矿_统计表.xlsx",
                       "29_第29煤矿_统计表.xlsx",
                       "30_第30煤矿_统计表.xlsx", "40_第40煤矿_统计表.xlsx", "45_第45煤矿_统计表.xlsx",
                       "03_花名册.xlsx", "04_花名册.xlsx", "说明.xlsx", ""}


def test_the_summary_has_a_row_per_unit_read_with_its_source_file_and_the_totals(merged):
    rows = merged["rows"]
    # the old template, the other year and the unit's earlier file left out
    assert merged["units"] == len(rows) == UNITS - 3
    assert all(r["file"].startswith(f"{int(r['unit'][1:3]):02d}_") or r["unit"] == "第29煤矿" for r in rows)
    # a unit sent twice is added once: the file later by name (neither has a 填报时间)
    assert [r["file"] for r in rows if r["unit"] == "第29煤矿"] == ["30_第30煤矿_统计表.xlsx"]
    assert merged["left_out"] == ["29_第29煤矿_统计表.xlsx"] and "29_第29煤矿_统计表.xlsx" in merged["totals"]["note"]
    assert merged["counted"] == [r["file"] for r in rows] and merged["totals"]["file"].startswith(f"{len(rows)} 个文件")
    for key in ("participants", "all_total", "senior_total", "excellent", "quota"):   # the 合计: its files' sum
        assert merged["totals"][key] == str(sum(int(r[key]) for r in rows)), key
    wide = next(r for r in rows if r["unit"] == "第22煤矿")
    assert wide["mid_total"] == "20" and "“２０”按 20 读取" in wide["note"]
    sound = next(r for r in rows if r["unit"] == "第01煤矿")
    assert (sound["participants"], sound["all_total"], sound["excellent"], sound["quota"], sound["note"]) == (
        "60", "60", "3", "12", "")
    assert next(r for r in rows if r["unit"] == "第07煤矿")["note"] == "1 处待核实"
    assert next(r for r in rows if r["unit"] == "第12煤矿")["note"] == "2 处待核实"
    assert merged["totals"]["participants"] == str(60 * len(rows))


def test_the_summary_workbook_opens_in_libreoffice_and_prints_one_page_wide(merged, site_dir, tmp_path):
    template = (site_dir / "forms" / "xinzhou-statistics" / "xinzhou-statistics-summary.template.xlsx").read_bytes()
    data, left = fill("xlsx", template, summary_values(merged, "2023"))
    assert not left
    path = tmp_path / "汇总.xlsx"
    path.write_bytes(data)
    ws = openpyxl.load_workbook(path).active
    assert ws["B4"].value == "第01煤矿" and ws.cell(row=4 + len(merged["rows"]), column=1).value == "合计"
    exe = shutil.which("soffice")
    if exe is None:
        pytest.fail("LibreOffice is not installed (make system-deps)")
    proc = subprocess.run([exe, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                           "pdf", "--outdir", str(tmp_path), str(path)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "汇总.pdf"
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")[:-1]
    assert 1 <= len(pages) <= 3
    for text in pages:   # one page wide: every page holds the first and the last column's header
        squashed = "".join(text.split())
        assert "序号" in squashed and "来源文件" in squashed and "提示" in squashed
    assert "第50煤矿" in "".join("".join(p.split()) for p in pages)


def unit_files(site_dir, folder) -> list:
    """The fifty units' files of the fixture above, written to ``folder`` (sound ones and the faults)."""
    template = (site_dir / "forms" / "xinzhou-statistics" / "xinzhou-statistics.template.xlsx").read_bytes()
    paths = []
    for i in range(1, UNITS + 1):
        values = statistics(i)
        if i == 12:
            values["junior_total"] = "18"
        data, _ = fill("xlsx", template, values)
        if i == 45:
            data = set_meta(data, "year", "2022")
        path = folder / f"{i:02d}_第{i:02d}煤矿_统计表.xlsx"
        path.write_bytes(data)
        paths.append(path)
    return paths


def test_the_page_adds_up_fifty_units_in_the_browser(browser, base_url, site_dir, tmp_path):
    from helpers.browser import watched_page

    paths = unit_files(site_dir, tmp_path)
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    for page in watched_page(context, base_url):
        page.goto(base_url + "forms/xinzhou-statistics-summary/")
        page.set_input_files(".totals-files", [str(p) for p in paths])
        page.wait_for_function("() => document.querySelector('.totals-status').textContent.startsWith('已汇总')",
                               timeout=120_000)
        said = page.locator(".totals-status").text_content()
        assert "已汇总 49 个单位（共选择 50 个文件），有 4 个问题需要核实" in said
        rows = page.locator(".totals-findings-table tbody tr")
        text = page.locator(".totals-findings-table").text_content()
        assert rows.count() == 4 and "12_第12煤矿_统计表.xlsx" in text and "2022 年度" in text
        assert page.locator(".totals-table tbody tr").count() == 49
        assert page.locator(".totals-table tfoot td").nth(4).text_content() == str(60 * 49)
        with page.expect_download() as info:
            page.click(".totals-download")
        path = tmp_path / "汇总.xlsx"
        info.value.save_as(path)
        ws = openpyxl.load_workbook(path).active
        assert ws["B4"].value == "第01煤矿" and ws.cell(row=4 + 49, column=1).value == "合计"
        assert ws.cell(row=4, column=24).value == "01_第01煤矿_统计表.xlsx"     # each row names its source file
    context.close()


def test_too_many_files_at_once_is_said_and_nothing_read():
    result = merge([(f"{i}.xlsx", b"") for i in range(501)], {"versions": {}, "year": "2023", "quota": "1/5",
                                                               "quota_text": "20%"})
    assert result["units"] == 0 and result["rows"] == []
    assert result["findings"][0]["message"] == "一次最多汇总 500 个文件，请分批汇总"


@pytest.mark.parametrize(("typed", "read", "note"), [
    ("12", 12, False), ("１２", 12, True), ("12人", 12, True), ("1,200", 1200, True), ("12.0", 12, True),
    ("10,5", None, None), ("1e10000000", None, None), ("15%", None, None), ("-3", None, None), ("", 0, False),
])
def test_a_number_typed_another_way_is_read_and_said_or_refused(typed, read, note):
    """A cell of a unit's 统计表: read (and said in 提示 when typed another way), or named as not a number."""
    from calculators.paperwork.totals import Unit, read_count
    from calculators.paperwork.workbook import Workbook

    book = Workbook("xinzhou-statistics", "", "2023", "", cells={"participants": "F3"}, values={"participants": typed})
    unit, found = Unit("a.xlsx", book), []
    value = read_count(book, "participants", unit, found)
    if read is None:
        assert value == 0 and len(found) == 1 and found[0].cell == "F3" and "不是人数" in found[0].message
    else:
        assert value == read and found == [] and bool(unit.read_as) == note
