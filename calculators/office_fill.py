"""Fill the build's Word/Excel template of a form with what someone typed, in the browser.

The build writes, beside each form's blank .docx/.xlsx, a template whose every field holds a token
(``@@f:name@@``; ``@@g:name@@`` for an underlined gap in a line, ``@@s:name@@`` before a unit such as
人) — ASCII, so that neither Word's nor Excel's writer turns it into a character reference.
Filling replaces each token inside the file's XML with the value, XML-escaped, or with the blank
the printed form has there: a value is text, never markup, and in Excel a shared string, never a
formula. Only the standard library is used (zipfile), so it runs unchanged in CPython and Pyodide.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

TOKEN = re.compile(r"@@([fgs]):([a-z][a-z0-9_]*(?:\.\d+\.[a-z][a-z0-9_]*)?)@@")
BLANK = {"f": "", "g": "\u3000" * 8, "s": "\u3000" * 3}
PARTS = {"docx": ("word/document.xml",), "xlsx": ("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml")}
MAX_BYTES = 5 * 1024 * 1024


class FillError(ValueError):
    """A template that is not one of ours; the message says so in Chinese."""


def _docx_text(value: str) -> str:
    """A value inside <w:t>: lines become Word line breaks."""
    lines = [escape(line) for line in value.split("\n")]
    return '</w:t><w:br/><w:t xml:space="preserve">'.join(lines)


def fill(kind: str, template: bytes, values: dict[str, str]) -> tuple[bytes, list[str]]:
    """The filled file, and the names of values the template has no place for (rows added beyond
    the printed form's)."""
    if kind not in PARTS:
        raise FillError(f"不支持的文件类型：{kind}")
    if len(template) > MAX_BYTES:
        raise FillError("模板文件过大")
    try:
        source = zipfile.ZipFile(io.BytesIO(template))
    except zipfile.BadZipFile:
        raise FillError("模板文件已损坏，请刷新页面后重试") from None
    used: set[str] = set()

    def replace(match: re.Match) -> str:
        mode, name = match.group(1), match.group(2)
        used.add(name)
        value = values.get(name, "")
        if not isinstance(value, str) or not value:
            return BLANK[mode]
        if kind == "docx":
            return _docx_text(value)
        return escape(value)

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in PARTS[kind]:
                data = TOKEN.sub(replace, data.decode("utf-8")).encode("utf-8")
            target.writestr(item, data)
    left = sorted(name for name, value in values.items() if value and name not in used)
    return out.getvalue(), left
