"""What the lines of a Chinese official document look like (GB/T 9704 and common practice).

One place for the patterns: the numbering at every level (第一章 / 第一条 / 一、 / （一） / 1. /
（1） / ① / 2.1), and the lines that stand alone (文号, 成文日期, 附件, 印发, 公开属性).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numbers import chinese_int

CN = "一二三四五六七八九十百零〇"

# (type, pattern): the type is what nesting is decided by; the match is the number as printed.
MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"^第[{CN}\d]+章(?=\s|$|[\u4e00-\u9fff])\s*")),
    ("jie", re.compile(rf"^第[{CN}\d]+节(?=\s|$|[\u4e00-\u9fff])\s*")),
    ("article", re.compile(rf"^第[{CN}\d]+条(?=\s|$|[\u4e00-\u9fff　])\s*")),
    ("cn", re.compile(rf"^[{CN}]{{1,4}}\s*[、．.]\s*")),
    ("pcn", re.compile(rf"^[（(]\s*[{CN}]{{1,4}}\s*[）)]\s*[、，,．.]?\s*")),
    ("dec", re.compile(r"^\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\s*[、．.]?\s*(?![\d%％])")),
    ("ar", re.compile(r"^\d{1,2}\s*[、．.](?!\d)\s*")),
    ("par", re.compile(r"^[（(]\s*\d{1,2}\s*[）)]\s*[、，,．.]?\s*")),
    ("circ", re.compile(r"^[①-⑳]\s*")),
]


@dataclass(frozen=True)
class Marker:
    kind: str
    num: str         # as printed, trailing spaces removed: "（一）", "1.", "6.1 、"
    rest: str        # the text after it
    value: int       # the number it stands for (1 for 一, 3 for （3）), for checking sequences


def cn_value(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; 0 when ``text`` holds no Chinese numeral."""
    digits = re.sub(r"[^零一二两三四五六七八九十百]", "", text.replace("〇", "零").replace("○", "零"))
    return chinese_int(digits) if digits else 0


def marker(text: str) -> Marker | None:
    """The numbering a paragraph starts with, if any."""
    for kind, rx in MARKERS:
        m = rx.match(text)
        if not m:
            continue
        num = m.group(0).rstrip()
        rest = text[m.end():]
        if kind in {"ar", "dec"} and not rest.strip():
            continue        # "1." alone on a line, or a bare number: not a clause
        if kind == "cn" and "." in num and not rest.strip():
            continue
        return Marker(kind, num, rest, _value(kind, num))
    return None


def _value(kind: str, num: str) -> int:
    if kind == "circ":
        return ord(num[0]) - 0x2460 + 1
    digits = re.findall(r"\d+", num)
    if digits:
        return int(digits[-1]) if kind == "dec" else int(digits[0])
    return cn_value(re.sub(rf"[^{CN}]", "", num.replace("第", "")))


DOC_NUMBER = re.compile(r"^[\u4e00-\u9fffA-Za-z]{1,16}\s*[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d{1,4}\s*号$")
DATE = re.compile(r"^(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月\s*"
                  r"([\d一二三四五六七八九十]{1,3})\s*日$")
IMPRINT_DATE = re.compile(r"^(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*"
                          r"[\d一二三四五六七八九十]{1,3}\s*日\s*印\s*发$")
PRINT_COUNT = re.compile(r"^共印\s*\d+\s*份$")
COPY_TO = re.compile(r"^(抄送|抄报|分送)[：:]")
PUBLICITY = re.compile(r"^[（(]\s*(此件[^）)]{1,16}|不予公开|依申请公开|主动公开)\s*[）)]$")
ATTACH_HEAD = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]{1,3}\s*[：:]?$")
ATTACH_LIST = re.compile(r"^附\s*件\s*[：:]\s*")
SAMPLE_HEAD = re.compile(r"^.{0,30}(范文|范例|样本|示例)\s*[0-9一二三四五六七八九十]{1,3}$")
ORG_SUFFIX = re.compile(r"(局|厅|委员会|委|办公室|办|政府|部|院|中心|协会|学会|公司|集团|所|处|站|会|组|小组)$")
TITLE_WORDS = re.compile(r"(通知|方案|意见|办法|规定|细则|决定|通报|报告|要点|安排|函|公告|通告|篇|表|制度|"
                         r"标准|条例|纲要|计划|规划|规则|指引|指南|说明|批复|请示|纪要|清单|目录|名单|名册)$")
CLOSING_CUE = re.compile(r"^(本(实施)?(方案|意见|办法|通知|规定|细则|制度|安排意见|标准|条例|决定|规则|指引)|"
                         r"未尽事宜|以上(规定|内容|要求))|自.{0,24}起(施行|执行|实施|生效)|由.{1,24}负责解释")

TERMINAL = "。；;！？!?：:"
CONTINUING = "，,、"


def standalone(text: str) -> bool:
    """Lines that are never the continuation of the line before them."""
    t = text.strip()
    return bool(DOC_NUMBER.match(t) or DATE.match(t) or IMPRINT_DATE.match(t) or PRINT_COUNT.match(t)
                or PUBLICITY.match(t) or ATTACH_HEAD.match(t) or ATTACH_LIST.match(t)
                or COPY_TO.match(t) or SAMPLE_HEAD.match(t))


def structural(text: str) -> bool:
    """Lines that start a new paragraph: numbered, or standing alone."""
    return marker(text.strip()) is not None or standalone(text)


def ends_sentence(text: str) -> bool:
    t = text.rstrip()
    if not t:
        return True
    if t[-1] in TERMINAL:
        return True
    return len(t) >= 2 and t[-1] in "”’」』\"" and t[-2] in TERMINAL


def parse_date(text: str):
    """A 成文日期 as a date: 2024年1月11日 or 二〇二四年一月十一日; None when it is not one."""
    import datetime as dt
    m = DATE.match(text.strip()) or re.match(
        r"^(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月\s*"
        r"([\d一二三四五六七八九十]{1,3})\s*日", text.strip())
    if not m:
        return None
    year = m.group(1)
    if not year.isdigit():
        year = "".join(str("〇一二三四五六七八九".index(c.replace("○", "〇").replace("零", "〇")))
                       for c in year)
    parts = [int(year)] + [int(g) if g.isdigit() else cn_value(g) for g in m.groups()[1:]]
    try:
        return dt.date(*parts)
    except ValueError:
        return None
