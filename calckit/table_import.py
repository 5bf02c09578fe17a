"""Read a list of people from an Excel (.xlsx) or CSV file into the rows of a form's table.

Staff keep their 花名册 in Excel, or export it from a personnel system as CSV (on Chinese
Windows usually in GBK). The header row is found by the form's own column names (and the
aliases the form's YAML gives them), anywhere in the first rows, so the official form with its
title and 主管部门 line above the table reads as well as a bare list. Every cell is checked with
the same rules as a typed field (calckit.fields); one bad cell refuses the whole file, and
the message names each bad cell by its row and column as the spreadsheet shows them, so the file
can be corrected where it is and read again. Nothing is half-imported.

Only the standard library is used (zipfile, xml.etree, csv), so this runs unchanged in CPython
and in the browser's Pyodide: the file never leaves the reader's computer. XML with a DOCTYPE is
refused (no entity expansion), and the sizes a file may unpack to are bounded.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

from .fields import Field, validate_value

MAX_BYTES = 5 * 1024 * 1024          # the file as chosen
MAX_UNPACKED = 60 * 1024 * 1024      # the parts of an .xlsx we read, unpacked
MAX_ROWS = 10_000                    # people in one roster (a unit's list, not a province's)
MAX_COLUMNS = 60
HEADER_SEARCH_ROWS = 20              # the header row is looked for in these first rows
MAX_PROBLEMS = 20                    # problems listed by name; the rest are counted

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?E\+\d+$", re.IGNORECASE)
_SPACE = re.compile(r"[\s\u3000*＊]+")
_TYPES = {"integer": "integer", "decimal": "decimal", "date": "date", "choice": "choice",
          "idcard": "idcard"}


class ImportProblem(ValueError):
    """A file that cannot be read at all (not a spreadsheet, no header row…); in Chinese."""


@dataclass
class Grid:
    """Cell texts by (row number, column number) as the spreadsheet numbers them (from 1)."""

    rows: dict[int, dict[int, str]] = field(default_factory=dict)
    sheet: str = ""
    numeric: set[tuple[int, int]] = field(default_factory=set)   # cells Excel stored as numbers
    letters: bool = True                                         # name columns A, B, … (xlsx)


def column_name(index: int) -> str:
    """1 → A, 27 → AA."""
    name = ""
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n


# --- .xlsx -----------------------------------------------------------------------------------

def _xml(book: zipfile.ZipFile, name: str, budget: list[int]) -> ElementTree.Element:
    info = book.getinfo(name)
    budget[0] -= info.file_size
    if budget[0] < 0:
        raise ImportProblem("文件解压后过大，不像是一份名单")
    data = book.read(name)
    if b"<!DOCTYPE" in data[:2048].upper() or b"<!ENTITY" in data.upper():
        raise ImportProblem("文件含有不允许的 XML 声明（DOCTYPE），无法读取")
    return ElementTree.fromstring(data)


def _text_of(element: ElementTree.Element) -> str:
    """The text of a shared or inline string: its runs, without phonetic guides (rPh)."""
    parts = []
    for child in element:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child.iter(f"{{{_NS['m']}}}t"))
    return "".join(parts)


def _first_sheet(book: zipfile.ZipFile, budget: list[int], name: str | None = None) -> tuple[str, str]:
    """(path of the first worksheet — or of the one called ``name`` —, its name)."""
    try:
        workbook = _xml(book, "xl/workbook.xml", budget)
        sheets = workbook.findall("m:sheets/m:sheet", _NS)
        sheet = sheets[0] if name is None else next((x for x in sheets if x.get("name") == name), None)
        if sheet is None:
            raise ImportProblem(f"文件中没有名为“{name}”的工作表")
        rid = sheet.get(f"{{{_NS['r']}}}id")
        rels = _xml(book, "xl/_rels/workbook.xml.rels", budget)
        for rel in rels.findall("rel:Relationship", _NS):
            if rel.get("Id") == rid:
                target = rel.get("Target").lstrip("/")
                path = target if target.startswith("xl/") else f"xl/{target}"
                return path, sheet.get("name") or ""
    except (KeyError, AttributeError, IndexError):
        pass
    if name is None and "xl/worksheets/sheet1.xml" in book.namelist():
        return "xl/worksheets/sheet1.xml", ""
    raise ImportProblem("文件中没有找到工作表")


def read_xlsx(data: bytes, sheet_name: str | None = None) -> Grid:
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportProblem("文件不是有效的 Excel（.xlsx）文件；旧版 .xls 文件请在 Excel/WPS 中"
                            "“另存为”.xlsx 或 CSV 后再导入") from None
    budget = [MAX_UNPACKED]
    try:
        path, sheet_name = _first_sheet(book, budget, sheet_name)
        strings: list[str] = []
        if "xl/sharedStrings.xml" in book.namelist():
            shared = _xml(book, "xl/sharedStrings.xml", budget)
            strings = [_text_of(si) for si in shared.findall("m:si", _NS)]
        sheet = _xml(book, path, budget)
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, RuntimeError, ValueError) as exc:
        if isinstance(exc, ImportProblem):
            raise
        raise ImportProblem("Excel 文件已损坏或不完整，无法读取") from None
    grid = Grid(sheet=sheet_name)
    for row in sheet.iterfind("m:sheetData/m:row", _NS):
        for cell in row.iterfind("m:c", _NS):
            m = CELL_REF.match(cell.get("r") or "")
            if not m:
                continue
            r, c = int(m[2]), column_index(m[1])
            if r > MAX_ROWS + HEADER_SEARCH_ROWS + 100:
                raise ImportProblem(f"文件超过 {MAX_ROWS} 行，请分成几个文件")
            if c > MAX_COLUMNS:
                continue
            kind = cell.get("t", "n")
            value = cell.find("m:v", _NS)
            if kind == "inlineStr":
                inline = cell.find("m:is", _NS)
                text = _text_of(inline) if inline is not None else ""
            elif value is None or value.text is None:
                continue
            elif kind == "s":
                try:
                    text = strings[int(value.text)]
                except (ValueError, IndexError):
                    raise ImportProblem(f"{column_name(c)}{r} 单元格引用了不存在的文字，文件已损坏") from None
            elif kind == "b":
                text = "TRUE" if value.text == "1" else "FALSE"
            elif kind == "e":
                text = value.text
                grid.numeric.add((r, c))
            elif kind == "n":
                text = _number_text(value.text)
                grid.numeric.add((r, c))
            else:   # "str": a formula's text result
                text = value.text
            if text.strip():
                grid.rows.setdefault(r, {})[c] = text
    return grid


def _number_text(raw: str) -> str:
    """A stored number as a person would read it: 3 not 3.0; a long number as Excel shows it."""
    try:
        number = float(raw)
    except ValueError:
        return raw
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return raw


# --- .csv ------------------------------------------------------------------------------------

def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")   # Excel on Chinese Windows saves CSV in GBK
    except UnicodeDecodeError:
        raise ImportProblem("无法识别文件的文字编码（应为 UTF-8 或 GBK 的 CSV 文件）") from None


def read_csv(data: bytes) -> Grid:
    try:
        text = _decode(data)
    except UnicodeDecodeError:
        raise ImportProblem("无法识别文件的文字编码（应为 UTF-8 或 GBK 的 CSV 文件）") from None
    if "\x00" in text:
        raise ImportProblem("文件含有二进制内容，不是 CSV 文本文件")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    if delimiter == "," and first.count("，") > first.count(","):
        delimiter = "，"
    grid = Grid(letters=False)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for r, record in enumerate(reader, start=1):
            if r > MAX_ROWS + HEADER_SEARCH_ROWS + 100:
                raise ImportProblem(f"文件超过 {MAX_ROWS} 行，请分成几个文件")
            cells = {c: v for c, v in enumerate(record[:MAX_COLUMNS], start=1) if v.strip()}
            if cells:
                grid.rows[r] = cells
    except csv.Error as exc:
        raise ImportProblem(f"CSV 文件格式有误：{exc}") from None
    return grid


def read_grid(filename: str, data: bytes) -> Grid:
    """The cells of the file, by its name's ending (.xlsx or .csv/.txt)."""
    if len(data) > MAX_BYTES:
        raise ImportProblem(f"文件过大（超过 {MAX_BYTES // 1024 // 1024} MB）")
    if not data:
        raise ImportProblem("文件是空的")
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")):
        return read_xlsx(data)
    if name.endswith((".csv", ".txt")):
        return read_csv(data)
    if name.endswith((".xls", ".et", ".wps")):
        raise ImportProblem("不支持旧版 .xls/.et 文件：请在 Excel/WPS 中“另存为”.xlsx 或 CSV 后再导入")
    raise ImportProblem("请选择 Excel（.xlsx）或 CSV 文件")


