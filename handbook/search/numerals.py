"""Numbers as readers write them: one canonical spelling for the index and for the query.

The notices write 3年, 50人, 20%, 三分之二; readers type 三年, 五十人, 百分之二十, 2/3, or full-width
３年. :func:`normalize` rewrites any of them to one spelling (Arabic digits, ``20%``, ``2/3``,
名 → 人 and no 个 after a number, no spaces around digits and Chinese), and the index holds the
character pairs of that spelling beside those of the text as printed (``build.indexed_text``),
so 三年 finds 满3年 and 3年 finds 三年.

The same rule runs in the reader's browser: ``handbook/assets/search/numerals.js`` is this module
line for line, and both are tested against one table of pairs (``tests/cases/search_numerals.yaml``)
and against each other over every record of the index (``tests/test_search_numerals.py``).
Change both or neither.
"""

from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "零〇一二两三四五六七八九十百千万"
# full-width digits and signs as typed on a phone's Chinese keyboard
FULL_WIDTH = str.maketrans("０１２３４５６７８９％／．", "0123456789%/.")

_RUN = f"[{NUMERAL}]+"
_NUMBER = rf"(?:{_RUN}|[0-9]+(?:\.[0-9]+)?)"
_BLANK = "[ \t\n\r\f\v\u00a0\u3000]+"
_SPACE = re.compile(rf"(?<=[\u3400-\u9fff0-9%]){_BLANK}(?=[\u3400-\u9fff0-9%])")
_PERCENT = re.compile(rf"百分之({_NUMBER})")
_FRACTION = re.compile(rf"({_NUMBER})分之({_NUMBER})")
_RUNS = re.compile(_RUN)
_PEOPLE = re.compile(r"(?<=[0-9])名")
_COUNTER = re.compile(r"(?<=[0-9])个(?=[\u3400-\u9fff])")
LONGEST = 12   # a longer run with 十百千万 is left as written (no number of policy is that long)


def chinese_value(run: str) -> str | None:
    """The value of a Chinese numeral (十七 → 17, 二〇二四 → 2024, 两千 → 2000); None when the
    run holds no digit or 十 (千万 in 千万不要 is a word, not a number)."""
    if not any(c in DIGITS or c == "十" for c in run):
        return None
    if not any(c in UNITS or c == "万" for c in run):   # 二〇二四: digit by digit
        return "".join(str(DIGITS[c]) for c in run).lstrip("0") or "0"
    if len(run) > LONGEST:
        return None
    total, section, digit = 0, 0, 0
    for c in run:
        if c in DIGITS:
            digit = DIGITS[c]
        elif c in UNITS:
            section += (digit or 1) * UNITS[c]
            digit = 0
        else:   # 万
            total += (section + digit or 1) * 10000
            section = digit = 0
    return str(total + section + digit)


def _number(text: str) -> str:
    value = None if "0" <= text[0] <= "9" else chinese_value(text)
    return text if value is None else value


def _run(match: re.Match) -> str:
    return _number(match[0])


def normalize(text: str) -> str:
    """``text`` with numbers in one spelling: 满三年 → 满3年, 百分之二十 → 20%, 三分之二 → 2/3,
    十七名 → 17人, 五个工作日 → 5工作日, ２０２４ → 2024."""
    text = _SPACE.sub("", text.translate(FULL_WIDTH))
    text = _PERCENT.sub(lambda m: _number(m[1]) + "%", text)
    text = _FRACTION.sub(lambda m: f"{_number(m[2])}/{_number(m[1])}", text)
    text = _RUNS.sub(_run, text)
    text = _PEOPLE.sub("人", text)
    return _COUNTER.sub("", text)
