"""11. The procedure planner: a notice's steps put in order with dates, and a calendar file.

The steps are data (``procedures`` in a document's YAML, see :class:`handbook.schema.Procedure`):
each names its clause and, where the notice sets one, its time limit as a parameter. The
planner works **back** from the date the reader knows (the anchor: 报送之日, 评审会议) to the
latest date of each step before it, or **forward** from a start to the earliest date of each
step; steps after the anchor always run forward from it. Working days come from the holiday data
(:mod:`calckit.workdays`); a date outside it is a field error naming the year, never a guess.

A step the notice sets no time limit for takes no time unless the reader reserves working days
for it: its date is then a bound (不晚于 / 最早), said so in words. A period starts on a working
day and its first day counts (reading ``publicity-period-dates``, as the deadlines calculator).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from calckit import bounds
from calckit.explain import Explain, InputProblem, fmt
from calckit.fields import Field
from calckit.ics import Event, calendar
from calckit.params import Params
from calckit.registry import Calculator, register
from calckit.registry import notice as notice_of
from calckit.workdays import ONE_DAY, Day, HolidayCalendar

DIRECTIONS = (("backward", "倒推：已知报送日或会议日，求各步骤最晚日期"),
              ("forward", "顺推：已知开始日期，求各步骤最早日期"))
RESERVE_MAX = 60   # working days reserved for a step with no stated limit: a quarter of a year
DATE_BOUNDS = {"min": bounds.DATE_MIN, "max": bounds.DATE_MAX}


def procedures(p: Params) -> list[tuple[str, dict[str, Any]]]:
    """Every procedure of every document's current version, as (doc, procedure)."""
    out = []
    for doc, entry in p.data["documents"].items():
        for proc in (entry.get("procedures") or []) if isinstance(entry, dict) else []:
            out.append((doc, proc))
    return out


def procedure_choices(p: Params) -> tuple[tuple[str, str], ...]:
    return tuple((f"{doc}:{proc['id']}", f"{p.data['documents'][doc].get('name') or doc} · "
                  f"{proc['title']}（{proc['who']}）") for doc, proc in procedures(p))


def inputs(p: Params) -> list[Field]:
    return [
        Field("procedure", "流程", "choice", choices=procedure_choices(p)),
        Field("direction", "怎样推算", "choice", choices=DIRECTIONS, default="backward"),
        Field("anchor_date", "报送日或会议日", "date", required=False, **DATE_BOUNDS,
              help="倒推时填写：阳城为单位报送申报材料之日；浙江申报推荐为报送评审委员会办公室之日，评审实施为评审会议日期。"),
        Field("start", "开始日期", "date", required=False, **DATE_BOUNDS,
              help="顺推时填写：第一个步骤开始之日。"),
        Field("reserve", "文件未规定时限的步骤各预留", "integer", required=False, default=0,
              min=0, max=RESERVE_MAX, unit="个工作日",
              help="文件未规定这些步骤的时限。默认不预留：其日期只是界限（倒推为“不晚于”，顺推为“最早”）。"),
    ]


