"""Policy parameters as the calculators receive them: plain JSON built from policy_data/.

The calculators never read YAML. The build (``handbook.export``) turns the data
into a dict of this shape, which the CLI loads and the browser embeds::

    {"documents": {doc_id: {"title": …, "name": "阳城", "labels": {clause_id: "三（三）2"},
        "params": {param_id: {
        "value": …, "unit": …, "label": …, "quote": …, "clause": …, "reading": id | null}},
        "version": "2024", "key": "2024", "number": 文号, "round": "2024年度评审", "status": …,
        "versions": {key: {"key", "label", "number", "round", "year", "status", "url",
                           and for a version other than the current one its own "labels" and "params"}},
        "missing_years": [2025, 2026]}},   # a yearly series: years after the last notice recorded
     "readings": {reading_id: {"expression": …, "reading": …, "basis": …}},
     "holidays": {"2025": {"notice": {…}, "off": {date: festival}, "work": {date: festival}}},
     "sources": {"holidays": {"name": …, "labels": {…}}}}

National rules that a document cites (e.g. 人社部令第25号) are a "document" too.

A document's top level is its current version (the one its address shows); a calculator asked for
another version (``Params.with_version``) reads that version's parameters and labels, and cites
its clauses at that version's fixed address (``documents/<doc>/<key>/#clause``), so a result
always names the notice and the words it used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any


def clause_url(doc: str, clause: str) -> str:
    """Link to a clause, relative to the site root (national rules and the holiday schedules
    have pages of their own)."""
    if doc == NATIONAL_RULES:
        return f"overview/national-rules/#{clause}"
    if doc == HOLIDAYS:
        return f"overview/holidays/#{clause}"
    return f"documents/{doc}/#{clause}"


NATIONAL_RULES = "national"
HOLIDAYS = "holidays"


class ParameterMissing(Exception):
    """The parameter data lacks something a calculator needs (a build problem)."""


@dataclass(frozen=True)
class Param:
    doc: str
    id: str
    value: Any
    unit: str
    label: str
    quote: str
    clause: str
    reading: str | None

    @property
    def number(self) -> Decimal:
        if isinstance(self.value, bool) or not isinstance(self.value, int | float):
            raise ParameterMissing(f"{self.doc}:{self.id} 不是数值")
        return Decimal(str(self.value))

    @property
    def integer(self) -> int:
        return int(self.number)

    @property
    def fraction(self) -> Fraction:
        """A ratio: ``2/3`` for a fraction, ``20`` % → 1/5."""
        if self.unit == "fraction":
            return Fraction(str(self.value))
        if self.unit == "%":
            return Fraction(str(self.value)) / 100
        raise ParameterMissing(f"{self.doc}:{self.id} 不是比例")

    @property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(str(self.value))

    @property
    def range(self) -> tuple[Decimal, Decimal]:
        low, high = self.value
        return Decimal(str(low)), Decimal(str(high))

    def ref(self) -> dict[str, str]:
        return {"doc": self.doc, "clause": self.clause}


class Params:
    """Read access to the parameter JSON, with clear errors for what is missing."""

    def __init__(self, data: dict[str, Any], versions: dict[str, str] | None = None):
        if not isinstance(data, dict) or not isinstance(data.get("documents"), dict):
            raise ParameterMissing("参数数据格式不正确：缺少 documents")
        self.data = data
        self.selected = dict(versions or {})

    def with_version(self, doc: str, key: str) -> Params:
        """The same data, reading ``doc``'s version ``key`` (one of :meth:`versions`)."""
        return Params(self.data, {**self.selected, doc: key})

    def versions(self, doc: str) -> dict[str, dict[str, Any]]:
        """Every version of ``doc`` the data knows, oldest first: key → 文号, 年度, status…"""
        entry = self.data["documents"].get(doc) or {}
        return dict(entry.get("versions") or {})

    def version(self, doc: str) -> dict[str, Any]:
        """The version of ``doc`` in use (the selected one, else the current one)."""
        entry = self.data["documents"].get(doc) or {}
        key = self.selected.get(doc, entry.get("version"))
        return (entry.get("versions") or {}).get(key) or {}

    def _source(self, doc: str) -> dict[str, Any]:
        entry = self.data["documents"].get(doc)
        key = self.selected.get(doc)
        if isinstance(entry, dict) and key is not None and key != entry.get("version"):
            return (entry.get("versions") or {}).get(key) or {}
        return entry if isinstance(entry, dict) else {}

    def clause_url(self, doc: str, clause: str) -> str:
        """Link to the clause in the version used, at that version's fixed address."""
        url = self.version(doc).get("url")
        return f"{url}#{clause}" if url else clause_url(doc, clause)

    def __call__(self, doc: str, param_id: str) -> Param:
        try:
            raw = self._source(doc)["params"][param_id]
        except (KeyError, TypeError):
            raise ParameterMissing(f"参数数据中没有 {doc}:{param_id}") from None
        return Param(doc=doc, id=param_id, value=raw.get("value"), unit=raw.get("unit", ""),
                     label=raw.get("label", param_id), quote=raw.get("quote", ""),
                     clause=raw.get("clause", ""), reading=raw.get("reading"))

    def in_document(self, doc: str) -> list[Param]:
        try:
            ids = list(self._source(doc)["params"])
        except (KeyError, TypeError):
            raise ParameterMissing(f"参数数据中没有文件 {doc}") from None
        return [self(doc, pid) for pid in ids]

    def reading(self, reading_id: str) -> dict[str, str]:
        try:
            return self.data["readings"][reading_id]
        except (KeyError, TypeError):
            raise ParameterMissing(f"参数数据中没有解读 {reading_id}") from None

    def title(self, doc: str) -> str:
        return self._source(doc).get("title", doc)

    def clause_label(self, doc: str, clause: str) -> str:
        """How a reader cites the clause: ``阳城 三（三）2``; the id only if the data has no label."""
        source = self._source(doc) or (self.data.get("sources") or {}).get(doc) or {}
        label = (source.get("labels") or {}).get(clause, clause)
        name = source.get("name", "")
        return f"{name} {label}".strip()
