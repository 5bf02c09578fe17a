"""Properties that must hold for any input (hypothesis)."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import MODULES, describe, run
from calculators.xinzhou import max_excellent
from calculators.zhejiang import votes_needed
from handbook.export import load_params

from conftest import ROOT

PARAMS = load_params(ROOT / "policy_data")
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

# what people and fuzzers type: units, percent signs, separators, exponents, huge numbers
HOSTILE = ["1e10000000", "1e999999999", "10,5", "10，5", "1,234", "12,34", "15%", "15％", "０.１５",
           "17人", "１７ 人", "9" * 5000, "-0", "0x10", "١٢", "1_000", "∞", "1e5", " 3 ", "3.", ".5",
           "99999999999999999999999999999999999999999", "0.00001", "9" * 41 + ".5"]
hostile = st.one_of(st.sampled_from(HOSTILE), st.integers(-10**40, 10**40),
                    st.text(alphabet="0123456789,.%％e+-人 ０１", max_size=30))
junk = st.one_of(st.none(), st.text(max_size=12), st.integers(-10**12, 10**12), hostile,
                 st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                 st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(),
                                                                       max_size=2))
dates = st.dates(dt.date(2003, 1, 1), dt.date(2028, 12, 31)).map(dt.date.isoformat)


def value_for(field: dict) -> st.SearchStrategy:
    kind = field["type"]
    if kind == "integer":
        good = st.integers(-5, 300)
    elif kind == "decimal":
        good = st.one_of(st.integers(-5, 120), st.decimals(-5, 120, places=2).map(str))
    elif kind == "date":
        good = dates
    elif kind == "choice":
        good = st.sampled_from([c["value"] for c in field["choices"]])
    elif kind == "yesno":
        good = st.sampled_from([True, False, "是", "否"])
    elif kind == "idcard":
        good = st.sampled_from(["11010519491231002X", "110105194912310021", "1234"])
    elif kind == "text":
        good = st.text(max_size=20)
    else:  # rows
        row = st.fixed_dictionaries({c["name"]: value_for(c) for c in field["columns"]})
        good = st.lists(row, max_size=4)
    return st.one_of(good, good, good, junk)


def inputs_for(calc_id: str) -> st.SearchStrategy:
    fields = describe(calc_id, PARAMS)["inputs"]
    return st.fixed_dictionaries({}, optional={f["name"]: value_for(f) for f in fields})


@pytest.mark.parametrize("calc_id", sorted(MODULES))
def test_run_never_raises_and_answers_well_formed(calc_id):
    @SETTINGS
    @given(inputs_for(calc_id))
    def check(inputs):
        result = run(calc_id, inputs, PARAMS)
        json.dumps(result, ensure_ascii=False, allow_nan=False)
        assert not result.get("internal"), result
        if result["ok"]:
            assert result["outcome"]["text"] and result["reasons"]
        else:
            assert result["errors"]
            assert all(e["message"] for e in result["errors"])

    check()


@pytest.mark.parametrize("calc_id", sorted(MODULES))
def test_hostile_numbers_get_a_field_message_fast(calc_id):
    """Every numeric field, given what a fuzzer types: never an internal error, never a hang
    (the suite would stall: there is no timeout here, the bounds make it impossible)."""
    fields = [f for f in describe(calc_id, PARAMS)["inputs"] if f["type"] in ("integer", "decimal")]

    @SETTINGS
    @given(st.sampled_from(fields) if fields else st.nothing(), hostile)
    def check(field, value):
        result = run(calc_id, {field["name"]: value}, PARAMS)
        assert not result.get("internal"), result
        json.dumps(result, ensure_ascii=False, allow_nan=False)

    if fields:
        check()


@given(st.integers(0, 100_000), st.fractions(0, 1))
def test_quota_is_the_largest_count_within_the_ratio(participants, ratio):
    most = max_excellent(participants, Fraction(ratio))
    assert most <= participants * ratio < most + 1


@given(st.integers(0, 10_000))
def test_quota_from_the_data_never_exceeds_twenty_percent_of_participants(participants):
    result = run("xinzhou-excellent-quota", {"participants": participants}, PARAMS)
    cap = Fraction(PARAMS["documents"]["xinzhou-annual-assessment"]["params"]
                   ["excellent-ratio-max"]["value"], 100)
    assert result["values"]["max_excellent"] <= participants * cap


@given(st.integers(1, 10_000))
def test_votes_needed_is_the_least_count_reaching_two_thirds(attending):
    threshold = Fraction(2, 3)
    needed = votes_needed(attending, threshold)
    assert Fraction(needed, attending) >= threshold > Fraction(needed - 1, attending)


GRADE_RANK = {"不合格": 0, "三级": 1, "二级": 2, "一级": 3}
score = st.decimals(0, 100, places=2)


@SETTINGS
@given(score, score)
def test_a_higher_score_never_gets_a_lower_grade(a, b):
    low, high = sorted((a, b))
    ranks = []
    for s in (low, high):
        result = run("safety-annual-score",
                     {"q1": str(s), "q2": str(s), "q3": str(s), "q4": str(s), "performance": str(s)},
                     PARAMS)
        ranks.append(GRADE_RANK[result["values"]["grade"]])
    assert ranks[0] <= ranks[1]


YEARS = sorted(int(y) for y in PARAMS["holidays"])


@SETTINGS
@given(st.dates(dt.date(YEARS[0], 1, 1), dt.date(YEARS[-1], 11, 30)), st.booleans())
def test_the_earliest_end_is_exactly_long_enough(start, include):
    rule = "zhejiang-senior-title:pre-review-publicity-days"
    base = {"rule": rule, "start": start.isoformat(), "count_start_day": include}
    end = run("workday-deadlines", {**base, "mode": "end"}, PARAMS)["values"]["earliest_end"]
    ok = run("workday-deadlines", {**base, "mode": "check", "end": end}, PARAMS)
    assert ok["outcome"]["passed"]
    day_before = (dt.date.fromisoformat(end) - dt.timedelta(days=1)).isoformat()
    if day_before >= start.isoformat():
        short = run("workday-deadlines", {**base, "mode": "check", "end": day_before}, PARAMS)
        assert not short["outcome"]["passed"]