class _Plan:
    """The dates of one procedure, step by step, in either direction."""

    def __init__(self, p: Params, doc: str, proc: dict[str, Any], reserve: int, field: str):
        self.p, self.doc, self.proc, self.reserve, self.field = p, doc, proc, reserve, field
        self.cal = HolidayCalendar.of(p)
        self.steps = proc["steps"]
        self.index = {s["id"]: i for i, s in enumerate(self.steps)}
        self.anchor = self.index[proc["anchor"]]
        self.dates: dict[str, tuple[dt.date, dt.date]] = {}
        self.bound: dict[str, str] = {}     # step id → 不晚于 / 最早 for a step that takes no time

    # --- days ----------------------------------------------------------------------------
    def workday_on_or_after(self, d: dt.date) -> dt.date:
        while not self.cal.is_workday(d, self.field):
            d += ONE_DAY
        return d

    def workday_after(self, d: dt.date) -> dt.date:
        return self.workday_on_or_after(d + ONE_DAY)

    def workday_before(self, d: dt.date) -> dt.date:
        return self.cal.nth_workday_before(d, 1, self.field)

    def length(self, step: dict[str, Any]) -> tuple[int, bool] | None:
        """(days, working days?) a step lasts at least, or None for a step that takes no time."""
        if step.get("period"):
            param = self.p(self.doc, step["period"])
            return param.integer, param.unit == "个工作日"
        if step.get("window") or step.get("lead") or step["id"] == self.proc["anchor"]:
            return None
        return (self.reserve, True) if self.reserve else None

    def forward_span(self, first: dt.date, n: int, working: bool) -> tuple[dt.date, dt.date]:
        if working:
            first = self.workday_on_or_after(first)
            return first, self.cal.nth_workday_after(first, n, True, self.field)
        return first, first + dt.timedelta(days=n - 1)

    def backward_span(self, before: dt.date, n: int, working: bool) -> tuple[dt.date, dt.date]:
        """The latest span of ``n`` days that ends before the day ``before``."""
        if working:
            last = self.workday_before(before)
            return self.cal.nth_workday_before(last + ONE_DAY, n, self.field), last
        last = before - ONE_DAY
        return last - dt.timedelta(days=n - 1), last

    # --- directions ----------------------------------------------------------------------
    def forward(self, cursor: dt.date, steps: range) -> None:
        """Each step as early as it can be, from ``cursor`` (the first day it may begin)."""
        not_before: dict[str, dt.date] = {}
        for i in steps:
            step = self.steps[i]
            length = self.length(step)
            if length:
                first, last = self.forward_span(cursor, *length)
                self.dates[step["id"]] = (first, last)
                cursor = self.workday_after(last)
                continue
            day = self.workday_on_or_after(max([cursor, not_before.get(step["id"], cursor)]))
            if step.get("window"):
                opens = self.p(self.doc, step["window"][0]).date
                day = self.workday_on_or_after(max(day, opens))
            self.dates[step["id"]] = (day, day)
            if step.get("lead"):
                # the step it comes before is on a day at least N working days after it
                n = self.p(self.doc, step["lead"]).integer
                target = self.cal.nth_workday_after(day, n, True, self.field) + ONE_DAY
                not_before[step["before"]] = max(target, not_before.get(step["before"], target))
                self.bound[step["id"]] = "最早"
            elif step["id"] == self.proc["anchor"] or step.get("window"):
                cursor = self.workday_after(day)
            else:
                self.bound[step["id"]] = "最早"

    def backward(self, anchor: dt.date) -> None:
        """Each step before the anchor as late as it can be; those after it forward."""
        self.dates[self.proc["anchor"]] = (anchor, anchor)
        cursor = anchor
        for i in range(self.anchor - 1, -1, -1):
            step = self.steps[i]
            length = self.length(step)
            if length:
                first, last = self.backward_span(cursor, *length)
                self.dates[step["id"]] = (first, last)
                cursor = first
                continue
            day = cursor
            if step.get("lead"):
                target = self.dates[step["before"]][0]
                n = self.p(self.doc, step["lead"]).integer
                day = min(day, self.cal.nth_workday_before(target, n, self.field))
            self.dates[step["id"]] = (day, day)
            self.bound[step["id"]] = "不晚于"
            cursor = day
        self.forward(self.workday_after(anchor), range(self.anchor + 1, len(self.steps)))


def _limit_text(p: Params, doc: str, step: dict[str, Any]) -> str:
    for key in ("period", "lead"):
        if step.get(key):
            return f"“{p(doc, step[key]).quote}”"
    if step.get("window"):
        first, last = (p(doc, pid) for pid in step["window"])
        return f"{fmt(first.date)}至{fmt(last.date)}"
    return "文件未规定时限"


