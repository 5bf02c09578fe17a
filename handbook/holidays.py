"""Checks of ``policy_data/holidays/<year>.yaml`` that the schema cannot express.

Staff add next year's file the day the State Council's notice appears, by copying
the notice's lines; these checks make a typo in a date show up against the words
of the notice (each date must be named in its line, "共N天" must equal the days
off, a 调休 working day must be a weekend day), with file, path and line.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .schema import HolidayYear
from .yaml_source import SourcedYaml

MAX_DAYS_OFF = 15  # the longest block of days off a notice has given is 8–9 days


def year_days(year: HolidayYear) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    """The year's days off and 调休 working days, each with its festival's name."""
    off: dict[dt.date, str] = {}
    work: dict[dt.date, str] = {}
    for fest in year.festivals:
        day = fest.off.first
        while day <= fest.off.last:
            off[day] = fest.name
            day += dt.timedelta(days=1)
        work.update({d: fest.name for d in fest.work})
    return off, work


def _named(day: dt.date, text: str, *, as_range_end: bool = False) -> bool:
    """Is ``day`` written in ``text`` (``1月28日``, ``2022年12月31日``, or ``至27日`` as a range end)?"""
    if f"{day.month}月{day.day}日" in text:
        return True
    return as_range_end and re.search(rf"至{day.day}日", text) is not None


def _stated_days(text: str) -> int | None:
    m = re.search(r"共(\d+)天", text)
    return int(m[1]) if m else None


def check_holiday_year(year: HolidayYear, src: SourcedYaml, stem: str) -> None:
    if str(year.year) != stem:
        src.errors.append(src.error(("year",), f"年份 {year.year} 应与文件名“{stem}.yaml”一致"))
    seen: dict[dt.date, str] = {}
    for i, fest in enumerate(year.festivals):
        path = ("festivals", i)
        first, last = fest.off.first, fest.off.last
        days = (last - first).days + 1
        if last < first:
            src.errors.append(src.error((*path, "off", "last"), "放假结束日期早于开始日期"))
            continue
        if days > MAX_DAYS_OFF:
            src.errors.append(src.error((*path, "off"), f"放假 {days} 天，超过 {MAX_DAYS_OFF} 天，请核对日期"))
            continue
        if not (year.year - 1 <= first.year and last.year <= year.year):
            src.errors.append(src.error((*path, "off"), f"放假日期不在 {year.year} 年（或跨年的元旦）"))
        if not _named(first, fest.text):
            src.errors.append(src.error((*path, "off", "first"),
                                        f"放假开始日期 {first.month}月{first.day}日 未见于通知原文"))
        if first != last and not _named(last, fest.text, as_range_end=True):
            src.errors.append(src.error((*path, "off", "last"),
                                        f"放假结束日期 {last.month}月{last.day}日 未见于通知原文"))
        stated = _stated_days(fest.text)
        if stated is not None and stated != days:
            src.errors.append(src.error((*path, "off"), f"原文“共{stated}天”，而日期范围为 {days} 天"))
        for d in (first + dt.timedelta(days=k) for k in range(days)):
            if d in seen:
                src.errors.append(src.error((*path, "off"), f"{d.isoformat()} 已列入“{seen[d]}”"))
            seen[d] = fest.name
        for j, w in enumerate(fest.work):
            wpath = (*path, "work", j)
            if w.weekday() < calendar.SATURDAY:
                src.errors.append(src.error(wpath, f"调休上班日 {w.isoformat()} 不是周末（应为周六或周日）"))
            if w.year != year.year:
                src.errors.append(src.error(wpath, f"调休上班日 {w.isoformat()} 不在 {year.year} 年"))
            if not _named(w, fest.text):
                src.errors.append(src.error(wpath, f"调休上班日 {w.month}月{w.day}日 未见于通知原文"))
            if w in seen:
                src.errors.append(src.error(wpath, f"{w.isoformat()} 已列为放假日"))
