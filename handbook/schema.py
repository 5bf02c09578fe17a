"""The shape of a policy document file in ``policy_data/documents/``.

One YAML file holds one document as issued: its metadata, its text as a tree of
parts, sections, clauses and items (each with a hand-written, stable ``id`` that
becomes the page anchor), its attachments, the policy numbers it states
(``parameters``) and every OCR fix made to the source text (``corrections``).

The models are strict (``extra="forbid"``) so that a misspelt key is an error,
not a silently ignored field. Cross-references (a parameter's clause id, a
correction's location) are checked in :mod:`handbook.loader`, which knows the
line of every value.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$", max_length=60)]
"""An anchor id: lower-case ASCII words joined by hyphens, e.g. ``s4-3-6``."""

Text = Annotated[str, StringConstraints(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Node(Strict):
    """A section, clause or numbered item.

    ``num`` and ``title`` are printed exactly as in the source ("（一）",
    "实施分类评审。"); ``text`` is the body, one paragraph per line.
    """

    id: Id
    num: str | None = None
    title: str | None = None
    text: str | None = None
    layout: Literal["heading", "runin"] | None = Field(
        None, description="heading: title on its own line; runin: bold title then text. "
        "Default: heading for top-level sections, runin below.")
    note: str | None = Field(None, description="Editorial note, shown as ours, not the source's")
    children: list[Node] = []


class Cell(Strict):
    text: str = ""
    colspan: int = Field(1, ge=1, le=20)
    rowspan: int = Field(1, ge=1, le=20)
    header: bool = False


class Block(Strict):
    """A block of an attachment: a paragraph (``text``) or a table (``rows``)."""

    id: Id
    text: str | None = None
    rows: list[list[Cell | str]] | None = None
    align: Literal["left", "center", "right"] = "left"


class AttachmentRef(Strict):
    """One line of the 附件 list, as printed after the body."""

    num: str
    title: str
    attachment: Id | None = None
    note: str | None = None


class Part(Strict):
    """A part of the document as issued, rendered in a fixed order of fields.

    kind:
      notice      a cover notice (印发通知) that transmits the main text
      main        the document proper
      attachment  an attachment (附件) given in the source
      sample      one sample text of a compilation (范文)
      imprint     the 印发 line at the very end
    """

    id: Id
    kind: Literal["notice", "main", "attachment", "sample", "imprint"]
    num: str | None = None
    masthead: str | None = None
    doc_number: str | None = None
    title: str | None = None
    subtitle: str | None = None
    addressees: str | None = None
    preamble: str | None = None
    sections: list[Node] = []
    blocks: list[Block] = []
    closing: str | None = None
    attachment_list_label: str | None = None
    attachment_list: list[AttachmentRef] = []
    signature: list[str] = []
    date_text: str | None = None
    publicity: str | None = None
    note: str | None = None


class NamedAttachment(Strict):
    """An attachment the source names but does not give."""

    id: Id
    num: str
    title: str
    status: Literal["named-only"] = "named-only"
    note: Text


Level = Literal["国家", "省", "市", "县", "范例"]
Kind = Literal["年度考核", "职称评审", "安全生产考核范例"]


class Meta(Strict):
    title: Text
    short_title: Text
    short_name: str | None = Field(None, description="How a reference names the document: 阳城, 浙江")
    issuer: Text
    doc_number: str | None = None
    date: dt.date | None = None
    effective: dt.date | None = None
    level: Level
    kind: Kind
    region: Text
    publicity: str | None = None
    binding: bool = True
    # what a non-binding document is, as its pages say it: 范文汇编, 虚构示例
    standing: str = "范文汇编"
    source_file: Text
    notes: list[Text] = []


Unit = Literal["%", "fraction", "人", "名", "个工作日", "年", "次", "元", "分", "日期", "人次",
               "天", "个", "项", "mm", "份", "日", "学时", "周岁"]


FractionText = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]*/[1-9][0-9]*$")]
"""A fraction written ``2/3``, for ``unit: fraction``."""


class Parameter(Strict):
    """A number or date of policy, stated once, next to the clause it comes from.

    ``quote`` is the exact wording in the clause ("三分之二以上"); a test checks
    that it is in the clause text and that it states ``value``.
    """

    id: Id
    label: Text
    value: int | float | dt.date | list[int | float] | FractionText
    unit: Unit
    quote: Text
    clause: Id
    category: Literal["quota", "committee", "vote", "publicity", "deadline", "eligibility",
                      "score", "sanction", "target", "schedule", "pool"]
    reading: Id | None = None
    note: str | None = None

    @field_validator("value")
    @classmethod
    def _finite(cls, value: object) -> object:
        """.nan and .inf are numbers to YAML, never to a policy."""
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, float) and not math.isfinite(v):
                raise ValueError("数值必须是有限的数（不能是 .nan 或 .inf）")
        return value


class Correction(Strict):
    """An evident OCR error fixed in our text: the page marks it."""

    clause: Id
    original: Text
    corrected: Text
    reason: Text


class Unplaced(Strict):
    """Source text the importer could not place in the tree: kept, shown, to be placed by hand."""

    line: int = Field(ge=1, description="Line (or paragraph) of the source file")
    text: Text


VersionKey = Annotated[str, StringConstraints(pattern=r"^[0-9a-z][a-z0-9-]*$", max_length=20)]
"""A version's part of the address: ``2024`` in ``documents/yangcheng-junior-title/2024/``."""


