"""A form's field schema as its page has it, the form page opened in the browser, printed to PDF and read back."""

from __future__ import annotations

import re
import subprocess

from handbook.export import calculator_params


def schema_of(renderer_form, handbook):
    from handbook.render import Renderer

    return Renderer(handbook, params=calculator_params(handbook)).form_schema(renderer_form)["fields"]


def open_form(page, base_url, form_id):
    page.goto(f"{base_url}forms/{form_id}/")
    page.wait_for_selector(".form-sheet[data-ready=true]")


def print_pdf(page, path, blank: bool):
    page.evaluate("(blank) => { document.body.classList.toggle('print-blank', blank);"
                  " window.dispatchEvent(new Event('beforeprint')); }", blank)
    page.pdf(path=str(path), prefer_css_page_size=True, print_background=False)


def pdf_info(path):
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out)
    return int(re.search(r"Pages:\s+(\d+)", out)[1]), (float(size[1]), float(size[2]))


def pdf_text(path):
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
