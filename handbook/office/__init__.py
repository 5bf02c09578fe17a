"""Word and Excel files of the forms, made at build time from ``policy_data/forms/``.

Offices fill forms in Word/WPS and Excel. Every form becomes a .docx (``docx_form``: A4 in the
form's orientation and margins, the same tables with their merged cells and row heights, a page
break where the printed form has one, 仿宋 for text and 宋体 for titles); a form that is one table
on one page (花名册, 统计表, 申报汇总表, 评分表…) also becomes an .xlsx (``xlsx_form``: column widths,
print area and repeated header rows, a list for every choice field, numbers validated as numbers).
Both are written with the maintained libraries (python-docx, openpyxl), never by hand-written OOXML;
a test opens every file with LibreOffice and reads it back with the same libraries. Beside each
file is a template with a token in every field, which the page fills in the browser with what was
typed (``calckit/office_fill.py``, standard library only, run by the form's Python worker).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from ..forms_schema import Form
from .docx_form import form_docx
from .xlsx_form import form_xlsx, is_tabular, summary_xlsx

__all__ = ["form_docx", "form_xlsx", "is_tabular", "write_office_files"]


def write_office_files(forms: list[Form], site_dir: Path, cache: Path | None = None,
                       years: dict[str, int] | None = None) -> dict[str, list[str]]:
    """``forms/<id>/<id>.docx`` (and ``.xlsx`` where tabular) in the site, each with the template
    the page fills (``<id>.template.docx``); returns what was written. With ``cache``, files made
    before from the same form and the same code are copied instead of made again (python-docx
    takes about 0.1 s a file)."""
    code = b"".join(p.read_bytes() for p in sorted(Path(__file__).parent.glob("*.py")))
    written: dict[str, list[str]] = {}
    for form in forms:
        folder = site_dir / "forms" / form.id
        folder.mkdir(parents=True, exist_ok=True)
        makers = [("docx", form_docx)] + ([("xlsx", form_xlsx)] if is_tabular(form) else [])
        names = [f"{form.id}{variant}.{suffix}" for suffix, _ in makers for variant in ("", ".template")]
        year = (years or {}).get(form.document)   # the 年度 an Excel file records (xlsx_form._meta)
        key = hashlib.sha256(code + form.model_dump_json().encode() + str(year).encode()).hexdigest()[:20]
        kept = cache / key if cache is not None else None
        if kept is not None and all((kept / name).exists() for name in names):
            for name in names:
                shutil.copyfile(kept / name, folder / name)
        else:
            for suffix, make in makers:
                extra = {"year": year} if suffix == "xlsx" else {}
                make(form, **extra).save(folder / f"{form.id}.{suffix}")
                make(form, template=True, **extra).save(folder / f"{form.id}.template.{suffix}")
            if kept is not None:
                kept.mkdir(parents=True, exist_ok=True)
                for name in names:
                    shutil.copyfile(folder / name, kept / name)
        written[form.id] = names
    # a roster's statistics form: the office's 汇总 of many units' files (calculators/paperwork/totals.py)
    for form in forms:
        if any(f.roster is not None and f.roster.statistics == form.id for f in forms):
            name = f"{form.id}-summary.template.xlsx"
            summary_xlsx(form).save(site_dir / "forms" / form.id / name)
            written[form.id].append(name)
    return written