class Version(Strict):
    """When a version of a series applies, as its own words say (see :mod:`handbook.versions`).

    The status shown to readers (现行, 已执行完毕, 已被…替代, 尚未施行) is never written here: the
    build computes it from these dates, the versions after this one and the build date.
    ``quote`` (from ``clause``) holds the words that state the dates; ``reading`` names the
    reading applied where the words do not state an end (an annual round's notice rarely does).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    round: str | None = Field(None, description="The round or year it governs as the notice names it: 2024年度评审")
    year: int | None = Field(None, ge=1949, le=2100, description="The 年度 a calculator asks for")
    published: dt.date | None = Field(None, description="公布日期, where the source gives it apart from 成文日期")
    start: dt.date | None = Field(None, alias="from", description="First day it governs (default: 施行 or 成文日期)")
    end: dt.date | None = Field(None, alias="to", description="Last day it governs; none: open")
    quote: str | None = None
    clause: Id | None = None
    reading: Id | None = None
    basis: str | None = Field(None, description="Why these dates, where no quote states them")


class Step(Strict):
    """One step of a procedure as the notice orders it: who acts, what is handed in, its time limit.

    The limit is never a number here: ``period`` names the parameter that states how long the step
    lasts at least (公示期不少于5个工作日), ``window`` the two parameters of a fixed period (报送时间),
    ``lead`` the parameter of a lead time before another step (提前10个工作日). A step with none of
    them has no time limit in the notice, and the planner says so instead of inventing one.
    """

    id: Id
    title: Text
    actor: Text
    clause: Id
    quote: Text = Field(description="The words of the clause that set this step, verbatim")
    hands_in: str | None = Field(None, description="What is handed in or produced at this step")
    period: Id | None = None
    window: list[Id] | None = Field(None, min_length=2, max_length=2)
    lead: Id | None = None
    before: Id | None = Field(None, description="For a lead: the step it comes before")
    note: str | None = Field(None, description="Editorial: a reading of the order or timing, with its basis")


class Procedure(Strict):
    """A notice's procedure, in order. ``anchor`` is the step whose date the reader knows (the
    submission date, the meeting); the planner works back from it, or forward from a start."""

    id: Id
    title: Text
    who: Text = Field(description="Whose plan this is: 申报人和用人单位, 评审委员会办公室")
    anchor: Id
    anchor_label: Text
    clauses: list[Id] = Field(min_length=1, description="The clauses that set the procedure")
    checks: list[Id] = Field([], description="Calculators that check eligibility before it (the 我要申报 page)")
    steps: list[Step] = Field(min_length=2)


class Material(Strict):
    """One item of what is handed in, from the notice's own words (``quote`` is in ``clause``)."""

    id: Id
    item: Text
    issuer: Text = Field(description="Who makes or issues it: 申报人, 用人单位, 公示所在单位…")
    copies: str | None = Field(None, description="As the notice states it; none: the notice states no number")
    clause: Id
    quote: Text
    note: str | None = None


