"""The supervising office's totals: many units' 统计表 (附件3) and 花名册 (附件4), checked and added up.

Each file is read by its fields' names from the description the site puts in every workbook
(:mod:`.workbook`), so the blank .xlsx filled by hand in Excel/WPS reads as well as one exported
from the page. Each file is checked — the form and its template version, the 年度, the unit, every
number, each level's 合计 against its 称职/基本称职/不称职, the 总计 row the unit typed against the sum
of the three levels column by column, 总计 against 参加考核人数, 优秀 (合计 less the others, reading
``statistics-total-includes-excellent``) against the quota the form's own rule names
(⌊参加考核人数 × the share⌋) — and then the files together: a unit twice (only one of its files is
added: :data:`DUPLICATE_RULE`), years that differ, one ID number in two units' 花名册. Every finding
names the file, the cell it concerns (row and column as the spreadsheet shows them) and the field. A
number read from what was typed another way (full-width digits １２, 12人, 1,200) is said in the row's
提示. The 汇总 has one row per unit with the file it came from, and says which files its 合计 holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from calckit.table_import import ImportProblem

from .workbook import Workbook, read_workbook

STATISTICS, ROSTER = "xinzhou-statistics", "xinzhou-roster"
LEVELS = (("senior", "高级"), ("mid", "中级"), ("junior", "初级"))
GRADES = (("competent", "称职"), ("basic", "基本称职"), ("incompetent", "不称职"))
NUMBERS = ("professionals", "participants",
           *(f"{lv}_{k}" for lv, _ in LEVELS for k in ("total", *(g for g, _ in GRADES))))
LABELS = {"unit": "单位名称", "department": "主管部门", "professionals": "专业技术总人数",
          "participants": "参加考核人数",
          **{f"{lv}_total": f"{name}：合计" for lv, name in LEVELS},
          **{f"{lv}_{g}": f"{name}：{gname}" for lv, name in LEVELS for g, gname in GRADES}}
MAX_FILES = 500
ALL = (("all_total", "合计", "total"), *((f"all_{g}", gname, g) for g, gname in GRADES))   # the 总计 row
DUPLICATE_RULE = ("同一单位报来多份统计表时，只计入填报时间最晚的一份"
                  "（填报时间相同或未填的，计入文件名排在后面的一份），其余的列为问题，不计入合计")


@dataclass
class Finding:
    file: str
    cell: str
    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "cell": self.cell, "field": self.field, "message": self.message}


@dataclass
class Unit:
    file: str
    book: Workbook
    order: int = 0
    numbers: dict[str, int] = field(default_factory=dict)
    read_as: list[str] = field(default_factory=list)    # cells read from another way of typing a number


_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")


def read_count(book: Workbook, name: str, unit: Unit, found: list[Finding]) -> int:
    """The number of people in ``name``'s cell; 0 for an empty cell. Full-width digits, a 人 after it,
    a thousands separator and 12.0 are read, and said in the row's 提示; anything else is a finding."""
    typed = book.values.get(name, "")
    text = typed.translate(_FULL_WIDTH).strip().removesuffix("人").strip()
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+", text):   # 1,200; never 10,5 (a decimal comma)
        text = text.replace(",", "")
    if text == "":
        return 0
    if not re.fullmatch(r"[0-9]{1,6}(?:\.0+)?", text):
        found.append(Finding(unit.file, book.cells.get(name, ""), LABELS.get(name, name),
                             f"“{typed}”不是人数（应为非负整数）"))
        return 0
    value = int(float(text))
    if typed.strip() != str(value):
        unit.read_as.append(f"{book.cells.get(name, '')}“{typed.strip()}”按 {value} 读取")
    return value


