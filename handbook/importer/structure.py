"""Paragraphs → the parts of an official document, in the schema ``handbook.schema.Document`` checks.

A scan over the paragraphs keeps a zone per part — head (发文机关标志, 文号, title, 主送机关), body,
closing (本办法自…起施行), 附件 list, tail (署名, 成文日期, 公开属性) — and starts a new part at an
attachment (附件1), a sample (范文2), the 印发 line, or a new title after a signed cover notice.
The body's numbered paragraphs become a tree by a stack: a kind of number seen before closes
everything below it, a new kind opens a level. Ids follow the hand-made files (``s4-3-6``) and
depend only on the input, so importing the same file twice gives the same ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cleanup import Paragraph
from .patterns import (
    ATTACH_HEAD,
    ATTACH_LIST,
    CLOSING_CUE,
    COPY_TO,
    DATE,
    DOC_NUMBER,
    IMPRINT_DATE,
    ORG_SUFFIX,
    PRINT_COUNT,
    PUBLICITY,
    SAMPLE_HEAD,
    TITLE_WORDS,
    Marker,
    ends_sentence,
    marker,
)
from .sources import Cell

RUNIN_TITLE_MAX = 14      # "实施分类评审。" is a run-in title; a whole sentence is not
SHORT_LINE_MAX = 30       # a signature, a subtitle, a heading line
_ADDRESSEE_NOT = re.compile(r"^(根据|为了|为|按照|依据|经|现|结合|依照|鉴于|近日|目前|今年|本)")


@dataclass
class NodeDraft:
    line: int
    num: str | None = None
    kind: str | None = None
    value: int = 0
    title: str | None = None
    texts: list[str] = field(default_factory=list)
    children: list[NodeDraft] = field(default_factory=list)
    heading_line: bool = False      # the numbered line was a title on its own line
    md_list: bool = False           # "1. " Markdown list item: a later plain paragraph ends it
    id: str = ""


@dataclass
class PartDraft:
    kind: str
    line: int
    num: str | None = None
    masthead: str | None = None
    doc_number: str | None = None
    title: str | None = None
    subtitle: str | None = None
    addressees: str | None = None
    body: list[Paragraph] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    attachment_list_label: str | None = None
    attachment_list: list[dict] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    date_text: str | None = None
    publicity: str | None = None
    id: str = ""
    # filled when the part is finished
    preamble: list[str] = field(default_factory=list)
    sections: list[NodeDraft] = field(default_factory=list)
    blocks: list[dict] = field(default_factory=list)

    @property
    def value(self) -> int:
        digits = re.findall(r"\d+", self.num or "")
        if digits:
            return int(digits[-1])
        from .patterns import cn_value
        return cn_value(self.num or "")


@dataclass
class Structure:
    parts: list[PartDraft]
    named_attachments: list[dict]
    unplaced: list[tuple[int, str]]
    markers: int
    clause_lines: dict[str, int]
    notes: list[tuple[int, str]] = field(default_factory=list)


def _org_like(text: str) -> bool:
    t = text.strip()
    return len(t) <= SHORT_LINE_MAX and not ends_sentence(t) and bool(ORG_SUFFIX.search(t)) \
        and marker(t) is None


def _short_plain(text: str) -> bool:
    t = text.strip()
    return (len(t) <= SHORT_LINE_MAX and not ends_sentence(t) and marker(t) is None
            and not re.search(r"[，,。；]", t))


class _Scanner:
    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.ps = paragraphs
        self.parts: list[PartDraft] = []
        self.unplaced: list[tuple[int, str]] = []
        self.zone = "head"
        self.cur = self._new_part("main", paragraphs[0].line if paragraphs else 1)

    def _new_part(self, kind: str, line: int, num: str | None = None) -> PartDraft:
        part = PartDraft(kind=kind, line=line, num=num)
        self.parts.append(part)
        self.cur = part
        self.zone = "head"
        return part

    # ------------------------------------------------------------ lookahead helpers
    def _signature_ahead(self, i: int) -> bool:
        """Short lines from ``i`` that end in a 成文日期 within three paragraphs."""
        for j in range(i, min(i + 4, len(self.ps))):
            p = self.ps[j]
            if p.rows is not None:
                return False
            t = p.text
            if DATE.match(t):
                return True
            if not _short_plain(t) or PUBLICITY.match(t):
                return False
        return False

    def _imprint_ahead(self, i: int) -> bool:
        p = self.ps[i]
        if p.rows is not None:
            return False
        t = p.text
        if IMPRINT_DATE.match(t) or PRINT_COUNT.match(t) or COPY_TO.match(t):
            return True
        return (_org_like(t) and i + 1 < len(self.ps) and self.ps[i + 1].rows is None
                and bool(IMPRINT_DATE.match(self.ps[i + 1].text)))

    # ------------------------------------------------------------ the scan
    def run(self) -> list[PartDraft]:
        i = 0
        while i < len(self.ps):
            i = self._step(i)
        return self.parts

    def _step(self, i: int) -> int:
        p = self.ps[i]
        t = p.text
        if p.rows is None:
            if ATTACH_HEAD.match(t):
                self._new_part("attachment", p.line, num=t.rstrip("：:"))
                return i + 1
            if SAMPLE_HEAD.match(t) and not (self.zone == "head" and self.cur.title is None):
                m = re.search(r"(范文|范例|样本|示例)\s*([0-9一二三四五六七八九十]{1,3})$", t)
                part = self._new_part("sample", p.line, num=f"{m.group(1)}{m.group(2)}")
                part.title = t
                self.zone = "body"
                return i + 1
            if self.zone != "head" or self.cur.title is not None:
                if self.cur.kind != "imprint" and self._imprint_ahead(i):
                    self._new_part("imprint", p.line)
                    self.zone = "imprint"
                if self.zone == "imprint":
                    return self._imprint(i)
        handler = {"head": self._head, "body": self._body, "closing": self._closing,
                   "attlist": self._attlist, "tail": self._tail}[self.zone]
        return handler(i)

    def _imprint(self, i: int) -> int:
        p = self.ps[i]
        t = p.text
        part = self.cur
        if IMPRINT_DATE.match(t):
            part.date_text = t
        elif PRINT_COUNT.match(t) or COPY_TO.match(t) or part.date_text is not None:
            part.closing.append(t)
        elif _org_like(t):
            part.signature.append(t)
        else:
            part.closing.append(t)
        return i + 1

    def _head(self, i: int) -> int:
        p = self.ps[i]
        t = p.text
        part = self.cur
        if p.rows is not None:
            self.zone = "body"
            return i
        first_part = len(self.parts) == 1
        if (first_part and part.masthead is None and part.title is None and part.doc_number is None
                and _org_like(t) and not TITLE_WORDS.search(t) and i + 1 < len(self.ps)
                and self.ps[i + 1].rows is None):
            part.masthead = t
            return i + 1
        if DOC_NUMBER.match(t) and part.doc_number is None and part.title is None:
            part.doc_number = t
            return i + 1
        if part.title is None:
            if marker(t) is None and not ends_sentence(t) and not DATE.match(t):
                part.title = t
                # a title the extraction broke over two lines: "…高级工程师和正高级" + "工程师职务…方案"
                while (i + 1 < len(self.ps) and self.ps[i + 1].rows is None
                       and not TITLE_WORDS.search(part.title)
                       and _short_plain(self.ps[i + 1].text) and not _org_like(part.title)):
                    i += 1
                    part.title += self.ps[i].text
                    self.ps[i] = Paragraph(text="", line=self.ps[i].line, last_line=self.ps[i].line)
                return i + 1
            self.zone = "body"
            return i
        if part.subtitle is None and part.addressees is None and not part.body:
            if re.match(r"^[（(].*[）)]$", t) and len(t) <= 40 and not PUBLICITY.match(t):
                part.subtitle = t
                return i + 1
            nxt = self.ps[i + 1] if i + 1 < len(self.ps) else None
            if (part.kind == "main" and _short_plain(t) and nxt is not None and nxt.rows is None
                    and SAMPLE_HEAD.match(nxt.text)):
                part.subtitle = t
                return i + 1
            if (t.endswith(("：", ":")) and "。" not in t and len(t) <= 200 and marker(t) is None
                    and not _ADDRESSEE_NOT.match(t) and part.kind in {"main", "notice"}):
                part.addressees = t
                return i + 1
        self.zone = "body"
        return i

    def _body(self, i: int) -> int:
        p = self.ps[i]
        t = p.text
        part = self.cur
        if not t and p.rows is None:
            return i + 1
        if p.rows is None:
            m = ATTACH_LIST.match(t)
            if m:
                part.attachment_list_label = t[:m.end()].strip()
                rest = t[m.end():].strip()
                self.zone = "attlist"
                if rest:
                    self._list_item(rest, p.line)
                return i + 1
            if DATE.match(t) or PUBLICITY.match(t) or (self._signature_ahead(i) and part.kind != "attachment"):
                self.zone = "tail"
                return i
            if (part.kind in {"main", "notice", "sample"} and marker(t) is None and CLOSING_CUE.search(t)
                    and any(q.rows is None and marker(q.text) for q in part.body)):
                self.zone = "closing"
                return i
        part.body.append(p)
        return i + 1

    def _closing(self, i: int) -> int:
        p = self.ps[i]
        t = p.text
        part = self.cur
        if p.rows is not None or marker(t) is not None:
            # a false closing: the text goes on, so what was taken as closing is body
            part.body.extend(Paragraph(text=c, line=p.line, last_line=p.line) for c in part.closing)
            part.closing.clear()
            self.zone = "body"
            return i
        if ATTACH_LIST.match(t) or DATE.match(t) or PUBLICITY.match(t) or self._signature_ahead(i):
            self.zone = "body"
            return self._body(i)
        if t:
            part.closing.append(t)
        return i + 1

    def _list_item(self, text: str, line: int) -> None:
        m = marker(text)
        if m is not None:
            self.cur.attachment_list.append({"num": m.num, "title": m.rest.strip(), "line": line})
        else:
            self.cur.attachment_list.append({"num": "", "title": text.strip(), "line": line})

    def _attlist(self, i: int) -> int:
        p = self.ps[i]
        t = p.text
        if p.rows is None and marker(t) is not None and self.cur.attachment_list:
            self._list_item(t, p.line)
            return i + 1
        if p.rows is None and marker(t) is not None and not self.cur.attachment_list:
            self._list_item(t, p.line)
            return i + 1
        self.zone = "tail" if (self._signature_ahead(i) or DATE.match(t) or PUBLICITY.match(t)) else "body"
        return i if self.zone == "tail" else self._after_list(i)

    def _after_list(self, i: int) -> int:
        # text after the 附件 list that is not a signature: the list was the last thing of the body
        self.zone = "body"
        return self._body(i)

    def _tail(self, i: int) -> int:
        p = self.ps[i]
        t = p.text
        part = self.cur
        if p.rows is None:
            if DATE.match(t) and part.date_text is None:
                part.date_text = t
                return i + 1
            if PUBLICITY.match(t) and part.publicity is None:
                part.publicity = t
                return i + 1
            if _short_plain(t) and part.date_text is None:
                part.signature.append(t)
                return i + 1
        # the signed part is over; what follows is a new document part (the 实施方案 after its 通知)
        if part.kind == "main" and part.title and re.search(r"(印发|转发|批转|通知)", part.title):
            part.kind = "notice"
        self._new_part("main", p.line)
        return i


# ---------------------------------------------------------------- the numbered tree

def _split_title(node: NodeDraft, rest: str, lead: str | None, num: str) -> None:
    """Title and text of a numbered paragraph, as the source prints them."""
    rest = rest.strip()
    if lead:
        lead_rest = lead[len(num):].strip() if lead.startswith(num) else lead
        if lead_rest and rest.startswith(lead_rest):
            node.title = lead_rest
            body = rest[len(lead_rest):].strip()
            if body:
                node.texts.append(body)
            else:
                node.heading_line = True
            return
    if not ends_sentence(rest) and len(rest) <= 40 and not re.search(r"[，,；]", rest):
        node.title = rest
        node.heading_line = True
        return
    m = re.match(rf"^([^。；，,：:]{{1,{RUNIN_TITLE_MAX}}}。)(.+)$", rest)
    if m:
        node.title, body = m.group(1), m.group(2).strip()
        node.texts.append(body)
        return
    m = re.match(r"^([^。；，,：:]{1,10}[：:])(.+)$", rest)
    if m:
        node.title, body = m.group(1), m.group(2).strip()
        node.texts.append(body)
        return
    node.texts.append(rest)


def build_tree(body: list[Paragraph], markdown: bool) -> tuple[list[Paragraph], list[NodeDraft]]:
    """The paragraphs before the first number (the preamble) and the tree of numbered clauses."""
    preamble: list[Paragraph] = []
    roots: list[NodeDraft] = []
    stack: list[NodeDraft] = []
    for p in body:
        if p.rows is not None:
            continue
        m: Marker | None = marker(p.text)
        if m is None:
            if not stack:
                if roots:
                    roots.append(NodeDraft(line=p.line, texts=[p.text]))
                else:
                    preamble.append(p)
                continue
            while stack and stack[-1].md_list and len(stack) > 1:
                stack.pop()
            top = stack[-1]
            if top.md_list and not top.children and top.texts:
                # a plain paragraph after a Markdown list item closes the list (CommonMark)
                stack.pop()
                parent = stack[-1] if stack else None
                (parent.children if parent else roots).append(NodeDraft(line=p.line, texts=[p.text]))
                continue
            if len(stack) > 1 and not top.children and top.texts and top.texts[-1].rstrip().endswith("；"):
                # an item ending in ； was one of a list; a plain paragraph after it speaks for the
                # list's parent (a Word file has no blank line or Markdown to say so)
                stack.pop()
                stack[-1].children.append(NodeDraft(line=p.line, texts=[p.text]))
                continue
            if top.children:
                top.children.append(NodeDraft(line=p.line, texts=[p.text]))
            else:
                top.texts.append(p.text)
            continue
        node = NodeDraft(line=p.line, num=m.num, kind=m.kind, value=m.value,
                         md_list=markdown and bool(re.match(r"^\d+\. ", p.text)) and m.kind == "ar")
        _split_title(node, m.rest, p.lead, m.num)
        kinds = [n.kind for n in stack]
        if m.kind in kinds:
            del stack[kinds.index(m.kind):]
        elif m.kind == "ar" and "dec" in kinds:
            del stack[kinds.index("dec"):]
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    for node in _walk(roots):
        _shape(node)
    return preamble, roots


def _walk(nodes: list[NodeDraft]):
    for n in nodes:
        yield n
        yield from _walk(n.children)


_INLINE = re.compile(r"[（(](\d{1,2})[）)]\s*|([①-⑳])\s*")


def _shape(node: NodeDraft) -> None:
    """Several long paragraphs under a heading are clauses of their own; "(1)…；(2)…" in one
    paragraph are items."""
    if node.heading_line and not node.children and len(node.texts) >= 2 and any(len(t) > 60 for t in node.texts):
        node.children = [NodeDraft(line=node.line, texts=[t]) for t in node.texts]
        node.texts = []
        return
    if not node.heading_line and not node.children and node.num is not None and len(node.texts) >= 2:
        # a run-in clause ("（三）材料报送。为规范…") followed by paragraphs of its own (报送时间：…)
        node.children = [NodeDraft(line=node.line, texts=[t]) for t in node.texts[1:]]
        node.texts = node.texts[:1]
        return
    if node.children or len(node.texts) != 1:
        return
    text = node.texts[0]
    hits = list(_INLINE.finditer(text))
    seq, expected = [], 1
    for h in hits:
        value = int(h.group(1)) if h.group(1) else ord(h.group(2)) - 0x2460 + 1
        before = text[:h.start()].rstrip()
        if value == expected and ((expected == 1 and (before.endswith(("：", ":")) or not before))
                                  or (expected > 1 and before.endswith(("；", ";", "。")))):
            seq.append(h)
            expected += 1
    if len(seq) < 2:
        return
    head = text[:seq[0].start()].strip()
    node.texts = [head] if head else []
    for k, h in enumerate(seq):
        end = seq[k + 1].start() if k + 1 < len(seq) else len(text)
        num = h.group(0).strip()
        node.children.append(NodeDraft(line=node.line, num=num, kind="inline",
                                        value=k + 1, texts=[text[h.end():end].strip()]))


# ---------------------------------------------------------------- ids and finishing

def _assign_ids(nodes: list[NodeDraft], prefix: str, taken: set[str], lines: dict[str, int]) -> None:
    plain = 0
    for pos, node in enumerate(nodes, start=1):
        if node.num is None:
            plain += 1
            candidates = [f"{prefix}p{plain}"]
        else:
            candidates = [f"{prefix}{node.value}", f"{prefix}{pos}"]
        candidates.append(f"{prefix}{pos}x")
        node.id = next((c for c in candidates if c not in taken), "")
        k = 2
        while not node.id:
            c = f"{prefix}{pos}x{k}"
            node.id = c if c not in taken else ""
            k += 1
        taken.add(node.id)
        lines[node.id] = node.line
        _assign_ids(node.children, f"{node.id}-", taken, lines)


def _blocks(part: PartDraft, taken: set[str], lines: dict[str, int]) -> list[dict]:
    blocks = []
    n_text = n_table = 0
    for p in part.body:
        if p.rows is not None:
            n_table += 1
            bid = f"{part.id}-t{n_table}"
            blocks.append({"id": bid, "rows": _rows(p.rows)})
        elif p.text:
            n_text += 1
            bid = f"{part.id}-p{n_text}"
            blocks.append({"id": bid, "text": p.text})
        else:
            continue
        taken.add(bid)
        lines[bid] = p.line
    return blocks


def _rows(rows: list[list[Cell]]) -> list[list]:
    """Cells as the schema writes them. In a form (a table with blanks to fill) the cells that
    carry words are its labels, printed as header cells like the hand-made forms."""
    form = any(not c.text for row in rows for c in row)
    out = []
    for row in rows:
        cells = []
        for c in row:
            if c.colspan == 1 and c.rowspan == 1 and not (form and c.text):
                cells.append(c.text)
            else:
                cell: dict = {"text": c.text}
                if form and c.text:
                    cell["header"] = True
                if c.colspan > 1:
                    cell["colspan"] = min(c.colspan, 20)
                if c.rowspan > 1:
                    cell["rowspan"] = min(c.rowspan, 20)
                cells.append(cell)
        out.append(cells)
    return out


def build_structure(paragraphs: list[Paragraph], markdown: bool) -> Structure:
    paragraphs = [p for p in paragraphs if p.text or p.rows is not None]
    parts = [p for p in _Scanner(paragraphs).run() if _has_content(p)]
    taken: set[str] = set()
    lines: dict[str, int] = {}
    counts = {"attachment": 0, "sample": 0}
    n_main = 0
    markers = 0
    notes: list[tuple[int, str]] = []
    for part in parts:
        if part.kind == "notice":
            part.id = "tz"
        elif part.kind == "main":
            n_main += 1
            part.id = "zw" if n_main == 1 else f"zw{n_main}"
        elif part.kind == "imprint":
            part.id = "yf"
        else:
            counts[part.kind] += 1
            value = part.value or counts[part.kind]
            base = ("a" if part.kind == "attachment" else "f") + str(value)
            part.id = base if base not in taken else f"{base}x{counts[part.kind]}"
        taken.add(part.id)
    for part in parts:
        body_markers = sum(1 for p in part.body if p.rows is None and marker(p.text))
        markers += body_markers
        has_tables = any(p.rows is not None for p in part.body)
        if part.kind == "attachment" and (has_tables or body_markers < 2):
            part.blocks = _blocks(part, taken, lines)
            continue
        preamble, roots = build_tree(part.body, markdown)
        if part.kind == "sample" and preamble:
            roots = [NodeDraft(line=p.line, texts=[p.text]) for p in preamble] + roots
            preamble = []
        part.preamble = [p.text for p in preamble]
        prefix = {"main": "s", "notice": "t", "imprint": "y"}.get(part.kind, f"{part.id}-")
        if part.kind == "main" and part.id != "zw":
            prefix = f"{part.id}-s"
        part.sections = roots
        _assign_ids(roots, prefix, taken, lines)
        if has_tables:
            tables = [p for p in part.body if p.rows is not None]
            last_text = max((p.line for p in part.body if p.rows is None), default=0)
            notes += [(t.line, "正文中的表格放在了本部分条款之后（条款里不能放表格），请核对位置")
                      for t in tables if t.line < last_text]
            keep = part.body
            part.body = tables
            part.blocks = _blocks(part, taken, lines)
            part.body = keep
    named = _link_attachments(parts, taken)
    return Structure(parts=parts, named_attachments=named, unplaced=[], markers=markers, clause_lines=lines,
                     notes=notes)


def _has_content(part: PartDraft) -> bool:
    return any([part.title, part.masthead, part.doc_number, part.body, part.closing, part.signature,
                part.date_text, part.attachment_list, part.publicity, part.addressees, part.num])


def _link_attachments(parts: list[PartDraft], taken: set[str]) -> list[dict]:
    """附件 list items point at the attachment parts given; the others are named only."""
    given = {p.value: p.id for p in parts if p.kind == "attachment"}
    named: list[dict] = []
    for part in parts:
        for k, item in enumerate(part.attachment_list, start=1):
            m = re.search(r"\d+", item["num"])
            value = int(m.group(0)) if m else k
            if value in given:
                item["attachment"] = given[value]
                continue
            aid = f"a{value}"
            if aid in taken:
                aid = f"{part.id}-a{k}"
            taken.add(aid)
            item["attachment"] = aid
            named.append({"id": aid, "num": f"附件{value}", "title": item["title"] or f"附件{value}",
                          "note": "源文件在附件目录中列出此件，但未附其正文（导入时记录，请向发文机关索取）。"})
    return named
