"""Each person's copy of a Word form, one file each or all in one file with a section per person.

A :class:`Template` is read once: its parts as stored (copied unchanged into every copy) and its
document.xml, whose tokens each copy fills (the same replacement as a single form's export,
:func:`calckit.office_fill.fill`). One file for everyone puts each person's body after a
paragraph holding the template's section properties with ``<w:type w:val="nextPage"/>`` — what
Word's and LibreOffice's mail merge do — so each person starts on a new page with the form's own
page size and margins, and the file prints exactly as many pages per person as the form has.
"""

from __future__ import annotations

import re

from calckit.office_fill import BLANK, TOKEN, docx_text

from . import zipraw

DOCUMENT = "word/document.xml"
_BODY = re.compile(r"(<w:body>)(.*)(<w:sectPr\b.*?</w:sectPr>)(</w:body>)", re.S)


class TemplateError(ValueError):
    """Not one of the build's Word templates; the message says so in Chinese."""


class Template:
    def __init__(self, blob: bytes):
        try:
            entries = zipraw.read_raw(blob)
        except Exception:
            raise TemplateError("模板文件已损坏或不是 Word 文件，请刷新页面后重试") from None
        self.parts = [e for e in entries if e.name != DOCUMENT]
        main = [e for e in entries if e.name == DOCUMENT]
        if not main:
            raise TemplateError("模板文件中没有 word/document.xml")
        import zlib
        data = main[0].data if main[0].method == zipraw.STORED else zlib.decompress(main[0].data, -15)
        self.xml = data.decode("utf-8")
        m = _BODY.search(self.xml)
        if not m:
            raise TemplateError("模板文件的正文结构无法识别")
        self.head, self.body, self.section, self.tail = self.xml[:m.start(2)], m[2], m[3], self.xml[m.end(3):]
        self.fields = sorted({t[2] for t in TOKEN.finditer(self.xml)})

    def filled(self, text: str, values: dict[str, str]) -> str:
        def replace(match: re.Match) -> str:
            value = values.get(match.group(2), "")
            return docx_text(value) if value else BLANK[match.group(1)]
        return TOKEN.sub(replace, text)

    def document(self, values: dict[str, str]) -> bytes:
        """One person's copy: a whole .docx."""
        xml = self.filled(self.xml, values).encode("utf-8")
        return zipraw.build([*self.parts, zipraw.deflated(DOCUMENT, xml)])

    def section_break(self) -> str:
        """A paragraph ending a section (the form's own page settings) that starts the next on a new page."""
        section = re.sub(r"<w:type [^>]*/>", "", self.section)
        section = section.replace(">", '><w:type w:val="nextPage"/>', 1)
        return f"<w:p><w:pPr>{section}</w:pPr></w:p>"

    def merged(self, people: list[dict[str, str]]) -> bytes:
        """Everyone's copy in one .docx, each person from a new page."""
        if not people:
            raise TemplateError("没有可生成的人员")
        bodies = [self.filled(self.body, values) for values in people]
        xml = self.head + self.section_break().join(bodies) + self.section + self.tail
        return zipraw.build([*self.parts, zipraw.deflated(DOCUMENT, xml.encode("utf-8"))])
