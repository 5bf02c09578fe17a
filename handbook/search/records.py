"""What the search index holds: one record per clause, calculator and form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from ..clause_labels import document_labels, short_name
from ..loader import Handbook, form_fields
from ..schema import Node
from ..versions import DocVersion

# result groups, in the order the search page lists them for the same query
KIND_CLAUSE, KIND_PAGE, KIND_CALCULATOR, KIND_FORM = "条款", "页面", "计算器", "表格"


@dataclass(frozen=True)
class Record:
    url: str        # from the site root, with the clause anchor: "/documents/x/#s4-3-6"
    title: str      # 浙江 四（三）6
    content: str
    kind: str
    source: str     # the document's short title, or the section of the site
    table: bool = False   # an attachment's table: listed after prose that has the same words
    status: str = ""      # the document version's status on the build date: 现行, 已执行完毕…
    status_code: str = ""
    older: bool = False   # a version other than the one its series' address shows: listed after it
    also: str = ""        # words readers type for the terms it holds (高工 for 高级工程师), indexed too

    def to_json(self) -> dict:
        return asdict(self)

    def meta(self) -> dict[str, str]:
        meta = {"title": self.title, "kind": self.kind, "source": self.source}
        if self.table:
            meta["table"] = "1"
        return meta


def _document_records(version: DocVersion, current: bool) -> list[Record]:
    """The clauses of one version: the current one at the document's address, the others at their
    fixed addresses, each record carrying the version's status."""
    doc = version.doc
    labels = document_labels(doc)
    name = short_name(doc)
    url = f"/documents/{doc.id}/" if current else f"/documents/{doc.id}/{version.key}/"
    source = doc.meta.short_title if current else f"{doc.meta.short_title}（{version.label}）"
    out: list[Record] = []

    def add(anchor: str, text: str | None, table: bool = False, context: str = "") -> None:
        if text and text.strip():
            out.append(Record(f"{url}#{anchor}", f"{name} {labels.get(anchor, '')}".strip(), text,
                              KIND_CLAUSE, source, table, version.status.text, version.status.code,
                              older=not current, also=context))

    for part in doc.parts:
        heading = " ".join(x for x in (part.masthead, part.doc_number, part.num, part.title, part.subtitle) if x)
        add(part.id, heading)
        add(f"{part.id}-preamble", part.preamble)
        add(f"{part.id}-closing", part.closing)
        for node, parent in _with_parents(part.sections):
            # an item is found with the words of the clause that introduces it: (1)具备硕士学位 under
            # 申报助理工程师：具备以下条件之一 (indexed, not shown)
            context = _introduction(parent) if parent else ""
            add(node.id, " ".join(x for x in (node.num, node.title, node.text) if x), context=context)
        for block in part.blocks:
            if block.rows is not None:   # cells apart, so words of adjacent cells stay apart
                add(block.id, " ".join(c if isinstance(c, str) else c.text for row in block.rows for c in row),
                    table=True)
            else:
                add(block.id, block.text)
    for att in doc.named_attachments:
        add(att.id, f"{att.num} {att.title}")
    return out


def _calculator_record(calc: dict) -> Record:
    words = [calc["title"], calc["summary"]]

    def field_words(fields: list[dict]) -> None:
        for f in fields:
            words.extend(x for x in (f.get("label"), f.get("help"), f.get("group")) if x)
            words.extend(c["label"] for c in f.get("choices", []))
            field_words(f.get("columns", []))

    field_words(calc["inputs"])
    return Record(f"/calculators/{calc['id']}/", calc["title"], " ".join(dict.fromkeys(words)),
                  KIND_CALCULATOR, "计算器")


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*\{\s*#([\w-]+)\s*\}\s*$", re.M)


def markdown_records(path: Path, url: str, title: str) -> list[Record]:
    """A hand-written page, one record per section (its headings have explicit ids)."""
    text = path.read_text("utf-8")
    marks = list(_HEADING.finditer(text))
    out = []
    for i, m in enumerate(marks):
        body = text[m.end(): marks[i + 1].start() if i + 1 < len(marks) else len(text)]
        body = re.sub(r"<[^>]+>|\*\*|\[([^\]]*)\]\([^)]*\)|^[-#>]+\s*", r"\1", body, flags=re.M).strip()
        if body:
            out.append(Record(f"{url}#{m[3]}", f"{title} · {m[2]}", f"{m[2]} {body}", KIND_PAGE, title))
    return out


def _introduction(node: Node) -> str:
    """The words of a clause that introduce its items: its title, and its text when it leads into
    them (申报助理工程师：具备以下条件之一：), not a whole provision of its own."""
    text = (node.text or "").strip()
    lead = text if text.endswith(("：", ":")) else ""
    return " ".join(x for x in (node.title, lead) if x)


def _with_parents(nodes: list[Node], parent: Node | None = None) -> Iterator[tuple[Node, Node | None]]:
    for node in nodes:
        yield node, parent
        yield from _with_parents(node.children, node)


def _overview_records(handbook: Handbook) -> list[Record]:
    out = []
    if handbook.rules is not None:
        for rule in handbook.rules.rules:
            out.append(Record(f"/overview/national-rules/#{rule.id}", f"国家规定 · {rule.title}",
                              f"{rule.title} {rule.instrument} {rule.article} {rule.text}", KIND_PAGE, "国家规定"))
    for year in handbook.holidays:
        text = " ".join([year.notice.title, year.notice.number or "", *(f.text for f in year.festivals)])
        out.append(Record(f"/overview/holidays/#y{year.year}", f"法定节假日与调休安排 · {year.year}年", text,
                          KIND_PAGE, "综合对照"))
    return out


def records(handbook: Handbook, calculators: list[dict], docs_dir: Path | None = None) -> list[Record]:
    """Every record of the index: the documents' clauses, the national rules and holiday notices,
    the calculators, the forms and (from ``docs_dir``) the hand-written pages."""
    out: list[Record] = []
    for series in handbook.series.values():
        for version in series.versions:
            out.extend(_document_records(version, version.key == series.current_key))
    out.extend(_calculator_record(c) for c in calculators)
    for form in handbook.forms:
        labels = dict.fromkeys(spec.label for _, spec, _ in form_fields(form) if spec.label)
        content = " ".join([form.title, form.note or "", *labels])
        out.append(Record(f"/forms/{form.id}/", form.title, content, KIND_FORM, "表格"))
    out.extend(_overview_records(handbook))
    if docs_dir is not None:
        for name, url, title in (("index.md", "/", "首页"), ("guide.md", "/guide/", "阅读说明")):
            if (docs_dir / name).exists():
                out.extend(markdown_records(docs_dir / name, url, title))
    return [with_readers_words(r, handbook.synonyms) for r in out]


def with_readers_words(record: Record, synonyms) -> Record:
    """``record`` with the words readers type for the terms it holds (policy_data/search_synonyms.yaml,
    the table the search page also expands queries with): 高级工程师 is found by 高工 as a whole match."""
    text = re.sub(r"\s+", "", record.content)
    words = []
    for s in synonyms:
        if s.means in text and s.typed not in text:
            words.append(s.typed)
        if s.both_ways and s.typed in text and s.means not in text:
            words.append(s.means)
    return replace(record, also=" ".join([record.also, *dict.fromkeys(words)]).strip()) if words else record
