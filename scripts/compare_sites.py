"""Compare two builds of a site file by file, and say what differs and why.

    .venv/bin/python scripts/compare_sites.py BEFORE_SITE AFTER_SITE

Used to show that a change to the generator leaves the safety handbook's pages as they were. A file
is *identical* when its bytes are; *same content* when it differs only where a build always differs
for a known reason, said in the report:

- Word/Excel files: the ZIP's members hold the same bytes, but for the time the file was made
  (the container's timestamps, and openpyxl's ``dcterms:created``/``modified``);
- ``.br``/``.gz`` twins: the same bytes once decompressed;
- pages that run Python: the same once the runtime's names (``data-runtime``: the lock, the
  snapshot, their sha256 and sizes) and the wheels' names (``data-packages``) are set aside.

The Pyodide folder (``assets/pyodide/``) is counted apart: its wheels and snapshot are named by
their content. Everything else that differs is listed, for a person to explain.
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import zipfile
from collections import Counter
from pathlib import Path

import brotli

RUNTIME_ATTRS = re.compile(rb'data-(?:runtime|packages)="[^"]*"')
MADE_AT = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")   # openpyxl's clock


def _zip_members(blob: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        return {name: MADE_AT.sub(b"", zf.read(name)) for name in zf.namelist()}


def classify(path: str, before: bytes, after: bytes) -> str:
    """``identical``, a known reason the bytes differ, or ``different``."""
    if before == after:
        return "identical"
    if path.endswith((".docx", ".xlsx")):
        same = _zip_members(before) == _zip_members(after)
        return "same members (the times the files were made)" if same else "different"
    if path.endswith(".br"):
        inner = classify(path[:-3], brotli.decompress(before), brotli.decompress(after))
        return "identical when decompressed" if inner == "identical" else f"{inner} (.br)"
    if path.endswith(".gz"):
        inner = classify(path[:-3], gzip.decompress(before), gzip.decompress(after))
        return "identical when decompressed" if inner == "identical" else f"{inner} (.gz)"
    if path.endswith(".html") and RUNTIME_ATTRS.sub(b"", before) == RUNTIME_ATTRS.sub(b"", after):
        return "same but the runtime's names (data-runtime, data-packages)"
    return "different"


def compare(before: Path, after: Path) -> tuple[Counter, list[str], list[str], list[str]]:
    files = {p.relative_to(before).as_posix() for p in before.rglob("*") if p.is_file()}
    files_after = {p.relative_to(after).as_posix() for p in after.rglob("*") if p.is_file()}
    counts: Counter = Counter()
    different = []
    for rel in sorted(files & files_after):
        if rel.startswith("assets/pyodide/"):
            counts["runtime files (named by content)"] += 1
            continue
        kind = classify(rel, (before / rel).read_bytes(), (after / rel).read_bytes())
        counts[kind] += 1
        if kind.startswith("different"):
            different.append(rel)
    only_before = sorted(f for f in files - files_after if not f.startswith("assets/pyodide/"))
    only_after = sorted(f for f in files_after - files if not f.startswith("assets/pyodide/"))
    return counts, different, only_before, only_after


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args()
    counts, different, only_before, only_after = compare(args.before, args.after)
    for kind, n in counts.most_common():
        print(f"{n:6d}  {kind}")
    for title, names in (("different", different), ("only before", only_before), ("only after", only_after)):
        print(f"\n{title}: {len(names)}")
        for name in names:
            print(f"  {name}")


if __name__ == "__main__":
    main()
