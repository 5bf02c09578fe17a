"""The forms as Word and Excel files (handbook/office/): read back with python-docx and openpyxl,
and opened by the real office suite — LibreOffice headless converts each to PDF, whose pages and
orientation must be those of the printed form."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest

from handbook.office import form_docx, form_xlsx, is_tabular

# one page, one table: the four the issue names, and the 三公示纪实表 (a table of three 公示)
EXCEL_FORMS = {"xinzhou-roster", "xinzhou-statistics", "yangcheng-application-summary",
               "safety-basic-management-score", "yangcheng-publicity-record"}


def form_texts(form) -> list[str]:
    """Every printed word of the form: titles, notes, line labels, table cells."""
    out = []
    for page in form.pages:
        for b in page.blocks:
            if b.screen_only:
                continue
            out += [t for t in (b.title, b.subtitle, b.heading, b.note, b.box_title, b.signature) if t]
            out += [p for p in b.line or [] if isinstance(p, str)]
            if b.table:
                for row in b.table.rows + b.table.after:
                    out += [c.text for c in row if c.text]
    return [t.strip() for t in out if t.strip()]


def docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def office_pdfs(site_dir, tmp_path_factory):
    """Every .docx and .xlsx of the site converted to PDF by LibreOffice (one run per kind)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed: apt-get install libreoffice-writer-nogui "
                    "libreoffice-calc-nogui (make system-deps)")
    work = tmp_path_factory.mktemp("office")
    out = {}
    for kind in ("docx", "xlsx"):
        files = sorted((site_dir / "forms").glob(f"*/*.{kind}"))
        target = work / kind
        proc = subprocess.run([soffice, f"-env:UserInstallation=file://{work}/profile", "--headless",
                               "--convert-to", "pdf", "--outdir", str(target), *map(str, files)],
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-2000:]
        out[kind] = target
    return out


def pdf_pages(path: Path) -> tuple[int, bool]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    size = next(line for line in info.splitlines() if line.startswith("Page size:")).split()
    return pages, float(size[2]) > float(size[4])


def test_every_form_has_a_word_file_and_the_tabular_ones_an_excel_file(handbook, site_dir):
    for form in handbook.forms:
        folder = site_dir / "forms" / form.id
        assert (folder / f"{form.id}.docx").exists()
        assert (folder / f"{form.id}.xlsx").exists() == (form.id in EXCEL_FORMS) == is_tabular(form)
        page = (folder / "index.html").read_text("utf-8")
        assert f'href="{form.id}.docx"' in page and "下载 Word 版" in page
        assert ("下载 Excel 版" in page) == (form.id in EXCEL_FORMS)


def test_word_files_hold_every_word_of_the_form(handbook, site_dir):
    for form in handbook.forms:
        text = squash(docx_text(site_dir / "forms" / form.id / f"{form.id}.docx"))
        missing = [t for t in form_texts(form) if squash(t) not in text]
        assert not missing, (form.id, missing[:5])


def test_word_files_are_a4_in_the_forms_orientation_with_merged_cells(handbook, site_dir):
    for form in handbook.forms:
        d = docx.Document(str(site_dir / "forms" / form.id / f"{form.id}.docx"))
        section = d.sections[0]
        width, height = round(section.page_width.mm), round(section.page_height.mm)
        assert (width, height) == ((297, 210) if form.orientation == "landscape" else (210, 297))
        mirrored = d.settings.element.find(docx.oxml.ns.qn("w:mirrorMargins")) is not None
        assert mirrored == (form.binding == "left-double-sided")
    stats = docx.Document(str(site_dir / "forms" / "xinzhou-statistics" / "xinzhou-statistics.docx"))
    spans = stats.tables[0]._tbl.xml.count("w:gridSpan")
    assert spans >= 5      # 不称职 and its column span two grid columns in five rows


