"""浙江省安全工程专业高级工程师和正高级工程师职务任职资格评审实施方案."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from math import ceil
from typing import Any

from calckit import bounds
from calckit.explain import Explain, InputProblem, equals, fmt
from calckit.fields import Field
from calckit.params import Params
from calckit.registry import Calculator, register

DOC = "zhejiang-senior-title"
NAME_MAX = 120  # characters in a free-text name


def votes_needed(attending: int, threshold: Fraction) -> int:
    """Fewest yes votes that reach ``threshold`` of those attending (以上 includes it)."""
    return ceil(attending * threshold)


# --- 3. committee and vote -----------------------------------------------------------

def vote_inputs(p: Params) -> list[Field]:
    count = {"type": "integer", "min": 0, "max": bounds.VOTES}
    return [
        Field("attending", "出席会议的专家人数", "integer", min=0, max=bounds.HEADCOUNT, unit="人"),
        Field("groups", "专业审议组", "rows", required=False,
              help="每个专业审议组一行，填写组内专家人数。",
              columns=(Field("name", "审议组名称", "text", required=False, max=NAME_MAX),
                       Field("members", "专家人数", unit="人", **count))),
        Field("candidates", "申报人投票结果", "rows", required=False,
              help="每位申报人一行：赞成、反对、弃权票数。",
              columns=(Field("name", "申报人", "text", required=False, max=NAME_MAX),
                       Field("yes", "赞成票", unit="票", **count),
                       Field("no", "反对票", unit="票", required=False, min=0, max=bounds.VOTES, type="integer"),
                       Field("abstain", "弃权票", unit="票", required=False, min=0,
                             max=bounds.VOTES, type="integer"))),
    ]


def vote(values: dict[str, Any], p: Params, ex: Explain) -> dict[str, Any]:
    attending_min = p(DOC, "attending-min")
    group_min = p(DOC, "group-members-min")
    threshold = p(DOC, "vote-threshold")
    attending = int(values["attending"])
    groups = values["groups"] or []
    candidates = values["candidates"] or []

    problems = []
    for i, c in enumerate(candidates):
        cast = int(c["yes"]) + int(c["no"] or 0) + int(c["abstain"] or 0)
        if cast > attending:
            problems.append({"field": f"candidates[{i}].yes",
                             "message": f"第{i + 1}行：赞成、反对、弃权票合计 {cast} 票，超过出席专家"
                                        f" {attending} 人；未出席专家不得委托他人投票或者补充投票"})
    if problems:
        raise InputProblem(problems)

    quorum = ex.check(attending >= attending_min.integer,
                      f"出席专家 {attending} 人，{'达到' if attending >= attending_min.integer else '少于'}"
                      f"“不得少于{attending_min.integer}人”的要求。", attending_min)
    ex.reading(attending_min)
    groups_ok = True
    for i, g in enumerate(groups):
        name = g["name"] or f"第{i + 1}组"
        ok = int(g["members"]) >= group_min.integer
        groups_ok &= ex.check(ok, f"专业审议组“{name}”{g['members']} 名专家，"
                                  f"{'符合' if ok else '不足'}“不少于{group_min.integer}名专家”。",
                              group_min)
    needed = votes_needed(attending, threshold.fraction)
    ex.reading(threshold)
    ex.info(f"出席 {attending} 人 × {fmt(threshold.fraction)} {equals(attending * threshold.fraction)}，"
            f"通过至少需要 {needed} 张赞成票。", threshold)
    results = []
    for i, c in enumerate(candidates):
        name = c["name"] or f"第{i + 1}位申报人"
        passed = quorum and int(c["yes"]) >= needed
        if not quorum:
            ex.check(False, f"{name}：出席人数不足，本次表决不能作为通过的依据。", attending_min)
        else:
            ex.check(passed, f"{name}：赞成 {c['yes']} 票，{'达到' if passed else '未达到'}"
                             f"所需 {needed} 票，{'通过' if passed else '未通过'}。", threshold)
        results.append({"name": name, "yes": int(c["yes"]), "passed": passed})
    ex.info("未出席专家不得委托他人投票或者补充投票。", (DOC, "s4-3-6"))

    valid = quorum and groups_ok
    if candidates:
        n_pass = sum(r["passed"] for r in results)
        text = f"需 {needed} 张赞成票；{len(results)} 人中 {n_pass} 人通过"
    else:
        text = f"出席 {attending} 人时，通过需至少 {needed} 张赞成票"
    if not valid:
        text += "（评委会组成不符合要求）"
    return {
        "outcome": {"code": "valid" if valid else "invalid", "text": text, "passed": valid},
        "values": {"attending": attending, "votes_needed": needed, "quorum": quorum,
                   "groups_ok": groups_ok, "candidates": results},
        "formula": f"所需赞成票 = ⌈{attending} × {fmt(threshold.fraction)}⌉ = {needed}",
    }


register(Calculator(
    id="zhejiang-committee-vote",
    title="浙江 · 评委会组成与投票表决",
    summary="核对出席专家人数和专业审议组人数，计算“出席委员三分之二以上赞成票”所需票数，并判定每位申报人是否通过。",
    documents=(DOC,),
    clauses=((DOC, "s3-3-3"), (DOC, "s4-2"), (DOC, "s4-3-6")),
    inputs=vote_inputs,
    compute=vote,
))


# --- 4. expert pool --------------------------------------------------------------------

def add_years(day: dt.date, years: int) -> dt.date:
    """The same month and day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def pool_inputs(p: Params) -> list[Field]:
    return [
        Field("as_of", "核对日期", "date", help="按哪一天核对任职年限，如专家库组建或调整之日。"),
        Field("senior_date", "取得高级职称（含副高级）的日期", "date", required=False,
              help="首次取得高级工程师等高级职称的日期。"),
        Field("full_senior_date", "取得正高级职称的日期", "date", required=False),
        Field("pool_size", "专家库人数", "integer", required=False, min=0, max=bounds.HEADCOUNT, unit="人"),
    ]


