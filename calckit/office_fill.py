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


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as XML entities, as ``xml.sax.saxutils.escape`` does: that module
    imports urllib.request, and with it email and http (500 KB of the standard library and a
    fifth of a second on a slow phone) that a browser's Python would load for three replacements."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# The field token, written by the build (handbook/office/ through :func:`token`) and read here: its
# one definition. f: a field; g: an underlined gap in a line; s: a gap before a unit such as 人.
BLANK = {"f": "", "g": "\u3000" * 8, "s": "\u3000" * 3}
TOKEN = re.compile(r"@@([fgs]):([a-z][a-z0-9_]*(?:\.\d+\.[a-z][a-z0-9_]*)?)@@")
ROW_TOKEN = re.compile(r"@@[fgs]:([a-z][a-z0-9_]*)\.(\d+)\.[a-z][a-z0-9_]*@@")
MAX_ROWS = 10_000


def token(name: str, mode: str = "f") -> str:
    """The token the build writes where field ``name`` goes (``@@f:name@@``); :data:`TOKEN` reads it."""
    if mode not in BLANK:
        raise ValueError(f"unknown token mode {mode!r}")
    return f"@@{mode}:{name}@@"
PARTS = {"docx": ("word/document.xml",),
         "xlsx": ("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/workbook.xml")}
MAX_BYTES = 5 * 1024 * 1024


class FillError(ValueError):
    """A template that is not one of ours; the message says so in Chinese."""


def docx_text(value: str) -> str:
    """A value inside <w:t>: lines become Word line breaks."""
    lines = [escape(line) for line in value.split("\n")]
    return '</w:t><w:br/><w:t xml:space="preserve">'.join(lines)


# --- rows beyond the printed form's: the last printed row, copied --------------------------------

def _rows_wanted(values: dict[str, str]) -> dict[str, int]:
    wanted: dict[str, int] = {}
    for name, value in values.items():
        m = re.match(r"^([a-z][a-z0-9_]*)\.(\d+)\.", name)
        if m and value and int(m[2]) < MAX_ROWS:
            wanted[m[1]] = max(wanted.get(m[1], 0), int(m[2]) + 1)
    return wanted


def _rows_present(xml: str) -> dict[str, int]:
    present: dict[str, int] = {}
    for m in ROW_TOKEN.finditer(xml):
        present[m[1]] = max(present.get(m[1], 0), int(m[2]) + 1)
    return present


def _renumber(row_xml: str, table: str, last: int, index: int) -> str:
    return row_xml.replace(f":{table}.{last}.", f":{table}.{index}.")


def _grow_docx(xml: str, table: str, have: int, want: int) -> str:
    """Word: the table's last repeated row (<w:tr>) copied for each row more."""
    at = xml.index(f":{table}.{have - 1}.")
    start = max(m.start() for m in re.finditer(r"<w:tr[ >]", xml[:at]))
    end = xml.index("</w:tr>", at) + len("</w:tr>")
    row = xml[start:end]
    extra = "".join(_renumber(row, table, have - 1, i) for i in range(have, want))
    return xml[:end] + extra + xml[end:]


def _shift_refs(text: str, after: int, by: int) -> str:
    """Cell references (A17, $A$17) below row ``after`` moved down ``by`` rows."""
    def move(m: re.Match) -> str:
        n = int(m[4])
        return f"{m[1]}{m[2]}{m[3]}{n + by if n > after else n}"
    return re.sub(r"(\$?)([A-Z]{1,3})(\$?)(\d+)", move, text)


def _grow_xlsx(sheet: str, workbook: str, table: str, have: int, want: int) -> tuple[str, str]:
    """Excel: the table's last repeated <row> copied for each row more; the rows below it, the
    merged cells, the validations, the sheet's extent and the print area moved down."""
    at = sheet.index(f":{table}.{have - 1}.")
    start = sheet.rindex("<row ", 0, at)
    end = sheet.index("</row>", at) + len("</row>")
    row = sheet[start:end]
    r = int(re.match(r'<row r="(\d+)"', row)[1])
    more = want - have
    copies = []
    for k, i in enumerate(range(have, want), start=1):
        copy = _renumber(row, table, have - 1, i)
        copy = re.sub(r'(<row r=")\d+(")', rf"\g<1>{r + k}\g<2>", copy)
        copies.append(re.sub(r'(<c r="[A-Z]{1,3})\d+(")', rf"\g<1>{r + k}\g<2>", copy))
    below = re.sub(r'(<(?:row|c) r=")([A-Z]{0,3})(\d+)(")',
                   lambda m: f"{m[1]}{m[2]}{int(m[3]) + more}{m[4]}", sheet[end:].split("</sheetData>", 1)[0])
    rest = sheet[end:].split("</sheetData>", 1)[1]
    rest = re.sub(r'(<mergeCell ref=")([^"]+)(")', lambda m: m[1] + _shift_refs(m[2], r, more) + m[3], rest)

    def extend(m: re.Match) -> str:
        refs = m[2].split()
        columns = [re.match(r"([A-Z]{1,3})", ref)[1] for ref in refs if re.fullmatch(rf"[A-Z]{{1,3}}{r}", ref)]
        refs = [_shift_refs(ref, r, more) for ref in refs] + [f"{c}{r + 1}:{c}{r + more}" for c in columns]
        return f'{m[1]}{" ".join(refs)}{m[3]}'
    rest = re.sub(r'(<dataValidation [^>]*?sqref=")([^"]+)(")', extend, rest)
    head = re.sub(r'(<dimension ref=")([^"]+)(")', lambda m: m[1] + _shift_refs(m[2], r, more) + m[3],
                  sheet[:end])
    workbook = re.sub(r'(<definedName name="_xlnm.Print_Area"[^>]*>)([^<]+)(<)',
                      lambda m: m[1] + _shift_refs(m[2], r, more) + m[3], workbook)
    return head + "".join(copies) + below + "</sheetData>" + rest, workbook


def fill(kind: str, template: bytes, values: dict[str, str]) -> tuple[bytes, list[str]]:
    """The filled file, and the names of values the template has no place for. Rows added beyond
    the printed form's get rows of their own: the form's last row, copied (a 花名册 of 5,000
    people is 5,000 rows in Excel and in Word)."""
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
            return docx_text(value)
        return escape(value)

    parts = {name: source.read(name).decode("utf-8") for name in PARTS[kind] if name in source.namelist()}
    main = PARTS[kind][0] if kind == "docx" else "xl/worksheets/sheet1.xml"
    present = _rows_present(parts.get(main, ""))
    for table, want in _rows_wanted(values).items():
        have = present.get(table, 0)
        if not have or want <= have:
            continue
        if kind == "docx":
            parts[main] = _grow_docx(parts[main], table, have, want)
        else:
            parts[main], parts["xl/workbook.xml"] = _grow_xlsx(parts[main], parts["xl/workbook.xml"],
                                                               table, have, want)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in parts:
                data = TOKEN.sub(replace, parts[item.filename]).encode("utf-8")
            target.writestr(item, data)
    left = sorted(name for name, value in values.items() if value and name not in used)
    return out.getvalue(), left
