"""Every sentence of the source is in the imported file: the same check as tests/test_fidelity.py.

The source is split the way the fidelity test splits a seed (markup dropped, at line breaks and at
。；;！？, whitespace ignored); each piece must occur in the document's text read in order. A piece
that does not is kept in ``unplaced`` with its line, never dropped.
"""

from __future__ import annotations

import re

_MARKUP = [
    (re.compile(r"<[^>]+>"), ""),
    (re.compile(r"\*\*"), ""),
    (re.compile(r"^\s*#+\s*", re.M), ""),
    (re.compile(r"^\s*---\s*$", re.M), ""),
    (re.compile(r"^\s*- ", re.M), ""),
]
_ONLY_PUNCT = re.compile(r"^[\W_]*$")
_SKIP_KEYS = {"id", "kind", "layout", "attachment", "align", "note", "line", "colspan", "rowspan", "header",
              "meta", "status"}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def source_units(text: str, corrections=()) -> list[tuple[int, str]]:
    """(line, piece) for every sentence piece of the source, after the OCR ``corrections``
    (objects with ``original`` and ``corrected``) a document records."""
    for fix in corrections:
        text = text.replace(fix.original, fix.corrected)
    for rx, repl in _MARKUP:
        text = rx.sub(repl, text)
    units = []
    for n, line in enumerate(text.splitlines(), start=1):
        for piece in re.split(r"[。；;！？]", line):
            piece = squash(piece.replace("|", ""))
            if piece and not _ONLY_PUNCT.match(piece):
                units.append((n, piece))
    return units


def document_text(doc: object) -> str:
    """All the words of the document, in reading order, whitespace removed."""
    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for key, v in value.items():
                if key not in _SKIP_KEYS:
                    walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(doc)
    return squash("".join(out))


def missing_units(source_text: str, doc: dict) -> tuple[int, list[tuple[int, str]]]:
    """(number of pieces, the pieces not found in ``doc``)."""
    units = source_units(source_text)
    haystack = document_text(doc)
    return len(units), [(line, u) for line, u in units if u not in haystack]
