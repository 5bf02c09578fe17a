"""A form as a Word document (python-docx), laid out as the printed form is.

The page is A4 in the form's orientation with the print margins of ``handbook.css`` (``@page form``;
the 考核登记表 is bound on the left and printed on both sides, so its margins mirror). Each form page
starts a new Word page. Tables keep their columns (widths in % of the type area), merged cells and
row heights; blank fields are left blank (a line's field is an underlined gap). Text is 仿宋 and
titles 宋体, as 东亚 fonts with Times New Roman for Latin; Word and WPS substitute a font they lack.
"""

from __future__ import annotations

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..forms_schema import Block, Cell, Form, FormField
from .layout import BODY_FONT, LATIN_FONT, TITLE_FONT, Values, cell_grid

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
# (top, right, bottom, left) in mm, as handbook.css prints the forms
MARGINS = {"portrait": (12, 15, 12, 18), "landscape": (12, 14, 12, 14), "bound": (14, 14, 14, 25)}
ROW_MM = 8          # a table row with no height of its own: room to write by hand
BOX_LINE_MM = 5.6   # a text box is `lines` lines of 1.5 × 10.5 pt, as handbook.css prints it


def _font(run_or_style, name: str, size: float | None = None, bold: bool | None = None) -> None:
    font = run_or_style.font
    font.name = LATIN_FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)


def _page_setup(doc: Document, form: Form) -> float:
    """Size, orientation and margins; returns the type area's width in mm."""
    section = doc.sections[0]
    landscape = form.orientation == "landscape"
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    bound = form.binding == "left-double-sided"
    top, right, bottom, left = MARGINS["bound" if bound else form.orientation]
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    if bound:   # 填表说明 6: printed on both sides, bound on the left: inside margins mirror
        doc.settings.element.append(OxmlElement("w:mirrorMargins"))
    return (297 if landscape else 210) - left - right


def _paragraph(container, text: str = "", size: float = 10.5, bold: bool = False, align: str = "left",
               font: str = BODY_FONT):
    p = container.add_paragraph()
    p.alignment = ALIGN[align]
    p.paragraph_format.space_after = Pt(2)
    if text:
        _font(p.add_run(text), font, size, bold)
    return p


def _gap(p, field: FormField, value: str) -> None:
    """A line's field: the value if filled, else an underlined gap to write in."""
    run = p.add_run(value if value else "\u3000" * 8)
    _font(run, BODY_FONT, 10.5)
    run.font.underline = True


def _table(doc: Document, block: Block, type_width: float, values: Values) -> None:
    spec = block.table
    rows: list[list[Cell]] = list(spec.rows)
    heights: list[float | None] = [max((c.height or 0 for c in row), default=0) or None for row in spec.rows]
    if spec.repeat:
        rows += [spec.repeat.cells] * spec.repeat.count
        heights += [spec.repeat.height] * spec.repeat.count
    rows += spec.after
    heights += [max((c.height or 0 for c in row), default=0) or None for row in spec.after]
    placed, ncols = cell_grid(rows)
    table = doc.add_table(rows=len(rows), cols=ncols)
    table.style = "Table Grid"
    table.autofit = False
    widths = list(spec.widths) or [100 / ncols] * ncols
    widths = (widths + [widths[-1]] * ncols)[:ncols]
    scale = type_width / sum(widths)
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Mm(widths[i] * scale)
    for r, height in enumerate(heights):
        table.rows[r].height = Mm(height or ROW_MM)
        table.rows[r].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    first_repeat = len(spec.rows)
    for r, c, cell in placed:
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = target.paragraphs[0]
        p.alignment = ALIGN[cell.align]
        text = cell.text
        if cell.field is not None:
            name = cell.field.name
            if spec.repeat and first_repeat <= r < first_repeat + spec.repeat.count:
                name = f"{spec.repeat.name}.{r - first_repeat}.{name}"
            value = values.get(name, "s" if cell.text else "f")
            text = f"{value}{cell.text}" if value else cell.text
            if cell.text and not value:
                text = "\u3000" * 3 + cell.text
        for k, line in enumerate(text.split("\n")):
            para = p if k == 0 else target.add_paragraph()
            para.alignment = ALIGN[cell.align]
            if line:
                _font(para.add_run(line), BODY_FONT, 10.5, cell.header)


def _box(doc: Document, block: Block, type_width: float, values: Values) -> None:
    table = doc.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    cell = table.cell(0, 0)
    cell.width = Mm(type_width)
    row = table.rows[0]
    row.height = Mm(BOX_LINE_MM * block.box.lines + (12 if block.signature else 0))
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    p = cell.paragraphs[0]
    if block.box_title:
        _font(p.add_run(block.box_title), BODY_FONT, 10.5, True)
        p = cell.add_paragraph()
    value = values.get(block.box.name)
    if value:
        for k, line in enumerate(value.split("\n")):
            para = p if k == 0 else cell.add_paragraph()
            _font(para.add_run(line), BODY_FONT, 10.5)
    if block.signature:
        sig = cell.add_paragraph()
        sig.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        sig.paragraph_format.space_before = Pt(12)
        _font(sig.add_run(block.signature), BODY_FONT, 10.5)


def _lean(doc: Document) -> None:
    """Leave out two parts of python-docx's default template that no reader needs: Word 2010's
    stylesWithEffects.xml (440 KB of XML, 14 KB in the file) and a thumbnail picture. A 花名册's
    5,000 people get 10,000 copies of each form (calculators/paperwork/), so this is 40% of the
    ZIP and of the memory the page needs to make it. Saving keeps only the parts still related."""
    for rels in (doc.part.rels, doc.part.package.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith(("/stylesWithEffects", "/metadata/thumbnail")):
                del rels[rid]


def form_docx(form: Form, values: dict[str, str] | None = None, template: bool = False) -> Document:
    """The form as a python-docx Document, blank, with ``values`` (name → text) in place, or as
    the template the browser fills."""
    values = Values(values, template)
    doc = new_document()
    _lean(doc)
    normal = doc.styles["Normal"]
    _font(normal, BODY_FONT, 10.5)
    type_width = _page_setup(doc, form)
    for n, page in enumerate(form.pages):
        if n:
            breaker = doc.add_paragraph()
            breaker.paragraph_format.page_break_before = True
            breaker.paragraph_format.space_after = Pt(0)
        for block in page.blocks:
            if block.screen_only:
                continue
            if block.title:
                _paragraph(doc, block.title, 16, True, "center", TITLE_FONT)
            if block.subtitle:
                _paragraph(doc, block.subtitle, 12, False, "center")
            if block.heading:
                _paragraph(doc, block.heading, 12, True, "center", TITLE_FONT)
            if block.note:
                _paragraph(doc, block.note, 10.5, False, block.align)
            if block.line:
                p = _paragraph(doc, align=block.align)
                for part in block.line:
                    if isinstance(part, str):
                        _font(p.add_run(part), BODY_FONT, 10.5)
                    else:
                        _gap(p, part, values.get(part.name, "g"))
                        p.add_run("\u3000")
            if block.table:
                _table(doc, block, type_width, values)
            if block.box:
                _box(doc, block, type_width, values)
            elif block.signature:
                _paragraph(doc, block.signature, 10.5, False, "right")
            if block.spacer:
                spacer = doc.add_paragraph()
                spacer.paragraph_format.space_before = Mm(block.spacer)
    return doc