def _runs(days: list[Day]) -> list[str]:
    """Consecutive days off of one festival as one run: ``国庆节 10月1日至10月7日``."""
    runs: list[list[Day]] = []
    for d in days:
        if runs and runs[-1][-1].festival == d.festival and (d.date - runs[-1][-1].date).days == 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return [f"{r[0].label} {fmt(r[0].date)}" + (f"至{r[-1].date.month}月{r[-1].date.day}日" if len(r) > 1 else "")
            for r in runs]


def _specials(ex: Explain, days: list[Day], ref: tuple[str, str]) -> None:
    holidays = [d for d in days if d.kind == "holiday"]
    makeup = [d for d in days if d.kind == "makeup"]
    if holidays:
        ex.info("计划期间的法定节假日（不计入工作日）：" + "、".join(_runs(holidays)) + "。", ref)
    if makeup:
        ex.info("计划期间调休上班的周末（计入工作日）：" + "、".join(d.describe() for d in makeup) + "。", ref)


def compute(values: dict[str, Any], p: Params, ex: Explain) -> dict[str, Any]:
    doc, proc_id = values["procedure"].split(":", 1)
    proc = next(pr for d, pr in procedures(p) if d == doc and pr["id"] == proc_id)
    backward = (values["direction"] or "backward") == "backward"
    field = "anchor_date" if backward else "start"
    given = values[field]
    if given is None:
        raise InputProblem([{"field": field, "message": "倒推需要填写此日期" if backward else "顺推需要填写开始日期"}])
    plan = _Plan(p, doc, proc, values["reserve"] or 0, field)
    if backward:
        plan.backward(given)
    else:
        plan.forward(given, range(len(plan.steps)))
    name = p.data["documents"][doc].get("name") or doc
    anchor_step = plan.steps[plan.anchor]
    anchor_day = plan.dates[anchor_step["id"]][0]

    outcome: dict[str, Any]
    window = anchor_step.get("window")
    passed = None
    if window:
        opens, closes = (p(doc, pid) for pid in window)
        passed = ex.check(opens.date <= anchor_day <= closes.date,
                          f"{anchor_step['title']}之日 {fmt(anchor_day)}"
                          f"{'在' if opens.date <= anchor_day <= closes.date else '不在'}"
                          f"规定的报送时间（{fmt(opens.date)}至{fmt(closes.date)}）内。",
                          (doc, anchor_step["clause"]))
    if backward:
        timed = [s for s in plan.steps[:plan.anchor] if s.get("period") or s.get("lead") or plan.length(s)]
        first_limited = timed[0] if timed else None
        text = f"按{proc['anchor_label']} {fmt(given)} 倒推"
        if first_limited:
            day = fmt(plan.dates[first_limited["id"]][0])
            text += (f"：最晚应于 {day} {first_limited['title']}" if first_limited.get("lead")
                     else f"：{first_limited['title']}最晚应于 {day} 开始")
        elif plan.anchor:
            text += f"：文件未规定各步骤的时限，“{anchor_step['title']}”之前的各步骤须在 {fmt(given)} 之前依次完成"
    else:
        text = f"按开始日期 {fmt(given)} 顺推：最早 {fmt(anchor_day)} {anchor_step['title']}"
        if passed is False:
            text += f"，晚于报送截止日 {fmt(p(doc, window[1]).date)}"
    outcome = {"code": "backward" if backward else "forward", "text": text}
    if passed is not None:
        outcome["passed"] = passed

    steps_out = []
    unstated: list[dict[str, Any]] = []
    for i, step in enumerate(plan.steps):
        first, last = plan.dates[step["id"]]
        ref = (doc, step["clause"])
        bound = plan.bound.get(step["id"], "")
        limit = _limit_text(p, doc, step)
        # each step's dates, limit and clause are in the timeline (values.steps); the reasons say how
        # the limits are read, once each
        if step.get("period"):
            ex.reading(p(doc, step["period"]), "publicity-period-dates")
        elif step.get("lead"):
            ex.reading(p(doc, step["lead"]), "advance-workdays")
        elif not step.get("window") and i != plan.anchor:
            unstated.append(step)
        if step.get("note"):
            ex.info(f"编者按：{step['note']}", ref)
        steps_out.append({
            "id": step["id"], "n": i + 1, "title": step["title"], "actor": step["actor"],
            "hands_in": step.get("hands_in", ""), "first": first, "last": last, "bound": bound,
            "limit": limit, "anchor": i == plan.anchor, "before_anchor": i < plan.anchor,
            "clause": step["clause"], "label": p.clause_label(doc, step["clause"]),
            "url": p.clause_url(doc, step["clause"])})

    if unstated:
        reserved = (f"本站按各预留 {plan.reserve} 个工作日安排" if plan.reserve
                    else "本站未预留时间，其日期只是界限（倒推为“不晚于”，顺推为“最早”）")
        ex.info("文件未规定时限的步骤：" + "、".join(s["title"] for s in unstated) + f"；{reserved}。",
                (doc, unstated[0]["clause"]))
    span_first = min(d[0] for d in plan.dates.values())
    span_last = max(d[1] for d in plan.dates.values())
    _specials(ex, plan.cal.days(span_first, span_last, field), ("holidays", f"y{span_first.year}"))
    cited = []
    for y in range(span_first.year, span_last.year + 1):
        notice = plan.cal.notice(y)
        if notice:
            cited.append(f"《{notice['title']}》" + (f"（{notice['number']}）" if notice.get("number") else ""))
    ex.info("节假日和调休依据" + "、".join(cited) + f"（本站数据覆盖 {plan.cal.span()}）。",
            ("holidays", f"y{span_first.year}"))

    version = p.version(doc)
    calendar_name = f"{name} · {proc['title']}"
    uid_base = f"{doc}.{version.get('key', '')}.{proc['id']}"
    events = [Event(uid=f"{uid_base}.{s['id']}", first=s["first"], last=s["last"],
                    summary=f"{s['n']}. {s['title']}{'（' + s['bound'] + '）' if s['bound'] else ''}",
                    description="\n".join(x for x in (
                        f"办理：{s['actor']}", f"材料：{s['hands_in']}" if s["hands_in"] else "",
                        f"时限：{s['limit']}", f"依据：{s['label']}",
                        f"《{version.get('doc_title') or p.title(doc)}》{version.get('number') or ''}",
                        "仅供自查，以评审机构审核为准") if x))
              for s in steps_out]
    # a result depends on its inputs only (the same in CPython, Pyodide and a restored snapshot):
    # the file is stamped with the plan's first day; the page stamps the download with its own time
    ics = calendar(calendar_name, events, dt.datetime.combine(span_first, dt.time(), dt.UTC))
    # the notice the plan rests on, with its status on the build date: an old round's dates are said to be old
    return {"outcome": outcome, "notice": notice_of(doc, p),
            "values": {"procedure": values["procedure"], "direction": "backward" if backward else "forward",
                       "anchor": anchor_day, "steps": steps_out, "first": span_first, "last": span_last,
                       "calendar_name": calendar_name, "ics": ics,
                       "ics_file": f"{name}-{proc['title']}-日程.ics"}}


register(Calculator(
    id="procedure-plan",
    title="申报流程日程（倒推、顺推与日历文件）",
    summary="把通知规定的申报、公示、报送、评审步骤按顺序排出日期：从报送日或会议日倒推各步骤最晚日期，"
            "或从开始日期顺推最早日期，按放假调休安排计算工作日，并可导出日历文件（.ics）。",
    documents=("yangcheng-junior-title", "zhejiang-senior-title"),
    clauses=(("yangcheng-junior-title", "s4"), ("yangcheng-junior-title", "s5-1"),
             ("yangcheng-junior-title", "s5-3-time"), ("zhejiang-senior-title", "s4-3"),
             ("xinzhou-annual-assessment", "s4"), ("xinzhou-annual-assessment", "s6")),
    inputs=inputs,
    compute=compute,
))
