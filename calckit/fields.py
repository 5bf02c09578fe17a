"""Input fields and their validation, shared by the calculators and the forms.

A field says what it accepts (type, bounds, choices, whether required) and how
to ask for it in Chinese. :func:`validate` turns raw input (JSON from a form or
a file) into typed values, or into a list of ``{"field", "message"}`` errors,
one per bad field, each message in Chinese. It never raises on bad input.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from . import bounds
from .idcard import parse_idcard

FieldType = Literal["integer", "decimal", "date", "choice", "yesno", "idcard", "text", "rows"]

_FULLWIDTH = str.maketrans("０１２３４５６７８９．－＋，％　", "0123456789.-+,% ")
# digits, optionally grouped by thousands with commas (1,234,567), and a decimal part
_NUMBER = re.compile(r"^[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$")
# a number typed without a fixed maximum in its field (a form's column) still has this one
DEFAULT_MAX = Decimal(10) ** 12
_YES = {"是", "yes", "true", "1", "y", "有"}
_NO = {"否", "no", "false", "0", "n", "无"}


@dataclass(frozen=True)
class Field:
    """One input. ``columns`` describes each row when ``type`` is ``rows``."""

    name: str
    label: str
    type: FieldType
    required: bool = True
    min: int | float | Decimal | str | None = None
    max: int | float | Decimal | str | None = None
    choices: tuple[tuple[str, str], ...] = ()
    help: str = ""
    unit: str = ""
    columns: tuple[Field, ...] = ()
    min_rows: int = 0
    max_rows: int | None = None
    default: Any = None
    group: str = ""

    def describe(self) -> dict:
        """The field as JSON, for the CLI's ``describe`` and for generated forms."""
        out: dict[str, Any] = {"name": self.name, "label": self.label, "type": self.type,
                               "required": self.required}
        for key in ("help", "unit", "group"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        for key in ("min", "max"):
            value = getattr(self, key)
            if value is not None:
                out[key] = _jsonable(value)
        if self.choices:
            out["choices"] = [{"value": v, "label": label} for v, label in self.choices]
        if self.type == "rows":
            out["columns"] = [c.describe() for c in self.columns]
            out["min_rows"] = self.min_rows
            out["max_rows"] = self.max_rows if self.max_rows is not None else bounds.ROWS
        if self.default is not None:
            out["default"] = _jsonable(self.default)
        return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


class NumberError(ValueError):
    """A typed number that cannot be read; ``str()`` is the Chinese message for the reader."""


def parse_number(raw: Any, f: Field) -> Decimal:
    """What people type for a number → Decimal, or :class:`NumberError` saying why not.

    Accepted: full-width digits, thousands separators in the right places (1,234), the
    field's unit after the number (17人), and for a percentage field 15% / 15％. Refused:
    exponents (1e5), misplaced commas (10,5 is not 105), more than
    ``bounds.DECIMAL_PLACES`` decimals, and anything longer than ``bounds.TEXT_CHARS``
    characters — so no input is too large to compute with.
    """
    integer = f.type == "integer"
    kind = "整数" if integer else "数字"
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise NumberError(f"请输入{kind}")
    if isinstance(raw, int):
        if abs(raw) > DEFAULT_MAX:
            raise NumberError("数值过大")
        return Decimal(raw)
    if isinstance(raw, float):
        if not math.isfinite(raw) or abs(raw) > DEFAULT_MAX:
            raise NumberError(f"请输入{kind}" if not math.isfinite(raw) else "数值过大")
        text = format(Decimal(repr(raw)), "f")
    else:
        text = raw.translate(_FULLWIDTH).strip().replace(" ", "")
    if len(text) > bounds.TEXT_CHARS:
        raise NumberError(f"输入过长（超过{bounds.TEXT_CHARS}个字符），请输入{kind}")
    explicit_percent = False
    if text.endswith("%"):
        if f.unit != "%":
            raise NumberError(f"此项不是百分比，请直接输入{kind}")
        text, explicit_percent = text[:-1], True
    elif f.unit and f.unit != "%" and text.endswith(f.unit):
        text = text[: -len(f.unit)]
    if not _NUMBER.match(text):
        if "," in text:
            raise NumberError(f"“{raw}”中的逗号位置不对：千位分隔符每三位一个（如 1,234）；小数请用小数点（如 10.5）")
        if re.search(r"\d[eE][+-]?\d", text):
            raise NumberError(f"请直接输入{kind}，不要用科学计数法")
        raise NumberError(f"请输入{kind}" + ("，如 15 或 15%" if f.unit == "%" else ""))
    value = Decimal(text.replace(",", ""))
    if integer and value != value.to_integral_value():
        raise NumberError("请输入整数")
    if not integer and value.as_tuple().exponent < -bounds.DECIMAL_PLACES:
        raise NumberError(f"最多保留{bounds.DECIMAL_PLACES}位小数")
    if f.unit == "%" and not explicit_percent and 0 < value < 1:
        raise NumberError(f"比例按百分数填写：15% 请填 15 或 15%；如确指 {text}%，请填“{text}%”")
    return value


def parse_date(raw: Any) -> dt.date:
    """``YYYY-MM-DD`` (also ``YYYY/MM/DD``, ``YYYY年M月D日``) → date; ValueError if it does not exist."""
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip().translate(_FULLWIDTH)
    for sep in ("/", "."):
        text = text.replace(sep, "-")
    if text.endswith("日") and "年" in text and "月" in text:
        text = text[:-1].replace("年", "-").replace("月", "-")
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError("format")
    return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))


