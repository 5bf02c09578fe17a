"""What the search index holds: one record per clause, calculator and form."""

from __future__ import annotations

from dataclasses import dataclass

from ..clause_labels import document_labels, short_name
from ..loader import Handbook, form_fields, walk_nodes
from ..schema import Document

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

    def meta(self) -> dict[str, str]:
        meta = {"title": self.title, "kind": self.kind, "source": self.source}
        if self.table:
            meta["table"] = "1"
        return meta


def _document_records(doc: Document) -> list[Record]:
    labels = document_labels(doc)
    name = short_name(doc)
    url = f"/documents/{doc.id}/"
    out: list[Record] = []

    def add(anchor: str, text: str | None, table: bool = False) -> None:
        if text and text.strip():
            out.append(Record(f"{url}#{anchor}", f"{name} {labels.get(anchor, '')}".strip(), text,
                              KIND_CLAUSE, doc.meta.short_title, table))

    for part in doc.parts:
        heading = " ".join(x for x in (part.masthead, part.doc_number, part.num, part.title, part.subtitle) if x)
        add(part.id, heading)
        add(f"{part.id}-preamble", part.preamble)
        add(f"{part.id}-closing", part.closing)
        for node, _ in walk_nodes(part.sections, ()):
            add(node.id, " ".join(x for x in (node.num, node.title, node.text) if x))
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


def records(handbook: Handbook, calculators: list[dict]) -> list[Record]:
    """Every record of the index: the documents' clauses, the calculators and the forms."""
    out: list[Record] = []
    for doc in handbook.documents:
        out.extend(_document_records(doc))
    out.extend(_calculator_record(c) for c in calculators)
    for form in handbook.forms:
        labels = dict.fromkeys(spec.label for _, spec, _ in form_fields(form) if spec.label)
        content = " ".join([form.title, form.note or "", *labels])
        out.append(Record(f"/forms/{form.id}/", form.title, content, KIND_FORM, "表格"))
    return out
