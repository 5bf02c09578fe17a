"""阳城县 2024 年度工程系列煤炭专业初级技术职务任职资格评审（阳工信函字〔2024〕20号）:
助理工程师申报资格, the whole of 二（评审范围）and 三（评审条件）."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Any

from calckit import bounds
from calckit.explain import Explain, InputProblem, fmt
from calckit.fields import Field
from calckit.params import Params
from calckit.registry import Calculator, register

from .zhejiang import add_years

DOC = "yangcheng-junior-title"
NATIONAL = "national"

SPECIALTIES = (("mining", "矿山工程（采矿工程、矿井建设、矿井通风与安全工程等）"),
               ("gas", "燃气开发与利用工程（燃气气源、输配、控制、应用工程等）"),
               ("other", "其他专业"))
EDUCATION = (("master", "硕士学位或第二学士学位"),
             ("bachelor", "大学本科学历或学士学位"),
             ("college", "大专学历（大学专科）"),
             ("secondary", "中等职业学校学历（中专）"),
             ("below", "中专以下"))
EMPLOYMENT = (("unit", "企事业单位在职在岗"),
              ("nonpublic", "非公经济组织"),
              ("flexible", "灵活就业人员"),
              ("freelance", "自由职业者"))
RECENT = (("qualified", "合格（称职）及以上"), ("basic", "基本合格"), ("failed", "不合格"),
          ("undetermined", "不确定等次"), ("none", "未参加或尚未进行年度考核"))
SEX = (("男", "男"), ("女", "女"))
FEMALE_POST = (("cadre", "干部（管理、专业技术岗位）"), ("worker", "工人岗位"))


def inputs(p: Params) -> list[Field]:
    cadre, worker = p(NATIONAL, "retire-female-cadre"), p(NATIONAL, "retire-female-worker")
    probation = p(DOC, "bachelor-probation-years")
    review_year = p(DOC, "submission-start").date.year
    return [
        Field("civil_servant", "是否国家公务员（含参照公务员法管理单位的工作人员）", "yesno",
              group="申报范围"),
        Field("retired", "是否已办理退休手续", "yesno", group="申报范围"),
        Field("idcard", "身份证号码", "idcard", required=False, group="申报范围",
              help="用于核对出生日期和性别（只在本机计算，不上传）；也可不填，改填下两项。"),
        Field("birth_date", "出生日期", "date", required=False, group="申报范围"),
        Field("sex", "性别", "choice", required=False, choices=SEX, group="申报范围"),
        Field("female_post", "（女性）所在岗位", "choice", required=False, choices=FEMALE_POST,
              group="申报范围", help=f"女性法定退休年龄因岗位不同：干部{cadre.integer}周岁，"
                                     f"工人{worker.integer}周岁（2025年起逐步延迟）。"),
        Field("discipline", "是否事业单位人员且受记过以上处分、仍在处分期内", "yesno",
              group="申报范围"),
        Field("specialty", "申报专业类别", "choice", choices=SPECIALTIES, group="专业范围"),
        Field("specialty_matches_work", "申报专业是否与本人所从事专业一致", "yesno",
              group="专业范围"),
        Field("education", "最高学历（学位）", "choice", choices=EDUCATION, group="学历与资历"),
        Field("education_related", "学历是否为本专业或相近专业（相关的理学、工学专业）", "yesno",
              group="学历与资历"),
        Field("probation_passed", f"（本科）工程技术岗位见习{probation.integer}年期满并经考核合格", "yesno",
              required=False, group="学历与资历"),
        Field("technician_date", "（大专、中专）任技术员且聘任的日期", "date", required=False,
              group="学历与资历"),
        Field("employment", "就业类型", "choice", choices=EMPLOYMENT, group="考核条件"),
        Field("passed_assessments", "任现职以来年度考核合格（称职）次数", "integer",
              required=False, min=0, max=bounds.CAREER_YEARS, unit="次", group="考核条件",
              help="每年一次年度考核，故不超过从业年数。"),
        Field("grade_current_year", f"申报当年（{review_year}年度）考核等次", "choice", required=False,
              choices=RECENT, group="考核条件", help="当年尚未考核的，选“未参加或尚未进行年度考核”。"),
        Field("grade_previous_year", f"上一年度（{review_year - 1}年度）考核等次", "choice",
              required=False, choices=RECENT, group="考核条件"),
        Field("has_report", "是否已准备专业技术总结报告", "yesno", group="业务能力"),
        Field("ce_hours", "本年度继续教育学时", "decimal", required=False, min=0, max=bounds.HOURS_IN_A_YEAR,
              unit="学时", group="继续教育"),
    ]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day if it has no such day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retirement_day(birth: dt.date, sex: str, female_post: str | None, p: Params,
                   ex: Explain) -> tuple[dt.date, str]:
    """The day the statutory retirement age is reached, and how it was worked out."""
    if sex == "男":
        base, step, top = p(NATIONAL, "retire-male"), p(NATIONAL, "delay-step-slow"), \
            p(NATIONAL, "delay-max-male").integer
    elif female_post == "worker":
        base, step = p(NATIONAL, "retire-female-worker"), p(NATIONAL, "delay-step-fast")
        top = int(p(NATIONAL, "delay-max-female").range[0])
    else:
        base, step = p(NATIONAL, "retire-female-cadre"), p(NATIONAL, "delay-step-slow")
        top = int(p(NATIONAL, "delay-max-female").range[1])
    start = p(NATIONAL, "delay-start")
    old_day = add_years(birth, base.integer)
    if old_day < start.date:
        return old_day, f"法定退休年龄 {base.integer} 周岁，于 {fmt(old_day)} 达到"
    first_birth = add_years(start.date, -base.integer).replace(day=1)
    months_after = (birth.year - first_birth.year) * 12 + birth.month - first_birth.month
    cap = (top - base.integer) * 12
    delay = min(cap, months_after // step.integer + 1)
    day = add_months(old_day, delay)
    ex.info(f"按渐进式延迟法定退休年龄的规定，原退休年龄 {base.integer} 周岁延迟 {delay} 个月。", start)
    years, months = divmod(base.integer * 12 + delay, 12)
    age = f"{years} 周岁" + (f"{months} 个月" if months else "")
    return day, f"法定退休年龄 {age}，于 {fmt(day)} 达到"


def eligibility(values: dict[str, Any], p: Params, ex: Explain) -> dict[str, Any]:
    start = p(DOC, "submission-start")
    cut_college, cut_secondary = p(DOC, "college-cutoff"), p(DOC, "secondary-cutoff")
    years_college, years_secondary = p(DOC, "college-work-years"), p(DOC, "secondary-work-years")
    review_year = start.date.year

    # who: identity needed for the retirement check
    problems = []
    birth, sex = values["birth_date"], values["sex"]
    if values["idcard"]:
        info = values["idcard"]
        id_birth, id_sex = dt.date.fromisoformat(info["birth_date"]), info["sex"]
        if birth and birth != id_birth:
            problems.append({"field": "birth_date", "message": "出生日期与身份证号码不一致"})
        if sex and sex != id_sex:
            problems.append({"field": "sex", "message": "性别与身份证号码不一致"})
        birth, sex = id_birth, id_sex
    if birth is None:
        problems.append({"field": "birth_date", "message": "请填写出生日期或身份证号码"})
    if sex is None:
        problems.append({"field": "sex", "message": "请填写性别或身份证号码"})
    if sex == "女" and values["female_post"] is None:
        problems.append({"field": "female_post", "message": "请选择岗位（用于确定女性法定退休年龄）"})
    education = values["education"]
    if education == "bachelor" and values["probation_passed"] is None:
        problems.append({"field": "probation_passed", "message": "本科学历请填写见习期满考核情况"})
    if education in ("college", "secondary") and values["technician_date"] is None:
        problems.append({"field": "technician_date", "message": "大专、中专学历请填写任技术员且聘任的日期"})
    exempt = values["employment"] != "unit"
    if not exempt:
        if values["passed_assessments"] is None:
            problems.append({"field": "passed_assessments", "message": "企事业单位在职人员请填写年度考核合格次数"})
        if values["grade_current_year"] is None and values["grade_previous_year"] is None:
            problems.append({"field": "grade_previous_year",
                             "message": "企事业单位在职人员请填写申报当年或上一年度的考核等次（至少一项）"})
    if birth and birth >= start.date:
        problems.append({"field": "birth_date", "message": "出生日期应早于评审收件日期"})
    if problems:
        raise InputProblem(problems)

    # 二、评审范围
    ex.check(not values["civil_servant"], "不是国家公务员（含参照公务员法管理单位的工作人员）。"
             if not values["civil_servant"] else "国家公务员（含参照管理人员）不在申报范围。",
             (DOC, "s2-2-1"))
    ex.check(not values["retired"], "未办理退休手续。" if not values["retired"]
             else "已办理退休手续的人员不在申报范围。", (DOC, "s2-2-2"))
    day, how = retirement_day(birth, sex, values["female_post"], p, ex)
    reached = day <= start.date
    ex.info(f"以评审委员会办事机构开始收受申报材料之日 {fmt(start.date)} 为界"
            "（本站取报送开始日期）。", start)
    ex.check(not reached, f"{how}；{'已' if reached else '未'}达到法定退休年龄。",
             (DOC, "s2-2-2"))
    ex.info("法定退休年龄依据国家规定（见“国家规定”页）。", (NATIONAL, "retirement-before-2025"))
    ex.check(not values["discipline"], "不在记过以上处分期内。" if not values["discipline"]
             else "事业单位专业技术人员受到记过以上处分且在受处分期间的，不在申报范围。",
             (DOC, "s2-2-3"))
    spec = values["specialty"]
    ex.check(spec != "other", f"申报专业类别：{dict(SPECIALTIES)[spec]}。" if spec != "other"
             else "不属评审专业范围（矿山工程、燃气开发与利用工程）的不予受理。",
             (DOC, "s2-3-1" if spec == "mining" else "s2-3-2" if spec == "gas" else "s2-3-3"))
    ex.check(values["specialty_matches_work"], "申报专业与本人所从事专业一致。"
             if values["specialty_matches_work"] else "申报专业应与本人所从事专业一致。",
             (DOC, "s2-3-3"))

    # 三、评审条件
    educated = education != "below"
    ex.check(educated and values["education_related"],
             f"学历：{dict(EDUCATION)[education]}，"
             + ("本专业或相近专业，符合“中专及以上”要求。" if educated and values["education_related"]
                else "须具有本专业或相近专业中专及以上学历。"), (DOC, "s3-2"))
    route_ok = False
    if education == "master":
        route_ok = ex.check(True, "资历：具备硕士学位或第二学士学位（条件(1)）。", (DOC, "s3-3-1"))
    elif education == "bachelor":
        probation = p(DOC, "bachelor-probation-years")
        route_ok = ex.check(bool(values["probation_passed"]),
                            f"资历：本科学历，见习{probation.integer}年期满并经考核合格（条件(2)）。"
                            if values["probation_passed"] else
                            f"资历：本科学历须在工程技术岗位见习{probation.integer}年期满并经考核合格（条件(2)）。",
                            probation)
    elif education in ("college", "secondary"):
        cut, years = (cut_college, years_college) if education == "college" \
            else (cut_secondary, years_secondary)
        derived = dt.date(review_year - years.integer, cut.date.month, cut.date.day)
        if derived != cut.date:  # the text and the year disagree: show both, use the text
            ex.info(f"按评审年度推算截止日期应为 {fmt(derived)}，原文为 {fmt(cut.date)}，以原文为准。", cut)
        else:
            ex.info(f"{review_year} 年度评审，从事技术工作满 {years.integer} 年即 "
                    f"{fmt(cut.date)} 前任技术员且聘任。", cut)
        when = values["technician_date"]
        ex.reading(cut)
        route_ok = ex.check(when <= cut.date,
                            f"资历：{fmt(when)} 任技术员且聘任，"
                            f"{'在' if when <= cut.date else '晚于'} {fmt(cut.date)}"
                            f"{'之前' if when <= cut.date else ''}（条件({'3' if education == 'college' else '4'})）。",
                            cut)
    else:
        ex.check(False, "资历：不具备四项资历条件所要求的学历。", (DOC, "s3-3"))

    ex.check(values["has_report"], "已准备专业技术总结报告。" if values["has_report"]
             else "须提交一篇关于从事本专业的专业技术总结报告。", (DOC, "s3-4"))

    if exempt:
        ex.check(True, f"{dict(EMPLOYMENT)[values['employment']]}可不提供年度考核材料。",
                 (DOC, "s3-5-3"))
    else:
        need_param = {"college": "assessments-min-college",
                      "secondary": "assessments-min-secondary"}.get(education, "assessments-min")
        need = p(DOC, need_param)
        count = int(values["passed_assessments"])
        ex.check(count >= need.integer, f"任现职以来年度考核合格 {count} 次，"
                 f"{'达到' if count >= need.integer else '少于'}要求的 {need.integer} 次。", need)
        ex.reading(need)
        grades = {review_year: values["grade_current_year"], review_year - 1: values["grade_previous_year"]}
        stated = "，".join(f"{y}年度“{dict(RECENT)[g]}”" for y, g in grades.items() if g is not None)
        good = [y for y, g in grades.items() if g == "qualified"]
        ex.check(bool(good), (f"{good[0]}年度考核等次为合格及以上（{stated}），符合“申报评审当年或上一年度"
                              "考核等次须为合格及以上”。") if good else
                 f"申报评审当年或上一年度考核等次须为合格及以上（现为{stated}）。", (DOC, "s3-5-2"))
        ex.reading((DOC, "s3-5-2"), "current-or-previous-year")

    hours_rule = p(NATIONAL, "ce-hours-per-year")
    ex.info("文件将继续教育情况作为申报的重要条件，未规定学时数；其所依据的国家规定要求每年累计不少于"
            f"{hours_rule.integer}学时。", (DOC, "s3-6"))
    if values["ce_hours"] is not None:
        hours = values["ce_hours"]
        ex.check(hours >= hours_rule.number, f"本年度继续教育 {fmt(hours)} 学时，"
                 f"{'达到' if hours >= hours_rule.number else '不足'}{hours_rule.integer}学时。",
                 hours_rule)

    failed = ex.failed
    eligible = not failed and route_ok
    text = "符合申报助理工程师的条件" if eligible else f"不符合申报条件（{len(failed)} 项未满足）"
    return {
        "outcome": {"code": "eligible" if eligible else "not-eligible", "text": text,
                    "passed": eligible},
        "values": {"review_date": start.date, "retirement_day": day,
                   "failed": [r["text"] for r in failed],
                   "ce_hours": values["ce_hours"] if values["ce_hours"] is not None else None,
                   "hours_required": Decimal(hours_rule.integer)},
    }


register(Calculator(
    id="yangcheng-assistant-engineer",
    title="阳城 · 助理工程师申报资格",
    summary="逐项核对申报范围、专业范围、学历、资历（四种途径及截止日期）、年度考核、业务能力和继续教育条件。",
    documents=(DOC, NATIONAL),
    clauses=((DOC, "s2-2-1"), (DOC, "s2-2-2"), (DOC, "s2-2-3"), (DOC, "s2-3-1"), (DOC, "s2-3-2"), (DOC, "s2-3-3"),
             (DOC, "s3-2"),
             (DOC, "s3-3"), (DOC, "s3-4"), (DOC, "s3-5-1"), (DOC, "s3-5-2"), (DOC, "s3-5-3"),
             (DOC, "s3-6"), (DOC, "s5-3-time"), (NATIONAL, "ce-hours"),
             (NATIONAL, "retirement-before-2025"), (NATIONAL, "retirement-from-2025")),
    inputs=inputs,
    compute=eligibility,
))
