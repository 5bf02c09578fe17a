"""Every version published as data, at a fixed address, for other sites and tools to cite.

``data/<series>/<key>.json`` holds one version as issued: its metadata, its period, its tree
(every part, section, clause and item with its id, its number as printed — 四（三）6 — and its
text) and its parameters with their quotes. Like the version's page, it never changes once
published: it carries no status. ``data/index.json`` lists every series and version with the
status computed on the build date, and is rewritten by every build.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from .clause_index import block_text
from .clause_labels import document_labels
from .loader import Handbook
from .render import data_path, doc_src, src_to_url, version_src
from .schema import Node
from .versions import DocVersion

FORMAT = "safety-talent-handbook/document@1"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _node(node: Node, labels: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": node.id, "label": labels.get(node.id, "")}
    for key in ("num", "title", "text"):
        if getattr(node, key):
            out[key] = getattr(node, key)
    if node.children:
        out["children"] = [_node(c, labels) for c in node.children]
    return out


def version_json(v: DocVersion) -> dict[str, Any]:
    doc, labels = v.doc, document_labels(v.doc)
    # a binding document's standing is its binding: said only for the others
    left_out = {"notes", "source_file", *(("standing",) if doc.meta.binding else ())}
    meta = doc.meta.model_dump(mode="json", exclude=left_out)
    version = doc.version.model_dump(mode="json", by_alias=True, exclude_none=True) if doc.version else {}
    parts = []
    for part in doc.parts:
        item: dict[str, Any] = {"id": part.id, "kind": part.kind}
        for key in ("num", "masthead", "doc_number", "title", "subtitle", "addressees", "preamble",
                    "closing", "date_text", "publicity"):
            if getattr(part, key):
                item[key] = getattr(part, key)
        if part.signature:
            item["signature"] = part.signature
        if part.sections:
            item["sections"] = [_node(n, labels) for n in part.sections]
        if part.blocks:
            item["blocks"] = [{"id": b.id, "text": block_text(b)} | ({"table": True} if b.rows else {})
                              for b in part.blocks]
        parts.append(item)
    return {
        "format": FORMAT,
        "series": v.series,
        "version": v.key,
        "label": v.label,
        "address": src_to_url(version_src(v.series, v.key)),
        "meta": meta,
        "period": version,
        "parts": parts,
        "parameters": [{"id": p.id, "label": p.label, "value": _plain(p.value), "unit": p.unit,
                        "quote": p.quote, "clause": p.clause, "clause_label": labels.get(p.clause, ""),
                        **({"reading": p.reading} if p.reading else {})} for p in doc.parameters],
        "corrections": [c.model_dump() for c in doc.corrections],
    }


def index_json(handbook: Handbook) -> dict[str, Any]:
    return {
        "format": "safety-talent-handbook/index@1",
        "built": handbook.today.isoformat(),
        "series": [{
            "id": s.id,
            "address": src_to_url(doc_src(s.id)),
            "current": s.current_key,
            "versions": [{"key": v.key, "label": v.label, "status": v.status.text, "status_code": v.status.code,
                          "period": v.status.period, "address": src_to_url(version_src(s.id, v.key)),
                          "data": data_path(s.id, v.key)} for v in s.versions],
        } for s in handbook.series.values()],
    }


def write_open_data(handbook: Handbook, site: Path) -> None:
    for series in handbook.series.values():
        for v in series.versions:
            out = site / data_path(series.id, v.key)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(version_json(v), ensure_ascii=False, indent=1), "utf-8")
    (site / "data").mkdir(exist_ok=True)
    (site / "data" / "index.json").write_text(
        json.dumps(index_json(handbook), ensure_ascii=False, indent=1), "utf-8")
