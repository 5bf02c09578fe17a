"""示例通知 二、评审程序: is the meeting quorate, and how many yes votes pass an applicant.

Every number comes from the notice's parameters (``attending-min``, ``vote-threshold``): when next
year's notice changes them, only the YAML changes.
"""

from __future__ import annotations

from math import ceil
from typing import Any

from calckit import bounds
from calckit.explain import Explain, InputProblem, equals, fmt
from calckit.fields import Field
from calckit.params import Params
from calckit.registry import Calculator, register

DOC = "example-title-review"


def vote_inputs(p: Params) -> list[Field]:
    return [
        Field("attending", "出席评审会议的评委人数", "integer", min=0, max=bounds.HEADCOUNT, unit="人"),
        Field("approvals", "申报人获得的赞成票", "integer", min=0, max=bounds.VOTES, unit="票"),
    ]


def vote(values: dict[str, Any], p: Params, ex: Explain) -> dict[str, Any]:
    attending_min = p(DOC, "attending-min")
    threshold = p(DOC, "vote-threshold")
    attending, yes = int(values["attending"]), int(values["approvals"])
    if yes > attending:
        raise InputProblem([{"field": "approvals", "message": f"赞成票 {yes} 票多于出席评委 {attending} 人"}])
    quorum = ex.check(attending >= attending_min.integer,
                      f"出席评委 {attending} 人，{'达到' if attending >= attending_min.integer else '少于'}"
                      f"“不少于{attending_min.integer}人”。", attending_min)
    ex.reading(attending_min)
    needed = ceil(attending * threshold.fraction)
    ex.reading(threshold)
    ex.info(f"出席 {attending} 人 × {fmt(threshold.fraction)} {equals(attending * threshold.fraction)}，"
            f"通过至少需要 {needed} 张赞成票。", threshold)
    passed = quorum and yes >= needed
    if quorum:
        ex.check(yes >= needed, f"赞成 {yes} 票，{'达到' if yes >= needed else '未达到'}所需 {needed} 票。", threshold)
    text = (f"评审通过（需 {needed} 票，得 {yes} 票）" if passed else
            f"未通过（需 {needed} 票，得 {yes} 票）" if quorum else "出席评委人数不足，表决无效")
    return {
        "outcome": {"code": "pass" if passed else "fail", "text": text, "passed": passed},
        "values": {"attending": attending, "votes_needed": needed, "quorum": quorum, "passed": passed},
        "formula": f"所需赞成票 = ⌈{attending} × {fmt(threshold.fraction)}⌉ = {needed}",
    }


register(Calculator(
    id="example-review-vote",
    title="示例 · 评审表决是否通过",
    summary="按示例通知二（一）（二）：核对出席评委人数，计算“三分之二以上赞成票”所需票数，判定是否通过。",
    documents=(DOC,),
    clauses=((DOC, "s2-1"), (DOC, "s2-2")),
    inputs=vote_inputs,
    compute=vote,
))
