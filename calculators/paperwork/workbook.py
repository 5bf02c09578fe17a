"""What an Excel file this site made says about itself, and its fields read back by name.

Every .xlsx the build writes carries a hidden sheet ``_handbook`` (``handbook/office/xlsx_form.py``):
the form's id, its template version, the 年度 of the notice it belongs to, and the cell of every
field. A program that gathers many units' files (the supervising office's totals) reads each value
by its field's name from that map, and a file that is not one of ours, is another form, or was
made from an older template is named as such, never read by guessing at positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from calckit.table_import import CELL_REF, Grid, ImportProblem, column_index, column_name, read_xlsx

META_SHEET = "_handbook"


@dataclass
class Workbook:
    form: str
    version: str
    year: str
    title: str
    cells: dict[str, str] = field(default_factory=dict)     # field → cell (A1)
    values: dict[str, str] = field(default_factory=dict)    # field → text as typed
    rows: list[dict[str, str]] = field(default_factory=list)  # a list's rows (``table``), with "cell" of each


def read_workbook(data: bytes, table: str | None = None) -> Workbook:
    """The workbook's own description and its fields' values; ImportProblem (in Chinese) if it has
    no description — a file not made by this site, or from before files carried one."""
    try:
        meta = read_xlsx(data, META_SHEET)
    except ImportProblem as exc:
        if "没有名为" in str(exc):
            raise ImportProblem("文件中没有本站表格的标识（隐藏工作表 _handbook），不是由本站导出的表格，"
                                "或是旧版本导出的；请用本站当前的表格重新填写") from None
        raise
    info: dict[str, str] = {}
    cells: dict[str, str] = {}
    around: dict[str, tuple[str, str]] = {}   # the words before and after a value in its cell
    for r in sorted(meta.rows):
        row = meta.rows[r]
        key = row.get(1, "")
        if key == "field" and row.get(2) and row.get(3):
            cells[row[2]] = row[3]
            around[row[2]] = (row.get(4, ""), row.get(5, ""))
        elif key:
            info[key] = row.get(2, "")
    if not info.get("handbook-form"):
        raise ImportProblem("文件中的本站表格标识不完整，无法确认是哪一张表")
    sheet = read_xlsx(data)
    values = {name: _value(sheet, ref, *around[name]) for name, ref in cells.items()}
    book = Workbook(form=info["handbook-form"], version=info.get("template-version", ""),
                    year=info.get("year", ""), title=info.get("title", ""), cells=cells, values=values)
    if table:
        book.rows = _rows(sheet, cells, table)
    return book


def _rows(grid: Grid, cells: dict[str, str], table: str) -> list[dict[str, str]]:
    """A list's rows, from its first printed row down to the first row with nothing in its columns
    (rows a fill added beyond the printed ones included)."""
    columns: dict[str, int] = {}
    first = None
    for name, ref in cells.items():
        m = re.match(rf"^{re.escape(table)}\.0\.([a-z_]+)$", name)
        c = CELL_REF.match(ref)
        if m and c:
            columns[m[1]] = column_index(c[1])
            first = int(c[2]) if first is None else min(first, int(c[2]))
    out: list[dict[str, str]] = []
    if first is None:
        return out
    last = max(grid.rows, default=0)
    for r in range(first, last + 1):
        row = {k: grid.rows.get(r, {}).get(c, "").strip() for k, c in columns.items()}
        if not any(row.values()):
            break   # the list ends at its first empty row (the signature lines come after it)
        row["cell"] = f"{column_name(columns['idcard'])}{r}" if "idcard" in columns else f"A{r}"
        out.append(row)
    return out


def _value(grid: Grid, ref: str, prefix: str, suffix: str) -> str:
    m = CELL_REF.match(ref)
    if not m:
        return ""
    text = grid.rows.get(int(m[2]), {}).get(column_index(m[1]), "")
    if prefix:   # a field inside a line of words: what follows its label, up to the field's end
        at = text.find(prefix)
        text = text[at + len(prefix):].split("\u3000")[0] if at >= 0 else ""
    if suffix and text.endswith(suffix):   # 40人 → 40
        text = text[:-len(suffix)]
    return text.strip()
