"""Next year's notice, made from a seed for the tests: tests/fixtures/yangcheng-2025.yaml applied
to 阳城's 2024 notice, written as the .docx a maintainer receives. A fixture, never published."""

from __future__ import annotations

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


def accept_pending(path: Path) -> int:
    """What the maintainer does after checking each listed parameter against the notice: delete
    the “# ” before its lines. Returns how many parameters were accepted."""
    lines = path.read_text("utf-8").splitlines()
    out, count = [], 0
    for line in lines:
        if re.match(r"^# (- id: |  [a-z_]+: )", line):
            count += line.startswith("# - id: ")
            line = line[2:]
        out.append(line)
    path.write_text("\n".join(out) + "\n", "utf-8")
    return count