# --- the header row and the cells ---------------------------------------------------------------

def _key(text: str) -> str:
    return _SPACE.sub("", text).replace("（", "(").replace("）", ")")


@dataclass
class Column:
    """A column of the form's table: its field, and the names a header may give it."""

    name: str
    label: str
    names: tuple[str, ...]
    spec: dict[str, Any]


def columns_of(fields: list[dict[str, Any]], table: str) -> list[Column]:
    """The columns of ``table`` from the form's field list (``table.*.col``, as the page has it)."""
    out = []
    for spec in fields:
        prefix, _, col = spec["name"].partition(".*.")
        if prefix != table or not col or spec.get("type") == "computed":
            continue
        names = (spec["label"], *spec.get("aliases", []))
        out.append(Column(col, spec["label"], tuple(_key(n) for n in names), spec))
    return out


def _find_header(grid: Grid, columns: list[Column], required: list[str]) -> tuple[int, dict[int, Column]]:
    by_name = {n: col for col in columns for n in col.names}
    labels = {c.name: c.label for c in columns}
    best: tuple[int, dict[int, Column]] | None = None
    for r in sorted(grid.rows)[:HEADER_SEARCH_ROWS]:
        found = {c: by_name[_key(text)] for c, text in grid.rows[r].items() if _key(text) in by_name}
        if len(found) >= 2 and (best is None or len(found) > len(best[1])):
            best = (r, found)
    if best is None:
        wanted = "、".join(f"“{labels[n]}”" for n in required)
        raise ImportProblem(f"没有找到表头行：前 {HEADER_SEARCH_ROWS} 行中没有与本表栏目同名的列名"
                            f"（至少需要{wanted}）")
    r, found = best
    seen: dict[str, int] = {}
    for c, col in sorted(found.items()):
        if col.name in seen:
            raise ImportProblem(f"第 {r} 行（表头）有两列都是“{col.label}”：{_col(grid, seen[col.name])}"
                                f" 列和 {_col(grid, c)} 列，请删去一列")
        seen[col.name] = c
    missing = [labels[n] for n in required if n not in seen]
    if missing:
        raise ImportProblem(f"第 {r} 行（表头）缺少列：{'、'.join(f'“{m}”' for m in missing)}")
    return r, found