def pool(values: dict[str, Any], p: Params, ex: Explain) -> dict[str, Any]:
    senior_years = p(DOC, "pool-senior-years")
    full_years = p(DOC, "pool-fullsenior-years")
    size_min = p(DOC, "pool-size-min")
    as_of = values["as_of"]
    senior, full = values["senior_date"], values["full_senior_date"]
    problems = []
    for name, day in (("senior_date", senior), ("full_senior_date", full)):
        if day is not None and day > as_of:
            problems.append({"field": name, "message": "取得日期晚于核对日期"})
    if senior is None and full is None:
        problems.append({"field": "senior_date", "message": "请至少填写一个职称取得日期"})
    if problems:
        raise InputProblem(problems)

    ex.reading(senior_years)
    eligible = []
    senior_from = senior or full
    if senior is None and full is not None:
        ex.info("未填取得高级职称的日期，以取得正高级职称之日计算具有高级职称的年限（实际年限可能更长）。",
                senior_years)
    since = add_years(senior_from, senior_years.integer)
    ok = since <= as_of
    ex.check(ok, f"高级工程师专家库：具有高级职称自 {fmt(senior_from)} 起，"
                 f"{'已' if ok else '未'}满{senior_years.integer}年（{fmt(since)} 满{senior_years.integer}年）。",
             senior_years)
    if ok:
        eligible.append("高级工程师专家库")
    if full is not None:
        since_full = add_years(full, full_years.integer)
        ok_full = since_full <= as_of
        n = full_years.integer
        ex.check(ok_full, f"正高级工程师专家库：具有正高级职称自 {fmt(full)} 起，"
                          f"{'已' if ok_full else '未'}满{n}年（{fmt(since_full)} 满{n}年）。", full_years)
        if ok_full:
            eligible.append("正高级工程师专家库")
    else:
        ex.info("正高级工程师专家库：须具有正高级职称；未填取得正高级职称的日期，未核对。", full_years)
    ex.info("专家还须具有良好的职业道德和较高的业务素质等（本计算器只核对任职年限）。",
            (DOC, "s3-3-2"))
    size_ok = None
    if values["pool_size"] is not None:
        size_ok = ex.check(values["pool_size"] >= size_min.integer,
                           f"专家库 {values['pool_size']} 人，"
                           f"{'符合' if values['pool_size'] >= size_min.integer else '不足'}"
                           f"“{size_min.integer}人以上”。", size_min)
    text = "可入选：" + "、".join(eligible) if eligible else "任职年限不足，暂不能入选专家库"
    if size_ok is False:
        text += f"；但专家库 {values['pool_size']} 人，不足{size_min.integer}人"
    return {
        "outcome": {"code": "eligible" if eligible else "not-eligible", "text": text,
                    "passed": bool(eligible)},
        "values": {"eligible_pools": eligible, "pool_size_ok": size_ok},
    }


register(Calculator(
    id="zhejiang-expert-pool",
    title="浙江 · 评审专家库入库年限",
    summary="按具有高级、正高级职称的年限核对专家能否进入相应评审专家库，并核对专家库人数。",
    documents=(DOC,),
    clauses=((DOC, "s3-3-2"),),
    inputs=pool_inputs,
    compute=pool,
))


# --- 5. sanctions (第十七条 violations) --------------------------------------------------

def sanction_inputs(p: Params) -> list[Field]:
    return [
        Field("violation_year", "发生第十七条情形、被取消评审资格的年度", "integer",
              min=bounds.YEAR_MIN, max=bounds.YEAR_MAX),
        Field("intended_year", "拟申报年度", "integer", required=False, min=bounds.YEAR_MIN,
              max=bounds.YEAR_MAX),
    ]


def sanction(values: dict[str, Any], p: Params, ex: Explain) -> dict[str, Any]:
    years = p(DOC, "sanction-years")
    year = int(values["violation_year"])
    barred = list(range(year + 1, year + 1 + years.integer))
    first = year + 1 + years.integer
    ex.info(f"{year} 年：申报材料退回，取消当年评审资格。", years)
    ex.info(f"“从次年起{years.integer}年内不得申报”：{barred[0]}–{barred[-1]} 年不得申报，"
            f"{first} 年起可再次申报。", years)
    ex.reading(years)
    ex.info("《评价条件（试行）》第十七条所列情形未随本方案提供，本计算器不判断是否构成该情形。",
            (DOC, "s4-4-2"))
    allowed = None
    if values["intended_year"] is not None:
        target = int(values["intended_year"])
        allowed = target >= first
        ex.check(allowed, f"拟于 {target} 年申报：{'可以申报' if allowed else '在限制期内，不得申报'}。",
                 years)
    text = f"{barred[0]}–{barred[-1]} 年不得申报，{first} 年起可再次申报"
    return {
        "outcome": {"code": "barred", "text": text, "passed": allowed},
        "values": {"barred_years": barred, "first_year_allowed": first, "intended_allowed": allowed},
    }


register(Calculator(
    id="zhejiang-sanction",
    title="浙江 · 违纪申报限制期",
    summary="对构成《评价条件（试行）》第十七条情形的申报对象，计算不得申报的年度和可再次申报的年度。",
    documents=(DOC,),
    clauses=((DOC, "s4-4-2"),),
    inputs=sanction_inputs,
    compute=sanction,
))
