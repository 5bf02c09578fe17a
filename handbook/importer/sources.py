"""Read a source file into lines: text files decoded (UTF-8 or GB18030), .docx read with python-docx.

A line is one paragraph of the source with its number (the line of a text file, the paragraph
of a Word file) so every message can point at it; a Word table arrives whole, with its merged
cells. Files that are not a text document (old binary .doc, PDF, empty, over 5 MB) are refused
here with one message that says what to do instead.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ImportFailure

MAX_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"     # .doc, .xls, .wps: old binary Office files
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class SourceLine:
    """One paragraph of the source (``text``) or one table (``rows``)."""

    line: int
    text: str = ""
    rows: list[list[Cell]] | None = None
    heading: bool = False          # a Word heading style or a Markdown ``#`` line


@dataclass
class Source:
    path: Path
    kind: str                      # "text" or "docx"
    encoding: str
    lines: list[SourceLine] = field(default_factory=list)
    raw_text: str = ""             # the decoded text (text files) or paragraphs joined (docx)


def read_source(path: Path) -> Source:
    """Read ``path`` or raise ImportFailure with a message a maintainer can act on."""
    name = path.name
    if not path.is_file():
        raise ImportFailure(f"{path}: 文件不存在")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ImportFailure(f"{name}: 文件有 {size / 1024 / 1024:.1f} MB，超过 5 MB 的上限。"
                            "一份通知的正文远小于此；请只导入正文（图片、扫描件不能导入）。")
    data = path.read_bytes()
    if not data.strip():
        raise ImportFailure(f"{name}: 文件是空的，没有可导入的文字。")
    suffix = path.suffix.lower()
    if data.startswith(_OLE) or suffix in {".doc", ".wps"}:
        raise ImportFailure(f"{name}: 这是旧版 Word 文件（.doc/.wps），不能直接读取。"
                            "请在 Word 或 WPS 中“另存为” .docx 格式后再导入。")
    if data.startswith(b"%PDF"):
        raise ImportFailure(f"{name}: 这是 PDF 文件。请在 PDF 阅读器中复制全文另存为 .txt，"
                            "或用 WPS/Word 转换为 .docx 后再导入。")
    if data.startswith(b"{\\rtf"):
        raise ImportFailure(f"{name}: 这是 RTF 文件。请在 Word 或 WPS 中另存为 .docx 后再导入。")
    if data.startswith(b"PK"):
        if suffix in {".xlsx", ".xls", ".pptx"}:
            raise ImportFailure(f"{name}: 只能导入通知正文（.txt、.md、.docx），不能导入表格或演示文稿。")
        return _read_docx(path, data)
    if suffix == ".docx":
        raise ImportFailure(f"{name}: 扩展名是 .docx，但内容不是 Word 文件（可能已损坏）。"
                            "请在 Word 或 WPS 中重新保存后再导入。")
    return _read_text(path, data)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """UTF-8 first (with or without BOM), then UTF-16 by BOM, then GB18030 (a superset of GBK/GB2312)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "UTF-8（带 BOM）"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        line = data.count(b"\n", 0, utf8_error.start) + 1
        raise ImportFailure(
            f"{name}: 第 {line} 行起的内容既不是 UTF-8 也不是 "
            "GB18030/GBK 编码的文字，可能不是文本文件。请用记事本或 WPS 打开后另存为 UTF-8 文本。"
        ) from None
    if not re.search(r"[\u4e00-\u9fff]", text):
        raise ImportFailure(f"{name}: 按 GB18030/GBK 解码后没有一个汉字，不是可导入的中文文本。")
    return text, "GB18030（GBK）"