def _bound(value: Any, kind: FieldType) -> Any:
    if value is None:
        return None
    if kind == "date":
        return parse_date(value)
    return Decimal(str(value))


def _fmt(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def validate_value(f: Field, raw: Any) -> tuple[Any, str | None]:
    """One value of ``f``: ``(value, None)`` or ``(None, message)``. Blank is checked by caller."""
    if f.type in ("integer", "decimal"):
        try:
            value = parse_number(raw, f)
        except NumberError as exc:
            return None, str(exc)
    elif f.type == "date":
        try:
            value = parse_date(raw)
        except ValueError as exc:
            if str(exc) == "format":
                return None, "请按“年-月-日”输入日期，如 2024-12-16"
            return None, f"日期 {raw} 不存在"
    elif f.type == "choice":
        allowed = [v for v, _ in f.choices]
        if str(raw) not in allowed:
            names = "、".join(label for _, label in f.choices)
            return None, f"请从以下选项中选择：{names}"
        value = str(raw)
    elif f.type == "yesno":
        if isinstance(raw, bool):
            value = raw
        elif str(raw).strip().lower() in _YES:
            value = True
        elif str(raw).strip().lower() in _NO:
            value = False
        else:
            return None, "请选择“是”或“否”"
    elif f.type == "idcard":
        if not isinstance(raw, str | int):
            return None, "请输入18位身份证号码"
        info, message = parse_idcard(str(raw))
        if message:
            return None, message
        value = info
    elif f.type == "text":
        if not isinstance(raw, str | int | float) or isinstance(raw, bool):
            return None, "请输入文字"
        value = str(raw).strip()
        if f.max is not None and len(value) > int(f.max):
            return None, f"不能超过{int(f.max)}个字"
        return value, None
    else:  # pragma: no cover - rows are handled by validate()
        return None, "无法识别的字段类型"
    if f.type in ("integer", "decimal", "date"):
        low = _bound(f.min if f.min is not None else _DEFAULT_MIN.get(f.type), f.type)
        high = _bound(f.max if f.max is not None else _DEFAULT_MAX[f.type], f.type)
        if low is not None and value < low:
            return None, f"不能小于{_fmt(low)}"
        if value > high:
            return None, f"不能大于{_fmt(high)}"
    return value, None


_DEFAULT_MIN = {"date": bounds.DATE_MIN}
_DEFAULT_MAX = {"integer": DEFAULT_MAX, "decimal": DEFAULT_MAX, "date": bounds.DATE_MAX}


def validate(fields: list[Field], raw: Any) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """Typed values for every field, or the errors: ``[{"field": name, "message": …}]``.

    Rows report their cells as ``name[i].column``. Unknown keys are ignored.
    """
    values: dict[str, Any] = {}
    errors: list[dict[str, str]] = []
    if not isinstance(raw, dict):
        return {}, [{"field": "", "message": "输入应为“字段名: 值”的对象（JSON 对象）"}]
    for f in fields:
        value = raw.get(f.name)
        if _is_blank(value):
            if f.required and f.default is None:
                errors.append({"field": f.name, "message": f"请填写“{f.label}”"})
            values[f.name] = f.default if f.type != "rows" else (f.default or [])
            continue
        if f.type == "rows":
            rows, row_errors = _validate_rows(f, value)
            errors.extend(row_errors)
            values[f.name] = rows
            continue
        parsed, message = validate_value(f, value)
        if message:
            errors.append({"field": f.name, "message": message})
        values[f.name] = parsed
    return values, errors


def _validate_rows(f: Field, raw: Any) -> tuple[list[dict], list[dict[str, str]]]:
    if not isinstance(raw, list):
        return [], [{"field": f.name, "message": "应为若干行（列表）"}]
    errors: list[dict[str, str]] = []
    if len(raw) < f.min_rows:
        errors.append({"field": f.name, "message": f"至少需要{f.min_rows}行"})
    most = f.max_rows if f.max_rows is not None else bounds.ROWS
    if len(raw) > most:
        errors.append({"field": f.name, "message": f"最多{most}行"})
        raw = raw[:most]
    rows = []
    for i, row in enumerate(raw):
        values, row_errors = validate(list(f.columns), row)
        for err in row_errors:
            suffix = f".{err['field']}" if err["field"] else ""
            errors.append({"field": f"{f.name}[{i}]{suffix}",
                           "message": f"第{i + 1}行：{err['message']}"})
        rows.append(values)
    return rows, errors
