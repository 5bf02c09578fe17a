"""Policy parameters as the calculators receive them: plain JSON built from policy_data/.

The calculators never read YAML. The build (``handbook.export``) turns the data
into a dict of this shape, which the CLI loads and the browser embeds::

    {"documents": {doc_id: {"title": …, "name": "阳城", "labels": {clause_id: "三（三）2"},
        "params": {param_id: {
        "value": …, "unit": …, "label": …, "quote": …, "clause": …, "reading": id | null}}}},
     "readings": {reading_id: {"expression": …, "reading": …, "basis": …}},
     "holidays": {"2025": {"notice": {…}, "off": {date: festival}, "work": {date: festival}}},
     "sources": {"holidays": {"name": …, "labels": {…}}}}

National rules that a document cites (e.g. 人社部令第25号) are a "document" too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any


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

    def __init__(self, data: dict[str, Any]):
        if not isinstance(data, dict) or not isinstance(data.get("documents"), dict):
            raise ParameterMissing("参数数据格式不正确：缺少 documents")
        self.data = data

    def __call__(self, doc: str, param_id: str) -> Param:
        try:
            raw = self.data["documents"][doc]["params"][param_id]
        except (KeyError, TypeError):
            raise ParameterMissing(f"参数数据中没有 {doc}:{param_id}") from None
        return Param(doc=doc, id=param_id, value=raw.get("value"), unit=raw.get("unit", ""),
                     label=raw.get("label", param_id), quote=raw.get("quote", ""),
                     clause=raw.get("clause", ""), reading=raw.get("reading"))

    def in_document(self, doc: str) -> list[Param]:
        try:
            ids = list(self.data["documents"][doc]["params"])
        except (KeyError, TypeError):
            raise ParameterMissing(f"参数数据中没有文件 {doc}") from None
        return [self(doc, pid) for pid in ids]

    def reading(self, reading_id: str) -> dict[str, str]:
        try:
            return self.data["readings"][reading_id]
        except (KeyError, TypeError):
            raise ParameterMissing(f"参数数据中没有解读 {reading_id}") from None

    def title(self, doc: str) -> str:
        return self.data["documents"].get(doc, {}).get("title", doc)

    def clause_label(self, doc: str, clause: str) -> str:
        """How a reader cites the clause: ``阳城 三（三）2``; the id only if the data has no label."""
        source = self.data["documents"].get(doc) or (self.data.get("sources") or {}).get(doc) or {}
        label = (source.get("labels") or {}).get(clause, clause)
        name = source.get("name", "")
        return f"{name} {label}".strip()