def _check_statistics(unit: Unit, expect: dict[str, Any], found: list[Finding]) -> None:
    book, file = unit.book, unit.file
    if not book.values.get("unit"):
        found.append(Finding(file, book.cells.get("unit", ""), "单位名称", "未填单位名称"))
    n = {name: read_count(book, name, unit, found) for name in NUMBERS}
    unit.numbers = n
    cell = book.cells.get
    for lv, name in LEVELS:
        parts = sum(n[f"{lv}_{g}"] for g, _ in GRADES)
        if n[f"{lv}_total"] < parts:
            found.append(Finding(file, cell(f"{lv}_total", ""), f"{name}：合计",
                                 f"合计 {n[f'{lv}_total']} 人，小于称职、基本称职、不称职之和 {parts} 人"))
    # the 总计 row as the unit typed it (Excel's own sums, or numbers typed over them), column by column
    for key, label, part in ALL:
        if book.values.get(key, "").strip() == "":
            continue
        typed, levels = read_count(book, key, unit, found), sum(n[f"{lv}_{part}"] for lv, _ in LEVELS)
        if typed != levels:
            found.append(Finding(file, cell(key, ""), f"总计：{label}",
                                 f"总计一行的“{label}”填写为 {typed} 人，"
                                 f"高级、中级、初级的“{label}”之和为 {levels} 人，不一致（汇总按各级人数计）"))
    total = sum(n[f"{lv}_total"] for lv, _ in LEVELS)
    if total != n["participants"]:
        found.append(Finding(file, cell("participants", ""), "参加考核人数",
                             f"参加考核人数 {n['participants']} 人，与高级、中级、初级合计之和 {total} 人不一致"))
    if n["participants"] > n["professionals"] > 0:
        found.append(Finding(file, cell("participants", ""), "参加考核人数",
                             f"参加考核人数 {n['participants']} 人，多于专业技术总人数 {n['professionals']} 人"))
    excellent = sum(max(0, n[f"{lv}_total"] - sum(n[f"{lv}_{g}"] for g, _ in GRADES)) for lv, _ in LEVELS)
    quota = int(Fraction(expect["quota"]) * n["participants"])
    n["excellent"], n["quota"] = excellent, quota
    if excellent > quota:   # it concerns every level: said at the 总计 row
        where = cell("all_total", "") or cell("participants", "")
        found.append(Finding(file, where, "总计：优秀（合计减称职、基本称职、不称职）",
                             f"优秀 {excellent} 人（高级、中级、初级合计 {total} 人，减去称职、基本称职、不称职），"
                             f"超过名额 {quota} 人（参加考核人数 {n['participants']} × {expect['quota_text']}，"
                             "向下取整）"))


def _counted(same: list[Unit]) -> Unit:
    """Of one unit's several files, the one added up (:data:`DUPLICATE_RULE`)."""
    return max(same, key=lambda u: (u.book.values.get("filled_on", "").strip(), u.order))


def _roster_people(book: Workbook) -> list[tuple[str, str, str]]:
    """(name, ID number, cell of the ID number) of each row of a 花名册 workbook."""
    return [(v.get("name", ""), v["idcard"], v["cell"]) for v in book.rows if v.get("idcard")]


