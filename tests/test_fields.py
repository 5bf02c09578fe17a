"""The shared field validation (calculators now, forms next)."""

from __future__ import annotations

import pytest

from calckit.fields import Field, validate
from calckit.idcard import check_char, parse_idcard


@pytest.mark.parametrize(("number", "ok"), [
    ("11010519491231002X", True),     # REFERENCE.md's example
    ("11010519491231002x", True),     # lower-case x is accepted and normalised
    ("110105194912310021", False),    # wrong check character
    ("11010519490231002X", False),    # 1949-02-31 does not exist
    ("01010519491231002X", False),    # area code cannot start with 0
    ("1101051949123100", False),      # 16 characters
    ("11010530001231002X", False),    # born in the future
])
def test_idcard(number, ok):
    info, message = parse_idcard(number)
    assert (info is not None) == ok, message
    assert (message is None) == ok


def test_idcard_details():
    info, _ = parse_idcard(" 11010519491231002x ")
    assert info == {"number": "11010519491231002X", "birth_date": "1949-12-31", "sex": "女"}
    assert check_char("11010519491231002") == "X"


FIELDS = [
    Field("n", "人数", "integer", min=0, max=10),
    Field("d", "日期", "date", required=False),
    Field("c", "选项", "choice", choices=(("a", "甲"), ("b", "乙")), required=False),
    Field("y", "是否", "yesno", required=False),
    Field("r", "行", "rows", required=False, max_rows=2,
          columns=(Field("x", "数", "decimal", min=0),)),
]


@pytest.mark.parametrize(("raw", "errors"), [
    ({"n": 3}, {}),
    ({"n": "３"}, {}),
    ({}, {"n": "请填写“人数”"}),
    ({"n": 11}, {"n": "不能大于10"}),
    ({"n": 2.5}, {"n": "请输入整数"}),
    ({"n": True}, {"n": "请输入整数"}),
    ({"n": "NaN"}, {"n": "请输入整数"}),
    ({"n": 1, "d": "2024-02-30"}, {"d": "日期 2024-02-30 不存在"}),
    ({"n": 1, "d": "2024/2/29"}, {}),
    ({"n": 1, "d": "2024年2月29日"}, {}),
    ({"n": 1, "d": "明天"}, {"d": "请按“年-月-日”输入日期，如 2024-12-16"}),
    ({"n": 1, "c": "z"}, {"c": "请从以下选项中选择：甲、乙"}),
    ({"n": 1, "y": "也许"}, {"y": "请选择“是”或“否”"}),
    ({"n": 1, "r": [{"x": 1}, {"x": -1}]}, {"r[1].x": "第2行：不能小于0"}),
    ({"n": 1, "r": [{}, {}, {}]}, {"r": "最多2行", "r[0].x": "第1行：请填写“数”",
                                    "r[1].x": "第2行：请填写“数”"}),
    ({"n": 1, "r": "abc"}, {"r": "应为若干行（列表）"}),
])
def test_validate(raw, errors):
    _, got = validate(FIELDS, raw)
    assert {e["field"]: e["message"] for e in got} == errors


def test_describe_is_json_ready():
    described = [f.describe() for f in FIELDS]
    assert described[0] == {"name": "n", "label": "人数", "type": "integer", "required": True,
                            "min": 0, "max": 10}
    assert described[4]["columns"][0]["name"] == "x"
