"""Clause numbers as the document prints them: ``s3-3-2`` → ``三（三）2``.

Ids are anchors for links; a reader needs the numbering of the text. The label of
a clause is the path of ``num`` values from its top-level section down, with the
list punctuation dropped (``一、`` → ``一``, ``"1."`` → ``1``) and half-width
brackets made full-width, as official documents write a cross-reference
(四（三）6). Attachments and sample texts are prefixed with their own number
(``附件3``, ``范文1``); a cover notice with ``通知``. The calculators show
``<short name> <label>``, e.g. ``阳城 三（三）2``.
"""

from __future__ import annotations

import re

from .schema import Document, NationalRule, Node, Part

ARTICLE_MAX = 6  # 第一百二十三条: longer article texts describe more than one article
LEAD_MAX = 10  # characters of an unnumbered line's lead words used as its name
_TRAILING = re.compile(r"[、.．。:：\s]+$")
_DIGIT = re.compile(r"^[0-9０-９]")


def clean_num(num: str) -> str:
    """``一、`` → ``一``; ``(二)`` → ``（二）``; ``"1."`` → ``1``; ``（一）、`` → ``（一）``."""
    text = _TRAILING.sub("", num.strip()).replace("(", "（").replace(")", "）")
    return text.replace(" ", "")


def join(parts: list[str]) -> str:
    """Join number parts; a bare digit after a Chinese numeral keeps the 、 so 六、4 is not read 六4."""
    out = ""
    previous = ""
    for part in parts:
        if previous and part.startswith(previous + "."):   # 6 then 6.3: the child says it all
            out = out[: len(out) - len(previous)]
            out += part
            previous = part
            continue
        previous = part
        if out and _DIGIT.match(part) and not out.endswith("）") and not _DIGIT.match(out[-1]):
            out += "、"
        elif out and _DIGIT.match(part) and _DIGIT.match(out[-1]):
            out += "."
        out += part
    return out


def _walk(nodes: list[Node], path: list[str], prefix: str, labels: dict[str, str]) -> None:
    for node in nodes:
        here = [*path, clean_num(node.num)] if node.num else path
        label = join(here) if here else (node.title or "")
        if not node.num:   # an unnumbered line such as 报送时间：…: named by its lead words
            lead = node.title or (node.text or "").split("：")[0]
            if 0 < len(lead) <= LEAD_MAX:
                label = f"{label} {lead}".strip()
        labels[node.id] = f"{prefix} {label}".strip() if prefix else label
        _walk(node.children, here, prefix, labels)


def part_prefix(part: Part) -> str:
    if part.kind in ("attachment", "sample") and part.num:
        return clean_num(part.num)
    if part.kind == "notice":
        return "通知"
    return ""


def document_labels(doc: Document) -> dict[str, str]:
    """Every addressable id of ``doc`` → its label as printed."""
    labels: dict[str, str] = {}
    for part in doc.parts:
        prefix = part_prefix(part)
        labels[part.id] = prefix or "正文"
        if part.preamble:
            labels[f"{part.id}-preamble"] = f"{prefix} 开头段".strip()
        if part.closing:
            labels[f"{part.id}-closing"] = f"{prefix} 结尾段".strip()

        _walk(part.sections, [], prefix, labels)
        for block in part.blocks:
            kind = "表格" if block.rows is not None else "段落"
            labels[block.id] = f"{prefix} {kind}".strip()
    for att in doc.named_attachments:
        labels[att.id] = clean_num(att.num)
    return labels


def short_name(doc: Document) -> str:
    """What a reader calls the document in a reference: 阳城, 浙江, 范例."""
    return doc.meta.short_name or doc.meta.short_title.split(" · ")[0]


def rule_label(rule: NationalRule) -> str:
    """专业技术人员继续教育规定 第八条; a rule without a single article is named by its title."""
    short_article = rule.article.startswith("第") and len(rule.article) <= ARTICLE_MAX
    return f"{rule.title} {rule.article}" if short_article else rule.title
