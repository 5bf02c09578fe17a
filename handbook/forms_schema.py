"""The shape of a form file in ``policy_data/forms/``.

A form is pages of blocks (titles, lines of label + field, tables with cells that
span rows and columns, repeatable rows, boxes for long text with a signature line,
notes). Fields say what they accept; ``computed`` fields are worked out in the
browser by the calculators package (``calckit.forms``), so the same Python
that checks a calculator's input checks a form.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field as PydField

from .schema import Id, Strict, Text

FieldType = Literal["text", "multiline", "date", "integer", "decimal", "choice", "idcard",
                    "computed"]


class Computation(Strict):
    """How a computed field is worked out (see calckit/forms.py): one of the kit's kinds (sum,
    remainder, workdays) or one the handbook's calculators package declares (``COMPUTATIONS``:
    this handbook's quota and grade); the loader checks which."""

    kind: str = PydField(pattern=r"^[a-z][a-z0-9_-]*$")
    of: list[str] = []              # sum, remainder: field names (a column of a repeat: "table.*.col");
                                    # earlier computed fields may be named too
    check: str | None = None        # sum: a typed field that must equal the sum
    total: str | None = None        # remainder: the field the others are taken from
    base: str | None = None         # quota: the headcount the share is of
    start: str | None = None        # workdays: date fields
    end: str | None = None
    rule: str | None = None         # workdays: "doc:param" giving the required number;
                                    # quota: the largest share (a percentage)


class FormField(Strict):
    name: str = PydField(pattern=r"^[a-z][a-z0-9_]*$")
    type: FieldType = "text"
    label: Text
    min: float | None = None
    max: float | None = None
    max_param: str | None = PydField(None, description="doc:param giving max, instead of a number")
    choices: list[str] = []
    lines: int = PydField(1, ge=1, le=40)
    compute: Computation | None = None
    placeholder: str = ""
    aliases: list[str] = []         # other column names an imported spreadsheet may use


class Cell(Strict):
    text: str = ""
    field: FormField | None = None
    colspan: int = PydField(1, ge=1, le=20)
    rowspan: int = PydField(1, ge=1, le=40)
    header: bool = False
    align: Literal["left", "center", "right"] = "center"
    height: float | None = PydField(None, description="row height in mm")
    vertical: bool = False


class Repeat(Strict):
    """Rows that repeat: ``count`` printed blank; more can be added on screen."""

    name: str = PydField(pattern=r"^[a-z][a-z0-9_]*$")
    count: int = PydField(5, ge=1, le=60)
    height: float = 9
    cells: list[Cell]


class Table(Strict):
    widths: list[float] = []        # column widths in %
    rows: list[list[Cell]] = []
    repeat: Repeat | None = None
    after: list[list[Cell]] = []    # rows after the repeated ones (e.g. 合计)


class Block(Strict):
    title: str | None = None
    subtitle: str | None = None
    heading: str | None = None
    line: list[str | FormField] | None = None
    table: Table | None = None
    box: FormField | None = None     # a bordered area for long text
    box_title: str | None = None
    signature: str | None = None     # the signature/seal line printed under a box
    note: str | None = None
    spacer: float | None = None      # mm
    checks: list[FormField] = []     # computed checks with no cell of their own
    screen_only: bool = False        # shown on screen, not printed (e.g. our computed total)
    align: Literal["left", "center", "right"] = "left"


class Page(Strict):
    id: Id
    name: Text                       # shown in the page list on screen
    blocks: list[Block]


class Roster(Strict):
    """A table that is a list of people: imported from Excel/CSV and summed up into another form
    (see calckit/table_import.py and calckit/forms.py ``roster_summary``)."""

    table: str                       # the repeat's name
    required: list[str]              # columns every row must fill
    statistics: Id                   # the form the summary fills
    max_rows: int = PydField(10_000, ge=1, le=10_000)
    forms: list[Id] = []             # each person's own forms, made from the list (calculators/paperwork)


class Form(Strict):
    id: Id
    title: Text
    document: Id
    attachment: Id                   # the attachment (given or named) it renders
    status: Literal["official", "derived"]
    basis: list[Id]                  # clauses that require the form or that it rests on
    note: str | None = None
    binding: Literal["none", "left-double-sided"] = "none"
    orientation: Literal["portrait", "landscape"] = "portrait"
    packages: list[str] = []         # Pyodide packages its computed fields need
    readings: list[Id] = []          # readings (readings.yaml) the form's checks rest on
    roster: Roster | None = None
    pages: list[Page]


class NotDerivable(Strict):
    document: Id
    attachment: Id
    reason: Text


class UnderivableAttachments(Strict):
    """``forms/index.yaml``: the attachments a document names from which no form can be derived,
    each with the reason (shown on the forms page, so that a reader knows none was forgotten)."""

    not_derivable: list[NotDerivable]
