"""policy_data/holidays/: the State Council's schedules as data, checked against the notices' words
and against chinese-calendar for the years both cover."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from helpers.data import edit, errors_of

from calckit.params import Params
from calckit.workdays import HolidayCalendar
from calculators import run
from handbook.loader import load_handbook

from conftest import ROOT

HOLIDAYS = "holidays/2025.yaml"


def test_every_day_agrees_with_chinese_calendar(params):
    cal = HolidayCalendar.of(Params(params))
    low, high = 2004, max(d.year for d in chinese_calendar.holidays)
    years = [y for y in cal.years if low <= y <= high]
    assert years, "no year in common with chinese-calendar"
    differences = []
    for year in years:
        day = dt.date(year, 1, 1)
        while day.year == year:
            if cal.is_workday(day, "x") != chinese_calendar.is_workday(day):
                differences.append(day.isoformat())
            day += dt.timedelta(days=1)
    assert not differences


def test_each_year_cites_its_notice():
    handbook = load_handbook(ROOT / "policy_data")
    years = {y.year: y for y in handbook.holidays}
    assert {2023, 2024, 2025, 2026} <= set(years)
    assert years[2025].notice.number == "国办发明电〔2024〕12号"
    for y in years.values():
        assert y.notice.title == f"国务院办公厅关于{y.year}年部分节假日安排的通知"
        assert y.notice.date.year == y.year - 1


def test_a_year_without_data_is_a_field_message_naming_it(params):
    result = run("workday-deadlines", {"rule": "yangcheng-junior-title:publicity-days", "mode": "check",
                                       "start": "2027-01-04", "end": "2027-01-11"}, params)
    assert not result["ok"] and not result.get("internal")
    [error] = result["errors"]
    assert error["field"] == "end"
    assert error["message"].startswith("2027年节假日安排尚未录入本站数据")
    assert "policy_data/holidays/" in error["message"] and "2027.yaml" in error["message"]


def test_adding_a_year_makes_it_computable(data_copy, params):
    """Staff add next year's file (here a made-up one-line stand-in, not the real 2027 notice);
    the next build computes that year with no code change."""
    head = (data_copy / "holidays/2026.yaml").read_text("utf-8").split("festivals:")[0]
    head = head.replace("year: 2026", "year: 2027").replace("2026年", "2027年").replace("2025-11-04", "2026-11-04")
    (data_copy / "holidays/2027.yaml").write_text(
        head + "festivals:\n  - name: 元旦\n    text: 一、元旦：1月1日放假。\n"
               "    off: {first: 2027-01-01, last: 2027-01-01}\n", "utf-8")
    handbook = load_handbook(data_copy)
    from handbook.export import calculator_params

    result = run("workday-deadlines", {"rule": "yangcheng-junior-title:publicity-days", "mode": "end",
                                       "start": "2026-12-31"}, calculator_params(handbook))
    # 12-31 Thu (1), 01-01 off, 01-04 Mon (2) … 01-07 Thu (5)
    assert result["ok"], result
    assert result["values"]["earliest_end"] == "2027-01-07"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("off: {first: 2025-01-28, last: 2025-02-04}", "off: {first: 2025-01-28, last: 2025-02-05}",
     "原文“共8天”，而日期范围为 9 天"),
    ("work: [2025-01-26, 2025-02-08]", "work: [2025-01-27, 2025-02-08]", "调休上班日 2025-01-27 不是周末"),
    ("work: [2025-09-28, 2025-10-11]", "work: [2025-09-27, 2025-10-11]", "调休上班日 9月27日 未见于通知原文"),
    ("off: {first: 2025-04-04, last: 2025-04-06}", "off: {first: 2025-04-03, last: 2025-04-05}",
     "放假开始日期 4月3日 未见于通知原文"),
    ("year: 2025", "year: 2024", "年份 2024 应与文件名“2025.yaml”一致"),
    ("  date: 2024-11-12", "  date: 2024-11-31", "应为日期"),
])
def test_a_typo_is_located_against_the_notice(data_copy, old, new, message):
    line = edit(data_copy, HOLIDAYS, old, new)
    msg = errors_of(data_copy)
    assert f"policy_data/{HOLIDAYS}:" in msg and message in msg, msg
    assert f"{HOLIDAYS}:{line}:" in msg or "year" in old, msg


def test_the_page_cites_each_notice_and_marks_every_day(site_dir):
    html = (site_dir / "overview/holidays/index.html").read_text("utf-8")
    for year, number in ((2023, "国办发明电〔2022〕16号"), (2024, "国办发明电〔2023〕7号"),
                         (2025, "国办发明电〔2024〕12号")):
        assert f'id="y{year}"' in html and number in html
    assert "二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。" in html
    # 2025: 1 + 8 + 3 + 5 + 3 + 8 = 28 days off; 调休上班 1-26, 2-8, 4-27, 9-28, 10-11
    section = html[html.index('id="y2025"'):html.index('id="y2026"')]
    assert section.count('class="hd-off"') == 28
    assert section.count('class="hd-work"') == 5
