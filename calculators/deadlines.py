"""7. Working-day deadlines: “公示不少于N个工作日”, “提前N个工作日报告”.

The rules offered are every parameter in the data whose unit is 个工作日, so a
new document's publicity period appears here without code changes. Holidays and
调休 come from ``policy_data/holidays/`` (see :mod:`calckit.workdays`).

A 公示 is stated by its dates (公示期 X月X日至X月X日), so by default the day it is
posted counts (reading ``publicity-period-dates``); the result also gives what the
other reading (民法典 第二百零一条, start day excluded) would give.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from calckit import workdays as wd
from calckit.explain import Explain, InputProblem, fmt
from calckit.fields import Field
from calckit.params import Param, Params
from calckit.registry import Calculator, register
from calckit.workdays import Day, HolidayCalendar

MODES = (("end", "公示期：从开始日期算出最早结束日期"),
         ("check", "公示期：核对已定的起止日期是否足够"),
         ("latest_start", "公示期：须在某日之前结束，最晚何时开始"),
         ("report", "提前报告：会议日期之前最晚何日报告"))
DATE_BOUNDS = {"min": "1900-01-01", "max": "2100-12-31"}


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
        Field("start", "开始日期", "date", required=False, help="公示张贴或发布之日。", **DATE_BOUNDS),
        Field("end", "结束日期", "date", required=False, help="核对模式：公示的最后一日。", **DATE_BOUNDS),
        Field("deadline", "须在此日之前结束", "date", required=False, **DATE_BOUNDS,
              help="如阳城“报送时间”中本单位提交申报材料之日：公示应在此前完成。"),
        Field("meeting", "会议（评审）日期", "date", required=False, **DATE_BOUNDS),
        Field("count_start_day", "公示开始当日计入公示期", "yesno", required=False, default=True,
              help="默认计入：公示期以起止日期写明，张贴当日即在公示期内。"
                   "选“否”则按《民法典》第二百零一条，自次日起算。"),
    ]


def _need(values: dict[str, Any], *names: str) -> None:
    missing = [{"field": n, "message": "此项计算需要填写该日期"} for n in names if values[n] is None]
    if missing:
        raise InputProblem(missing)


def _day_rows(days: list[Day], counted_from: dt.date | None) -> list[dict[str, Any]]:
    """The days of a period one by one, with the running count of working days."""
    rows, n = [], 0
    for d in days:
        counted = d.is_workday and (counted_from is None or d.date >= counted_from)
        n += counted
        rows.append({"date": d.date, "weekday": f"周{wd.WEEKDAYS[d.date.weekday()]}",
                     "label": d.label, "counted": counted, "n": n if counted else None})
    return rows


def _specials(ex: Explain, days: list[Day], ref: Param) -> None:
    holidays = [d for d in days if d.kind == "holiday"]
    makeup = [d for d in days if d.kind == "makeup"]
    if holidays:
        ex.info("期间的法定节假日（不计入工作日）：" + "、".join(d.describe() for d in holidays) + "。", ref)
    if makeup:
        ex.info("期间调休上班的周末（计入工作日）：" + "、".join(d.describe() for d in makeup) + "。", ref)


def _start_rule(include: bool) -> str:
    return ("公示开始当日计入公示期（公示期以起止日期写明）" if include
            else "公示开始当日不计入，自次日起算（《民法典》第二百零一条）")


def compute(values: dict[str, Any], p: Params, ex: Explain) -> dict[str, Any]:
    cal = HolidayCalendar.of(p)
    doc, pid = values["rule"].split(":", 1)
    rule = p(doc, pid)
    n = rule.integer
    mode = values["mode"] or "end"
    include = bool(values["count_start_day"])
    ex.info(f"规定：“{rule.quote}”，即至少 {n} 个工作日。", rule)
    ex.reading(rule)
    out: dict[str, Any]

    if mode in ("end", "check", "latest_start"):
        ex.reading(rule, "publicity-period-dates" if include else "period-start-excluded")
        ex.info(f"本次计算：{_start_rule(include)}。", rule)
    if mode == "end":
        _need(values, "start")
        start = values["start"]
        end = cal.nth_workday_after(start, n, include, "start")
        days = cal.days(start, end, "start")
        _specials(ex, days, rule)
        ex.info(f"自 {fmt(start)} 起，第 {n} 个工作日为 {days[-1].describe()}。", rule)
        other = cal.nth_workday_after(start, n, not include, "start")
        if other != end:
            ex.info(f"对照：如{_start_rule(not include)}，最早 {fmt(other)} 期满。", rule)
        out = {"outcome": {"code": "end", "text": f"公示最早可于 {fmt(end)} 期满（该日结束后）"},
               "values": {"start": start, "earliest_end": end, "workdays": n,
                          "days": _day_rows(days, None if include else start + dt.timedelta(days=1))}}
    elif mode == "check":
        _need(values, "start", "end")
        start, end = values["start"], values["end"]
        if end < start:
            raise InputProblem([{"field": "end", "message": "结束日期早于开始日期"}])
        days = cal.days(start, end, "end")
        first_counted = start if include else start + dt.timedelta(days=1)
        rows = _day_rows(days, first_counted)
        count = sum(r["counted"] for r in rows)
        ok = count >= n
        earliest = cal.nth_workday_after(start, n, include, "end")
        ex.check(ok, f"{fmt(start)} 至 {fmt(end)} 计 {count} 个工作日，"
                     f"{'满足' if ok else '不足'}“{rule.quote}”。", rule)
        _specials(ex, days, rule)
        other_first = start + dt.timedelta(days=1) if include else start
        other = sum(d.is_workday for d in days if d.date >= other_first)
        if (other >= n) != ok:
            ex.info(f"对照：如{_start_rule(not include)}，计 {other} 个工作日，"
                    f"{'满足' if other >= n else '不足'}规定。", rule)
        out = {"outcome": {"code": "complies" if ok else "too-short", "passed": ok,
                           "text": f"公示期 {count} 个工作日，" + ("符合规定" if ok else
                                   f"不足 {n} 个工作日，最早应到 {fmt(earliest)} 期满")},
               "values": {"start": start, "end": end, "workdays": count, "required": n,
                          "earliest_end": earliest, "days": rows}}
    elif mode == "latest_start":
        _need(values, "deadline")
        deadline = values["deadline"]
        last_day = deadline - dt.timedelta(days=1)
        start = last_day
        # walk back until a start that completes by last_day (bounded: the calendar
        # raises OutOfData at the first day outside the years it covers)
        while cal.nth_workday_after(start, n, include, "deadline") > last_day:
            start -= dt.timedelta(days=1)
        end = cal.nth_workday_after(start, n, include, "deadline")
        days = cal.days(start, end, "deadline")
        _specials(ex, days, rule)
        ex.info(f"公示须在 {fmt(deadline)} 之前完成；最晚 {fmt(start)} 开始，{fmt(end)} 期满。", rule)
        out = {"outcome": {"code": "latest-start", "text": f"最晚应于 {fmt(start)} 开始公示"},
               "values": {"deadline": deadline, "latest_start": start, "end": end, "workdays": n,
                          "days": _day_rows(days, None if include else start + dt.timedelta(days=1))}}
    else:
        _need(values, "meeting")
        meeting = values["meeting"]
        ex.reading(rule, "advance-workdays")
        latest = cal.nth_workday_before(meeting, n, "meeting")
        days = cal.days(latest, meeting - dt.timedelta(days=1), "meeting")
        _specials(ex, days, rule)
        ex.info(f"从 {fmt(meeting)} 的前一日起向前数 {n} 个工作日，到 {days[0].describe()}。", rule)
        out = {"outcome": {"code": "report-by", "text": f"最晚应于 {fmt(latest)} 报告"},
               "values": {"meeting": meeting, "latest_report": latest, "workdays": n,
                          "days": _day_rows(days, None)}}
    years = sorted({r["date"].year for r in out["values"]["days"]})
    cited = []
    for y in years:
        notice = cal.notice(y)
        if notice:
            cited.append(f"《{notice['title']}》" + (f"（{notice['number']}）" if notice.get("number") else ""))
    ex.info("节假日和调休依据" + "、".join(cited) + f"（本站数据覆盖 {cal.span()}）。",
            ("holidays", f"y{years[0]}"))
    return out


register(Calculator(
    id="workday-deadlines",
    title="工作日期限（公示期、提前报告）",
    summary="按国务院办公厅放假调休安排计算“不少于N个工作日”的公示期满日、核对公示期、倒推最晚开始日和“提前N个工作日”的最晚报告日。",
    documents=("zhejiang-senior-title", "yangcheng-junior-title"),
    clauses=(("zhejiang-senior-title", "s4-3-2"), ("zhejiang-senior-title", "s4-3-5"),
             ("zhejiang-senior-title", "s4-3-7"), ("yangcheng-junior-title", "s5-1"),
             ("yangcheng-junior-title", "s5-3-time")),
    inputs=inputs,
    compute=compute,
))
