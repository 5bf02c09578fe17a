"""The calculators' view of the data: parameters as plain JSON, no YAML, no pydantic.

``calculator_params(handbook)`` is what the CLI passes to ``calculators.run`` and
what the site embeds for the browser, so page text and calculators always come
from the same YAML.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from .clause_labels import document_labels, rule_label, short_name
from .holidays import year_days
from .loader import HOLIDAYS_DOC, Handbook, load_handbook
from .schema import Parameter
from .versions import DocVersion


def _value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _param(p: Parameter) -> dict[str, Any]:
    return {"value": _value(p.value), "unit": p.unit, "label": p.label, "quote": p.quote,
            "clause": p.clause, "reading": p.reading}


def _version(v: DocVersion, full: bool) -> dict[str, Any]:
    """A version as the calculators name it (文号, 年度, status) and, if ``full``, its clauses' labels
    and its parameters, each with its quote and clause in this version."""
    meta = v.doc.meta
    out: dict[str, Any] = {
        "key": v.key, "label": v.label, "number": meta.doc_number, "round": v.round, "year": v.year,
        "doc_title": meta.title, "status": v.status.text, "status_code": v.status.code,
        "status_short": v.status.short,
        "period": v.status.period, "url": f"documents/{v.series}/{v.key}/"}
    if full:
        out.update({"title": meta.short_title, "name": short_name(v.doc), "labels": document_labels(v.doc),
                    "params": {p.id: _param(p) for p in v.doc.parameters},
                    "procedures": [proc.model_dump(exclude_none=True) for proc in v.doc.procedures]})
    return out


def calculator_params(handbook: Handbook) -> dict[str, Any]:
    """Each document's current version at the top (what a calculator uses by default) and every
    version under ``versions`` (the current one named there without repeating its parameters)."""
    documents: dict[str, Any] = {}
    for series in handbook.series.values():
        current = series.current
        documents[series.id] = {
            **_version(current, full=True), "version": current.key,
            "versions": {v.key: _version(v, full=v.key != current.key) for v in series.versions},
            # years the site has no notice for yet: offered, to be answered with a message
            "missing_years": series.missing_years(handbook.today)}
    if handbook.rules is not None:
        documents[handbook.rules.id] = {
            "title": "国家规定", "name": "国家规定",
            "labels": {r.id: rule_label(r) for r in handbook.rules.rules},
            "params": {p.id: _param(p) for p in handbook.rules.parameters},
        }
    readings = {r.id: {"expression": r.expression, "reading": r.reading, "basis": r.basis}
                for r in handbook.readings.readings}
    return {"documents": documents, "readings": readings, "holidays": holiday_params(handbook),
            "sources": {HOLIDAYS_DOC: {"name": "放假安排",
                                       "labels": {f"y{y.year}": f"{y.year}年" for y in handbook.holidays}}}}


def holiday_params(handbook: Handbook) -> dict[str, Any]:
    """Each year's schedule as the calculators read it: days off and 调休 working days by date."""
    years: dict[str, Any] = {}
    for year in handbook.holidays:
        off, work = year_days(year)
        n = year.notice
        years[str(year.year)] = {
            "notice": {"title": n.title, "number": n.number, "date": n.date.isoformat(), "issuer": n.issuer},
            "off": {d.isoformat(): name for d, name in off.items()},
            "work": {d.isoformat(): name for d, name in work.items()},
        }
    return years


def load_params(data_dir: Path) -> dict[str, Any]:
    return calculator_params(load_handbook(data_dir))


def params_json(data_dir: Path) -> str:
    return json.dumps(load_params(data_dir), ensure_ascii=False, sort_keys=True, indent=1)


def describe_all(params: dict) -> list[dict]:
    """Every calculator's input schema, with the optional keys the templates read filled in."""
    from calckit.catalog import describe, list_calculators

    def fill(field: dict) -> dict:
        field = {"help": "", "unit": "", "group": "", **field}
        if "columns" in field:
            field["columns"] = [fill(c) for c in field["columns"]]
        return field

    out = []
    for item in list_calculators():
        schema = describe(item["id"], params)
        schema["inputs"] = [fill(f) for f in schema["inputs"]]
        schema["by_version"] = {key: {name: fill(f) for name, f in fields.items()}
                                for key, fields in schema["by_version"].items()}
        out.append(schema)
    return out
