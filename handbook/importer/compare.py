"""How close an imported file is to a hand-made file of the same source.

A clause matches when the same part holds a clause with the same numbering path (四 → （三） → 6)
and the same words (title and text together, whitespace ignored); ids may differ. The hand-made
file's OCR corrections are undone first, since the importer keeps the source's characters.
Front matter (title, 文号, preamble, signature…) and attachment blocks are counted separately.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

_FRONT = ("masthead", "doc_number", "title", "subtitle", "addressees", "preamble", "closing",
          "date_text", "publicity")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _part_key(part: dict) -> str:
    if part["kind"] in {"main", "notice", "imprint"}:
        return part["kind"]
    digits = re.findall(r"\d+", part.get("num") or "")
    return f"{part['kind']}{digits[-1] if digits else part['id']}"


def _cell(cell) -> str:
    return cell if isinstance(cell, str) else cell.get("text", "")


def keys(doc: dict) -> dict[str, Counter]:
    undo: dict[str, list[tuple[str, str]]] = {}
    for fix in doc.get("corrections") or []:
        undo.setdefault(fix["clause"], []).append((fix["corrected"], fix["original"]))

    def text(value: str, clause: str = "") -> str:
        for right, wrong in undo.get(clause, []):
            value = value.replace(right, wrong)
        return _squash(value)

    out = {"clauses": Counter(), "front": Counter(), "blocks": Counter()}

    def walk(nodes, pkey, path):
        for n in nodes:
            p = (*path, _squash(n.get("num") or ""))
            out["clauses"][(pkey, p, text((n.get("title") or "") + (n.get("text") or ""), n["id"]))] += 1
            walk(n.get("children") or [], pkey, p)

    for part in doc.get("parts") or []:
        pkey = _part_key(part)
        walk(part.get("sections") or [], pkey, ())
        for f in _FRONT:
            if part.get(f):
                out["front"][(pkey, f, text(part[f], f"{part['id']}-{f}"))] += 1
        for line in part.get("signature") or []:
            out["front"][(pkey, "signature", text(line))] += 1
        for item in part.get("attachment_list") or []:
            out["front"][(pkey, "attachment_list", text(item.get("num", "") + item.get("title", "")))] += 1
        for block in part.get("blocks") or []:
            if block.get("text") is not None:
                out["blocks"][(pkey, text(block["text"], block["id"]))] += 1
            else:
                cells = "".join(_cell(c) for row in block["rows"] for c in row)
                out["blocks"][(pkey, text(cells, block["id"]))] += 1
    return out


@dataclass
class Comparison:
    hand: str
    imported: str
    matched: dict[str, tuple[int, int]]
    unmatched: list[tuple]

    def share(self, kind: str = "clauses") -> float:
        found, total = self.matched[kind]
        return found / total if total else 1.0

    def report(self) -> str:
        names = {"clauses": "条款（编号路径与文字）", "front": "文首文尾（标题、文号、导语、署名、附件目录…）",
                 "blocks": "附件段落与表格"}
        lines = [f"与 {self.hand} 对照："]
        for kind, (found, total) in self.matched.items():
            if total:
                lines.append(f"  {names[kind]}：{found}/{total} 一致（{found / total:.0%}）")
        return "\n".join(lines)


def compare(hand: dict, imported: dict, hand_name: str = "", imported_name: str = "") -> Comparison:
    h, i = keys(hand), keys(imported)
    matched = {}
    unmatched = []
    for kind in h:
        common = h[kind] & i[kind]
        matched[kind] = (sum(common.values()), sum(h[kind].values()))
        unmatched += [(kind, *k) for k in (h[kind] - i[kind])]
    return Comparison(hand_name, imported_name, matched, unmatched)


def compare_files(hand: Path, imported: Path) -> Comparison:
    load = lambda p: yaml.load(Path(p).read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: E731
    return compare(load(hand), load(imported), str(hand), str(imported))
