"""The procedure planner's calendar file, read by a real parser (``icalendar``), and its folding.

The dates themselves are tested as data in tests/cases/calculators.yaml (CPython and Pyodide).
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from icalendar import Calendar

from calckit.ics import LINE_OCTETS, fold
from calculators import run

PLANS = [
    {"procedure": "yangcheng-junior-title:application", "direction": "backward", "anchor_date": "2024-12-20"},
    {"procedure": "zhejiang-senior-title:review", "direction": "backward", "anchor_date": "2024-10-15"},
    {"procedure": "zhejiang-senior-title:application", "direction": "forward", "start": "2025-01-20",
     "reserve": 3},
]


def plan(params, inputs):
    result = run("procedure-plan", inputs, params)
    assert result["ok"], result
    return result


@pytest.mark.parametrize("inputs", PLANS, ids=lambda i: i["procedure"])
def test_every_step_is_one_all_day_event_with_its_dates(params, inputs):
    result = plan(params, inputs)
    ics = result["values"]["ics"]
    cal = Calendar.from_ical(ics)
    events = cal.walk("VEVENT")
    steps = result["values"]["steps"]
    assert len(events) == len(steps)
    for event, step in zip(events, steps, strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date     # all-day, not a time
        assert start == dt.date.fromisoformat(step["first"])
        assert end == dt.date.fromisoformat(step["last"]) + dt.timedelta(days=1)   # DTEND is exclusive
        assert str(event["SUMMARY"]).startswith(f"{step['n']}. {step['title']}")
        assert step["label"] in str(event["DESCRIPTION"])
        assert "仅供自查，以评审机构审核为准" in str(event["DESCRIPTION"])
        assert event.get("DTSTAMP") is not None
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert str(cal["VERSION"]) == "2.0" and cal.get("PRODID")


def test_uids_are_stable_when_the_dates_change(params):
    """Importing a changed plan again updates the events instead of adding copies."""
    a = Calendar.from_ical(plan(params, PLANS[0])["values"]["ics"])
    b = Calendar.from_ical(plan(params, {**PLANS[0], "anchor_date": "2024-12-18"})["values"]["ics"])
    assert [str(e["UID"]) for e in a.walk("VEVENT")] == [str(e["UID"]) for e in b.walk("VEVENT")]
    assert [e.decoded("DTSTART") for e in a.walk("VEVENT")] != [e.decoded("DTSTART") for e in b.walk("VEVENT")]


@pytest.mark.parametrize("inputs", PLANS, ids=lambda i: i["procedure"])
def test_lines_are_crlf_folded_at_75_octets_never_inside_a_character(params, inputs):
    raw = plan(params, inputs)["values"]["ics"].encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert any(line.startswith(b" ") for line in lines)     # Chinese descriptions do fold
    for line in lines:
        assert len(line) <= LINE_OCTETS
        line.decode("utf-8")    # a split character would not decode


def test_fold_keeps_the_text():
    text = "DESCRIPTION:" + "报送材料时，须携带相应原件；核对无误后退回。" * 9
    folded = fold(text)
    assert folded.replace("\r\n ", "") == text
    assert all(len(part.encode()) <= LINE_OCTETS for part in folded.split("\r\n"))


def test_text_is_escaped(params):
    cal = Calendar.from_ical(plan(params, PLANS[1])["values"]["ics"])
    described = [str(e["DESCRIPTION"]) for e in cal.walk("VEVENT")]
    # the parser gives back the commas, semicolons and line breaks the description holds
    assert any("，" in d or "," in d for d in described)
    assert all("\n" in d for d in described)


def test_a_period_in_calendar_days_counts_weekends_and_holidays(params):
    """A limit stated in 日 (calendar days), not 工作日: a notice may set one; the planner counts
    every day then (a made-up procedure on the real holiday data)."""
    data = copy.deepcopy(params)
    doc = data["documents"]["yangcheng-junior-title"]
    doc["params"]["test-days"] = {"value": 7, "unit": "日", "label": "x", "quote": "x", "clause": "s5-1",
                                  "reading": None}
    doc["procedures"] = [{"id": "p", "title": "测试", "who": "申报人", "anchor": "b", "anchor_label": "报送日",
                          "clauses": ["s5-1"], "steps": [
                              {"id": "a", "title": "公示", "actor": "单位", "clause": "s5-1", "quote": "x",
                               "period": "test-days"},
                              {"id": "b", "title": "报送", "actor": "单位", "clause": "s5-3", "quote": "x"}]}]
    back = run("procedure-plan", {"procedure": "yangcheng-junior-title:p", "anchor_date": "2024-10-08"}, data)
    assert [(s["first"], s["last"]) for s in back["values"]["steps"]] == [
        ("2024-10-01", "2024-10-07"), ("2024-10-08", "2024-10-08")]       # 国庆 days count as days
    ahead = run("procedure-plan", {"procedure": "yangcheng-junior-title:p", "direction": "forward",
                                   "start": "2024-09-28"}, data)
    assert [(s["first"], s["last"]) for s in ahead["values"]["steps"]] == [
        ("2024-09-28", "2024-10-04"), ("2024-10-08", "2024-10-08")]       # 报送 on the next working day