def test_word_and_excel_open_in_libreoffice_with_the_printed_pages(handbook, office_pdfs):
    for form in handbook.forms:
        pages, landscape = pdf_pages(office_pdfs["docx"] / f"{form.id}.pdf")
        assert pages == len(form.pages), (form.id, pages)
        assert landscape == (form.orientation == "landscape"), form.id
        if form.id in EXCEL_FORMS:
            pages, landscape = pdf_pages(office_pdfs["xlsx"] / f"{form.id}.pdf")
            assert pages == 1 and landscape == (form.orientation == "landscape"), form.id


def test_excel_files_validate_choices_and_numbers_and_print_their_header(site_dir):
    wb = openpyxl.load_workbook(site_dir / "forms" / "xinzhou-roster" / "xinzhou-roster.xlsx")
    ws = wb.active
    texts = {c.value for row in ws.iter_rows() for c in row if c.value}
    assert {"序号", "姓名", "考核等次", "聘任职务"} <= texts
    rules = {dv.formula1: sum(len(list(r.cells)) for r in dv.sqref.ranges)
             for dv in ws.data_validations.dataValidation}
    assert rules['"优秀,称职,基本称职,不称职"'] == 12 and rules['"高级,中级,初级"'] == 12   # every row
    assert ws.print_title_rows and ws.print_area
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    stats = openpyxl.load_workbook(site_dir / "forms" / "xinzhou-statistics" / "xinzhou-statistics.xlsx").active
    numbers = [dv for dv in stats.data_validations.dataValidation if dv.type == "whole"]
    assert numbers and all(dv.formula1 == "0" for dv in numbers)
    assert any(str(r) for r in stats.merged_cells.ranges)


