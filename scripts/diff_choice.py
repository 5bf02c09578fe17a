"""Which character diff marks a changed clause the way a reader needs: difflib or diff-match-patch.

    .venv/bin/python scripts/diff_choice.py [--runs 5]

handbook.changes uses difflib; this script keeps the comparison that chose it. Pairs of clause
texts: 阳城's 2024 clauses with the fixture's changes (tests/fixtures/
yangcheng-2025.yaml: a year, dates, two numbers), and edits a revision makes (a phrase inserted
into a list, a sentence rewritten, a clause shortened), each with the words a reader should see
marked. Both libraries compare the same tokens (handbook.changes.tokens: a number is one token);
difflib with autojunk off (it would otherwise treat frequent characters as junk), diff-match-patch
with its semantic clean-up. Prints, per library: marks that are exactly the expected words, marked
characters beyond them, number of separate marks, and time per pair (median, min, max, as a ratio
to difflib's). Asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.changes import DELETE, EQUAL, diff_text, tokens  # noqa: E402
from handbook.loader import load_handbook  # noqa: E402


def dmp_diff(old: str, new: str) -> list[tuple[str, str]]:
    """diff-match-patch on the same tokens (each distinct token as one private-use character)."""
    from diff_match_patch import diff_match_patch

    table: dict[str, str] = {}
    back: list[str] = []

    def enc(toks: list[str]) -> str:
        for tok in toks:
            if tok not in table:
                table[tok] = chr(0xF0000 + len(back))
                back.append(tok)
        return "".join(table[t] for t in toks)

    a, b = enc(tokens(old)), enc(tokens(new))
    dmp = diff_match_patch()
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    ops = {0: EQUAL, -1: DELETE, 1: "+"}
    return [(ops[op], "".join(back[ord(c) - 0xF0000] for c in chars)) for op, chars in diffs if chars]


REVISIONS = [   # (old, new, the words a reader should see removed, the words added)
    ("考核结果分为优秀、称职、基本称职、不称职四个等次。", "考核结果分为优秀、合格、基本合格、不合格四个等次。",
     {"称职", "基本称职", "不称职"}, {"合格", "基本合格", "不合格"}),
    ("包括但不限于安全工程师、安全管理人员、安全检测人员等。",
     "包括但不限于注册安全工程师、安全管理人员、应急管理人员、安全检测人员等。",
     set(), {"注册", "应急管理人员、"}),
    ("申报人员提供虚假材料、剽窃他人作品或学术成果的，一经查实，取消评审资格。",
     "申报人员提供虚假材料、剽窃他人作品或学术成果的，一经查实，取消评审资格，三年内不得申报。",
     set(), {"，三年内不得申报"}),
    ("报送材料时，须携带相应原件，核对无误后退回。", "报送材料时须携带原件。",
     {"，", "相应", "，核对无误后退回"}, set()),
]


def pairs() -> list[tuple[str, str, set[str], set[str]]]:
    fixture = yaml.safe_load((ROOT / "tests/fixtures/yangcheng-2025.yaml").read_text("utf-8"))
    texts = next(s for s in load_handbook(ROOT / "policy_data").series.values()
                 if s.id == "yangcheng-junior-title").current.index.texts
    out = []
    for text in texts.values():
        new, removed, added = text, set(), set()
        for r in fixture["replace"]:
            if r["old"] in new:
                new = new.replace(r["old"], r["new"])
                removed |= {t for t, u in zip(tokens(r["old"]), tokens(r["new"]), strict=False) if t != u}
                added |= {u for t, u in zip(tokens(r["old"]), tokens(r["new"]), strict=False) if t != u}
        if new != text:
            out.append((text, new, removed, added))
    return out + REVISIONS


def score(diff, removed: set[str], added: set[str]) -> tuple[int, int, int]:
    """(marks that are exactly expected words, characters marked beyond the expected, marks)."""
    exact = extra = marks = 0
    for op, words in diff:
        if op == EQUAL:
            continue
        marks += 1
        expected = removed if op == DELETE else added
        if words in expected:
            exact += 1
        else:
            extra += max(0, len(words) - max((len(e) for e in expected if e in words), default=0))
    return exact, extra, marks


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cases = pairs()
    libs = {"difflib (autojunk off)": diff_text}
    try:
        import diff_match_patch  # noqa: F401
        libs["diff-match-patch (semantic clean-up)"] = dmp_diff
    except ImportError:
        print("diff-match-patch is not installed (pip install diff-match-patch): difflib only")
    times: dict[str, list[float]] = {name: [] for name in libs}
    for _ in range(args.runs):
        for name, fn in libs.items():
            start = time.perf_counter()
            for old, new, _, _ in cases:
                fn(old, new)
            times[name].append((time.perf_counter() - start) / len(cases) * 1000)
    base = statistics.median(times["difflib (autojunk off)"])
    print(f"{len(cases)} clause pairs, {args.runs} runs")
    print(f"{'library':<38} {'exact marks':>11} {'extra chars':>11} {'marks':>6} {'ms/pair med (min–max)':>24} ratio")
    for name, fn in libs.items():
        exact = extra = marks = 0
        for old, new, removed, added in cases:
            e, x, m = score(fn(old, new), removed, added)
            exact, extra, marks = exact + e, extra + x, marks + m
        t = times[name]
        print(f"{name:<38} {exact:>11} {extra:>11} {marks:>6} "
              f"{statistics.median(t):>8.3f} ({min(t):.3f}–{max(t):.3f}) {statistics.median(t) / base:>8.2f}×")


if __name__ == "__main__":
    main()
