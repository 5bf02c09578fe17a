"""The 花名册's list of people in Python (calckit.table_import, xinzhou.roster_statistics):
files as staff have them are read; a file with a bad cell is refused whole, every bad cell named
by row and column; the counts fill the 统计表; Word/Excel exports get a row per person."""

from __future__ import annotations

import codecs
import io
import zipfile

import docx
import openpyxl
import pytest
from helpers.forms import schema_of
from helpers.roster_files import expected_counts, idcard, person, roster_xlsx

from calckit.forms import roster_summary
from calckit.office_fill import fill
from calckit.table_import import MAX_ROWS, read_rows
from handbook.loader import form_fields

REQUIRED = ["name", "level", "grade"]


@pytest.fixture(scope="module")
def fields(handbook):
    return schema_of(next(f for f in handbook.forms if f.id == "xinzhou-roster"), handbook)


def read(fields, name, data):
    return read_rows(name, data, fields, "people", REQUIRED)


def test_the_official_layout_is_read_with_its_header_under_the_title(fields):
    out = read(fields, "花名册.xlsx", roster_xlsx(30))
    assert out["ok"], out
    assert (out["header_row"], out["sheet"], out["ignored"]) == (4, "花名册", [])
    assert len(out["rows"]) == 30
    assert out["rows"][7] == {"no": "8", "name": "王7", "sex": "男", "idcard": idcard(7), "title": "工程师",
                              "level": "中级", "post": "安全管理", "grade": "称职"}


def test_headers_are_matched_by_name_and_alias_in_any_order_and_extra_columns_are_named(fields):
    header = ["工号", "考核结果", "姓 名", "身份证号", "聘任职务"]
    data = roster_xlsx(0, title_rows=False, header=header,
                       cells={(2, 1): "A01", (2, 2): "优秀", (2, 3): "李四", (2, 4): idcard(1), (2, 5): "初级"})
    out = read(fields, "list.xlsx", data)
    assert out["ok"], out
    assert out["rows"] == [{"grade": "优秀", "name": "李四", "idcard": idcard(1), "level": "初级"}]
    assert out["ignored"] == ["工号"]


def test_a_bad_file_is_refused_whole_with_every_bad_cell_named(fields):
    data = roster_xlsx(20, cells={(6, 8): "合格", (9, 4): 140902198001011234, (10, 6): None,
                                  (12, 4): "140902198001011235", (14, 3): "男性"})
    out = read(fields, "花名册.xlsx", data)
    assert not out["ok"] and "rows" not in out
    assert out["total"] == 5
    messages = [p["message"] for p in out["problems"]]
    assert messages[0] == "第 6 行 H 列（考核等次）为“合格”，请从以下选项中选择：优秀、称职、基本称职、不称职"
    assert messages[1].startswith("第 9 行 D 列（身份证号码）") and "存成了数字" in messages[1]
    assert messages[2] == "第 10 行 F 列（聘任职务）：不能为空"
    assert messages[3].startswith("第 12 行 D 列（身份证号码）为“140902198001011235”，") and "校验位" in messages[3]
    assert "1235" not in messages[3].split("，", 1)[1]      # the message does not give the right digit
    assert messages[4].startswith("第 14 行 C 列（性别）为“男性”")
    assert [(p["row"], p["column"]) for p in out["problems"]] == [
        (6, "考核等次"), (9, "身份证号码"), (10, "聘任职务"), (12, "身份证号码"), (14, "性别")]


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("a.xlsx", roster_xlsx(3, header=["序号", "姓名", "性别", "考核等次"]), "第 4 行（表头）缺少列：“聘任职务”"),
    ("a.xlsx", roster_xlsx(3, header=["姓名", "聘任职务", "考核等次", "姓名"]), "有两列都是“姓名”：A 列和 D 列"),
    ("a.xlsx", roster_xlsx(0), "第 4 行是表头，但下面没有任何人员"),
    ("a.csv", "名字,级别\n张三,高级\n".encode(), "没有找到表头行"),
    ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "不支持旧版 .xls"),
    ("a.xlsx", b"PK\x03\x04 broken", "不是有效的 Excel"),
    ("a.pdf", b"%PDF-1.4", "请选择 Excel（.xlsx）或 CSV 文件"),
    ("a.csv", b"", "文件是空的"),
    ("a.csv", "姓名,聘任职务,考核等次\n张三,高级,优秀\n".encode("utf-16-le"), "文字编码"),
    ("a.csv", b"\x00\x01binary\x00", "二进制"),
])
def test_files_that_are_not_a_roster_get_a_clear_answer(fields, name, data, expected):
    out = read(fields, name, data)
    assert not out["ok"]
    assert expected in out["problems"][0]["message"], out


def test_csv_from_chinese_excel_in_gbk_utf8_bom_and_unicode_text(fields):
    rows = "姓名,聘任职务,考核等次\n张三,高级,优秀\n李四,中级,基本称职\n"
    for data in (rows.encode("gbk"), codecs.BOM_UTF8 + rows.encode(), rows.replace(",", "\t").encode("utf-16")):
        out = read(fields, "名单.csv", data)
        assert out["ok"], out
        assert out["rows"] == [{"name": "张三", "level": "高级", "grade": "优秀"},
                               {"name": "李四", "level": "中级", "grade": "基本称职"}]


def test_an_id_number_excel_turned_into_a_number_is_refused_in_csv_too(fields):
    out = read(fields, "a.csv", "姓名,身份证号码,聘任职务,考核等次\n张三,1.40902E+17,高级,优秀\n".encode("gbk"))
    assert "存成了数字" in out["problems"][0]["message"]


