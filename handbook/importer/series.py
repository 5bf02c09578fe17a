"""Next year's notice as a new version of its series: ``import 2025通知.docx --series <id>``.

The text is imported as any notice is (:func:`handbook.importer.run.import_source`); then, against
the latest version of the series already in ``policy_data/``:

- **ids**: a clause keeps the id it had when it is the same provision — the same words, or the
  same number as printed with similar words, or (moved) the most similar words — so links into
  the old version and the compare page line the two up; a new provision whose id an old one used
  gets ``-v<key>``, never an old provision's id;
- **parameters, procedures, materials**: each is carried over when its quote is found in the new
  text (in its clause, or re-located to the clause that now holds it); one whose quote is no longer
  there is *not* carried over: it is listed for the maintainer, commented out, with the most similar
  words of the new text and the value they state (2022年12月31日前 → 2023年12月31日前?), and
  ``handbook check`` names it until it is written (see :mod:`.carry`);
- **meta and period**: what does not change within a series (short name, level, kind, region) comes
  from the previous version, the year in titles and the round moves on, and the end of the period
  is proposed from the words the previous version took it from — each marked ``# 请核对``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ..clause_index import block_text, index_document, node_text
from ..clause_labels import document_labels
from ..loader import validate
from ..numbers import stated_values
from ..schema import Document
from ..versions import default_key
from ..yaml_source import load_yaml
from .carry import Carried, Carrier, blocks_text, closest
from .errors import ImportFailure
from .fidelity import squash

SAME_LABEL_SIMILAR = 0.5    # same printed number: the same provision if at least this similar
MOVED_SIMILAR = 0.6         # another number: the same provision (moved) if at least this similar


@dataclass
class SeriesResult:
    series: str
    key: str
    previous: str
    previous_file: Path
    moved_file: Path | None = None
    kept_ids: int = 0
    moved_ids: list[tuple[str, str, str]] = field(default_factory=list)   # id, old label, new label
    new_ids: list[str] = field(default_factory=list)
    blocks: Carried = field(default_factory=Carried)     # parameters, procedures, materials
    checks: list[str] = field(default_factory=list)     # version fields drafted: 请核对

    def report(self) -> str:
        lines = [f"作为系列“{self.series}”的新版本 {self.key}（上一版本：{self.previous}，{self.previous_file}）："]
        if self.moved_file:
            lines.append(f"  原来的单个文件已移为该系列的第一个版本：{self.moved_file}")
        lines.append(f"  条款 id：{self.kept_ids} 条沿用上一版本的 id（同一条款），"
                     f"{len(self.moved_ids)} 条已移动，{len(self.new_ids)} 条为新增。")
        for cid, old, new in self.moved_ids:
            lines.append(f"    移动：{cid}（{old} → {new}）")
        lines += self.blocks.report()
        return "\n".join(lines)


def latest_version(data_dir: Path, series: str) -> tuple[Path, Document, bool]:
    """The newest version of ``series`` (by the period it starts): its file, document, and whether
    it is a lone ``<series>.yaml`` rather than a file in the series' folder."""
    docs = data_dir / "documents"
    flat = docs / f"{series}.yaml"
    files = sorted((docs / series).glob("*.yaml")) if (docs / series).is_dir() else []
    if flat.exists():
        files.append(flat)
    if not files:
        known = sorted({p.stem for p in docs.glob("*.yaml")} | {p.name for p in docs.iterdir() if p.is_dir()}) \
            if docs.is_dir() else []
        raise ImportFailure(f"没有名为“{series}”的系列（{docs} 中有：{'、'.join(known) or '无'}）")
    found = []
    for path in files:
        src = load_yaml(path, str(path))
        doc = validate(src, Document) if not src.errors else None
        if doc is None:
            details = "\n".join(str(e) for e in src.errors[:5])
            raise ImportFailure(f"上一版本 {path} 有错误，请先改正（make check-data）：\n{details}")
        start = (doc.version.start if doc.version else None) or doc.meta.effective or doc.meta.date or dt.date.min
        found.append((start, path, doc))
    start, path, doc = max(found, key=lambda t: (t[0], t[1].stem))
    return path, doc, path == flat


def version_key(doc: dict, requested: str | None) -> str:
    """The new version's key: as asked, else the 年度 its title names, else its date's year."""
    if requested:
        if not re.fullmatch(r"[0-9a-z][a-z0-9-]{0,19}", requested) or requested == "compare":
            raise ImportFailure(f"--version “{requested}” 不可用：只能用小写英文字母、数字和连字符，如 2025")
        return requested
    m = re.search(r"(\d{4})\s*年度", doc["meta"]["title"])
    if m:
        return m.group(1)
    date = doc["meta"].get("date") or doc["meta"].get("effective")
    if isinstance(date, dt.date):
        return str(date.year)
    raise ImportFailure("无法从标题或日期判断新版本的年度，请用 --version 指定，如 --version 2025")


# --- ids -----------------------------------------------------------------------------------

