"""A one-table form as an Excel workbook (openpyxl): the grid an office fills and sums.

Title and the form's lines above the table, the table with its merged header cells, and the
repeated rows (花名册 people) ready to fill: a list for every choice field (等次, 聘任职务), whole or
decimal numbers checked as numbers within the form's bounds, dates as dates. Printing is set up as
the paper form: A4 in its orientation, fitted to one page wide, the header rows repeated on every
page, the print area the form itself. Values are written as text cells (a value starting with "="
stays text, never a formula).
"""

from __future__ import annotations

import hashlib

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from calckit.office_fill import token

from ..forms_schema import Cell, Form, FormField
from .layout import BODY_FONT, TITLE_FONT, Values, cell_grid

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TYPE_CHARS = {"portrait": 95, "landscape": 140}   # about how many characters wide the type area is


def is_tabular(form: Form) -> bool:
    """One page holding one table: what a spreadsheet is for."""
    return len(form.pages) == 1 and sum(1 for b in form.pages[0].blocks if b.table) == 1


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _validation(field: FormField) -> DataValidation | None:
    if field.type == "choice" and field.choices:
        return DataValidation(type="list", formula1='"' + ",".join(field.choices) + '"', allow_blank=True,
                              showErrorMessage=True, errorTitle="请从列表中选择",
                              error=f"{field.label}：请选择 " + "、".join(field.choices))
    if field.type in {"integer", "number"}:
        kind = "whole" if field.type == "integer" else "decimal"
        low = field.min if field.min is not None else -1e9
        high = field.max if field.max is not None else 1e9
        return DataValidation(type=kind, operator="between", formula1=_number(low), formula2=_number(high),
                              allow_blank=True, showErrorMessage=True, errorTitle="请填数字",
                              error=f"{field.label}：请填 {low:g} 到 {high:g} 之间的数")
    if field.type == "date":
        return DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True,
                              showErrorMessage=True, errorTitle="请填日期", error=f"{field.label}：请填日期")
    return None


def _text(cell, value: str) -> None:
    cell.value = value
    if value:
        cell.data_type = "s"      # text, never a formula or a number Excel reinterprets


META_SHEET = "_handbook"


def template_version(form: Form) -> str:
    """Changes whenever the form's layout or fields do: a workbook made from an older form says so."""
    return hashlib.sha256(form.model_dump_json().encode()).hexdigest()[:12]


def _meta(wb: Workbook, form: Form, fields: dict[str, tuple[str, str, str]], year: int | None) -> None:
    """A hidden sheet naming what the workbook is — the form, its template version, the 年度 of the
    notice it belongs to — and the cell of every field (with the words before it in a line), so that
    a program reading many units' files back (the office's totals) finds each number by name and
    names a wrong or old template instead of mis-reading it."""
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    for row in (("handbook-form", form.id), ("template-version", template_version(form)), ("title", form.title),
                ("document", form.document), ("year", str(year) if year else "")):
        ws.append(row)
    for name, (cell, prefix, suffix) in fields.items():
        ws.append(("field", name, cell, prefix, suffix))


