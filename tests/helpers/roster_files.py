"""Roster files as staff have them, made with openpyxl and csv: the official form's layout
(title and 主管部门 lines above the header), a bare list, GBK CSV from Excel on Chinese Windows."""

from __future__ import annotations

import io

from openpyxl import Workbook

from calckit.idcard import check_char

HEADER = ["序号", "姓名", "性别", "身份证号码", "专业技术职称", "聘任职务", "从事安全工作岗位", "考核等次", "备注"]
LEVELS = ["高级", "中级", "初级"]
GRADES = ["优秀", "称职", "称职", "称职", "基本称职", "不称职"]


def idcard(i: int) -> str:
    """A valid 18-digit number (check character per GB 11643), different for each i < 10,000."""
    first = f"140902{1960 + i % 40}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
    return first + check_char(first)


def person(i: int) -> list:
    return [i + 1, f"王{i}", "男" if i % 2 else "女", idcard(i), "工程师", LEVELS[i % 3], "安全管理",
            GRADES[i % 6], ""]


def roster_xlsx(n: int, *, title_rows: bool = True, header: list[str] | None = None,
                cells: dict[tuple[int, int], object] | None = None) -> bytes:
    """``n`` people; ``cells`` (row, column from 1) overwrite what is there, as a clumsy edit would."""
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    if title_rows:
        ws.append(["附件4"])
        ws.append(["忻州市安全领域专业技术人员年度考核登记花名册"])
        ws.append(["主管部门（盖章）：某局　单位名称：某煤矿"])
    ws.append(header or HEADER)
    for i in range(n):
        ws.append(person(i))
    for (r, c), value in (cells or {}).items():
        ws.cell(r, c).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def expected_counts(n: int) -> dict[str, dict[str, int]]:
    counts = {level: {g: 0 for g in ("优秀", "称职", "基本称职", "不称职")} for level in LEVELS}
    for i in range(n):
        counts[LEVELS[i % 3]][GRADES[i % 6]] += 1
    return counts
