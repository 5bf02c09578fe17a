"""Next year's notice, made from a seed for the tests: tests/fixtures/yangcheng-2025.yaml applied
to 阳城's 2024 notice, written as the .docx a maintainer receives. A fixture, never published."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from conftest import ROOT, SEEDS

FIXTURE = ROOT / "tests" / "fixtures" / "yangcheng-2025.yaml"
SERIES = "yangcheng-junior-title"


def fixture() -> dict:
    return yaml.safe_load(FIXTURE.read_text("utf-8"))


def fixture_text() -> str:
    """The seed with every replacement of the fixture made (each must be found)."""
    fx = fixture()
    text = next(SEEDS.glob(f"{fx['seed']}_*.txt")).read_text("utf-8")
    for r in fx["replace"]:
        assert r["old"] in text, f"the fixture's “{r['old']}” is not in the seed"
        text = text.replace(r["old"], r["new"])
    return text


def write_docx(path: Path) -> Path:
    """The fixture as a Word file, as text pasted into Word gives: one paragraph per line (an empty
    one for a blank line), headings bold, no Markdown."""
    from docx import Document

    doc = Document()
    for line in fixture_text().splitlines():
        if re.fullmatch(r"\s*-{3,}\s*", line):
            continue
        heading = line.lstrip().startswith("#")
        text = re.sub(r"^\s*#+\s*|\*\*", "", line).strip()
        text = re.sub(r"^- ", "", text)
        if not text:
            doc.add_paragraph()
            continue
        run = doc.add_paragraph().add_run(text)
        run.bold = heading
    doc.save(path)
    return path


def accept_pending(path: Path) -> dict[str, list[str]]:
    """What the maintainer does after checking each listed parameter, procedure and material against
    the notice: delete the “# ” before its lines. Returns the ids accepted, by section."""
    lines = path.read_text("utf-8").splitlines()
    out: list[str] = []
    accepted: dict[str, list[str]] = {}
    section = ""
    for line in lines:
        top = re.match(r"^([a-z_]+):", line)
        if top:
            section = top.group(1)
        item = re.match(r"^# ((?:  )*(?:- )?[a-z_]+:(?: .*)?|(?:  )*- [^\s#].*)$", line)
        if item:
            line = item.group(1)
            head = re.match(r"^- id: (\S+)", line)
            if head:
                accepted.setdefault(section, []).append(head.group(1))
        out.append(line)
    path.write_text("\n".join(out) + "\n", "utf-8")
    return accepted


def version_docx(doc, path: Path) -> Path:
    """A version of the data (``handbook.schema.Document``) as the Word file its notice would be:
    one paragraph a line, clause numbers in the text, tables as Word tables (merged cells merged).
    What ``handbook import`` reads back gives the same words clause by clause."""
    from docx import Document as Word

    word = Word()

    def para(text: str | None, bold: bool = False) -> None:
        for line in (text or "").split("\n"):
            if line.strip():
                word.add_paragraph().add_run(line).bold = bold

    def node(n, depth: int) -> None:
        num, title, text = n.num or "", n.title or "", n.text or ""
        if n.layout == "heading" or (title and not text) or (depth == 0 and title):
            para(num + title, bold=depth == 0)
            para(text)
        else:
            lines = text.split("\n")
            para(num + title + lines[0])
            para("\n".join(lines[1:]))
        for child in n.children:
            node(child, depth + 1)

    def table(rows) -> None:
        grid: dict[tuple[int, int], tuple] = {}
        placed = []
        for r, row in enumerate(rows):
            c = 0
            for cell in row:
                while (r, c) in grid:
                    c += 1
                text = cell if isinstance(cell, str) else cell.text
                cs, rs = (1, 1) if isinstance(cell, str) else (cell.colspan, cell.rowspan)
                for dr in range(rs):
                    for dc in range(cs):
                        grid[(r + dr, c + dc)] = (r, c)
                placed.append((r, c, rs, cs, text))
                c += cs
        height = max(r for r, _ in grid) + 1
        width = max(c for _, c in grid) + 1
        t = word.add_table(rows=height, cols=width)
        for r, c, rs, cs, text in placed:
            cell = t.cell(r, c)
            if rs > 1 or cs > 1:
                cell = cell.merge(t.cell(r + rs - 1, c + cs - 1))
            cell.text = text

    for part in doc.parts:
        if part.num and re.sub(r"\s", "", part.num) not in re.sub(r"\s", "", part.title or ""):
            para(part.num)
        for text in (part.masthead, part.doc_number, part.title, part.subtitle, part.addressees, part.preamble):
            para(text)
        for n in part.sections:
            node(n, 0)
        for block in part.blocks:
            if block.rows is not None:
                table(block.rows)
            else:
                para(block.text)
        para(part.closing)
        if part.attachment_list:
            items = [f"{a.num}{a.title}" for a in part.attachment_list]
            para((part.attachment_list_label or "附件：") + items[0])
            for item in items[1:]:
                para(item)
        for line in part.signature:
            para(line)
        para(part.date_text)
        para(part.publicity)
    word.save(path)
    return path


def load_on(data: Path, day: str):
    """``data`` loaded as the build would on ``day`` (HANDBOOK_BUILD_DATE), the environment left as it was."""
    from handbook.loader import load_handbook

    old = os.environ.get("HANDBOOK_BUILD_DATE")
    os.environ["HANDBOOK_BUILD_DATE"] = day
    try:
        return load_handbook(data)
    finally:
        if old is None:
            del os.environ["HANDBOOK_BUILD_DATE"]
        else:
            os.environ["HANDBOOK_BUILD_DATE"] = old
