"""Check a filled form and work out its computed fields, with the calculators' own code.

The browser sends the form's field list (from policy_data/forms via the build) and
the values typed so far; this returns the field errors and the computed values.
Blank fields are fine (a form may be printed half-filled); what is typed must be
valid. Fields of repeated rows are named ``table.<row>.<column>`` and described once
as ``table.*.column``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from . import catalog
from .explain import fmt
from .fields import Field, validate_value
from .params import ParameterMissing, Params
from .registry import OutOfData

_TYPES = {"date": "date", "integer": "integer", "decimal": "decimal", "choice": "choice",
          "idcard": "idcard"}
#: the kinds of computed field the kit works out itself; a handbook's package may add its own
COMPUTED_KINDS = ("sum", "remainder", "workdays")
TEXT_MAX = 5000  # characters in one text field


def _pattern(name: str) -> str:
    return re.sub(r"\.\d+\.", ".*.", name)


def _as_field(spec: dict[str, Any]) -> Field:
    return Field(name=spec["name"], label=spec["label"], type=_TYPES[spec["type"]], required=False,
                 min=spec.get("min"), max=spec.get("max"),
                 choices=tuple((c, c) for c in spec.get("choices", [])))


def _with_version_max(spec: dict[str, Any], p: Params, unknown: dict[str, str]) -> dict[str, Any]:
    """The field's maximum from its parameter in the chosen version (the page embeds the current
    version's value as ``max``); none for a year the site has no notice for."""
    ref = spec.get("max_param")
    if not ref:
        return spec
    doc, _, pid = ref.partition(":")
    if doc in unknown:
        return {k: v for k, v in spec.items() if k != "max"}
    try:
        return {**spec, "max": p(doc, pid).value}
    except ParameterMissing:
        return spec


def _matching(pattern: str, values: dict[str, Any]) -> list[str]:
    if "*" not in pattern:
        return [pattern]
    rx = re.compile("^" + re.escape(pattern).replace(r"\*", r"\d+") + "$")
    return sorted((k for k in values if rx.match(k)), key=lambda k: [int(p) if p.isdigit() else p
                                                                      for p in k.split(".")])


def check(fields: list[dict[str, Any]], values: Any, params: dict[str, Any],
          versions: dict[str, str] | None = None) -> dict[str, Any]:
    """``{"errors": [{"field", "message"}], "computed": {name: text}}``; never raises.

    ``versions`` (document → version key, from the page's 依据的文件（年度）) chooses the version
    whose numbers the checks use: a maximum from a parameter (``max_param``), a quota, a 公示期."""
    if not isinstance(values, dict):
        return {"errors": [{"field": "", "message": "表格数据应为对象"}], "computed": {}}
    versions = {d: str(k) for d, k in versions.items()} if isinstance(versions, dict) else {}
    p = Params(params)
    # a year the site has no notice for: what depends on it is not checked, and the form says so
    unknown = {d: k for d, k in versions.items() if k not in p.versions(d)}
    p = Params(params, {d: k for d, k in versions.items() if d not in unknown})
    fields = [_with_version_max(spec, p, unknown) for spec in fields]
    specs = {f["name"]: f for f in fields}
    errors: list[dict[str, str]] = []
    parsed: dict[str, Any] = {}
    for key, raw in values.items():
        spec = specs.get(_pattern(key))
        if spec is None or raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        if not isinstance(raw, str | int | float) or isinstance(raw, bool):
            errors.append({"field": key, "message": "应为文字"})
            continue
        if spec["type"] in _TYPES:
            value, message = validate_value(_as_field(spec), raw)
            if message:
                errors.append({"field": key, "message": message})
                continue
            parsed[key] = value
        elif len(str(raw)) > TEXT_MAX:
            errors.append({"field": key, "message": f"内容过长（超过{TEXT_MAX}字）"})
    computed: dict[str, str] = {}
    for spec in fields:
        compute = spec.get("compute")
        if spec["type"] != "computed" or not compute:
            continue
        doc = str(compute.get("rule") or "").partition(":")[0]
        if doc in unknown:
            computed[spec["name"]] = ""
            errors.append({"field": spec["name"], "message": f"本站尚未收录{unknown[doc]}年度的通知，"
                                                             "此项未按其他年度的规定核对"})
            continue
        try:
            text, error = _compute(compute, values, parsed, p, spec["name"])
        except (ParameterMissing, OutOfData, KeyError) as exc:
            text, error = "", {"field": spec["name"], "message": getattr(exc, "message", str(exc))}
        computed[spec["name"]] = text
        if compute["kind"] in ("sum", "remainder") and text and not error:
            parsed[spec["name"]] = Decimal(text)     # later computed fields may use it
        if error:
            errors.append(error)
    return {"errors": errors, "computed": computed}