def test_values_are_text_never_formulas(handbook, tmp_path, office_pdfs):
    form = next(f for f in handbook.forms if f.id == "xinzhou-roster")
    values = {"unit": "=HYPERLINK(\"http://x\")", "people.0.name": "=1+1", "people.0.grade": "优秀"}
    path = tmp_path / "filled.xlsx"
    form_xlsx(form, values).save(path)
    ws = openpyxl.load_workbook(path).active
    cells = {c.value: c.data_type for row in ws.iter_rows() for c in row if c.value}
    assert cells["=1+1"] == "s" and "优秀" in cells
    proc = subprocess.run([shutil.which("soffice"), f"-env:UserInstallation=file://{tmp_path}/profile",
                           "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0
    text = subprocess.run(["pdftotext", str(tmp_path / "filled.pdf"), "-"], capture_output=True, text=True).stdout
    assert "=1+1" in text and "HYPERLINK" in text


def test_a_filled_word_file_has_the_values_in_place(handbook, tmp_path):
    form = next(f for f in handbook.forms if f.id == "xinzhou-statistics")
    values = {"unit": "某某煤矿", "senior_total": "3", "filled_on": "2025-01-10"}
    path = tmp_path / "filled.docx"
    form_docx(form, values).save(path)
    text = docx_text(path)
    assert "某某煤矿" in text and "2025-01-10" in text
    table = docx.Document(str(path)).tables[0]
    assert any(c.text == "3" for c in table.rows[2].cells)


# --- the same files with what someone typed, filled in the browser ---------------------------

from calckit.office_fill import FillError, fill  # noqa: E402


def test_templates_fill_with_values_as_text_and_leave_no_token(handbook, site_dir, tmp_path):
    folder = site_dir / "forms" / "xinzhou-roster"
    values = {"unit": "某某煤矿 <b>&</b>", "people.0.name": "=1+1", "people.0.grade": "优秀",
              "people.11.name": "末行", "people.12.name": "超出原表"}
    data, left = fill("docx", (folder / "xinzhou-roster.template.docx").read_bytes(), values)
    assert left == []                     # the printed form has 12 rows; a 13th is a row of its own
    path = tmp_path / "filled.docx"
    path.write_bytes(data)
    text = docx_text(path)
    assert "某某煤矿 <b>&</b>" in text and "=1+1" in text and "末行" in text and "@@" not in text
    assert "超出原表" in text
    data, _ = fill("xlsx", (folder / "xinzhou-roster.template.xlsx").read_bytes(), values)
    path = tmp_path / "filled.xlsx"
    path.write_bytes(data)
    ws = openpyxl.load_workbook(path).active
    cells = {c.value: c.data_type for row in ws.iter_rows() for c in row if c.value}
    assert cells["=1+1"] == "s" and "优秀" in cells and not any("@@" in str(v) for v in cells)
    assert ws.cell(17, 2).value == "超出原表"
    blank, _ = fill("docx", (folder / "xinzhou-roster.template.docx").read_bytes(), {})
    (tmp_path / "blank.docx").write_bytes(blank)
    assert squash(docx_text(tmp_path / "blank.docx")) == squash(docx_text(folder / "xinzhou-roster.docx"))
    with pytest.raises(FillError):
        fill("docx", b"not a zip", {})


def test_a_multiline_value_keeps_its_lines_in_word(site_dir, tmp_path):
    folder = site_dir / "forms" / "shanxi-assessment-register"
    data, _ = fill("docx", (folder / "shanxi-assessment-register.template.docx").read_bytes(),
                   {"self_report": "第一行\n第二行"})
    path = tmp_path / "r.docx"
    path.write_bytes(data)
    assert "第一行\n第二行" in docx_text(path)


def test_export_word_and_excel_from_the_page(browser, base_url, tmp_path, office_pdfs):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(f"{base_url}forms/xinzhou-statistics/")
    page.wait_for_selector(".form-sheet[data-ready=true]")
    page.fill("#ff-unit", "某某煤矿")
    page.fill("#ff-senior_total", "3")
    page.fill("#ff-head", "=SUM(A1:A9)")
    files = {}
    for kind in ("docx", "xlsx"):
        with page.expect_download(timeout=90_000) as download:
            page.click(f"button[data-action=export-{kind}]")
        files[kind] = tmp_path / f"filled.{kind}"
        download.value.save_as(files[kind])
        assert download.value.suggested_filename == f"忻州市安全领域专业技术人员年度考核情况统计表（已填写）.{kind}"
    text = docx_text(files["docx"])
    assert "某某煤矿" in text and "=SUM(A1:A9)" in text
    assert any(c.text == "3" for c in docx.Document(str(files["docx"])).tables[0].rows[2].cells)
    ws = openpyxl.load_workbook(files["xlsx"]).active
    values = {c.value: c.data_type for row in ws.iter_rows() for c in row if c.value}
    assert values.get("3") == "s" and "某某煤矿" in values
    assert any("=SUM(A1:A9)" in str(v) for v in values)
    assert "已导出为 Excel 文件" in page.locator(".form-message").inner_text()
    proc = subprocess.run([shutil.which("soffice"), f"-env:UserInstallation=file://{tmp_path}/profile",
                           "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
                           str(files["docx"])], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and pdf_pages(tmp_path / "pdf" / "filled.pdf") == (1, False)
    context.close()


def test_the_lines_under_a_table_are_in_excels_print_area(office_pdfs):
    text = subprocess.run(["pdftotext", str(office_pdfs["xlsx"] / "xinzhou-roster.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "负责人" in text and "填报时间" in text


def test_a_long_filled_roster_opens_in_libreoffice_with_every_row(site_dir, tmp_path):
    folder = site_dir / "forms" / "xinzhou-roster"
    values = {"head": "李主任", **{f"people.{i}.name": f"王{i}" for i in range(60)},
              **{f"people.{i}.grade": "称职" for i in range(60)}}
    for kind in ("docx", "xlsx"):
        data, left = fill(kind, (folder / f"xinzhou-roster.template.{kind}").read_bytes(), values)
        assert left == []
        (tmp_path / f"roster.{kind}").write_bytes(data)
        proc = subprocess.run([shutil.which("soffice"), f"-env:UserInstallation=file://{tmp_path}/profile",
                               "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / kind),
                               str(tmp_path / f"roster.{kind}")], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-2000:]
        pdf = tmp_path / kind / "roster.pdf"
        pages, landscape = pdf_pages(pdf)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert pages >= 2 and landscape, (kind, pages)
        assert "王0" in squash(text) and "王59" in squash(text) and "负责人：李主任" in squash(text), kind
