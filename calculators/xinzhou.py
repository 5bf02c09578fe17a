"""忻州市 2023 年度安全领域专业技术人才年度考核（忻人社函〔2024〕4号）."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from math import floor
from typing import Any

from calckit import bounds
from calckit.explain import Explain, InputProblem, equals, fmt
from calckit.fields import Field
from calckit.params import Params
from calckit.registry import Calculator, register, run

DOC = "xinzhou-annual-assessment"

# The five items of 附件1 自评表, in the order of the form.
SELF_ITEMS = (
    ("knowledge", "专业知识"),
    ("skills", "技能水平"),
    ("performance", "工作绩效"),
    ("conduct", "职业素养"),
    ("education", "继续教育（培训）"),
)

GRADES = (
    ("excellent", "优秀"),
    ("competent", "称职"),
    ("basic", "基本称职"),
    ("incompetent", "不称职"),
)
LEVELS = (("senior", "高级"), ("intermediate", "中级"), ("junior", "初级"))


# --- 1. 自评表 scoring -----------------------------------------------------------------

def self_assessment_inputs(p: Params) -> list[Field]:
    item_max = p(DOC, "self-item-max").number
    return [Field(name, f"{label}自评分数", "decimal", min=0, max=item_max, unit="分",
                  help=f"附件1 自评表：{label}（{fmt(item_max)} 分）")
            for name, label in SELF_ITEMS]


def self_assessment(values: dict[str, Any], p: Params, ex: Explain) -> dict[str, Any]:
    item_max = p(DOC, "self-item-max")
    scores = {name: values[name] for name, _ in SELF_ITEMS}
    total = sum(scores.values(), Decimal(0))
    full = item_max.number * len(SELF_ITEMS)
    ex.check(True, f"五个考核项目各按 0–{fmt(item_max.number)} 分自评，均在范围内。", item_max)
    parts = " + ".join(fmt(scores[name]) for name, _ in SELF_ITEMS)
    ex.info(f"自评总分 = {parts} = {fmt(total)} 分（满分 {fmt(full)} 分）。", item_max)
    ex.info("实施方案未规定自评分数与考核等次（优秀、称职、基本称职、不称职）的对应关系；"
            "考核等次由综合评定确定，自评分数只是其依据之一，本计算器不据此推断等次。",
            (DOC, "s4-5"))
    ex.info("综合评定依据自评、直属上级评价、专家评审和实地考察的结果。", (DOC, "s4-5"))
    return {
        "outcome": {"code": "scored", "text": f"自评总分 {fmt(total)} 分（满分 {fmt(full)} 分）"},
        "values": {"items": {name: scores[name] for name, _ in SELF_ITEMS}, "total": total,
                   "full_marks": full},
        "formula": f"自评总分 = {parts} = {fmt(total)}",
    }


register(Calculator(
    id="xinzhou-self-assessment",
    title="忻州 · 考核自评表评分",
    summary="按附件1《忻州市安全领域专业技术人员考核自评表》的五个考核项目计算自评总分。",
    documents=(DOC,),
    clauses=((DOC, "a1-t1"), (DOC, "s4-1"), (DOC, "s4-5")),
    inputs=self_assessment_inputs,
    compute=self_assessment,
))


# --- 2. 优秀 quota and 附件3 statistics ------------------------------------------------

def quota_inputs(p: Params) -> list[Field]:
    ratio = p(DOC, "excellent-ratio-max")
    count = {"type": "integer", "min": 0, "max": bounds.HEADCOUNT, "required": False, "unit": "人"}
    return [
        Field("participants", "本单位参加考核的专业技术人员数", "integer", min=0, max=bounds.HEADCOUNT,
              unit="人"),
        Field("unit_ratio", "本单位确定的优秀比例", "decimal", required=False, min=0,
              max=ratio.number, unit="%",
              help=f"不填则按{fmt(ratio.number)}%。单位可单独确定，但须控制在{fmt(ratio.number)}%以内。"),
        Field("professional_total", "专业技术总人数", "integer", required=False, min=0,
              max=bounds.HEADCOUNT, unit="人",
              help="附件3 表头“专业技术总人数”，用于核对参加考核人数。"),
        Field("rows", "按聘任职务统计（附件3）", "rows", required=False, max_rows=len(LEVELS),
              help="每个聘任职务一行；不填则只计算优秀名额。",
              columns=(
                  Field("level", "聘任职务", "choice", choices=LEVELS),
                  Field("total", "合计", **count),
                  *(Field(name, label, **count) for name, label in GRADES),
              )),
    ]


def max_excellent(participants: int, ratio: Fraction) -> int:
    """The most 优秀 allowed: the largest whole number not above ratio × participants."""
    return floor(participants * ratio)


def quota_field(compute: dict[str, Any], values: dict[str, Any], parsed: dict[str, Any],
                p: Params, name: str) -> tuple[str, dict[str, str] | None]:
    """A form's computed field of kind ``quota`` (附件3's 优秀 against the scheme's share):
    the most it may hold, and an error on the field when the 优秀 typed exceed it."""
    base = parsed.get(compute["base"])
    if base is None:
        return "", None
    doc, pid = compute["rule"].split(":", 1)
    cap = p(doc, pid)
    most = max_excellent(int(base), cap.fraction)
    text = f"最多 {most} 人（{fmt(base)} 人 × {fmt(cap.number)}%，向下取整）"
    used = sum((parsed[k] for k in compute["of"] if k in parsed), Decimal(0))
    if used > most:
        return text, {"field": name, "message": f"优秀 {fmt(used)} 人，超过名额 {most} 人"
                                                f"（“{cap.quote}”）"}
    return text, None


def quota(values: dict[str, Any], p: Params, ex: Explain) -> dict[str, Any]:
    cap = p(DOC, "excellent-ratio-max")
    participants = int(values["participants"])
    ratio = Fraction(str(values["unit_ratio"])) / 100 if values["unit_ratio"] is not None \
        else cap.fraction
    most = max_excellent(participants, ratio)
    ratio_text = f"{fmt(ratio * 100)}%"
    if values["unit_ratio"] is not None:
        ex.check(ratio <= cap.fraction,
                 f"本单位确定的优秀比例 {ratio_text} 在 {fmt(cap.number)}% 以内。", cap)
    else:
        ex.info(f"未填本单位比例，按方案规定的上限 {fmt(cap.number)}% 计算。", cap)
    ex.reading(cap)
    exact = Fraction(participants) * ratio
    ex.info(f"{participants} 人 × {ratio_text} {equals(exact)}，向下取整，最多可评优秀 {most} 人。", cap)

    rows = values["rows"] or []
    problems: list[dict[str, str]] = []
    seen: set[str] = set()
    for i, row in enumerate(rows):
        if row["level"] in seen:
            problems.append({"field": f"rows[{i}].level",
                             "message": f"第{i + 1}行：聘任职务“{dict(LEVELS)[row['level']]}”重复"})
        seen.add(row["level"])
    if problems:
        raise InputProblem(problems)

    stats_ok = True
    grade_totals = {name: 0 for name, _ in GRADES}
    row_totals = 0
    if values["professional_total"] is not None:
        stats_ok &= ex.check(participants <= values["professional_total"],
                             f"参加考核人数 {participants} 人不超过专业技术总人数 "
                             f"{values['professional_total']} 人。", (DOC, "a3-table"))
    for row in rows:
        level = dict(LEVELS)[row["level"]]
        counts = {name: int(row[name] or 0) for name, _ in GRADES}
        for name in counts:
            grade_totals[name] += counts[name]
        graded = sum(counts.values())
        total = int(row["total"]) if row["total"] is not None else graded
        row_totals += total
        if row["total"] is not None:
            stats_ok &= ex.check(graded == total,
                                 f"{level}：各等次人数之和 {graded} 人"
                                 f"{'等于' if graded == total else '不等于'}合计 {total} 人。",
                                 (DOC, "a3-table"))
    if rows:
        ex.info("附件3 表头列有“合计、称职、基本称职、不称职”，源文本无“优秀”列；"
                "此处按五（一）的四个等次统计优秀人数。", (DOC, "a3-table"))
        stats_ok &= ex.check(row_totals == participants,
                             f"各聘任职务合计 {row_totals} 人"
                             f"{'等于' if row_totals == participants else '不等于'}参加考核人数 "
                             f"{participants} 人。", (DOC, "a3-table"))
        excellent = grade_totals["excellent"]
        stats_ok &= ex.check(excellent <= most,
                             f"优秀 {excellent} 人{'未超过' if excellent <= most else '超过'}"
                             f"可评名额 {most} 人。", cap)
    if rows:
        text = (f"最多可评优秀 {most} 人；统计表核对" + ("无误" if stats_ok else "有误，见下列原因"))
        code = "quota-ok" if stats_ok else "quota-problem"
    else:
        text, code = f"最多可评优秀 {most} 人", "quota"
    checked = bool(rows) or values["professional_total"] is not None or values["unit_ratio"] is not None
    return {
        "outcome": {"code": code, "text": text, "passed": stats_ok if checked else None},
        "values": {"participants": participants, "ratio": ratio, "max_excellent": most,
                   "grade_totals": grade_totals if rows else None,
                   "rows_total": row_totals if rows else None},
        "formula": f"最多优秀人数 = ⌊{participants} × {ratio_text}⌋ = {most}",
    }


register(Calculator(
    id="xinzhou-excellent-quota",
    title="忻州 · 优秀名额与年度考核情况统计表核对",
    summary="按优秀比例的上限计算本单位最多可评优秀人数，并核对附件3统计表的合计与优秀名额。",
    documents=(DOC,),
    clauses=((DOC, "s5-1"), (DOC, "a3-table")),
    inputs=quota_inputs,
    compute=quota,
))


# --- 3. the 花名册 (附件4) summed up into the 统计表 (附件3) ---------------------------------------

# field names of the 统计表 (policy_data/forms/xinzhou-statistics.yaml), by level and by grade
STAT_LEVELS = {"senior": "senior", "intermediate": "mid", "junior": "junior"}
STAT_GRADES = {"competent": "competent", "basic": "basic", "incompetent": "incompetent"}
ROSTER_ROW = re.compile(r"^people\.(?P<row>\d+)\.(?P<column>[a-z_]+)$")


def roster_rows(values: dict[str, Any]) -> list[tuple[int, dict[str, str]]]:
    """The 花名册's rows from the form's values (``people.<i>.<column>``), with their index;
    a row with nothing but its 序号 is no row."""
    rows: dict[int, dict[str, str]] = {}
    for key, value in values.items():
        m = ROSTER_ROW.match(key)
        if m and isinstance(value, str) and value.strip():
            rows.setdefault(int(m["row"]), {})[m["column"]] = value.strip()
    return [(i, row) for i, row in sorted(rows.items()) if set(row) - {"no"}]


def roster_statistics(values: dict[str, Any], params: dict[str, Any],
                      versions: dict[str, str] | None = None) -> dict[str, Any]:
    """The 统计表's numbers from the 花名册, and the calculator's 优秀 quota check on them.

    Reading ``statistics-total-includes-excellent``: 附件3 has no 优秀 column, so a level's 合计
    counts everyone of that level (优秀 included) and the three columns the other grades.
    A row without a valid 聘任职务 or 等次 is not counted, and is named.
    """
    level_of = {label: name for name, label in LEVELS}
    grade_of = {label: name for name, label in GRADES}
    counts = {level: {grade: 0 for grade, _ in GRADES} for level, _ in LEVELS}
    skipped: list[dict[str, Any]] = []
    for index, row in roster_rows(values):
        level, grade = level_of.get(row.get("level", "")), grade_of.get(row.get("grade", ""))
        if level is None or grade is None:
            missing = [label for ok, label in ((level, "聘任职务"), (grade, "考核等次")) if ok is None]
            skipped.append({"row": index + 1, "name": row.get("name", ""), "missing": missing})
            continue
        counts[level][grade] += 1
    participants = sum(sum(by_grade.values()) for by_grade in counts.values())
    statistics = {"participants": str(participants)}
    for name in ("department", "unit"):
        if isinstance(values.get(name), str) and values[name].strip():
            statistics[name] = values[name].strip()
    rows = []
    for level, _ in LEVELS:
        total = sum(counts[level].values())
        statistics[f"{STAT_LEVELS[level]}_total"] = str(total)
        for grade, stat in STAT_GRADES.items():
            statistics[f"{STAT_LEVELS[level]}_{stat}"] = str(counts[level][grade])
        if total:   # no "total": it is the sum of the grades here, nothing to check it against
            rows.append({"level": level, **counts[level]})
    inputs: dict[str, Any] = {"participants": participants, "rows": rows}
    if (versions or {}).get(DOC):   # the year chosen on the page: its quota rule
        inputs["version"] = versions[DOC]
    quota_result = run("xinzhou-excellent-quota", inputs, params)
    return {
        "participants": participants,
        "counts": {dict(LEVELS)[level]: {dict(GRADES)[g]: n for g, n in by_grade.items()}
                   for level, by_grade in counts.items()},
        "skipped": skipped,
        "statistics": statistics,
        "quota": quota_result,
    }
