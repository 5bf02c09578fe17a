"""Working days (工作日) from China's published holiday arrangements.

Statutory holidays and the weekend days declared working days (调休上班) come
from the ``chinese-calendar`` package, which is updated after each year's State
Council notice. A date outside its years is an error, never a guess.
"""

from __future__ import annotations

import calendar
import datetime as dt

from .registry import OutOfData

try:
    import chinese_calendar as _cc
except ImportError:  # pragma: no cover - reported when used (is_workday says so)
    _cc = None

ONE_DAY = dt.timedelta(days=1)
HOLIDAY_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节", "Anti-Fascist 70th Day": "中国人民抗日战争胜利70周年纪念日",
}
WEEKDAYS = "一二三四五六日"


def data_years() -> tuple[int, int]:
    if _cc is None:
        return (0, -1)
    years = [d.year for d in _cc.holidays] + [d.year for d in _cc.workdays]
    return min(years), max(years)


def is_workday(day: dt.date, field: str) -> bool:
    if _cc is None:
        raise OutOfData(field, "节假日数据（chinese-calendar）未能加载，无法计算工作日")
    try:
        return _cc.is_workday(day)
    except NotImplementedError:
        low, high = data_years()
        raise OutOfData(field, f"{day.year}年的法定节假日和调休安排不在本站数据中（现有 {low}–{high} 年），"
                               "无法可靠计算工作日") from None


def describe_day(day: dt.date) -> str:
    """``10月1日（周二，国庆节）`` or ``9月29日（周日，调休上班）``."""
    label = f"{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}"
    if _cc is not None:
        holiday, name = _cc.get_holiday_detail(day)
        if holiday and name:
            label += f"，{HOLIDAY_NAMES.get(name, name)}"
        elif not holiday and day.weekday() >= calendar.SATURDAY:
            label += "，调休上班"
    return label + "）"


def count_workdays(first: dt.date, last: dt.date, field: str) -> int:
    """Working days from ``first`` to ``last``, both included."""
    count, day = 0, first
    while day <= last:
        count += is_workday(day, field)
        day += ONE_DAY
    return count


def nth_workday_after(start: dt.date, n: int, include_start: bool, field: str) -> dt.date:
    """The day on which ``n`` working days are complete, counting from ``start``.

    With ``include_start`` the start day counts if it is a working day; otherwise
    counting begins the next day (民法典 第二百零一条).
    """
    count = 1 if include_start and is_workday(start, field) else 0
    day = start
    while count < n:
        day += ONE_DAY
        count += is_workday(day, field)
    return day


def nth_workday_before(day: dt.date, n: int, field: str) -> dt.date:
    """Counting back from the day before ``day``, the ``n``-th working day."""
    count = 0
    while count < n:
        day -= ONE_DAY
        count += is_workday(day, field)
    return day


def special_days(first: dt.date, last: dt.date) -> tuple[list[dt.date], list[dt.date]]:
    """(holidays on weekdays or weekends named by the notice, 调休 working weekend days)."""
    holidays, makeup = [], []
    day = first
    while _cc is not None and day <= last:
        is_holiday, name = _cc.get_holiday_detail(day)
        if is_holiday and name:
            holidays.append(day)
        elif not is_holiday and day.weekday() >= calendar.SATURDAY:
            makeup.append(day)
        day += ONE_DAY
    return holidays, makeup
