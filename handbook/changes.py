"""What changed between two versions of a series: parameters first, then clauses.

A clause is the same provision in two versions when it has the same id (the importer keeps an
id across versions for the same provision, see :mod:`handbook.importer.series`). So, comparing
an older version with a newer one:

- a parameter *changed* when its value or unit differs (old → new, each with its own clause);
- a clause is *added* or *removed* when its id is in one version only, *changed* when its words
  differ, *moved* when its number as printed (三（三） → 三（四）) differs, and unchanged otherwise.

Inside a changed clause the changed words are marked. Chinese has no spaces, so the texts are
cut into tokens first — a number with its decimals and %, a run of Latin letters or of Chinese
numerals, otherwise one character — so that 2022 → 2023 marks the year, not its last digit; the
token sequences are compared with diff-match-patch (chosen by measurement over difflib, see
README “What changed”), and its semantic clean-up joins edits separated by a character or two
into one phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from diff_match_patch import diff_match_patch

from .clause_labels import document_labels
from .schema import Parameter
from .versions import DocVersion, Series

EQUAL, DELETE, INSERT = "=", "-", "+"
_TOKEN = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)*[%％]?|[A-Za-z]+|[〇零一二三四五六七八九十百千万两]+|.", re.S)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _encode(a: list[str], b: list[str]) -> tuple[str, str, list[str]]:
    """Each distinct token as one character (diff-match-patch compares characters)."""
    table: dict[str, str] = {}
    out: list[str] = []

    def enc(toks: list[str]) -> str:
        chars = []
        for tok in toks:
            if tok not in table:
                table[tok] = chr(0xF0000 + len(out))   # a private-use plane: never in the texts
                out.append(tok)
            chars.append(table[tok])
        return "".join(chars)

    return enc(a), enc(b), out


def diff_text(old: str, new: str, timeout: float = 1.0) -> list[tuple[str, str]]:
    """``[(op, text)]`` with op ``=``, ``-`` or ``+``: the words of ``old`` made into ``new``."""
    if old == new:
        return [(EQUAL, old)] if old else []
    a, b, table = _encode(tokens(old), tokens(new))
    dmp = diff_match_patch()
    dmp.Diff_Timeout = timeout    # a bound on the time for a pathological pair, never reached by a clause
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    ops = {0: EQUAL, -1: DELETE, 1: INSERT}
    return [(ops[op], "".join(table[ord(c) - 0xF0000] for c in chars)) for op, chars in diffs if chars]


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
