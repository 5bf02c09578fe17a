"""One import from start to finish, and the report the command prints."""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..clause_index import index_document
from ..loader import check_document, validate
from ..schema import Document
from ..yaml_source import load_yaml
from .cleanup import Change, clean
from .draft import Candidate, Guess, Suggestion, candidates, draft_meta, ocr_suggestions
from .errors import ImportFailure
from .fidelity import missing_units
from .series import SeriesResult, apply_series
from .sources import read_source
from .structure import build_structure
from .writer import PARAMETER_EXAMPLE, document_dict, write_atomic, yaml_text


@dataclass
class ImportResult:
    out: Path
    doc: dict
    encoding: str
    units: int
    unplaced: list[tuple[int, str]]
    changes: list[Change]
    joins: int
    guesses: list[Guess]
    candidates: list[Candidate]
    suggestions: list[Suggestion]
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[tuple[int, str]] = field(default_factory=list)
    where: str = "行"          # a text file has lines; a Word file has paragraphs (段)
    series: SeriesResult | None = None   # what --series did: ids kept, parameters carried or listed

    def report(self) -> str:
        """What the command prints: where the file went, what was checked, what to look at."""
        c = self.counts
        lines = [f"已写入 {self.out}（源文件编码：{self.encoding}；用时 {self.seconds:.2f} 秒）",
                 f"结构：{c['parts']} 个部分（{c['kinds']}），{c['clauses']} 个条款，{c['blocks']} 个段落/表格块，"
                 f"附件目录 {c['attachments']} 项（其中 {c['named']} 项源文件未附正文）。",
                 f"原文逐句核对：{self.units - len(self.unplaced)}/{self.units} 句已放入条款。"]
        if self.unplaced:
            lines.append(f"未能归位的文字 {len(self.unplaced)} 处，已原样保存在文件末尾的 unplaced 中：")
            lines += [f"  第 {line} {self.where}：{text}" for line, text in self.unplaced]
        lines.append(f"合并被换行拆开的句子 {self.joins} 处（只删除换行，不改文字）。")
        if self.changes:
            lines.append("除空白外的改动：")
            groups: dict[str, list[int]] = defaultdict(list)
            for ch in self.changes:
                groups[ch.what].append(ch.line)
            for what, where in groups.items():
                shown = "、".join(str(n) for n in where[:12]) + ("…" if len(where) > 12 else "")
                lines.append(f"  {what} {len(where)} 处：第 {shown} {self.where}")
        else:
            lines.append("除空白外没有改动。")
        if self.suggestions:
            lines.append("疑似 OCR 错误（未改动原文，作为建议写在 corrections 下的注释中）：")
            lines += [f"  第 {s.line} {self.where} {s.clause}：“{s.original}” → “{s.corrected}”"
                      for s in self.suggestions]
        if self.candidates:
            lines.append(f"候选政策数字 {len(self.candidates)} 个，已列在 parameters 下的注释中，"
                         "请把需要计算的写成参数。")
        for line, note in self.notes:
            lines.append(f"请核对第 {line} {self.where}：{note}")
        for g in self.guesses:
            lines.append(f"请核对 {g.field}：{g.message}")
        if self.series is not None:
            lines.append(self.series.report())
        return "\n".join(lines)


def default_id(path: Path) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    if not slug or not slug[0].isalpha():
        slug = f"doc-{slug}" if slug else "doc"
    return slug[:60].rstrip("-")


