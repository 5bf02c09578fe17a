"""7. Working-day deadlines: “公示不少于N个工作日”, “提前N个工作日报告”.

The rules offered are every parameter in the data whose unit is 个工作日, so a
new document's publicity period appears here without code changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import workdays as wd
from .explain import Explain, InputProblem, fmt
from .fields import Field
from .params import Param, Params
from .registry import Calculator, OutOfData, register

MODES = (("end", "公示期：从开始日期算出最早结束日期"),
         ("check", "公示期：核对已定的起止日期是否足够"),
         ("latest_start", "公示期：须在某日之前结束，最晚何时开始"),
         ("report", "提前报告：会议日期之前最晚何日报告"))


def workday_rules(p: Params) -> list[Param]:
    rules = []
    for doc in p.data["documents"]:
        rules.extend(x for x in p.in_document(doc) if x.unit == "个工作日")
    return rules


def rule_choices(p: Params) -> tuple[tuple[str, str], ...]:
    return tuple((f"{r.doc}:{r.id}", f"{p.title(r.doc)} · {r.label}（{r.quote}）")
                 for r in workday_rules(p))


def inputs(p: Params) -> list[Field]:
    return [
        Field("rule", "适用的规定", "choice", choices=rule_choices(p)),
        Field("mode", "要计算什么", "choice", choices=MODES, default="end"),
        Field("start", "开始日期", "date", required=False, help="公示张贴或发布之日。"),
        Field("end", "结束日期", "date", required=False, help="核对模式：公示的最后一日。"),
        Field("deadline", "须在此日之前结束", "date", required=False,
              help="如阳城“报送时间”中本单位提交申报材料之日：公示应在此前完成。"),
        Field("meeting", "会议（评审）日期", "date", required=False),
        Field("count_start_day", "开始当日计入", "yesno", required=False, default=False,
              help="默认不计入（《民法典》第二百零一条）。如当地惯例计入，可改为“是”。"),
    ]


def _need(values: dict[str, Any], *names: str) -> None:
    missing = [{"field": n, "message": "此项计算需要填写该日期"} for n in names if values[n] is None]
    if missing:
        raise InputProblem(missing)


def _specials(ex: Explain, first: dt.date, last: dt.date, ref: Param) -> None:
    holidays, makeup = wd.special_days(first, last)
    if holidays:
        ex.info("期间的法定节假日（不计入工作日）：" + "、".join(map(wd.describe_day, holidays)) + "。",
                ref)
    if makeup:
        ex.info("期间调休上班的周末（计入工作日）：" + "、".join(map(wd.describe_day, makeup)) + "。",
                ref)


def compute(values: dict[str, Any], p: Params, ex: Explain) -> dict[str, Any]:
    doc, pid = values["rule"].split(":", 1)
    rule = p(doc, pid)
    n = rule.integer
    mode = values["mode"] or "end"
    include = bool(values["count_start_day"])
    ex.info(f"规定：“{rule.quote}”，即至少 {n} 个工作日。", rule)
    ex.reading(rule)
    out: dict[str, Any]

    if mode in ("end", "check", "latest_start"):
        ex.reading(rule, "period-start-excluded")
        ex.info("开始当日" + ("计入（按所选）。" if include else "不计入，自下一日起算。"), rule)
    if mode == "end":
        _need(values, "start")
        start = values["start"]
        end = wd.nth_workday_after(start, n, include, "start")
        _specials(ex, start, end, rule)
        ex.info(f"自 {fmt(start)} 起，第 {n} 个工作日为 {wd.describe_day(end)}。", rule)
        out = {"outcome": {"code": "end", "text": f"公示最早可于 {fmt(end)} 期满（该日结束后）"},
               "values": {"start": start, "earliest_end": end, "workdays": n}}
    elif mode == "check":
        _need(values, "start", "end")
        start, end = values["start"], values["end"]
        if end < start:
            raise InputProblem([{"field": "end", "message": "结束日期早于开始日期"}])
        first = start if include else start + wd.ONE_DAY
        count = wd.count_workdays(first, end, "end") if first <= end else 0
        earliest = wd.nth_workday_after(start, n, include, "end")
        _specials(ex, first, max(end, earliest), rule)
        ok = ex.check(count >= n, f"{fmt(start)} 至 {fmt(end)} 计 {count} 个工作日，"
                                  f"{'满足' if count >= n else '不足'}“{rule.quote}”。", rule)
        out = {"outcome": {"code": "complies" if ok else "too-short", "passed": ok,
                           "text": f"公示期 {count} 个工作日，" + ("符合规定" if ok else
                                   f"不足 {n} 个工作日，最早应到 {fmt(earliest)} 期满")},
               "values": {"start": start, "end": end, "workdays": count, "required": n,
                          "earliest_end": earliest}}
    elif mode == "latest_start":
        _need(values, "deadline")
        deadline = values["deadline"]
        last_day = deadline - wd.ONE_DAY
        start = last_day
        # walk back until a start that completes by last_day, then keep the latest such start
        while wd.nth_workday_after(start, n, include, "deadline") > last_day:
            start -= wd.ONE_DAY
        end = wd.nth_workday_after(start, n, include, "deadline")
        _specials(ex, start, last_day, rule)
        ex.info(f"公示须在 {fmt(deadline)} 之前完成；最晚 {fmt(start)} 开始，"
                f"{fmt(end)} 期满。", rule)
        out = {"outcome": {"code": "latest-start", "text": f"最晚应于 {fmt(start)} 开始公示"},
               "values": {"deadline": deadline, "latest_start": start, "end": end,
                          "workdays": n}}
    else:
        _need(values, "meeting")
        meeting = values["meeting"]
        ex.reading(rule, "advance-workdays")
        latest = wd.nth_workday_before(meeting, n, "meeting")
        _specials(ex, latest, meeting, rule)
        ex.info(f"从 {fmt(meeting)} 的前一日起向前数 {n} 个工作日，到 {wd.describe_day(latest)}。",
                rule)
        out = {"outcome": {"code": "report-by", "text": f"最晚应于 {fmt(latest)} 报告"},
               "values": {"meeting": meeting, "latest_report": latest, "workdays": n}}
    low, high = wd.data_years()
    ex.info(f"节假日和调休依据国务院办公厅每年的放假通知（数据覆盖 {low}–{high} 年）。")
    return out


def _guard(values: dict[str, Any], p: Params, ex: Explain) -> dict[str, Any]:
    try:
        return compute(values, p, ex)
    except OverflowError:
        raise OutOfData("start", "日期超出可计算的范围") from None


register(Calculator(
    id="workday-deadlines",
    title="工作日期限（公示期、提前报告）",
    summary="按法定节假日和调休安排计算“不少于N个工作日”的公示期满日、核对公示期、倒推最晚开始日和“提前N个工作日”的最晚报告日。",
    documents=("zhejiang-senior-title", "yangcheng-junior-title"),
    clauses=(("zhejiang-senior-title", "s4-3-2"), ("zhejiang-senior-title", "s4-3-5"),
             ("zhejiang-senior-title", "s4-3-7"), ("yangcheng-junior-title", "s5-1"),
             ("yangcheng-junior-title", "s5-3-time")),
    inputs=inputs,
    compute=_guard,
    packages=("chinese-calendar",),
))