def _compute(compute: dict[str, Any], values: dict[str, Any], parsed: dict[str, Any],
             params: Params, name: str) -> tuple[str, dict[str, str] | None]:
    kind = compute["kind"]
    if kind == "remainder":
        # what is left of a total once the other parts are taken (e.g. 优秀 in 附件3, which has no
        # 优秀 column: reading statistics-total-includes-excellent)
        total = parsed.get(compute["total"])
        parts = [parsed[k] for k in compute["of"] if k in parsed]
        if total is None or not parts:
            return "", None
        rest = total - sum(parts, Decimal(0))
        if rest < 0:
            return "", {"field": compute["total"],
                        "message": f"各等次之和 {fmt(total - rest)} 超过合计 {fmt(total)}"}
        return fmt(rest), None
    if kind == "sum":
        keys = [k for pattern in compute["of"] for k in _matching(pattern, {**values, **parsed})]
        numbers = [parsed[k] for k in keys if k in parsed]
        if not numbers:
            return "", None
        total = sum(numbers, Decimal(0))
        check_field = compute.get("check")
        if check_field and check_field in parsed and parsed[check_field] != total:
            return fmt(total), {"field": check_field,
                                "message": f"合计应等于各项之和 {fmt(total)}"}
        return fmt(total), None
    if kind == "workdays":
        from .workdays import HolidayCalendar

        start, end = parsed.get(compute["start"]), parsed.get(compute["end"])
        if not isinstance(start, dt.date) or not isinstance(end, dt.date):
            return "", None
        if end < start:
            return "", {"field": compute["end"], "message": "结束日期早于开始日期"}
        doc, pid = compute["rule"].split(":", 1)
        need = params(doc, pid)
        # the posting day counts, as for the calculator (reading publicity-period-dates)
        count = HolidayCalendar.of(params).count_workdays(start, end, compute["end"])
        text = f"{count} 个工作日"
        if count < need.integer:
            return text, {"field": compute["end"],
                          "message": f"公示期只有 {count} 个工作日（含开始当日），少于“{need.quote}”"}
        return text, None
    # a kind of this handbook's own (its package's COMPUTATIONS: 忻州's 优秀 quota, a score's 等级)
    own = catalog.function("COMPUTATIONS", kind)
    if own is None:
        return "", {"field": name, "message": f"计算方式“{kind}”未由本手册的计算器程序包提供"}
    return own(compute, values, parsed, params, name)


def roster_summary(form_id: str, values: Any, params: dict[str, Any],
                   versions: dict[str, str] | None = None) -> dict[str, Any]:
    """The summary of a roster form's rows (the handbook package's ``ROSTER_SUMMARIES``), with the
    numbers of the version chosen on the page (``versions``: document → key); never raises."""
    summarize = catalog.function("ROSTER_SUMMARIES", form_id)
    if summarize is None or not isinstance(values, dict):
        return {"ok": False, "message": f"表格“{form_id}”没有名单统计"}
    return {"ok": True, **summarize(values, params, versions if isinstance(versions, dict) else {})}