def import_source(path: Path, doc_id: str | None = None, out: Path | None = None,
                  data_dir: Path = Path("policy_data"), force: bool = False,
                  series: str | None = None, version: str | None = None) -> ImportResult:
    """Import ``path``; raise ImportFailure (a message, exit status 2) without writing anything.
    With ``series``, the notice becomes the next version of that series (see :mod:`.series`)."""
    start = time.perf_counter()
    path = Path(path)
    if series:
        doc_id = series
    doc_id = doc_id or default_id(path)
    if not re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", doc_id) or len(doc_id) > 60:
        raise ImportFailure(f"--id “{doc_id}” 不可用：只能用小写英文字母、数字和连字符，以字母开头，如 xinzhou-2025")
    if not series:
        out = Path(out) if out else data_dir / "documents" / f"{doc_id}.yaml"
        if out.stem != doc_id:
            raise ImportFailure(f"输出文件名“{out.name}”须与 id“{doc_id}”一致（{doc_id}.yaml）")
        if (data_dir / "documents" / doc_id).is_dir() and out.parent == data_dir / "documents":
            raise ImportFailure(f"已有系列“{doc_id}”（{data_dir / 'documents' / doc_id}）；"
                                f"要加入它的新版本，请用 --series {doc_id}")
        if out.exists() and not force:
            raise ImportFailure(f"{out} 已存在；确认要覆盖请加 --force")

    source = read_source(path)
    cleaned = clean(source)
    markdown = path.suffix.lower() in {".md", ".markdown"} or any(
        ch.what.startswith("删除 Markdown") for ch in cleaned.changes)
    structure = build_structure(cleaned.paragraphs, markdown)
    if structure.markers == 0:
        raise ImportFailure(f"{path.name}: 没有找到任何条款编号（一、 （一） 1. （1） ① 第一章 第一条），"
                            "看起来不是一份公文正文，未导入。")
    meta, guesses = draft_meta(structure, path.name, source.raw_text)
    doc = document_dict(doc_id, meta, structure)
    total, missing = missing_units(source.raw_text, doc)
    if missing:
        structure.unplaced = missing
        doc = document_dict(doc_id, meta, structure)
    found = candidates(structure)
    suggestions = ocr_suggestions(structure)
    where = "段" if source.kind == "docx" else "行"
    next_version = None
    if series:
        doc, next_version, out, carried_block = apply_series(doc, data_dir, series, version)
        if out.exists() and not force:
            raise ImportFailure(f"{out} 已存在；确认要覆盖请加 --force")
        kept = {"short_name", "level", "kind", "region", "short_title", "binding"}
        guesses = [g for g in guesses if g.field.split(".")[-1] not in kept]
        guesses += [Guess(f"version.{name}", "按上一版本推出") for name in next_version.checks]
        found = []   # the parameters come from the previous version, each checked against this text
    text = yaml_text(doc, path.name, source.encoding, guesses, found, suggestions, where)
    if next_version is not None:
        text = text.replace(PARAMETER_EXAMPLE.rstrip("\n"), carried_block, 1)
    _self_check(text, doc_id)
    write_atomic(out, text)
    if next_version is not None and next_version.moved_file is not None:
        os.replace(data_dir / "documents" / f"{series}.yaml", next_version.moved_file)
    counts = _counts(doc)
    return ImportResult(out=out, doc=doc, encoding=source.encoding, units=total, unplaced=missing,
                        changes=cleaned.changes, joins=cleaned.joins, guesses=guesses, candidates=found,
                        suggestions=suggestions, seconds=time.perf_counter() - start, counts=counts,
                        notes=structure.notes, where=where, series=next_version)


def _self_check(text: str, doc_id: str) -> None:
    """The draft must pass the loader's own checks; if not, it is our bug, and nothing is written."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp_file = Path(tmp) / f"{doc_id}.yaml"
        tmp_file.write_text(text, encoding="utf-8")
        src = load_yaml(tmp_file, f"{doc_id}.yaml")
        doc = validate(src, Document) if not src.errors else None
        if doc is not None:
            check_document(doc, src, index_document(doc, src), None, doc_id)
        if src.errors or doc is None:
            details = "\n".join(str(e) for e in src.errors[:10])
            raise ImportFailure(f"导入结果未通过数据检查（这是导入程序的缺陷，请报告），未写入文件：\n{details}")


def _counts(doc: dict) -> dict[str, int]:
    def nodes(items):
        for n in items:
            yield n
            yield from nodes(n.get("children", []))

    parts = doc["parts"]
    kinds = defaultdict(int)
    for p in parts:
        kinds[p["kind"]] += 1
    names = {"notice": "印发通知", "main": "正文", "attachment": "附件", "sample": "范文", "imprint": "版记"}
    return {
        "parts": len(parts),
        "kinds": "、".join(f"{names[k]} {n}" for k, n in kinds.items()),
        "clauses": sum(1 for p in parts for _ in nodes(p.get("sections", []))),
        "blocks": sum(len(p.get("blocks", [])) for p in parts),
        "attachments": sum(len(p.get("attachment_list", [])) for p in parts),
        "named": len(doc.get("named_attachments", [])),
    }