class Dropped(Strict):
    """Something the previous version of the series had that this notice no longer has, stated by
    the maintainer who read it (``handbook check`` otherwise names it as lost)."""

    kind: Literal["parameter", "procedure", "step", "material"]
    id: Id
    procedure: Id | None = Field(None, description="For a step: the procedure it was a step of")
    reason: Text = Field(description="Why: what the new notice says or no longer says")


class Document(Strict):
    id: Id
    meta: Meta
    version: Version | None = None
    parts: list[Part]
    named_attachments: list[NamedAttachment] = []
    unplaced: list[Unplaced] = []
    parameters: list[Parameter] = []
    procedures: list[Procedure] = []
    materials: list[Material] = []
    dropped: list[Dropped] = Field([], description="What the previous version had and this one does not")
    corrections: list[Correction] = []

    @field_validator("parameters", "procedures", "materials", "dropped", "corrections", mode="before")
    @classmethod
    def _empty(cls, value: object) -> object:
        """``parameters:`` with nothing under it (all its items still commented) is an empty list."""
        return [] if value is None else value


class Reading(Strict):
    """How an ambiguous expression is read, and on what basis."""

    id: Id
    expression: Text
    reading: Text
    basis: Text
    basis_text: str | None = None


class Readings(Strict):
    readings: list[Reading]


class ComparisonRow(Strict):
    aspect: Text
    cells: dict[Id, list[Id]]


class Comparison(Strict):
    """A cross-document page that quotes clauses side by side."""

    id: Id
    title: Text
    intro: Text
    documents: list[Id]
    rows: list[ComparisonRow]


class RuleCitation(Strict):
    doc: Id
    clause: Id


class NationalRule(Strict):
    """A national rule a source cites or relies on without stating it."""

    id: Id
    title: Text
    instrument: Text
    article: Text
    text_kind: Literal["quoted", "summary"]
    text: Text
    cited_by: list[RuleCitation] = []


class NationalRules(Strict):
    id: Id
    rules: list[NationalRule]
    parameters: list[Parameter] = []


class DayRange(Strict):
    first: dt.date
    last: dt.date


class HolidayNotice(Strict):
    """The State Council notice a year's schedule is transcribed from."""

    title: Text
    number: str | None = Field(None, description="文号, e.g. 国办发明电〔2024〕12号; "
                               "null where the published text carries none")
    date: dt.date
    issuer: Text = "国务院办公厅"


class Festival(Strict):
    """One numbered line of the notice: its words, the days off, the 调休 working days."""

    name: Text
    text: Text
    off: DayRange
    work: list[dt.date] = []


class HolidayYear(Strict):
    """``policy_data/holidays/<year>.yaml``: one year's 放假调休 schedule, as published."""

    year: int = Field(ge=2000, le=2100)
    notice: HolidayNotice
    festivals: list[Festival] = Field(min_length=1)


class Synonym(Strict):
    """A word readers type (助工) for the word the documents use (助理工程师), and why it is safe."""

    typed: Text
    means: Text
    both_ways: bool = False
    why: Text = Field(description="Why readers mean the documents' word by it (reviewed)")


class SearchSynonyms(Strict):
    """``policy_data/search_synonyms.yaml``: query expansions for the search page, and the
    question words and particles (吗, 能不能, 怎么…) that do not count against a result."""

    synonyms: list[Synonym]
    stop_words: list[Text] = []
    weak_characters: str = Field("", description="Characters that join a question's words (了 还 能): "
                                                 "a pair holding one counts for less in a partial match")