def _read_text(path: Path, data: bytes) -> Source:
    text, encoding = decode(data, path.name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise ImportFailure(f"{path.name}: 第 {line} 行含有控制字符（如 NUL），这不是文本文件。")
    lines = [SourceLine(line=i, text=t) for i, t in enumerate(text.split("\n"), start=1)]
    return Source(path=path, kind="text", encoding=encoding, lines=lines, raw_text=text)


# ---------------------------------------------------------------- .docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _read_docx(path: Path, data: bytes) -> Source:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise ImportFailure("读取 .docx 需要 python-docx：pip install python-docx") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportFailure(f"{path.name}: 不是有效的 .docx 文件（{type(exc).__name__}）。"
                            "请在 Word 或 WPS 中重新保存为 .docx 后再导入。") from None
    numbering = _Numbering(document)
    out: list[SourceLine] = []
    texts: list[str] = []
    for n, element in enumerate(document.element.body.iterchildren(), start=1):
        if element.tag == f"{_W}p":
            para = Paragraph(element, document)
            label = numbering.label(para)
            text = label + para.text
            style = (para.style.name or "") if para.style is not None else ""
            heading = style.lower().startswith(("heading", "title")) or style.startswith("标题")
            for piece in text.split("\n"):
                out.append(SourceLine(line=n, text=piece, heading=heading))
            texts.append(text)
        elif element.tag == f"{_W}tbl":
            rows = _table_rows(Table(element, document))
            out.append(SourceLine(line=n, rows=rows))
            texts.extend(c.text for row in rows for c in row)
    if not any(line.text.strip() or line.rows for line in out):
        raise ImportFailure(f"{path.name}: Word 文件中没有文字。")
    return Source(path=path, kind="docx", encoding="docx", lines=out, raw_text="\n".join(texts))


def _table_rows(table) -> list[list[Cell]]:
    """Rows of cells with colspan (gridSpan) and rowspan (vMerge) as Word stores them."""
    rows: list[list[Cell]] = []
    open_cells: dict[int, Cell] = {}      # grid column → the cell a vMerge continues
    for tr in table._tbl.tr_lst:
        row: list[Cell] = []
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            merge = tc.vMerge
            if merge == "continue":
                above = open_cells.get(col)
                if above is not None:
                    above.rowspan += 1
                col += span
                continue
            text = "\n".join(p.text for p in _cell_paragraphs(tc, table)).strip()
            cell = Cell(text=text, colspan=span)
            row.append(cell)
            if merge == "restart":
                open_cells[col] = cell
            else:
                open_cells.pop(col, None)
            col += span
        rows.append(row)
    return rows


def _cell_paragraphs(tc, table):
    from docx.text.paragraph import Paragraph
    return [Paragraph(p, table) for p in tc.p_lst]


_CN_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _CN_DIGITS[tens] + "十" + (_CN_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return _CN_DIGITS[hundreds] + "百"
    return _CN_DIGITS[hundreds] + "百" + ("零" if rest < 10 else "") + (
        chinese_number(rest) if rest >= 20 or rest < 10 else "一" + chinese_number(rest))


def _format_counter(n: int, fmt: str) -> str:
    if fmt in {"chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "ideographTraditional", "japaneseCounting", "taiwaneseCounting"}:
        return chinese_number(n)
    if fmt in {"decimalEnclosedCircle", "decimalEnclosedCircleChinese"} and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """Word's automatic numbering (numPr), turned back into the text a reader sees ("一、", "（1）").

    Without this a list typed with Word's numbering button would lose its numbers on import."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, int], tuple[int, str, str]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {}
        for an in root.findall(f"{_W}abstractNum"):
            lvls = {}
            for lvl in an.findall(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl"))
                start = lvl.find(f"{_W}start")
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                lvls[ilvl] = (int(start.get(f"{_W}val")) if start is not None else 1,
                              fmt.get(f"{_W}val") if fmt is not None else "decimal",
                              text.get(f"{_W}val") if text is not None else "")
            abstract[an.get(f"{_W}abstractNumId")] = lvls
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{_W}val"), {}).items():
                self.levels[(num.get(f"{_W}numId"), ilvl)] = spec

    def _num_pr(self, para):
        ppr = para._p.pPr
        if ppr is not None and ppr.numPr is not None:
            return ppr.numPr
        style = para.style
        while style is not None:
            sppr = style.element.pPr
            if sppr is not None and sppr.numPr is not None:
                return sppr.numPr
            style = style.base_style
        return None

    def label(self, para) -> str:
        if not self.levels:
            return ""
        num_pr = self._num_pr(para)
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = str(num_pr.numId.val)
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        if (num_id, ilvl) not in self.levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start = self.levels[(num_id, ilvl)][0]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = self.levels[(num_id, ilvl)][2]

        def level_value(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            spec = self.levels.get((num_id, k))
            value = counters.get(k, spec[0] if spec else 1)
            return _format_counter(value, spec[1] if spec else "decimal")

        return re.sub(r"%(\d)", level_value, text)