def test_xml_with_entities_is_refused(fields):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(roster_xlsx(2))) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + data
            dst.writestr(item, data)
    assert "DOCTYPE" in read(fields, "a.xlsx", out.getvalue())["problems"][0]["message"]


def test_more_rows_than_a_roster_holds_are_refused(fields):
    lines = ["姓名,聘任职务,考核等次"] + ["张三,高级,称职"] * (MAX_ROWS + 1)
    out = read(fields, "a.csv", "\n".join(lines).encode())
    assert not out["ok"] and f"超过本表的 {MAX_ROWS} 行" in out["problems"][0]["message"]
    few = read_rows("a.csv", "\n".join(lines[:12]).encode(), fields, "people", REQUIRED, max_rows=10)
    assert "名单超过本表的 10 行" in few["problems"][0]["message"]


def test_our_own_excel_export_reads_back(fields, site_dir):
    values = {"unit": "某煤矿", "head": "李四"}
    for i in range(40):
        for column, value in zip(["no", "name", "sex", "idcard", "title", "level", "post", "grade"],
                                 person(i), strict=False):
            values[f"people.{i}.{column}"] = str(value)
    template = (site_dir / "forms" / "xinzhou-roster" / "xinzhou-roster.template.xlsx").read_bytes()
    data, left = fill("xlsx", template, values)
    assert left == []
    out = read(fields, "导出.xlsx", data)
    assert out["ok"], out
    assert len(out["rows"]) == 40 and out["rows"][39]["name"] == "王39"


def test_exports_get_a_row_per_person_beyond_the_printed_rows(site_dir):
    folder = site_dir / "forms" / "xinzhou-roster"
    values = {"head": "李四", **{f"people.{i}.name": f"王{i}" for i in range(5000)},
              **{f"people.{i}.grade": "称职" for i in range(5000)}}
    data, left = fill("xlsx", (folder / "xinzhou-roster.template.xlsx").read_bytes(), values)
    assert left == []
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [ws.cell(r, 2).value for r in (5, 16, 17, 5004)] == ["王0", "王11", "王12", "王4999"]
    assert ws.cell(5005, 1).value.startswith("负责人：李四")          # the line under the table moved down
    assert ws.print_area == "'花名册'!$A$1:$I$5005"
    assert "A5005:I5005" in {str(r) for r in ws.merged_cells.ranges}
    grade_rule = next(dv for dv in ws.data_validations.dataValidation if "优秀" in dv.formula1)
    assert "H5004" in grade_rule.sqref and "H5005" not in grade_rule.sqref
    data, left = fill("docx", (folder / "xinzhou-roster.template.docx").read_bytes(), values)
    table = docx.Document(io.BytesIO(data)).tables[0]
    assert left == [] and len(table.rows) == 5001 and table.rows[-1].cells[1].text == "王4999"


def test_the_roster_fills_the_statistics_and_runs_the_quota_check(handbook, params):
    n = 600
    values = {"unit": "某煤矿", "department": "某局"}
    for i in range(n):
        row = person(i)
        values.update({f"people.{i}.no": str(row[0]), f"people.{i}.name": row[1],
                       f"people.{i}.level": row[5], f"people.{i}.grade": row[7]})
    out = roster_summary("xinzhou-roster", values, params)
    assert out["ok"] and out["participants"] == n and out["skipped"] == []
    assert out["counts"] == expected_counts(n)
    stats_form = next(f for f in handbook.forms if f.id == "xinzhou-statistics")
    names = {name for name, _, _ in form_fields(stats_form)}
    assert set(out["statistics"]) <= names                     # every number has its cell
    assert out["statistics"]["senior_total"] == "200" and out["statistics"]["senior_competent"] == "100"
    assert out["statistics"]["participants"] == "600" and out["statistics"]["unit"] == "某煤矿"
    quota = out["quota"]
    assert quota["ok"] and quota["values"]["max_excellent"] == 120 and quota["outcome"]["status"] == "pass"
    assert any(r["label"] == "忻州 五（一）" and r["url"].endswith("#s5-1") for r in quota["reasons"])


def test_too_many_excellent_fail_and_rows_without_a_grade_are_named(params):
    values = {f"people.{i}.{k}": v for i in range(5)
              for k, v in {"name": f"张{i}", "level": "中级", "grade": "优秀" if i < 2 else "称职"}.items()}
    values["people.5.name"] = "李五"                                 # no level, no grade
    values["people.6.no"] = "7"                                      # only its 序号: no person
    out = roster_summary("xinzhou-roster", values, params)
    assert out["participants"] == 5
    assert out["skipped"] == [{"row": 6, "name": "李五", "missing": ["聘任职务", "考核等次"]}]
    assert out["quota"]["outcome"]["status"] == "fail"               # 2 优秀 > ⌊5 × 20%⌋ = 1
    assert out["quota"]["reasons"][0]["text"] == "优秀 2 人超过可评名额 1 人。"


def test_the_quota_is_checked_with_the_year_chosen_on_the_page(params):
    """The page's 依据的文件（年度） reaches the quota check: the version known, or a clear message for
    a year the site has no notice for (never another year's 20%)."""
    values = {f"people.{i}.{k}": v for i in range(5)
              for k, v in {"name": f"张{i}", "level": "中级", "grade": "称职"}.items()}
    known = roster_summary("xinzhou-roster", values, params, {"xinzhou-annual-assessment": "2023"})
    assert known["quota"]["ok"] and known["quota"]["notice"]["number"] == "忻人社函〔2024〕4号"
    later = roster_summary("xinzhou-roster", values, params, {"xinzhou-annual-assessment": "2024"})
    assert later["quota"]["ok"] is False and later["quota"]["errors"][0]["field"] == "version"
    assert "本站尚未收录2024年度的通知" in later["quota"]["errors"][0]["message"]
