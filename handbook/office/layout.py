"""What the Word and the Excel file of a form share: fonts, where each cell of a table sits, and
what goes in a field (a value, or the template's token)."""

from __future__ import annotations

from calckit.office_fill import token

from ..forms_schema import Cell

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"


class Values:
    """What goes in a field: the value typed, or — for the template the browser fills
    (calckit/office_fill.py) — a token naming the field and the blank it stands for."""

    def __init__(self, values: dict[str, str] | None, template: bool = False) -> None:
        self.values = values or {}
        self.template = template

    def get(self, name: str, mode: str = "f") -> str:
        return token(name, mode) if self.template else self.values.get(name, "")


def cell_grid(rows: list[list[Cell]]) -> tuple[list[tuple[int, int, Cell]], int]:
    """Place cells as an HTML table does: each at the next column a rowspan above left free."""
    taken: set[tuple[int, int]] = set()
    placed = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
            width = max(width, c)
    return placed, width
