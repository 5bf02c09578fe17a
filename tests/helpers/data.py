"""A data file edited in a copy of policy_data/, and the faults the loader then names."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.loader import DataErrors, load_handbook


def edit(data_dir: Path, rel: str, old: str, new: str, count: int = 1) -> int:
    """Replace ``old`` in a data file; return the 1-based line where it was."""
    path = data_dir / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def errors_of(data_dir: Path) -> str:
    with pytest.raises(DataErrors) as info:
        load_handbook(data_dir)
    return str(info.value)
