"""The reasons a result gives: an ordered list of checks, each resting on a clause."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Any

from .params import HOLIDAYS, NATIONAL_RULES, Param, Params, clause_url  # noqa: F401 (re-exported)

PASS, FAIL, INFO = "pass", "fail", "info"


class InputProblem(Exception):
    """Inputs that are each valid but do not fit together; reported as field errors."""

    def __init__(self, errors: list[dict[str, str]]):
        super().__init__(errors)
        self.errors = errors


class Explain:
    """Collects reasons in order. ``ref`` is a Param or ``(doc, clause)``."""

    def __init__(self, params: Params):
        self.params = params
        self.reasons: list[dict[str, Any]] = []
        self._readings_shown: set[str] = set()

    def add(self, status: str, text: str, ref: Param | tuple[str, str] | None = None) -> None:
        reason: dict[str, Any] = {"status": status, "text": text}
        if isinstance(ref, Param):
            reason.update(ref.ref())
        elif ref is not None:
            reason["doc"], reason["clause"] = ref
        if "doc" in reason:
            reason["url"] = self.params.clause_url(reason["doc"], reason["clause"])
            reason["label"] = self.params.clause_label(reason["doc"], reason["clause"])
        self.reasons.append(reason)

    def check(self, ok: bool, text: str, ref: Param | tuple[str, str] | None = None) -> bool:
        self.add(PASS if ok else FAIL, text, ref)
        return ok

    def info(self, text: str, ref: Param | tuple[str, str] | None = None) -> None:
        self.add(INFO, text, ref)

    def reading(self, ref: Param | tuple[str, str], reading_id: str | None = None) -> None:
        """State, once per result, how an ambiguous expression is read (default: the param's)."""
        rid = reading_id or (ref.reading if isinstance(ref, Param) else None)
        if not rid or rid in self._readings_shown:
            return
        self._readings_shown.add(rid)
        r = self.params.reading(rid)
        self.add(INFO, f"解读：“{r['expression']}”，{r['reading']}。依据：{r['basis']}。", ref)
        self.reasons[-1]["reading"] = rid

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [r for r in self.reasons if r["status"] == FAIL]


def _terminating(value: Fraction, places: int = 6) -> Decimal | None:
    """``value`` as an exact decimal of at most ``places`` decimals, or None."""
    scaled = value * 10 ** places
    if scaled.denominator != 1:
        return None
    return (Decimal(scaled.numerator) / Decimal(10 ** places)).normalize()


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def fmt(value: Any) -> str:
    """Numbers and dates as a reader writes them, exactly: 92.5, 39.991, 2/3, 2024年12月16日.

    A decimal is never rounded here, so a score shown is the score graded (94.9999 is 二级,
    and the reader sees 94.9999, not 95). Inexact quotients use :func:`equals`.
    """
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return _plain(value) if value != value.to_integral_value() else str(int(value))
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        exact = _terminating(value)
        return _plain(exact) if exact is not None else f"{value.numerator}/{value.denominator}"
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def equals(value: Fraction, floor: bool = False) -> str:
    """``= 12``, ``= 2.8`` or ``≈ 10.67``: a result shown with = only when it is exact.

    ``floor`` rounds an inexact value down (for a value compared with “不低于” a target:
    89.999…% shows as ≈ 89.99, never as a 90.00 that the check says it does not reach).
    """
    exact = _terminating(Fraction(value), 4)
    if exact is not None:
        return f"= {fmt(exact)}"
    rounding = ROUND_FLOOR if floor else ROUND_HALF_EVEN
    shown = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), rounding)
    return f"≈ {format(shown, 'f')}"


def jsonable(value: Any) -> Any:
    """Make computed values JSON-serialisable, the same way on CPython and Pyodide."""
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, Decimal | Fraction):
        if value == int(value):
            return int(value)
        return float(value)
    if isinstance(value, float):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return str(value)
