"""居民身份证号码 (GB 11643-1999): structure, birth date and check character.

The weights and the check characters are those of the standard (ISO 7064 MOD 11-2),
not policy numbers, so they live here as constants.
"""

from __future__ import annotations

import datetime as dt
import re

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_SHAPE = re.compile(r"^[1-9]\d{5}(\d{8})\d{3}[\dX]$")


def check_char(first17: str) -> str:
    """The check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % len(CHECK_CHARS)]


def parse_idcard(raw: str, today: dt.date | None = None) -> tuple[dict | None, str | None]:
    """Return ``(info, None)`` for a valid number or ``(None, message in Chinese)``.

    ``info`` has the normalised number, the birth date and the sex (odd sequence
    digit: 男, even: 女).
    """
    number = raw.strip().upper().replace(" ", "")
    if len(number) != len(WEIGHTS) + 1:
        return None, f"身份证号码应为18位，现为{len(number)}位"
    m = _SHAPE.match(number)
    if not m:
        return None, f"身份证号码格式不正确：前{len(WEIGHTS)}位应为数字，最后一位为数字或X"
    try:
        birth = dt.datetime.strptime(m[1], "%Y%m%d").date()
    except ValueError:
        return None, f"身份证号码中的出生日期 {m[1]} 不存在"
    if birth > (today or dt.date.today()):
        return None, f"身份证号码中的出生日期 {birth.isoformat()} 晚于今天"
    expected = check_char(number[:-1])
    if number[-1] != expected:
        return None, "身份证号码校验位不正确（按 GB 11643 校验），请核对是否有数字输错"
    sex = "男" if int(number[-2]) % 2 else "女"
    return {"number": number, "birth_date": birth.isoformat(), "sex": sex}, None
