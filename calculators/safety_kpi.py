"""安全生产指标和考核办法范例 (004): 范文1 (= 范文3) scoring and sanctions, and the
training and safety targets of 范文1 6.3, 范文4 and 范文5.

These are sample texts, not binding rules; every result says so.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from calckit import bounds
from calckit.explain import Explain, equals, fmt
from calckit.fields import Field
from calckit.params import Param, Params
from calckit.registry import Calculator, register

DOC = "safety-kpi-samples"
HUNDRED = Decimal(100)  # scores and rates are on a percentage scale
VETOES = (("cost_overrun", "成本超支"),
          ("safety_target_missed", "安全未达到‘六消灭、二控制、一实现’"))
POSTS = (("head", "正职"), ("deputy", "副职"))


def _sample_note(ex: Explain) -> None:
    ex.info("本计算依据网络汇编的范文（范文1，范文3与之相同），不具有约束力，仅供参考。", (DOC, "f1"))


# --- 8. annual score -------------------------------------------------------------------

def score_inputs(p: Params) -> list[Field]:
    quarters = p(DOC, "f1-quarters").integer
    fields = [Field(f"q{i}", f"第{i}季度基础管理考核得分", "decimal", min=0, max=HUNDRED, unit="分",
                    group="生产经营基础管理") for i in range(1, quarters + 1)]
    fields.append(Field("performance", "生产经营业绩年度指标考核得分", "decimal", min=0,
                        max=HUNDRED, unit="分", group="生产经营业绩"))
    fields.extend(Field(name, f"否决指标：{label}", "yesno", required=False, default=False,
                        group="否决指标") for name, label in VETOES)
    return fields


def grade(score: Decimal, p: Params) -> tuple[str, Param]:
    """The band of ``score``: bands are read by their lower bounds (see reading)."""
    g1, g2, g3 = p(DOC, "f1-grade1-min"), p(DOC, "f1-grade2-range"), p(DOC, "f1-grade3-range")
    fail = p(DOC, "f1-fail-below")
    if score >= g1.number:
        return "一级", g1
    if score >= g2.range[0]:
        return "二级", g2
    if score >= g3.range[0]:
        return "三级", g3
    return "不合格", fail


def grade_field(compute: dict[str, Any], values: dict[str, Any], parsed: dict[str, Any],
                p: Params, name: str) -> tuple[str, None]:
    """A form's computed field of kind ``grade``: the 等级 of the score in its ``of`` field."""
    source = compute["of"][0]
    if source not in parsed:
        return "", None
    return grade(parsed[source], p)[0], None


def annual_score(values: dict[str, Any], p: Params, ex: Explain) -> dict[str, Any]:
    quarters = p(DOC, "f1-quarters")
    w_basic, w_perf = p(DOC, "f1-basic-weight"), p(DOC, "f1-performance-weight")
    qs = [values[f"q{i}"] for i in range(1, quarters.integer + 1)]
    perf = values["performance"]
    basic = sum(qs, Decimal(0)) / quarters.number
    score = basic * w_basic.number / HUNDRED + perf * w_perf.number / HUNDRED
    formula = (f"({' + '.join(fmt(q) for q in qs)}) ÷ {quarters.integer} × {fmt(w_basic.number)}% "
               f"+ {fmt(perf)} × {fmt(w_perf.number)}% = {fmt(basic)} × {fmt(w_basic.number)}% "
               f"+ {fmt(perf)} × {fmt(w_perf.number)}% = {fmt(score)}")
    _sample_note(ex)
    ex.info(f"年度得分 = 全年{quarters.integer}个季度基础管理得分总和 ÷ {quarters.integer} × "
            f"{fmt(w_basic.number)}% + 业绩年度指标考核得分 × {fmt(w_perf.number)}%：{formula}。",
            w_basic)
    band, band_param = grade(score, p)
    ex.reading(band_param, "grade-band-real")
    vetoed = [label for name, label in VETOES if values[name]]
    for name, label in VETOES:
        ex.check(not values[name], f"否决指标“{label}”：{'已触发' if values[name] else '未触发'}。",
                 (DOC, "f1-4-1-1"))
    if vetoed:
        final = "不合格"
        ex.check(False, f"触发否决指标（{'、'.join(vetoed)}），年度考核结果为不合格，"
                        f"不论得分（{fmt(score)} 分对应{band}）。", (DOC, "f1-4-1-1"))
    else:
        final = band
        ex.check(band != "不合格", f"得分 {fmt(score)} 分，按考核标准为{band}。", band_param)
    return {
        "outcome": {"code": final, "text": f"年度得分 {fmt(score)} 分，结果：{final}",
                    "passed": final != "不合格"},
        "values": {"basic_average": basic, "score": score, "band": band, "grade": final,
                   "vetoed": vetoed},
        "formula": f"年度得分 = {formula}",
    }


register(Calculator(
    id="safety-annual-score",
    title="安全生产考核范例 · 年度考核得分与等级",
    summary="按范文1（范文3相同）的计算公式，由四个季度的基础管理得分和年度业绩得分计算年度得分，"
            "按考核标准定级，否决指标一票否决。",
    documents=(DOC,),
    clauses=((DOC, "f1-6-2"), (DOC, "f1-5-2-2"), (DOC, "f1-4-1-1")),
    inputs=score_inputs,
    compute=annual_score,
))


# --- 9. sanctions and risk deposit -----------------------------------------------------

