"""What a 花名册 row gives each person's forms, and what is wrong with a row.

The roster (忻州 附件4, ``xinzhou-roster``) holds per person 姓名, 性别, 身份证号码, 专业技术职称,
聘任职务, 从事安全工作岗位, 考核等次, and for the unit 主管部门, 单位名称, 考核年度. Each form takes
what it asks for and nothing else: the 自评表 (附件1) its 工作单位, 姓名, 性别, 身份证号码, 专业技术职称,
考核年度, 从事安全工作岗位; the 考核登记表 (附件2) its cover (单位, 姓名, 现任专业技术职务, and 考核登记类型
“注明年度及安全工作岗位名称” as the scheme's 六 asks) and 基本情况 (现名, 性别, 出生日期 from the ID
number). A wrong ID number is said, and its 出生日期 left for the person to write; a row without a
name makes no file and is listed.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from calckit.idcard import parse_idcard

from .. import ROSTER_FILLS

FILLS = ROSTER_FILLS   # form id → its field ← p. column, h. header, d. derived (calculators/__init__.py)
SHORT_NAMES = {"xinzhou-self-assessment": "自评表", "shanxi-assessment-register": "考核登记表"}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def people_of(values: dict[str, Any], table: str = "people") -> list[tuple[int, dict[str, str]]]:
    """The rows of a roster form's values (``people.3.name``…) in order, as (row number from 1, row);
    rows with nothing typed are not people."""
    rows: dict[int, dict[str, str]] = {}
    for key, value in values.items():
        m = re.match(rf"^{table}\.(\d+)\.([a-z_]+)$", key)
        if m and isinstance(value, str) and value.strip():
            rows.setdefault(int(m[1]), {})[m[2]] = value.strip()
    return [(i + 1, rows[i]) for i in sorted(rows)]


def header_of(values: dict[str, Any]) -> dict[str, str]:
    return {k: v.strip() for k, v in values.items() if "." not in k and isinstance(v, str) and v.strip()}


def derived(person: dict[str, str], header: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """出生日期 from the ID number, 考核登记类型 from the year and the post; and the warnings."""
    out: dict[str, str] = {}
    warnings: list[str] = []
    number = person.get("idcard", "")
    if number:
        info, problem = parse_idcard(number)
        if info:
            y, m, d = info["birth_date"].split("-")
            out["birth"] = f"{y}-{m}-{d}"
            sex = info["sex"]
            if person.get("sex") and person["sex"] != sex:
                warnings.append(f"性别“{person['sex']}”与身份证号码（{sex}）不符")
        else:
            warnings.append(f"{problem}；出生日期未填")
    else:
        warnings.append("未填身份证号码；出生日期未填")
    year = header.get("year", "")
    post = person.get("post", "")
    if year or post:
        out["register_type"] = "　".join(x for x in (f"{year}年度" if year and not year.endswith("年度") else year,
                                                     post) if x)
    return out, warnings


def form_values(form_id: str, person: dict[str, str], header: dict[str, str],
                extra: dict[str, str]) -> dict[str, str]:
    out = {}
    for field, source in FILLS[form_id].items():
        kind, name = source.split(".", 1)
        value = {"p": person, "h": header, "d": extra}[kind].get(name, "")
        if value:
            out[field] = value
    return out


def file_name(row: int, width: int, name: str, form_id: str) -> str:
    """``007_张三_自评表.docx``: the number first and zero-padded, so the files sort as the roster."""
    safe = _UNSAFE.sub("_", name)[:40] or "未填姓名"
    return f"{row:0{width}d}_{safe}_{SHORT_NAMES[form_id]}.docx"


def manifest(lines: list[tuple[int, str, str, str]]) -> bytes:
    """清单.csv: 序号, 姓名, 文件, 提示 — UTF-8 with a BOM so that Excel and WPS open it as typed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["序号", "姓名", "文件", "提示"])
    for row in lines:
        # a cell Excel would read as a formula (=, +, -, @ first) is kept as text
        writer.writerow([f"'{c}" if isinstance(c, str) and c and c[0] in "=+-@" else c for c in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def people_values(values: dict[str, Any], forms: list[str], start: int, count: int) -> dict[str, Any]:
    """People ``start`` to ``start + count`` of a roster, each with the values of each form (for
    printing in the page), the rows without a name left out and counted."""
    header, people = header_of(values), people_of(values)
    out = []
    for row, person in people[start:start + max(0, count)]:
        if not person.get("name"):
            continue
        extra, warnings = derived(person, header)
        out.append({"row": row, "name": person["name"], "warnings": warnings,
                    "forms": {form: form_values(form, person, header, extra) for form in forms if form in FILLS}})
    return {"total": len(people), "people": out}
