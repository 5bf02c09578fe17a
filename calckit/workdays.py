"""Working days (工作日) from the State Council's yearly holiday notices.

The schedule is policy data (``policy_data/holidays/<year>.yaml``, one file a year,
transcribed from 国务院办公厅关于<year>年部分节假日安排的通知), passed in with the
parameters as ``params["holidays"]``. A date in a year with no file is a field
error naming the year, never a guess: a notice can move any day.

Every loop here walks day by day inside the years the data covers and stops with
:class:`OutOfData` at the first day outside them, so no input can make it run long.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from .params import Params
from .registry import OutOfData

ONE_DAY = dt.timedelta(days=1)
WEEKDAYS = "一二三四五六日"

WORKDAY, WEEKEND, HOLIDAY, MAKEUP = "workday", "weekend", "holiday", "makeup"


@dataclass(frozen=True)
class Day:
    """One calendar day as the notice makes it: what kind of day, and which festival."""

    date: dt.date
    kind: str            # workday | weekend | holiday | makeup (调休上班)
    festival: str = ""

    @property
    def is_workday(self) -> bool:
        return self.kind in (WORKDAY, MAKEUP)

    @property
    def label(self) -> str:
        """工作日 / 周末 / 春节 / 调休上班 — what the day is, in a word."""
        return {WORKDAY: "工作日", WEEKEND: "周末", HOLIDAY: self.festival or "放假",
                MAKEUP: "调休上班"}[self.kind]

    def describe(self) -> str:
        """``10月1日（周二，国庆节）`` or ``9月29日（周日，调休上班）``."""
        extra = f"，{self.label}" if self.kind in (HOLIDAY, MAKEUP) else ""
        return f"{self.date.month}月{self.date.day}日（周{WEEKDAYS[self.date.weekday()]}{extra}）"


class HolidayCalendar:
    """The published schedules, by year."""

    def __init__(self, years: dict[str, Any]):
        self._years = {int(y): data for y, data in (years or {}).items()}

    @classmethod
    def of(cls, p: Params) -> HolidayCalendar:
        return cls(p.data.get("holidays") or {})

    @property
    def years(self) -> list[int]:
        return sorted(self._years)

    def span(self) -> str:
        """``2023–2026 年`` (or the years one by one when there is a gap)."""
        ys = self.years
        if not ys:
            return "无"
        if ys == list(range(ys[0], ys[-1] + 1)):
            return f"{ys[0]}–{ys[-1]} 年" if len(ys) > 1 else f"{ys[0]} 年"
        return "、".join(map(str, ys)) + " 年"

    def notice(self, year: int) -> dict[str, Any] | None:
        data = self._years.get(year)
        return data["notice"] if data else None

    def missing_message(self, year: int) -> str:
        return (f"{year}年节假日安排尚未录入本站数据（现有 {self.span()}），无法可靠计算工作日；"
                f"国务院办公厅发布{year}年放假通知后，由网站维护人员在 policy_data/holidays/ 中添加 {year}.yaml 即可")

    def day(self, date: dt.date, field: str) -> Day:
        data = self._years.get(date.year)
        if data is None:
            raise OutOfData(field, self.missing_message(date.year))
        key = date.isoformat()
        if key in data["work"]:
            return Day(date, MAKEUP, data["work"][key])
        if key in data["off"]:
            return Day(date, HOLIDAY, data["off"][key])
        return Day(date, WEEKEND if date.weekday() >= calendar.SATURDAY else WORKDAY)

    def is_workday(self, date: dt.date, field: str) -> bool:
        return self.day(date, field).is_workday

    def days(self, first: dt.date, last: dt.date, field: str) -> list[Day]:
        """Every day from ``first`` to ``last``, both included."""
        out, date = [], first
        while date <= last:
            out.append(self.day(date, field))
            date = _next(date, field)
        return out

    def count_workdays(self, first: dt.date, last: dt.date, field: str) -> int:
        """Working days from ``first`` to ``last``, both included."""
        return sum(d.is_workday for d in self.days(first, last, field))

    def nth_workday_after(self, start: dt.date, n: int, include_start: bool, field: str) -> dt.date:
        """The day on which ``n`` working days are complete, counting from ``start``.

        With ``include_start`` the start day counts if it is a working day; otherwise
        counting begins the next day (民法典 第二百零一条).
        """
        count = 1 if include_start and self.is_workday(start, field) else 0
        date = start
        while count < n:
            date = _next(date, field)
            count += self.is_workday(date, field)
        return date

    def nth_workday_before(self, date: dt.date, n: int, field: str) -> dt.date:
        """Counting back from the day before ``date``, the ``n``-th working day."""
        count = 0
        while count < n:
            date = _previous(date, field)
            count += self.is_workday(date, field)
        return date


def _next(date: dt.date, field: str) -> dt.date:
    try:
        return date + ONE_DAY
    except OverflowError:
        raise OutOfData(field, "日期超出可计算的范围") from None


def _previous(date: dt.date, field: str) -> dt.date:
    try:
        return date - ONE_DAY
    except OverflowError:
        raise OutOfData(field, "日期超出可计算的范围") from None