def _col(grid: Grid, c: int) -> str:
    return column_name(c) if grid.letters else f"第 {c}"


_FORM_LINE = re.compile(r"^[^\d\s：:]{2,10}[：:]")


def _ends_table(cells: dict[int, str]) -> bool:
    """The form's own lines under the table (负责人：… 填报人：…) end the list."""
    return bool(_FORM_LINE.match(cells[min(cells)].strip()))


def read_rows(filename: str, data: bytes, fields: list[dict[str, Any]], table: str,
              required: list[str], max_rows: int = MAX_ROWS) -> dict[str, Any]:
    """``{"ok": True, "rows": [{col: text}], …}`` or ``{"ok": False, "problems": [...], "total": n}``;
    never raises. ``max_rows``: the most rows the form holds (its ``roster.max_rows``)."""
    max_rows = min(max_rows, MAX_ROWS)
    try:
        grid = read_grid(filename, data)
        columns = columns_of(fields, table)
        header, found = _find_header(grid, columns, required)
    except ImportProblem as exc:
        return {"ok": False, "problems": [{"row": None, "column": None, "message": str(exc)}],
                "total": 1}
    problems: list[dict[str, Any]] = []
    rows: list[dict[str, str]] = []
    ignored = [grid.rows[header][c] for c in sorted(grid.rows[header]) if c not in found]
    checkers = {c: Field(col.name, col.label, _TYPES[col.spec["type"]], required=False,
                         min=col.spec.get("min"), max=col.spec.get("max"),
                         choices=tuple((x, x) for x in col.spec.get("choices", [])))
                for c, col in found.items() if col.spec.get("type") in _TYPES}
    text_max = {c: int(col.spec["max"]) if col.spec.get("max") else 200 for c, col in found.items()}

    def problem(r: int, c: int | None, message: str, value: str = "") -> None:
        where = f"第 {r} 行" + (f" {_col(grid, c)} 列（{found[c].label}）" if c is not None else "")
        said = f"为“{value[:30]}”，{message}" if value else f"：{message}"
        problems.append({"row": r, "column": found[c].label if c is not None else None,
                         "message": where + said})

    for r in sorted(k for k in grid.rows if k > header):
        cells = {c: grid.rows[r][c].strip() for c in found if grid.rows[r].get(c, "").strip()}
        if not cells or set(found[c].name for c in cells) <= {"no"}:
            if grid.rows[r] and _ends_table(grid.rows[r]):
                break
            continue                    # a blank line of the form, or only its 序号
        if _ends_table(grid.rows[r]) and not any(found[c].name in required for c in cells):
            break
        row: dict[str, str] = {}
        for c, text in cells.items():
            col = found[c]
            if c in checkers:
                if checkers[c].type == "idcard" and (r, c) in grid.numeric:
                    problem(r, c, "身份证号码被 Excel 存成了数字（末几位已丢失），请把该列设为"
                                  "“文本”格式后重新录入")
                    continue
                if checkers[c].type == "idcard" and _SCIENTIFIC.match(text):
                    problem(r, c, "身份证号码被存成了数字（末几位已丢失），请在 Excel/WPS "
                                  "中把该列设为“文本”格式后重新录入", text)
                    continue
                value, message = validate_value(checkers[c], _SPACE.sub("", text))
                if message:
                    problem(r, c, message, text)
                    continue
                text = value["number"] if checkers[c].type == "idcard" else _SPACE.sub("", text)
            elif len(text) > text_max[c]:
                problem(r, c, f"内容过长（超过 {text_max[c]} 字）")
                continue
            row[col.name] = text
        for name in required:
            if not any(found[c].name == name for c in cells):
                c = next(c for c in found if found[c].name == name)
                problem(r, c, "不能为空")
        rows.append(row)
        if len(rows) > max_rows:
            return {"ok": False, "total": 1, "problems": [
                {"row": r, "column": None, "message": f"名单超过本表的 {max_rows} 行，请分成几个文件"}]}
    if not rows and not problems:
        problems.append({"row": header, "column": None,
                         "message": f"第 {header} 行是表头，但下面没有任何人员"})
    if problems:
        return {"ok": False, "problems": problems[:MAX_PROBLEMS], "total": len(problems)}
    return {"ok": True, "rows": rows, "header_row": header, "sheet": grid.sheet,
            "ignored": ignored, "columns": [found[c].label for c in sorted(found)]}