def sanction_inputs(p: Params) -> list[Field]:
    return [
        Field("post", "岗位", "choice", choices=POSTS),
        Field("consecutive_failures", "截至本年度连续考核不合格的年数", "integer", min=0,
              max=bounds.CAREER_YEARS, unit="年",
              help="本年度合格填 0。"),
    ]


def sanctions(values: dict[str, Any], p: Params, ex: Explain) -> dict[str, Any]:
    head, deputy = p(DOC, "f1-deposit-head"), p(DOC, "f1-deposit-deputy")
    yellow, removal = p(DOC, "f1-yellow-card-years"), p(DOC, "f1-removal-years")
    deposit = head if values["post"] == "head" else deputy
    years = int(values["consecutive_failures"])
    _sample_note(ex)
    ex.info(f"风险抵押：{dict(POSTS)[values['post']]}交纳 {deposit.integer} 元。", deposit)
    if years >= removal.integer:
        measure = "调离岗位"
        ex.check(False, f"连续 {years} 年不合格：“{removal.quote}”。", removal)
    elif years >= yellow.integer:
        measure = "黄牌警告"
        ex.check(False, f"{years} 年不合格：“{yellow.quote}”。", yellow)
    else:
        measure = "无"
        ex.check(True, "本年度考核合格，不予处理。", yellow)
    ex.info("考核结果不合格的单位及部门，扣罚与奖励同等力度。", (DOC, "f1-6-3"))
    return {
        "outcome": {"code": measure, "text": f"处理：{measure}；风险抵押金 {deposit.integer} 元",
                    "passed": measure == "无"},
        "values": {"measure": measure, "deposit": deposit.integer,
                   "consecutive_failures": years},
    }


register(Calculator(
    id="safety-sanctions",
    title="安全生产考核范例 · 黄牌警告、调离与风险抵押",
    summary="按范文1 六、4：由连续不合格年数确定黄牌警告或调离岗位，并按正职、副职给出风险抵押金额。",
    documents=(DOC,),
    clauses=((DOC, "f1-6-4"), (DOC, "f1-6-3")),
    inputs=sanction_inputs,
    compute=sanctions,
))


# --- 10. training and safety indicator targets --------------------------------------------

def rate_targets(p: Params) -> list[Param]:
    return [x for x in p.in_document(DOC) if x.unit == "%" and x.id.startswith(("f1-", "f4-", "f5-"))
            and _is_target(x)]


def _is_target(x: Param) -> bool:
    return x.id not in ("f1-basic-weight", "f1-performance-weight")


def target_inputs(p: Params) -> list[Field]:
    fields = []
    for t in rate_targets(p):
        group = f"{t.label}（目标 {fmt(t.number)}%）"
        fields.append(Field(f"{t.id}__achieved", f"{t.label}：达标数", "integer", required=False,
                            min=0, max=bounds.COUNT, group=group, help=f"原文：“{t.quote}”"))
        fields.append(Field(f"{t.id}__total", f"{t.label}：应达标总数", "integer", required=False,
                            min=0, max=bounds.COUNT, group=group))
    return fields


def targets(values: dict[str, Any], p: Params, ex: Explain) -> dict[str, Any]:
    from calckit.explain import InputProblem

    _sample_note(ex)
    results, problems = [], []
    for t in rate_targets(p):
        achieved, total = values[f"{t.id}__achieved"], values[f"{t.id}__total"]
        if achieved is None and total is None:
            continue
        if achieved is None or total is None:
            name = f"{t.id}__achieved" if achieved is None else f"{t.id}__total"
            problems.append({"field": name, "message": "达标数和总数须同时填写"})
            continue
        if total == 0:
            problems.append({"field": f"{t.id}__total", "message": "总数须大于0"})
            continue
        if achieved > total:
            problems.append({"field": f"{t.id}__achieved", "message": "达标数不能大于总数"})
            continue
        rate = Fraction(int(achieved), int(total)) * int(HUNDRED)
        met = rate >= Fraction(t.number)
        ex.check(met, f"{t.label}：{achieved} ÷ {total} × 100% {equals(rate, floor=True)}%，"
                      f"{'达到' if met else '未达到'}目标 {fmt(t.number)}%（原文：“{t.quote}”）。", t)
        ex.reading(t)
        results.append({"id": t.id, "label": t.label, "rate": rate, "target": t.number, "met": met})
    if problems:
        raise InputProblem(problems)
    if not results:
        raise InputProblem([{"field": f"{rate_targets(p)[0].id}__achieved",
                             "message": "请至少填写一项指标的达标数和总数"}])
    ex.info("“达到某比率”按“不低于该比率”理解。", (DOC, "f1-5-1-6-3"))
    n_met = sum(r["met"] for r in results)
    return {
        "outcome": {"code": "all-met" if n_met == len(results) else "not-all-met",
                    "text": f"{len(results)} 项指标中 {n_met} 项达到目标",
                    "passed": n_met == len(results)},
        "values": {"indicators": results},
    }


register(Calculator(
    id="safety-indicator-targets",
    title="安全生产考核范例 · 培训与安全指标达标",
    summary="把培训、持证上岗、隐患整改、执法人员到岗等计数换算为比率，与范文1 6.3、范文4、范文5中的目标比较。",
    documents=(DOC,),
    clauses=((DOC, "f1-5-1-6-3"), (DOC, "f1-5-1-3-1"), (DOC, "f4-1-2-1-5"),
             (DOC, "f4-1-2-1-6"), (DOC, "f5-2-p1")),
    inputs=target_inputs,
    compute=targets,
))
