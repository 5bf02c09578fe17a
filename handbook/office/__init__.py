"""Word and Excel files of the forms, made at build time from ``policy_data/forms/``.

Offices fill forms in Word/WPS and Excel. Every form becomes a .docx (``docx_form``: A4 in the
form's orientation and margins, the same tables with their merged cells and row heights, a page
break where the printed form has one, 仿宋 for text and 宋体 for titles); a form that is one table
on one page (花名册, 统计表, 申报汇总表, 评分表…) also becomes an .xlsx (``xlsx_form``: column widths,
print area and repeated header rows, a list for every choice field, numbers validated as numbers).
Both are written with the maintained libraries (python-docx, openpyxl), never by hand-written OOXML;
a test opens every file with LibreOffice and reads it back with the same libraries. Beside each
file is a template with a token in every field, which the page fills in the browser with what was
typed (``calculators/office_fill.py``, standard library only, run by the form's Python worker).
"""

from __future__ import annotations

from pathlib import Path

from ..forms_schema import Form
from .docx_form import form_docx
from .xlsx_form import form_xlsx, is_tabular

__all__ = ["form_docx", "form_xlsx", "is_tabular", "write_office_files"]


def write_office_files(forms: list[Form], site_dir: Path) -> dict[str, list[str]]:
    """``forms/<id>/<id>.docx`` (and ``.xlsx`` where tabular) in the site, each with the template
    the page fills (``<id>.template.docx``); returns what was written."""
    written: dict[str, list[str]] = {}
    for form in forms:
        folder = site_dir / "forms" / form.id
        folder.mkdir(parents=True, exist_ok=True)
        makers = [("docx", form_docx)] + ([("xlsx", form_xlsx)] if is_tabular(form) else [])
        names = []
        for suffix, make in makers:
            make(form).save(folder / f"{form.id}.{suffix}")
            make(form, template=True).save(folder / f"{form.id}.template.{suffix}")
            names += [f"{form.id}.{suffix}", f"{form.id}.template.{suffix}"]
        written[form.id] = names
    return written
