"""From source lines to paragraphs: markup that is not content removed, broken lines joined.

Text copied from a web page or a PDF carries Markdown-like markup (``#``, ``**``, ``---``, list
dashes, stray ``<p>`` tags) and line breaks inside sentences. Both go; every removal that is not
pure whitespace is logged with its line so the maintainer sees exactly what changed. Tabs or
``|`` pipes between cells make a text table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .patterns import CONTINUING, TITLE_WORDS, ends_sentence, marker, standalone, structural
from .sources import Cell, Source, SourceLine

_HEADING = re.compile(r"^\s*(#{1,6})\s+")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_LIST_DASH = re.compile(r"^\s*[-*+]\s+")
_BOLD_LEAD = re.compile(r"^\*\*(.+?)\*\*")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")

_LABELLED = re.compile(r"^[^，,。；;：:\s]{1,8}[：:]")

_INSIDE_TABLE = object()
"""What a Markdown table's ``|---|`` line becomes: nothing, and the table goes on."""

JOIN_MIN_CHARS = 20
"""A line this long that does not end a sentence was wrapped by the extraction, not by the author."""


@dataclass
class Change:
    line: int
    what: str


@dataclass
class Paragraph:
    text: str
    line: int
    last_line: int
    rows: list[list[Cell]] | None = None
    heading: bool = False
    lead: str | None = None        # the bold lead of a Markdown paragraph (**（一）个人自主申报。**)
    pieces: list[str] = field(default_factory=list)


@dataclass
class Cleaned:
    paragraphs: list[Paragraph]
    changes: list[Change]
    joins: int


def clean(source: Source) -> Cleaned:
    changes: list[Change] = []
    items: list[Paragraph | None] = []      # None marks a blank line
    table: list[tuple[int, list[str]]] = []

    def flush_table() -> None:
        if table:
            items.append(_text_table(table))
            table.clear()

    for sl in source.lines:
        if sl.rows is not None:
            flush_table()
            items.append(Paragraph(text="", line=sl.line, last_line=sl.line, rows=sl.rows))
            continue
        item = _clean_line(sl, changes)
        if item is _INSIDE_TABLE:
            continue
        if isinstance(item, list):
            table.append((sl.line, item))
            continue
        flush_table()
        items.append(item)
    flush_table()
    paragraphs, joins = _join(items)
    return Cleaned(paragraphs, changes, joins)


def _clean_line(sl: SourceLine, changes: list[Change]) -> Paragraph | list[str] | object | None:
    """A paragraph, a table row (cells), or None for a line that carries nothing."""
    raw = sl.text.replace("\u00a0", " ")
    if not raw.strip():
        return None
    if _RULE.match(raw):
        changes.append(Change(sl.line, "删除 Markdown 分隔线“---”"))
        return None
    if _PIPE_SEPARATOR.match(raw) and "|" in raw:
        changes.append(Change(sl.line, "删除 Markdown 表格分隔行"))
        return _INSIDE_TABLE
    text = raw
    heading = sl.heading
    m = _HEADING.match(text)
    if m:
        changes.append(Change(sl.line, f"删除 Markdown 标题标记“{m.group(1)}”"))
        text = text[m.end():]
        heading = True
    m = _LIST_DASH.match(text)
    if m and not re.match(r"^\s*-\d", text):
        changes.append(Change(sl.line, "删除 Markdown 列表符号“-”"))
        text = text[m.end():]
    if _TAG.search(text):
        changes.append(Change(sl.line, "删除 HTML 标签"))
        text = _TAG.sub(" ", text)
    if _PIPE_ROW.match(text):
        changes.append(Change(sl.line, "Markdown 表格行（“|”分隔）转为表格"))
        return [c.strip().replace("**", "") for c in text.strip().strip("|").split("|")]
    core = text.strip(" \u3000")
    cells = core.split("\t")
    if len(cells) >= 3 or (len(cells) == 2 and all(c.strip() for c in cells)):
        return [c.strip().replace("**", "") for c in cells]
    text = text.replace("\t", " ")
    lead = None
    stripped = text.strip()
    if "**" in stripped:
        m = _BOLD_LEAD.match(stripped)
        if m and stripped[m.end():].strip():
            lead = m.group(1).strip()
        changes.append(Change(sl.line, "删除 Markdown 粗体标记“**”"))
        stripped = stripped.replace("**", "")
    text = re.sub(r"[ \u3000]{2,}$", "", stripped).strip()
    if not text:
        return None
    return Paragraph(text=text, line=sl.line, last_line=sl.line, heading=heading, lead=lead,
                     pieces=[text])


def _text_table(rows: list[tuple[int, list[str]]]) -> Paragraph:
    """Rows of cells; a short row's last cell spans to the width of the widest row."""
    width = max(len(cells) for _, cells in rows)
    out: list[list[Cell]] = []
    for _, cells in rows:
        row = [Cell(text=_squeeze(c)) for c in cells]
        if len(row) < width:
            row[-1].colspan += width - len(row)
        out.append(row)
    return Paragraph(text="", line=rows[0][0], last_line=rows[-1][0], rows=out)


def _squeeze(text: str) -> str:
    return re.sub(r"[ \u3000]{2,}", " ", text).strip()


def _join(items: list[Paragraph | None]) -> tuple[list[Paragraph], int]:
    out: list[Paragraph] = []
    joins = 0
    blank = False
    for item in items:
        if item is None:
            blank = True
            continue
        prev = out[-1] if out else None
        if prev is not None and _continues(prev, item, blank):
            last = prev.pieces[-1]
            sep = " " if re.search(r"[A-Za-z0-9]$", last) and re.match(r"[A-Za-z0-9]", item.text) else ""
            prev.text += sep + item.text
            prev.pieces.append(item.text)
            prev.last_line = item.last_line
            joins += 1
        else:
            out.append(item)
        blank = False
    return out, joins


def _continues(prev: Paragraph, item: Paragraph, blank: bool) -> bool:
    """Whether ``item`` is the rest of a sentence that a line break cut."""
    if prev.rows is not None or item.rows is not None or prev.heading or item.heading:
        return False
    last = prev.pieces[-1]
    if ends_sentence(last) or structural(item.text) or standalone(last):
        return False
    numbered = marker(prev.text)
    inner = re.search(r"[，,；;、：:。]", numbered.rest if numbered else prev.text)
    if not inner and TITLE_WORDS.search(last) and not re.match(r"[》」』）)，,、。；：（(〔]", item.text):
        return False      # a title ("…的通知") followed by the 主送机关 or the text
    if not inner and numbered is not None:
        return False      # a numbered heading ("1、成立…领导小组") followed by its text
    if _LABELLED.match(prev.text) and _LABELLED.match(item.text):
        return False      # lines of a list of labels ("报送时间：…" then "报送材料地址：…")
    if item.lead is not None:
        return False
    if len(last) >= JOIN_MIN_CHARS:
        return True
    return not blank and len(last) >= 12 and last[-1] in CONTINUING