def merge(files: list[tuple[str, bytes]], expect: dict[str, Any]) -> dict[str, Any]:
    """``expect``: {"versions": {form: template version}, "year": "2023", "quota": "1/5",
    "quota_text": "20%"}. Returns findings, the 汇总 rows and the totals, as JSON."""
    found: list[Finding] = []
    if len(files) > MAX_FILES:
        return {"findings": [Finding("", "", "", f"一次最多汇总 {MAX_FILES} 个文件，请分批汇总").as_dict()],
                "rows": [], "totals": {}, "units": 0}
    units: list[Unit] = []
    people: dict[str, list[tuple[str, str, str, str]]] = {}
    years: dict[str, list[str]] = {}
    for name, data in files:
        try:
            book = read_workbook(data, table="people")
        except ImportProblem as exc:
            found.append(Finding(name, "", "", str(exc)))
            continue
        if book.form not in (STATISTICS, ROSTER):
            found.append(Finding(name, "", "",
                                 f"这是《{book.title or book.form}》，不是统计表（附件3）或花名册（附件4）"))
            continue
        wanted = expect["versions"].get(book.form)
        if wanted and book.version != wanted:
            found.append(Finding(name, "", "", f"《{book.title}》的模板版本为 {book.version or '（无）'}，"
                                               f"不是本站现行的 {wanted}（旧模板）：栏目位置可能不同，未读取，"
                                               "请用本站当前的表格重新填写"))
            continue
        if book.year:
            years.setdefault(book.year, []).append(name)
        if book.year and expect.get("year") and book.year != expect["year"]:
            found.append(Finding(name, "", "",
                                 f"这是 {book.year} 年度的《{book.title}》，本次汇总的是 {expect['year']} 年度"))
            continue
        if book.form == STATISTICS:
            unit = Unit(name, book, order=len(units))
            _check_statistics(unit, expect, found)
            units.append(unit)
        else:
            unit_name = book.values.get("unit", "")
            for person, number, cell in _roster_people(book):
                people.setdefault(number.upper(), []).append((name, unit_name, person, cell))
    # across files
    by_unit: dict[str, list[Unit]] = {}
    for unit in units:
        if unit.book.values.get("unit"):
            by_unit.setdefault(unit.book.values["unit"], []).append(unit)
    left_out: list[Unit] = []
    for unit_name, same in by_unit.items():
        if len(same) > 1:
            kept = _counted(same)
            others = [u for u in same if u is not kept]
            left_out += others
            when = kept.book.values.get("filled_on", "").strip()
            why = f"填报时间 {when} 最晚" if when and all(u.book.values.get("filled_on", "").strip() < when
                                                         for u in others) else "按文件名排在后面"
            found.append(Finding(kept.file, kept.book.cells.get("unit", ""), "单位名称",
                                 f"单位“{unit_name}”的统计表重复：计入本文件（{why}），未计入 "
                                 f"{'、'.join(u.file for u in others)}"))
            for unit in others:
                found.append(Finding(unit.file, unit.book.cells.get("unit", ""), "单位名称",
                                     f"单位“{unit_name}”的统计表重复：本文件未计入合计，已计入 {kept.file}（{why}）"))
    units = [u for u in units if u not in left_out]
    if len(years) > 1:
        listed = "；".join(f"{y} 年度：{'、'.join(names)}" for y, names in sorted(years.items()))
        found.append(Finding("", "", "年度", f"所选文件的年度不一致（{listed}）"))
    for number, seen in people.items():
        if len({s[1] for s in seen}) > 1:
            where = "；".join(f"{s[0]} {s[3]}（{s[1] or '未填单位'}，{s[2]}）" for s in seen)
            for file, _, _, cell in seen:
                message = f"身份证号码 {number} 出现在多个单位的花名册中：{where}"
                found.append(Finding(file, cell, "身份证号码", message))
    rows = []
    for i, unit in enumerate(units, start=1):
        n = unit.numbers
        grades = {g: sum(n[f"{lv}_{g}"] for lv, _ in LEVELS) for g, _ in GRADES}
        notes = sum(1 for f in found if f.file == unit.file)
        note = "；".join([*([f"{notes} 处待核实"] if notes else []), *unit.read_as])
        rows.append({"no": str(i), "unit": unit.book.values.get("unit", ""),
                     "department": unit.book.values.get("department", ""),
                     **{k: str(n[k]) for k in NUMBERS}, "all_total": str(sum(n[f"{lv}_total"] for lv, _ in LEVELS)),
                     **{f"all_{g}": str(v) for g, v in grades.items()}, "excellent": str(n["excellent"]),
                     "quota": str(n["quota"]), "file": unit.file, "note": note})
    totals = {k: str(sum(int(r[k]) for r in rows)) for k in
              (*NUMBERS, "all_total", *(f"all_{g}" for g, _ in GRADES), "excellent", "quota")}
    # what the 合计 holds: one file a unit, each named in its row; the files left out, named
    totals["file"] = f"{len(rows)} 个文件（见各行）"
    totals["note"] = f"未计入：{'、'.join(u.file for u in left_out)}（同一单位重复）" if left_out else ""
    return {"findings": [f.as_dict() for f in found], "rows": rows, "totals": totals, "units": len(units),
            "counted": [u.file for u in units], "left_out": [u.file for u in left_out], "rule": DUPLICATE_RULE}


def summary_values(result: dict[str, Any], year: str) -> dict[str, str]:
    """The 汇总 workbook's template fields (``units.<i>.<column>`` and the totals)."""
    values = {"year": year, "count": str(len(result["rows"]))}
    for i, row in enumerate(result["rows"]):
        values.update({f"units.{i}.{k}": v for k, v in row.items()})
    values.update({f"sum_{k}": v for k, v in result["totals"].items()})
    return values
