"""The draft as YAML in the loader's schema, with the maintainer's to-do list as comments.

Keys come in the order the hand-made files use; table rows are one flow list per line; multi-line
texts are literal blocks. ``parameters`` is left empty with a commented example and the candidate
numbers found; suspected OCR errors are commented suggestions under ``corrections``. The file is
written to a temporary name beside the target and renamed, so a failure never leaves half a file.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import yaml

from .draft import Candidate, Guess, Suggestion, tidy_title
from .structure import NodeDraft, PartDraft, Structure


class FlowRow(list):
    """A table row: written on one line, as the hand-made files do."""


class DataDumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        """The same date twice (成文日期, the period's first day) is written twice: the loader
        refuses YAML aliases."""
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _row(dumper: yaml.SafeDumper, value: FlowRow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


DataDumper.add_representer(str, _str)
DataDumper.add_representer(FlowRow, _row)


def _node(node: NodeDraft, depth: int) -> dict:
    out: dict = {"id": node.id}
    if node.num:
        out["num"] = node.num
    if node.title:
        out["title"] = node.title
    if node.texts:
        out["text"] = "\n".join(node.texts)
    if node.heading_line and depth > 0:
        out["layout"] = "heading"
    if node.children:
        out["children"] = [_node(c, depth + 1) for c in node.children]
    return out


def _part(part: PartDraft) -> dict:
    out: dict = {"id": part.id, "kind": part.kind}
    fields = {
        "num": part.num,
        "masthead": part.masthead,
        "doc_number": part.doc_number,
        "title": tidy_title(part.title) if part.title else None,
        "subtitle": part.subtitle,
        "addressees": part.addressees,
        "preamble": "\n".join(part.preamble) or None,
    }
    out.update({k: v for k, v in fields.items() if v})
    if part.sections:
        out["sections"] = [_node(n, 0) for n in part.sections]
    if part.blocks:
        out["blocks"] = [
            {"id": b["id"], "rows": [FlowRow(r) for r in b["rows"]]} if "rows" in b else b for b in part.blocks]
    if part.closing:
        out["closing"] = "\n".join(part.closing)
    if part.attachment_list:
        out["attachment_list_label"] = part.attachment_list_label or "附件："
        out["attachment_list"] = [
            {k: item[k] for k in ("num", "title", "attachment") if item.get(k)} for item in part.attachment_list]
    if part.signature:
        out["signature"] = list(part.signature)
    if part.date_text:
        out["date_text"] = part.date_text
    if part.publicity:
        out["publicity"] = part.publicity
    return out


def document_dict(doc_id: str, meta: dict, structure: Structure) -> dict:
    doc: dict = {"id": doc_id, "meta": meta, "parts": [_part(p) for p in structure.parts]}
    if structure.named_attachments:
        doc["named_attachments"] = structure.named_attachments
    if structure.unplaced:
        doc["unplaced"] = [{"line": line, "text": text} for line, text in structure.unplaced]
    return doc


PARAMETER_EXAMPLE = """\
parameters: []
# 政策数字写在这里，每个只写一次，紧挨它出自的条款（quote 须逐字摘自该条款并写明 value）。格式：
#  - id: publicity-days            # 英文小写、连字符
#    label: 单位内部公示期
#    value: 5
#    unit: 个工作日                # 见 handbook/schema.py 的 Unit
#    quote: 公示不少于5个工作日
#    clause: s4-3-2                # 条款 id
#    category: publicity
#    reading: workday              # 可选：policy_data/readings.yaml 中的解读
"""


def yaml_text(doc: dict, source: str, encoding: str, guesses: list[Guess], found: list[Candidate],
              suggestions: list[Suggestion], where: str = "行") -> str:
    body = yaml.dump(doc, Dumper=DataDumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2)
    for guess in guesses:
        key = guess.field.split(".")[-1]
        body = body.replace(f"\n  {key}: ", f"\n  # 请核对：{guess.message}\n  {key}: ", 1)
    lines = [
        f"# {doc['meta']['title']}",
        f"# 由 python -m handbook import 从 {source}（{encoding}）生成于 {dt.date.today():%Y-%m-%d}。",
        "# 原文逐句核对无遗漏；分段、条款层级和 meta 请人工复核后再发布。",
        body.rstrip("\n"),
        "",
        PARAMETER_EXAMPLE.rstrip("\n"),
    ]
    if found:
        lines.append(f"# 导入时在正文中找到的候选数字（{len(found)} 个；条款 id · 源文件位置 · 引文）：")
        for c in found:
            lines.append(f"#   {c.clause} · 第{c.line}{where} · {c.quote}" + ("（日期）" if c.unit == "日期" else ""))
    lines.append("")
    lines.append("corrections: []")
    if suggestions:
        lines.append("# 疑似 OCR 错误（未改动原文）。核对原件后：在条款中改正文字，再把对应条目移到上面的列表：")
        for s in suggestions:
            lines += [f"#  - clause: {s.clause}            # 源文件第 {s.line} {where}",
                      f"#    original: {s.original}",
                      f"#    corrected: {s.corrected}",
                      f"#    reason: {s.reason}"]
    return "\n".join(lines) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Write beside ``path`` and rename: readers never see half a file, a failure leaves none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
