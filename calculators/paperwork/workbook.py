"""What an Excel file this site made says about itself, and its fields read back by name.

Every .xlsx the build writes carries a hidden sheet ``_handbook`` (``handbook/office/xlsx_form.py``):
the form's id, its template version, the 年度 of the notice it belongs to, and the cell of every
field. A program that gathers many units' files (the supervising office's totals) reads each value
by its field's name from that map, and a file that is not one of ours, is another form, or was
made from an older template is named as such, never read by guessing at positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..table_import import _CELL_REF, Grid, ImportProblem, _column_index, read_xlsx

META_SHEET = "_handbook"


@dataclass
class Workbook:
    form: str
    version: str
    year: str
    title: str
    cells: dict[str, str] = field(default_factory=dict)     # field → cell (A1)
    values: dict[str, str] = field(default_factory=dict)    # field → text as typed


def read_workbook(data: bytes) -> Workbook:
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
    return Workbook(form=info["handbook-form"], version=info.get("template-version", ""),
                    year=info.get("year", ""), title=info.get("title", ""), cells=cells, values=values)


def _value(grid: Grid, ref: str, prefix: str, suffix: str) -> str:
    m = _CELL_REF.match(ref)
    if not m:
        return ""
    text = grid.rows.get(int(m[2]), {}).get(_column_index(m[1]), "")
    if prefix:   # a field inside a line of words: what follows them, up to the field's end
        text = text[len(prefix):] if text.startswith(prefix) else ""
        text = text.split("\u3000")[0]
    if suffix and text.endswith(suffix):   # 40人 → 40
        text = text[:-len(suffix)]
    return text.strip()