def _units(doc: Document) -> list[tuple[str, str, str]]:
    """(id, kind, text) of every node and block, in document order."""
    out = []
    for part in doc.parts:
        for node in _walk(part.sections):
            out.append((node.id, "node", node_text(node)))
        for block in part.blocks:
            out.append((block.id, "block", block_text(block)))
    return out


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, squash(a), squash(b), autojunk=False).ratio()


def match_ids(old: Document, new: Document, key: str) -> tuple[dict[str, str], SeriesResult]:
    """new id → the id it gets: the old provision's id where it is the same provision."""
    result = SeriesResult("", key, "", Path())
    old_units, new_units = _units(old), _units(new)
    old_labels, new_labels = document_labels(old), document_labels(new)
    unused = {uid: (kind, text) for uid, kind, text in old_units}
    mapping: dict[str, str] = {}

    def take(nid: str, oid: str) -> None:
        mapping[nid] = oid
        del unused[oid]

    # 1. the same words
    for nid, kind, text in new_units:
        same = [oid for oid, (k, t) in unused.items() if k == kind and squash(t) == squash(text)]
        if same:
            best = next((o for o in same if old_labels.get(o) == new_labels.get(nid)), same[0])
            take(nid, best)
    # 2. the same number as printed, similar words
    for nid, kind, text in new_units:
        if nid in mapping:
            continue
        label = new_labels.get(nid)
        for oid, (k, t) in list(unused.items()):
            if k == kind and label and old_labels.get(oid) == label and _similar(t, text) >= SAME_LABEL_SIMILAR:
                take(nid, oid)
                break
    # 3. moved: the most similar words elsewhere
    for nid, kind, text in new_units:
        if nid in mapping:
            continue
        scored = [(_similar(t, text), oid) for oid, (k, t) in unused.items() if k == kind]
        if scored:
            score, oid = max(scored)
            if score >= MOVED_SIMILAR:
                take(nid, oid)
    # 4. new provisions: never an id an old provision had
    old_ids = {uid for uid, _, _ in old_units}
    taken = set(mapping.values())
    for nid, _, _ in new_units:
        if nid in mapping:
            continue
        fresh = nid if nid not in old_ids and nid not in taken else f"{nid}-v{key}"
        n = 2
        while fresh in old_ids or fresh in taken:
            fresh, n = f"{nid}-v{key}-{n}", n + 1
        mapping[nid] = fresh
        taken.add(fresh)
        result.new_ids.append(fresh)
    for nid, oid in mapping.items():
        if oid in old_ids:
            if old_labels.get(oid) and new_labels.get(nid) and old_labels[oid] != new_labels[nid]:
                result.moved_ids.append((oid, old_labels[oid], new_labels[nid]))
            else:
                result.kept_ids += 1
    return mapping, result


def _rename(doc: dict, nodes: dict[str, str], parts: dict[str, str], attachments: dict[str, str]) -> None:
    def walk(items: list[dict]) -> None:
        for item in items:
            item["id"] = nodes.get(item["id"], item["id"])
            walk(item.get("children", []))

    for part in doc["parts"]:
        part["id"] = parts.get(part["id"], part["id"])
        walk(part.get("sections", []))
        for block in part.get("blocks", []):
            block["id"] = nodes.get(block["id"], block["id"])
        for ref in part.get("attachment_list", []):
            if ref.get("attachment"):
                ref["attachment"] = parts.get(ref["attachment"], attachments.get(ref["attachment"], ref["attachment"]))
    for att in doc.get("named_attachments", []):
        att["id"] = attachments.get(att["id"], att["id"])


def regroup_blocks(doc: dict, old: Document) -> None:
    """Paragraphs the previous version kept as one block (a 填表说明 of seven numbered lines, a
    signature of four) are one block again when the new text has the same lines in a row: the
    grouping was reviewed by hand, and forms and parameters cite the block by its id."""
    grouped = {squash(b.text) for part in old.parts for b in part.blocks if b.text and "\n" in b.text}
    for part in doc["parts"] if grouped else []:
        blocks, out, i = part.get("blocks", []), [], 0
        while i < len(blocks):
            end = _grouped_run(blocks, i, grouped)
            if end is None:
                out.append(blocks[i])
                i += 1
            else:
                out.append({**blocks[i], "text": "\n".join(b["text"] for b in blocks[i:end])})
                i = end
        if out:
            part["blocks"] = out


def _grouped_run(blocks: list[dict], i: int, grouped: set[str]) -> int | None:
    """The end of the run of text blocks from ``i`` whose words are one of the ``grouped`` texts."""
    joined = ""
    for j in range(i, len(blocks)):
        if "text" not in blocks[j]:
            return None
        joined += squash(blocks[j]["text"])
        if j > i and joined in grouped:
            return j + 1
        if not any(text.startswith(joined) for text in grouped):
            return None
    return None


def _part_mapping(old: Document, new: dict) -> dict[str, str]:
    """Parts line up by kind and order (the main text, 附件1, 附件2 …)."""
    out = {}
    for kind in ("notice", "main", "attachment", "sample", "imprint"):
        olds = [p for p in old.parts if p.kind == kind]
        news = [p for p in new["parts"] if p["kind"] == kind]
        used: set[str] = set()      # two new parts never take one old part's id (附件1 printed twice)
        for i, part in enumerate(news):
            free = [o for o in olds if o.id not in used]
            by_num = next((o for o in free if o.num and o.num == part.get("num")), None)
            match = by_num or (olds[i] if i < len(olds) and olds[i].id not in used else None)
            if match is not None:
                out[part["id"]] = match.id
                used.add(match.id)
    return out


