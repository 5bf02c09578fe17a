"""A unit's whole paperwork from its 花名册 (issue 19): everyone's 自评表 and 考核登记表, one file each in
a ZIP with 清单.csv, or one Word file per form with a section per person — checked as files and by
LibreOffice (pages printed, each person on their own page, every sampled file showing its person)."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document

from calckit.idcard import check_char
from calculators.paperwork import zipraw
from calculators.paperwork.batch import Batch
from calculators.paperwork.merge import Template, TemplateError

FORMS = ("xinzhou-self-assessment", "shanxi-assessment-register")
PAGES = {"xinzhou-self-assessment": 1, "shanxi-assessment-register": 8}   # the blank form as LibreOffice prints it


def idcard(i: int) -> str:
    first = f"14090219{80 + i % 10}{(i % 12) + 1:02d}{(i % 28) + 1:02d}{i % 1000:03d}"
    return first + check_char(first)


def roster(n: int) -> dict[str, str]:
    values = {"unit": "忻州市某煤矿", "year": "2023", "department": "市应急管理局"}
    for i in range(n):
        values.update({f"people.{i}.name": f"王{i:03d}", f"people.{i}.sex": "男" if int(idcard(i)[-2]) % 2 else "女",
                       f"people.{i}.idcard": idcard(i), f"people.{i}.title": "工程师", f"people.{i}.level": "中级",
                       f"people.{i}.post": "安全管理", f"people.{i}.grade": "称职"})
    return values


@pytest.fixture(scope="module")
def templates(site_dir):
    return {f: (site_dir / "forms" / f / f"{f}.template.docx").read_bytes() for f in FORMS}


def make(values, templates, mode="zip", step=7) -> tuple[zipfile.ZipFile, Batch]:
    batch = Batch(values, templates, mode)
    parts = []
    while batch.done < batch.total:
        parts.append(batch.step(step))
    parts.append(batch.finish())
    archive = zipfile.ZipFile(io.BytesIO(b"".join(parts)))
    assert archive.testzip() is None
    return archive, batch


def manifest(archive) -> list[list[str]]:
    raw = archive.read("清单.csv")
    assert raw.startswith("\ufeff".encode())          # Excel and WPS open it as UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def soffice(tmp_path, files, fmt="pdf"):
    exe = shutil.which("soffice")
    if exe is None:
        pytest.fail("LibreOffice is not installed (make system-deps)")
    out = tmp_path / fmt
    proc = subprocess.run([exe, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                           fmt, "--outdir", str(out), *map(str, files)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return out


def test_one_file_per_person_and_form_named_to_sort_with_a_manifest(templates):
    values = roster(12)
    values["people.3.name"] = ""                               # a row without a name
    values["people.5.idcard"] = "140902198001010000"          # a wrong ID number
    values["people.7.name"] = "=HYPERLINK(\"x\")"              # a name Excel would run as a formula
    archive, batch = make(values, templates)
    names = archive.namelist()
    docx = [n for n in names if n.endswith(".docx")]
    assert len(docx) == 2 * 11 and names[-1] == "清单.csv"
    prefixes = [n.split("_")[0] for n in docx]
    assert prefixes == sorted(prefixes)                        # 序号 first, zero-padded: names sort as the roster
    assert docx[:2] == ["001_王000_自评表.docx", "001_王000_考核登记表.docx"]
    assert not any(n.startswith("004_") for n in names)
    rows = manifest(archive)
    assert rows[0] == ["序号", "姓名", "文件", "提示"]
    assert [r for r in rows if r[0] == "4"] == [["4", "", "", "未生成：缺少姓名"]]
    wrong = [r for r in rows if r[0] == "6"]
    assert len(wrong) == 2 and all("校验位不正确" in r[3] and "出生日期未填" in r[3] for r in wrong)
    assert all(r[1].startswith("'=") for r in rows if r[0] == "8")   # kept as text, never a formula
    assert batch.summary() == {"total": 12, "done": 12, "made": 22, "skipped": 1, "warned": 2}


def test_each_file_holds_what_the_roster_knows_and_nothing_else(templates):
    archive, _ = make(roster(3), templates)
    own = Document(io.BytesIO(archive.read("002_王001_自评表.docx")))
    text = "".join(c.text for t in own.tables for row in t.rows for c in row.cells)
    assert all(x in text for x in ("王001", idcard(1), "工程师", "2023", "安全管理"))
    assert "王000" not in text and "王002" not in text
    register = Document(io.BytesIO(archive.read("002_王001_考核登记表.docx")))
    body = "".join(p.text for p in register.paragraphs) + "".join(
        c.text for t in register.tables for row in t.rows for c in row.cells)
    birth = idcard(1)[6:14]
    assert f"{birth[:4]}-{birth[4:6]}-{birth[6:]}" in body      # 出生日期 from the ID number
    assert "2023年度　安全管理" in body                            # 考核登记类型: 年度及安全工作岗位名称 (六)
    assert "忻州市某煤矿" in body


def test_merged_file_60_people_print_exactly_60_times_the_form_each_from_a_new_page(templates, tmp_path):
    archive, _ = make(roster(60), templates, "merged", step=13)
    merged = [n for n in archive.namelist() if n.endswith(".docx")]
    assert len(merged) == 2 and all("合并60人" in n for n in merged)
    files = {}
    for name in merged:
        form = FORMS[1] if "登记表" in name else FORMS[0]
        files[form] = tmp_path / f"{form}.docx"
        files[form].write_bytes(archive.read(name))
    out = soffice(tmp_path, files.values())
    for form, path in files.items():
        pdf = out / f"{path.stem}.pdf"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
        assert pages == 60 * PAGES[form], (form, pages)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout.split("\f")
        for i in range(60):   # each person starts a page of their own: their name is on it
            first = text[i * PAGES[form]]
            assert f"王{i:03d}" in "".join(first.split()), (form, i)


def test_a_sample_of_50_files_opens_in_libreoffice_each_showing_its_person(templates, tmp_path):
    archive, _ = make(roster(25), templates)
    files = []
    for name in [n for n in archive.namelist() if n.endswith(".docx")]:
        path = tmp_path / name
        path.write_bytes(archive.read(name))
        files.append(path)
    assert len(files) == 50
    out = soffice(tmp_path, files, "txt:Text (encoded):UTF8")
    for path in files:
        text = (out / f"{path.stem}.txt").read_text("utf-8", errors="replace")
        person = path.stem.split("_")[1]
        assert person in "".join(text.split()), path.name


def test_a_template_that_is_not_ours_and_an_empty_roster_say_so(templates):
    with pytest.raises(TemplateError, match="模板文件已损坏"):
        Template(b"PK\x03\x04 not a zip")
    with pytest.raises(TemplateError, match=r"没有 word/document\.xml"):
        Template(zipraw.build([zipraw.stored("x.txt", b"x")]))
    with pytest.raises(ValueError, match="不支持的生成方式"):
        Batch({}, templates, "pdf")
    batch = Batch({"unit": "某单位"}, templates)
    assert batch.total == 0
    archive = zipfile.ZipFile(io.BytesIO(batch.finish()))
    assert archive.namelist() == ["清单.csv"]


def test_the_zip_writer_keeps_utf8_names_and_copies_parts_as_stored():
    entries = [zipraw.stored("清单.csv", "序号\r\n".encode()), zipraw.deflated("a/长名字.xml", b"<x/>" * 1000)]
    blob = zipraw.build(entries)
    archive = zipfile.ZipFile(io.BytesIO(blob))
    assert archive.namelist() == ["清单.csv", "a/长名字.xml"] and archive.testzip() is None
    again = zipraw.build(zipraw.read_raw(blob))     # read as stored, written unchanged
    assert again == blob


def test_an_excel_file_of_this_site_says_what_it_is_and_is_read_back_by_field(site_dir, tmp_path, handbook):
    """The 统计表 filled in the page (office_fill) and the blank one filled by hand in Excel (here with
    openpyxl, which keeps the hidden sheet) read back by field name; another program's file is named."""
    import openpyxl

    from calckit.office_fill import fill
    from calckit.table_import import ImportProblem
    from calculators.paperwork.workbook import read_workbook
    from handbook.office.xlsx_form import template_version

    folder = site_dir / "forms" / "xinzhou-statistics"
    form = next(f for f in handbook.forms if f.id == "xinzhou-statistics")
    typed = {"department": "市应急管理局", "unit": "某煤矿", "participants": "40", "senior_total": "5",
             "senior_competent": "4", "mid_total": "15", "junior_total": "20", "junior_incompetent": "1"}
    data, _ = fill("xlsx", (folder / "xinzhou-statistics.template.xlsx").read_bytes(), typed)
    book = read_workbook(data)
    assert (book.form, book.version, book.year) == ("xinzhou-statistics", template_version(form), "2023")
    assert {k: book.values[k] for k in typed} == typed
    assert book.values["mid_competent"] == ""
    # the blank workbook, filled by hand
    wb = openpyxl.load_workbook(folder / "xinzhou-statistics.xlsx")
    ws = wb.active
    ws[book.cells["unit"]] = "手填单位"
    ws[book.cells["senior_total"]] = 7
    wb.save(tmp_path / "hand.xlsx")
    by_hand = read_workbook((tmp_path / "hand.xlsx").read_bytes())
    assert by_hand.values["unit"] == "手填单位" and by_hand.values["senior_total"] == "7"
    # a workbook made elsewhere
    other = openpyxl.Workbook()
    other.active["A1"] = "单位名称"
    other.save(tmp_path / "other.xlsx")
    with pytest.raises(ImportProblem, match="不是由本站导出的表格"):
        read_workbook((tmp_path / "other.xlsx").read_bytes())
