"""Data and text cannot drift apart: every parameter is stated by the clause it cites."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from helpers.sitetext import squash

from handbook.numbers import format_value, quote_states_value, stated_values
from handbook.schema import Parameter


class _Rules:  # the national rules file, seen as a document for these checks
    def __init__(self, rules):
        self.id, self.parameters = rules.id, rules.parameters


def all_parameters(handbook):
    docs = [*handbook.documents, _Rules(handbook.rules)]
    return [(doc, p) for doc in docs for p in doc.parameters]


def test_there_are_parameters_for_every_document(handbook):
    assert all(doc.parameters for doc in handbook.documents)


def test_every_quote_is_in_its_clause(handbook):
    bad = []
    for doc, p in all_parameters(handbook):
        clause = handbook.clause_index[doc.id].texts[p.clause]
        if squash(p.quote) not in squash(clause):
            bad.append(f"{doc.id}:{p.id}: “{p.quote}” not in {p.clause}")
    assert not bad, bad


def test_every_quote_states_its_value(handbook):
    bad = [f"{doc.id}:{p.id}: {p.value!r} not in “{p.quote}” → {stated_values(p.quote)}"
           for doc, p in all_parameters(handbook) if not quote_states_value(p)]
    assert not bad, bad


def make(value, unit, quote):
    return Parameter(id="x", label="x", value=value, unit=unit, quote=quote, clause="c",
                     category="quota")


@pytest.mark.parametrize(("quote", "expected"), [
    ("20%以内", [20]),
    ("获得出席委员三分之二以上赞成票", [Fraction(2, 3)]),
    ("不少于17人", [17]),
    ("12万人次", [120000]),
    ("连续两年不合格", [2]),
    ("2022 年 12 月 31 日前", [dt.date(2022, 12, 31)]),
    ("2024年12月16日至12月20日", [dt.date(2024, 12, 16), (12, 20)]),
    ("90~94分为二级", [90, 94]),
])
def test_stated_values(quote, expected):
    assert stated_values(quote) == expected


def test_a_drifted_value_is_caught():
    assert not quote_states_value(make(25, "%", "20%以内"))
    assert not quote_states_value(make("3/4", "fraction", "三分之二以上"))
    assert not quote_states_value(make(dt.date(2024, 12, 17), "日期", "2024年12月16日"))
    assert quote_states_value(make("2/3", "fraction", "三分之二以上"))


def test_format_value():
    assert format_value(make(20, "%", "20%以内")) == "20%"
    assert format_value(make("2/3", "fraction", "三分之二以上")) == "2/3"
    assert format_value(make(17, "人", "17人")) == "17 人"
    assert format_value(make(dt.date(2024, 12, 16), "日期", "x")) == "2024年12月16日"