# --- parameters and period ----------------------------------------------------------------------

class _Sink:
    """A stand-in source for index_document: the new text was checked by the importer already."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def line_of(self, path):
        return None

    def error(self, path, message):
        return message


def draft_version(old: Document, new: Document, key: str, year_shift: int) -> tuple[dict, list[str]]:
    """The new version's ``version:`` block, from the words the previous one took its dates from."""
    v = old.version
    out: dict[str, Any] = {}
    checks = []
    if v and v.round:
        out["round"] = re.sub(r"\d{4}", lambda m: str(int(m.group()) + year_shift), v.round, count=1)
        checks.append("round")
    year = int(key) if key.isdigit() and len(key) == 4 else None
    if v and v.year and year:
        out["year"] = year
    start = new.meta.effective or new.meta.date
    if start:
        out["from"] = start
    if v and v.end and v.quote and v.clause:
        texts = index_document(new, _Sink()).texts
        cid, words, score = closest(v.quote, list(texts.items()))
        dates = [d for d in stated_values(words) if isinstance(d, dt.date | tuple)]
        if cid and dates and score >= 0.5:
            last = dates[-1]
            end = last if isinstance(last, dt.date) else _date_in(v.end.year + year_shift, last)
            if end:
                out["to"] = end
                out["quote"] = words
                out["clause"] = cid
                checks += ["to", "quote"]
    elif v and v.end:   # the same day a year on (29 February → 28 February)
        end = _date_in(v.end.year + year_shift, (v.end.month, v.end.day)) or \
            dt.date(v.end.year + year_shift, v.end.month, 28)
        out["to"] = end
        checks.append("to")
    if v and v.reading:
        out["reading"] = v.reading
    if v and v.basis:
        out["basis"] = v.basis
        checks.append("basis")
    return out, checks


def _date_in(year: int, month_day: tuple[int, int]) -> dt.date | None:
    try:
        return dt.date(year, *month_day)
    except ValueError:
        return None


def apply_series(doc: dict, data_dir: Path, series: str, requested_key: str | None) -> tuple[dict, SeriesResult,
                                                                                             Path, str]:
    """Turn an imported draft into the next version of ``series``: returns the document dict,
    what was done, the file to write and the YAML of the carried blocks (with the pending ones)."""
    prev_path, old, flat = latest_version(data_dir, series)
    doc["id"] = series
    key = version_key(doc, requested_key)
    old_key = prev_path.stem if not flat else default_key(old)
    if key == old_key:
        raise ImportFailure(f"新版本的年度/版本号“{key}”与上一版本相同；如确是新版本，请用 --version 指定另一个")
    new_year = int(key) if key.isdigit() and len(key) == 4 else None
    old_year = old.version.year if old.version and old.version.year else \
        ((old.version.start if old.version else None) or old.meta.date or dt.date(new_year or 1, 1, 1)).year
    shift = (new_year - old_year) if new_year else 0

    parts = _part_mapping(old, doc)
    attachments = {a["id"]: o.id for a in doc.get("named_attachments", [])
                   for o in old.named_attachments if o.num == a.get("num")}
    _rename(doc, {}, parts, attachments)
    regroup_blocks(doc, old)
    draft = Document.model_validate(doc)
    nodes, result = match_ids(old, draft, key)
    _rename(doc, nodes, {}, {})
    new = Document.model_validate(doc)
    result.series, result.previous, result.previous_file = series, old_key, prev_path

    meta = doc["meta"]
    for name in ("short_name", "level", "kind", "region"):
        value = getattr(old.meta, name)
        if value is not None:
            meta[name] = value
    if shift:
        meta["short_title"] = re.sub(r"\d{4}", lambda m: str(int(m.group()) + shift), old.meta.short_title)
    else:
        meta["short_title"] = old.meta.short_title
    meta["binding"] = old.meta.binding
    for att in doc.get("named_attachments", []):   # the editor's note on an attachment not given
        prev = next((o for o in old.named_attachments if o.id == att["id"]), None)
        if prev is not None:
            att["note"] = prev.note

    version, checks = draft_version(old, new, key, shift)
    ordered = {"id": doc["id"], "meta": doc["meta"], "version": version}
    ordered.update({k: v for k, v in doc.items() if k not in ordered})
    doc.clear()
    doc.update(ordered)
    texts = index_document(new, _Sink()).texts
    result.blocks = Carrier(old, document_labels(old), texts, document_labels(new), shift).run()
    block = blocks_text(result.blocks, old_key)
    out = data_dir / "documents" / series / f"{key}.yaml"
    if flat:
        result.moved_file = data_dir / "documents" / series / f"{old_key}.yaml"
    result.key = key
    result.checks = checks
    return doc, result, out, block
