"""What the search index holds: one record per clause, calculator and form."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path

from ..clause_labels import document_labels, short_name
from ..loader import Handbook, form_fields, walk_nodes
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

    def add(anchor: str, text: str | None, table: bool = False) -> None:
        if text and text.strip():
            out.append(Record(f"{url}#{anchor}", f"{name} {labels.get(anchor, '')}".strip(), text,
                              KIND_CLAUSE, source, table, version.status.text, version.status.code))

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
    return out
