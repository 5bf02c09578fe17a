"""Read the numbers and dates a Chinese policy sentence states, and format ours.

Used by the data consistency check (does a parameter's ``quote`` really say its
``value``?) and by the pages (how a value is shown next to its clause).
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

from .schema import Parameter

_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_CN_NUMBER = r"[零一二两三四五六七八九十百]+"


def chinese_int(text: str) -> int:
    """Value of a Chinese numeral below 1000: 三 → 3, 十七 → 17, 二十 → 20."""
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            raise ValueError(text)
    return total + current


def stated_values(quote: str) -> list[object]:
    """Every number, fraction and date that ``quote`` states, in order of kind.

    Dates come back as ``date`` (full) or ``(month, day)`` tuples; percentages as
    the number before ``%``; ``12万`` as 120000; ``三分之二`` as ``Fraction(2, 3)``.
    """
    text = re.sub(r"\s+", "", quote)
    values: list[object] = []
    for m in re.finditer(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text):
        values.append(dt.date(int(m[1]), int(m[2]), int(m[3])))
    text_wo_full = re.sub(r"\d{4}年\d{1,2}月\d{1,2}日", " ", text)
    for m in re.finditer(r"(\d{1,2})月(\d{1,2})日", text_wo_full):
        values.append((int(m[1]), int(m[2])))
    rest = re.sub(r"\d{1,2}月\d{1,2}日", " ", text_wo_full)
    for m in re.finditer(rf"({_CN_NUMBER})分之({_CN_NUMBER})", rest):
        values.append(Fraction(chinese_int(m[2]), chinese_int(m[1])))
    rest = re.sub(rf"{_CN_NUMBER}分之{_CN_NUMBER}", " ", rest)
    for m in re.finditer(r"(\d+(?:\.\d+)?)(万)?", rest):
        number = float(m[1]) * (10000 if m[2] else 1)
        values.append(int(number) if number == int(number) else number)
    for m in re.finditer(rf"({_CN_NUMBER})(?=[个年次名人项季])", rest):
        values.append(chinese_int(m[1]))
    return values


def parameter_value(param: Parameter) -> object:
    """The parameter's value in the form :func:`stated_values` returns."""
    if param.unit == "fraction":
        return Fraction(str(param.value))
    return param.value


def quote_states_value(param: Parameter) -> bool:
    """True if the parameter's quote states its value (all of it, for a range)."""
    stated = stated_values(param.quote)
    value = parameter_value(param)
    if isinstance(value, list):
        return all(v in stated for v in value)
    if isinstance(value, dt.date):
        return value in stated or (value.month, value.day) in stated
    return value in stated


def format_value(param: Parameter) -> str:
    """How a parameter's value is shown to readers, e.g. ``20%``, ``2/3``, ``17 人``."""
    value = param.value
    if param.unit == "fraction":
        frac = Fraction(str(value))
        return f"{frac.numerator}/{frac.denominator}"
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    text = "–".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if param.unit == "%":
        return f"{text}%"
    if param.unit == "日期":
        return text
    if param.unit == "日":
        return f"{text}日"
    return f"{text} {param.unit}"