def form_xlsx(form: Form, values: dict[str, str] | None = None, template: bool = False,
              year: int | None = None) -> Workbook:
    """The form as an openpyxl Workbook, blank, with ``values`` in place, or as the template the
    browser fills; ``year``: the 年度 of the notice the form belongs to, recorded in the workbook."""
    values = Values(values, template)
    fields: dict[str, tuple[str, str, str]] = {}   # name → (cell, words before it, words after it)
    page = form.pages[0]
    block = next(b for b in page.blocks if b.table)
    spec = block.table
    rows: list[list[Cell]] = list(spec.rows)
    if spec.repeat:
        rows += [spec.repeat.cells] * spec.repeat.count
    rows += spec.after
    placed, ncols = cell_grid(rows)
    wb = Workbook()
    ws = wb.active
    ws.title = page.name[:31]
    r = 1
    validations: dict[int, DataValidation] = {}
    for b in page.blocks:
        if b.screen_only:
            continue
        if b is block:
            top = r
            first_repeat = top + len(spec.rows)
            for gr, gc, cell in placed:
                target = ws.cell(row=top + gr, column=gc + 1)
                text = cell.text
                if cell.field is not None:
                    name = cell.field.name
                    if spec.repeat and len(spec.rows) <= gr < len(spec.rows) + spec.repeat.count:
                        name = f"{spec.repeat.name}.{gr - len(spec.rows)}.{name}"
                    fields[name] = (target.coordinate, "", cell.text)   # a unit such as 人 after the value
                    value = values.get(name)
                    text = value + cell.text if value else ""
                    rule = _validation(cell.field)
                    if rule is not None:
                        key = id(cell.field)
                        if key not in validations:
                            validations[key] = rule
                            ws.add_data_validation(rule)
                        validations[key].add(target.coordinate)
                _text(target, text)
                target.font = Font(name=BODY_FONT, size=10.5, bold=cell.header)
                target.alignment = Alignment(horizontal=cell.align, vertical="center", wrap_text=True)
                if cell.rowspan > 1 or cell.colspan > 1:
                    ws.merge_cells(start_row=top + gr, start_column=gc + 1,
                                   end_row=top + gr + cell.rowspan - 1, end_column=gc + cell.colspan)
            bottom = top + len(rows) - 1
            for row in ws.iter_rows(min_row=top, max_row=bottom, min_col=1, max_col=ncols):
                for cell in row:
                    cell.border = BOX
            repeated = range(first_repeat, first_repeat + (spec.repeat.count if spec.repeat else 0))
            for k in range(len(rows)):
                height = spec.repeat.height if top + k in repeated else 9
                ws.row_dimensions[top + k].height = height * 72 / 25.4 + 4   # mm → points
            if spec.rows:
                ws.print_title_rows = f"{top}:{top + len(spec.rows) - 1}"
            r = bottom + 1
            continue
        line = None
        size, bold, align, font = 10.5, False, b.align, BODY_FONT
        if b.title:
            line, size, bold, align, font = b.title, 16, True, "center", TITLE_FONT
        elif b.subtitle:
            line, align = b.subtitle, "center"
        elif b.note:
            line = b.note
        elif b.line:
            line = "".join(p if isinstance(p, str) else (values.get(p.name, "g") or "\u3000" * 8) + "\u3000"
                           for p in b.line)
            for k, part in enumerate(b.line):   # a field in a line: its value follows the words just before it
                if not isinstance(part, str) and k and isinstance(b.line[k - 1], str):
                    fields[part.name] = (f"A{r}", b.line[k - 1], "")
        elif b.signature:
            line, align = b.signature, "right"
        if line is None:
            continue
        cell = ws.cell(row=r, column=1)
        _text(cell, line)
        cell.font = Font(name=font, size=size, bold=bold)
        cell.alignment = Alignment(horizontal=align, vertical="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
        r += 1
    ws.print_area = f"A1:{get_column_letter(ncols)}{r - 1}"   # the lines under the table too
    widths = list(spec.widths) or [100 / ncols] * ncols
    widths = (widths + [widths[-1]] * ncols)[:ncols]
    chars = TYPE_CHARS[form.orientation]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(4.0, chars * w / sum(widths))
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = form.orientation
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.55
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    _meta(wb, form, fields, year)
    return wb


# The supervising office's 汇总 of many units' 统计表 (calculators/paperwork/totals.py fills it in the page)
SUMMARY_COLUMNS = (
    ("no", "序号", 5), ("unit", "单位名称", 16), ("department", "主管部门", 12), ("professionals", "专业技术总人数", 7),
    ("participants", "参加考核人数", 7),
    *((f"{lv}_{k}", f"{name}{label}", 5) for lv, name in (("senior", "高级"), ("mid", "中级"), ("junior", "初级"))
      for k, label in (("total", "合计"), ("competent", "称职"), ("basic", "基本称职"), ("incompetent", "不称职"))),
    ("all_total", "总计合计", 6), ("all_competent", "总计称职", 6), ("all_basic", "总计基本称职", 6),
    ("all_incompetent", "总计不称职", 6), ("excellent", "其中优秀", 6), ("quota", "优秀名额", 6),
    ("file", "来源文件", 18), ("note", "提示", 10))


def summary_xlsx(form: Form) -> Workbook:
    """The template of the 汇总: one row per unit (``units.<i>.<column>``, grown by the fill) with the
    file it came from, a 合计 row, landscape A4 printed one page wide with the header on every page."""
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    n = len(SUMMARY_COLUMNS)
    title = form.title.replace("统计表", "汇总表")
    line = f"考核年度：{token('year')}　　单位数：{token('count')}　　（由本站据各单位统计表汇总）"
    for r, text, size in ((1, title, 14), (2, line, 10)):
        cell = ws.cell(row=r, column=1, value=text)
        cell.font = Font(name=TITLE_FONT if r == 1 else BODY_FONT, size=size, bold=r == 1)
        cell.alignment = Alignment(horizontal="center" if r == 1 else "left")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
    for c, (key, label, width) in enumerate(SUMMARY_COLUMNS, start=1):
        head = ws.cell(row=3, column=c, value=label)
        head.font = Font(name=BODY_FONT, size=9, bold=True)
        row = ws.cell(row=4, column=c, value=token(f"units.0.{key}"))
        # the 合计 row says which files it holds (file) and which it left out (note)
        summed = key not in ("unit", "department")
        total = ws.cell(row=5, column=c, value="合计" if key == "no" else (token(f"sum_{key}") if summed else ""))
        for cell in (head, row, total):
            cell.border = BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if cell is not head:
                cell.font = Font(name=BODY_FONT, size=9, bold=cell is total)
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.row_dimensions[3].height = 42
    ws.print_title_rows = "3:3"
    ws.print_area = f"A1:{get_column_letter(n)}5"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    return wb
