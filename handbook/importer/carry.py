"""What a version holds besides its text, carried to the next version of its series.

A document file holds, next to its clauses: ``parameters`` (the numbers of policy), ``procedures``
(with their ``steps``: the 我要申报 page and the planner) and ``materials`` (the 材料清单 page).
Each rests on a quote from a clause. For next year's notice each is carried over when its quote is
still in the new text — in its clause, or re-located to the clause that now holds it — and is
otherwise *not* carried silently: it is written commented, with the most similar words of the new
text (and, for a parameter, the value they state), for the maintainer to check and un-comment;
``handbook check`` names it until then (:mod:`handbook.continuity`).

A procedure is carried whole or not at all: a step whose quote is gone, or whose time limit names a
parameter that was not carried, makes the whole procedure commented, its steps' quotes replaced by
the nearest new words and each such step named above it, because a procedure without one of its
steps would plan the wrong dates.

Not carried, and said so in the import report: ``corrections`` (they fix the previous file's OCR
errors; the new text has its own, suggested by the importer) and ``unplaced`` (lines of the previous
source). ``meta``, ``version`` and the notes of ``named_attachments`` are drafted in :mod:`.series`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

import yaml

from ..numbers import stated_values
from ..schema import Document, Material, Parameter, Procedure, Step
from .fidelity import squash

KINDS = {"parameter": "参数", "procedure": "流程", "step": "步骤", "material": "材料"}


@dataclass
class Pending:
    """A parameter, step or material of the previous version whose quote the new text no longer holds."""

    kind: str                   # parameter, step, material
    item: Parameter | Step | Material
    old_label: str              # its clause's number in the previous version
    clause: str | None          # where the most similar words are
    clause_label: str
    candidate: str              # those words
    value: Any = None           # the value they state, for a parameter, if one of the same kind
    procedure: str | None = None

    @property
    def name(self) -> str:
        item = self.item
        return getattr(item, "label", None) or getattr(item, "title", None) or getattr(item, "item", "")

    def line(self) -> str:
        it = self.item
        was = f"原为 {show(it.value)}，" if isinstance(it, Parameter) else ""
        return (f"{it.id}（{self.name}）：{was}引文“{it.quote}”（{self.old_label}）；"
                f"新文本最相近：“{self.candidate}”（{self.clause_label or '未找到'}）"
                + (f" → {show(self.value)}？" if self.value is not None else ""))


@dataclass
class HeldProcedure:
    """A procedure written commented: the steps to check, and limits naming parameters not carried."""

    procedure: Procedure
    steps: list[Pending] = field(default_factory=list)
    limits: list[tuple[str, str]] = field(default_factory=list)      # step id, parameter id


@dataclass
class Carried:
    """What was carried and what is left for the maintainer, block by block."""

    parameters: list[Parameter] = field(default_factory=list)
    procedures: list[Procedure] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)
    relocated: list[tuple[str, str, str, str]] = field(default_factory=list)   # kind, id, old clause, new
    pending: list[Pending] = field(default_factory=list)                       # parameters and materials
    held: list[HeldProcedure] = field(default_factory=list)
    dropped_refs: list[tuple[str, str, str]] = field(default_factory=list)     # procedure, field, id
    not_carried: list[str] = field(default_factory=list)                       # blocks never carried

    def report(self) -> list[str]:
        params = [p for p in self.pending if p.kind == "parameter"]
        materials = [p for p in self.pending if p.kind == "material"]
        moved = [r for r in self.relocated if r[0] == "parameter"]
        lines = [f"  参数：{len(self.parameters)} 个在新文本中找到原引文，已沿用"
                 + (f"（其中 {len(moved)} 个所在条款已变）" if moved else "")
                 + (f"；{len(params)} 个原引文已不在新文本中，未沿用，须逐个核对后写入：" if params else "。")]
        lines += [f"    {p.line()}" for p in params]
        if params:
            lines.append("  这些参数以注释列在新文件 parameters 的末尾；写好之前 make check-data 会指出缺少哪一个。")
        total = len(self.procedures) + len(self.held)
        if total:
            lines.append(f"  流程（我要申报、申报计划）：{total} 个，{len(self.procedures)} 个沿用"
                         + (f"；{len(self.held)} 个有须核对的步骤，整段以注释写出，核对后删去行首的“# ”："
                            if self.held else "。"))
            for held in self.held:
                proc = held.procedure
                lines.append(f"    {proc.id}（{proc.title}）：")
                lines += [f"      步骤 {p.line()}" for p in held.steps]
                listed = {p.item.id for p in held.steps}
                lines += [f"      步骤 {step} 的时限用到参数 {pid}，该参数待核对（见上）"
                          for step, pid in held.limits if step not in listed]
        for proc, key, ref in self.dropped_refs:
            lines.append(f"    流程 {proc} 的 {key} 中的“{ref}”已不在新文本中，已去掉")
        if self.materials or materials:
            lines.append(f"  材料清单：{len(self.materials) + len(materials)} 项，{len(self.materials)} 项沿用"
                         + (f"；{len(materials)} 项原引文已不在新文本中，以注释写出，须核对：" if materials else "。"))
            lines += [f"    {p.line()}" for p in materials]
        moved_other = [r for r in self.relocated if r[0] != "parameter"]
        for kind, rid, old, new in moved_other:
            lines.append(f"    {KINDS[kind]} {rid} 的引文已移到另一条款（{old} → {new}）")
        lines += [f"  不沿用：{what}" for what in self.not_carried]
        return lines


def show(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def closest(quote: str, texts: list[tuple[str, str]]) -> tuple[str | None, str, float]:
    """The words of ``texts`` ((id, text)) most like ``quote``: a window of about its length."""
    q = squash(quote)
    best: tuple[float, str | None, str] = (0.0, None, "")
    for cid, text in texts:
        t = squash(text)
        if not t:
            continue
        for size in {max(1, len(q) - 2), len(q), len(q) + 2}:
            for start in range(0, max(1, len(t) - size + 1)):
                window = t[start:start + size]
                score = SequenceMatcher(None, q, window, autojunk=False).ratio()
                if score > best[0]:
                    best = (score, cid, window)
    return best[1], best[2], best[0]


def proposed_value(old: Parameter, words: str, year_shift: int) -> Any:
    """The value ``words`` state, if it is of the kind ``old`` has (a date, a number)."""
    stated = stated_values(words)
    if isinstance(old.value, dt.date):
        for v in stated:
            if isinstance(v, dt.date):
                return v
            if isinstance(v, tuple):
                try:
                    return dt.date(old.value.year + year_shift, *v)
                except ValueError:
                    return None
        return None
    if isinstance(old.value, int | float) and not isinstance(old.value, bool):
        numbers = [v for v in stated if isinstance(v, int | float) and not isinstance(v, bool)]
        return numbers[0] if len(numbers) == 1 else None
    return None


class Carrier:
    """Carries the blocks of ``old`` to the new text (its clauses' ``texts`` by id, ``labels`` as printed)."""

    def __init__(self, old: Document, old_labels: dict[str, str], texts: dict[str, str],
                 labels: dict[str, str], year_shift: int):
        self.old, self.old_labels, self.texts, self.labels = old, old_labels, texts, labels
        self.year_shift = year_shift
        self.out = Carried()
        self.out.not_carried = self._not_carried()

    def locate(self, quote: str, clause: str) -> str | None:
        """The clause of the new text that holds ``quote``: its own if it still does, else the first."""
        q = squash(quote)
        here = self.texts.get(clause)
        if here is not None and q in squash(here):
            return clause
        return next((cid for cid, text in self.texts.items() if q in squash(text)), None)

    def nearest(self, kind: str, item: Any, procedure: str | None = None) -> Pending:
        here = self.texts.get(item.clause)
        scope = [(item.clause, here)] if here is not None else list(self.texts.items())
        cid, words, score = closest(item.quote, scope)
        if here is not None and score < 0.5:    # the clause was rewritten: look everywhere
            cid, words, score = closest(item.quote, list(self.texts.items()))
        value = proposed_value(item, words, self.year_shift) if isinstance(item, Parameter) else None
        return Pending(kind, item, self.old_labels.get(item.clause, item.clause), cid,
                       self.labels.get(cid or "", ""), words, value, procedure)

    def carry(self, kind: str, item: Any, procedure: str | None = None) -> Any | None:
        """``item`` in the new text (its clause updated if its quote moved), or None if its quote is gone."""
        found = self.locate(item.quote, item.clause)
        if found is None:
            return None
        if found != item.clause:
            self.out.relocated.append((kind, item.id, item.clause, found))
            return item.model_copy(update={"clause": found})
        return item

    def run(self) -> Carried:
        self._items("parameter", self.old.parameters, self.out.parameters)
        carried_params = {p.id for p in self.out.parameters}
        for proc in self.old.procedures:
            self._procedure(proc, carried_params)
        self._items("material", self.old.materials, self.out.materials)
        return self.out

    def _items(self, kind: str, items: list, carried: list) -> None:
        """Blocks carried one by one (parameters, materials): into ``carried``, or pending."""
        for item in items:
            moved = self.carry(kind, item)
            if moved is None:
                self.out.pending.append(self.nearest(kind, item))
            else:
                carried.append(moved)

    def _procedure(self, proc: Procedure, carried_params: set[str]) -> None:
        held = HeldProcedure(proc)
        steps = []
        for step in proc.steps:
            moved = self.carry("step", step, proc.id)
            if moved is None:
                gone = self.nearest("step", step, proc.id)
                held.steps.append(gone)
                moved = step.model_copy(update={"quote": gone.candidate, "clause": gone.clause or step.clause})
            for pid in (step.period, step.lead, *(step.window or [])):
                if pid and pid not in carried_params:
                    held.limits.append((step.id, pid))
            steps.append(moved)
        clauses = []
        for cid in proc.clauses:
            if cid in self.texts:
                clauses.append(cid)
            else:
                self.out.dropped_refs.append((proc.id, "clauses", cid))
        update: dict[str, Any] = {"steps": steps}
        if clauses:
            update["clauses"] = clauses
        carried = proc.model_copy(update=update)
        if held.steps or held.limits:
            self.out.held.append(HeldProcedure(carried, held.steps, held.limits))
        else:
            self.out.procedures.append(carried)

    def _not_carried(self) -> list[str]:
        out = []
        if self.old.corrections:
            out.append(f"上一版本的 {len(self.old.corrections)} 条勘误（corrections）针对上一版本原文的错字；"
                       "新文本的疑似错字见上方，核对后写入本文件的 corrections")
        if self.old.unplaced:
            out.append(f"上一版本未归入条款的 {len(self.old.unplaced)} 行（unplaced）属于上一版本的原文")
        return out


# --- writing ---------------------------------------------------------------------------------------

def _dump(value: Any) -> list[str]:
    from .writer import DataDumper

    text = yaml.dump(value, Dumper=DataDumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2)
    return text.rstrip("\n").split("\n")


def _json(item: Any) -> dict:
    """``item`` as the hand-made files write it: lists of ids on one line (clauses: [s4, s5-1])."""
    from .writer import FlowRow

    def flow(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: flow(v) for k, v in value.items()}
        if isinstance(value, list):
            return FlowRow(value) if all(isinstance(v, str) for v in value) else [flow(v) for v in value]
        return value

    return flow(item.model_dump(exclude_none=True, exclude_defaults=True, by_alias=True))


def _commented(lines: list[str]) -> list[str]:
    """``lines`` commented so that deleting the “# ” at the start of each gives them back."""
    return [f"# {line}" for line in lines]


def _section(name: str, active: list[dict], held: list[tuple[list[str], dict]]) -> list[str]:
    """``name:`` with its active items, then each held item as comment lines under its explanation.
    With no active item the key is left empty (an empty list to the loader) so that un-commenting
    gives valid YAML."""
    lines = _dump({name: active}) if active else [f"{name}:" if held else f"{name}: []"]
    for why, item in held:
        lines += [f"# {w}" for w in why]
        lines += _commented(_dump([item]))
    return lines


def _parameters(carried: Carried, previous: str) -> list[str]:
    """``parameters:``, then each one not carried as comment lines, its new value and words marked."""
    lines = _section("parameters", [_json(p) for p in carried.parameters], [])
    pending = [p for p in carried.pending if p.kind == "parameter"]
    if not pending:
        return lines
    if not carried.parameters:
        lines = ["parameters:"]
    lines.append(f"# 上一版本（{previous}）的以下 {len(pending)} 个参数，其引文已不在本文中，未沿用。"
                 "核对原文后确认 value、quote、clause，再删去这些行行首的“# ”：")
    for p in pending:
        old = p.item
        lines += [f"# - id: {old.id}          # 上一版本：{show(old.value)}，“{old.quote}”（{p.old_label}）",
                  f"#   label: {old.label}",
                  f"#   value: {show(p.value) if p.value is not None else '?'}"
                  "          # 按最相近的文字推出，请核对",
                  f"#   unit: {old.unit}",
                  f"#   quote: {p.candidate}          # 新文本中最相近的文字（{p.clause_label}）",
                  f"#   clause: {p.clause}",
                  f"#   category: {old.category}"]
        if old.reading:
            lines.append(f"#   reading: {old.reading}")
        if old.note:
            lines.append(f"#   note: {old.note}")
    return lines


def blocks_text(carried: Carried, previous: str) -> str:
    """The YAML of ``parameters``, ``procedures`` and ``materials`` for the new file, what was not
    carried written as comments with the nearest new words."""
    lines = _parameters(carried, previous)
    if carried.procedures or carried.held:
        held = []
        for h in carried.held:
            why = [f"上一版本（{previous}）的流程“{h.procedure.title}”有须核对的步骤，整段未沿用。"
                   "核对下列各项后删去这些行行首的“# ”："]
            why += [f"  步骤 {p.item.id}：原引文“{p.item.quote}”（{p.old_label}）已不在本文中，"
                    f"下面的 quote 是本文最相近的文字（{p.clause_label or '未找到'}）" for p in h.steps]
            listed = {p.item.id for p in h.steps}
            why += [f"  步骤 {step}：时限参数 {pid} 待核对（见 parameters）" for step, pid in h.limits
                    if step not in listed]
            held.append((why, _json(h.procedure)))
        lines += ["", "# 申报流程（我要申报页面、申报计划），自上一版本沿用：各步骤的引文均已在本文中找到",
                  *_section("procedures", [_json(p) for p in carried.procedures], held)]
    materials = [p for p in carried.pending if p.kind == "material"]
    if carried.materials or materials:
        held = [([f"上一版本（{previous}）的材料“{p.item.item}”：原引文“{p.item.quote}”（{p.old_label}）已不在本文中；"
                  f"下面的 quote 是本文最相近的文字（{p.clause_label or '未找到'}），核对后删去行首的“# ”："],
                 {**_json(p.item), "quote": p.candidate, "clause": p.clause or p.item.clause}) for p in materials]
        lines += ["", "# 报送材料（材料清单页面），自上一版本沿用：各项的引文均已在本文中找到",
                  *_section("materials", [_json(m) for m in carried.materials], held)]
    return "\n".join(lines)
