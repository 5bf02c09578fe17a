"""What changed between two versions of a series: parameters first, then clauses.

A clause is the same provision in two versions when it has the same id (the importer keeps an
id across versions for the same provision, see :mod:`handbook.importer.series`). So, comparing
an older version with a newer one:

- a parameter *changed* when its value or unit differs (old → new, each with its own clause);
- a clause is *added* or *removed* when its id is in one version only, *changed* when its words
  differ, *moved* when its number as printed (三（三） → 三（四）) differs, and unchanged otherwise.

Inside a changed clause the changed words are marked. Chinese has no spaces, so the texts are
cut into tokens first — a number with its decimals and %, a run of Latin letters or of Chinese
numerals, otherwise one character — so that 2022 → 2023 marks the year, not its last digit, and
the token sequences are compared with the standard library's difflib (autojunk off: it would
otherwise take frequent characters such as 的 for junk). Chosen by measurement over
diff-match-patch with its semantic clean-up (scripts/diff_choice.py): on the fixture's changes and
four revisions, difflib marked 44 of 44 changed words exactly and nothing more; diff-match-patch
joined neighbouring edits across unchanged characters (2024〕791 for 2024 … 791), 28 characters
marked that had not changed, and took 1.12× the time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .clause_labels import document_labels
from .schema import Parameter
from .versions import DocVersion, Series

EQUAL, DELETE, INSERT = "=", "-", "+"
_TOKEN = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)*[%％]?|[A-Za-z]+|[〇零一二三四五六七八九十百千万两]+|.", re.S)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def diff_text(old: str, new: str) -> list[tuple[str, str]]:
    """``[(op, text)]`` with op ``=``, ``-`` or ``+``: the words of ``old`` made into ``new``."""
    if old == new:
        return [(EQUAL, old)] if old else []
    a, b = tokens(old), tokens(new)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append((EQUAL, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append((DELETE, "".join(a[i1:i2])))
        if j2 > j1:
            out.append((INSERT, "".join(b[j1:j2])))
    return out


@dataclass
class ParamChange:
    id: str
    label: str
    kind: str                     # changed, added, removed
    old: Parameter | None
    new: Parameter | None


@dataclass
class ClauseChange:
    id: str
    kind: str                     # added, removed, changed, moved, same
    old_label: str = ""
    new_label: str = ""
    old_text: str = ""
    new_text: str = ""
    segments: list[tuple[str, str]] = field(default_factory=list)

    @property
    def moved(self) -> bool:
        return bool(self.old_label and self.new_label and self.old_label != self.new_label)


@dataclass
class Changes:
    old: DocVersion
    new: DocVersion
    params: list[ParamChange]
    clauses: list[ClauseChange]   # in the new version's order; a removed clause after its old predecessor

    def count(self, kind: str) -> int:
        return sum(1 for c in self.clauses if c.kind == kind)

    @property
    def changed(self) -> list[ClauseChange]:
        return [c for c in self.clauses if c.kind != "same"]

    def runs(self) -> list[tuple[bool, list[ClauseChange]]]:
        """The clauses in order, unchanged ones gathered into runs (folded on the page)."""
        out: list[tuple[bool, list[ClauseChange]]] = []
        for c in self.clauses:
            same = c.kind == "same"
            if out and out[-1][0] and same:
                out[-1][1].append(c)
            else:
                out.append((same, [c]))
        return out


def compare_pairs(series: Series) -> list[tuple[DocVersion, DocVersion]]:
    """Every pair of versions of a series, older first."""
    vs = series.versions
    return [(vs[i], vs[j]) for i in range(len(vs)) for j in range(i + 1, len(vs))]


def _param_changes(old: DocVersion, new: DocVersion) -> list[ParamChange]:
    before = {p.id: p for p in old.doc.parameters}
    after = {p.id: p for p in new.doc.parameters}
    out = []
    for pid, p in after.items():
        q = before.get(pid)
        if q is None:
            out.append(ParamChange(pid, p.label, "added", None, p))
        elif (q.value, q.unit) != (p.value, p.unit):
            out.append(ParamChange(pid, p.label, "changed", q, p))
    out += [ParamChange(pid, q.label, "removed", q, None) for pid, q in before.items() if pid not in after]
    return out


def compare_versions(old: DocVersion, new: DocVersion) -> Changes:
    old_labels, new_labels = document_labels(old.doc), document_labels(new.doc)
    old_texts, new_texts = old.index.texts, new.index.texts
    clauses: list[ClauseChange] = []
    for cid, text in new_texts.items():
        if cid not in old_texts:
            clauses.append(ClauseChange(cid, "added", new_label=new_labels.get(cid, ""), new_text=text,
                                        segments=[(INSERT, text)]))
            continue
        before = old_texts[cid]
        change = ClauseChange(cid, "same", old_labels.get(cid, ""), new_labels.get(cid, ""), before, text)
        if before != text:
            change.kind = "changed"
            change.segments = diff_text(before, text)
        elif change.moved:
            change.kind = "moved"
        clauses.append(change)
    # removed clauses: placed after the clause that preceded them in the old version
    order = list(old_texts)
    for i, cid in enumerate(order):
        if cid in new_texts:
            continue
        removed = ClauseChange(cid, "removed", old_label=old_labels.get(cid, ""), old_text=old_texts[cid],
                               segments=[(DELETE, old_texts[cid])])
        at = 0
        for prev in reversed(order[:i]):
            found = next((k for k, c in enumerate(clauses) if c.id == prev), None)
            if found is not None:
                at = found + 1
                break
        clauses.insert(at, removed)
    return Changes(old, new, _param_changes(old, new), clauses)
