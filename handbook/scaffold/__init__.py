"""``python -m handbook new DIR``: a working handbook for another agency, with nothing of this one.

What it writes (``files/``, with the agency's name, the Python that runs the generator and the
generator's folder filled in): ``mkdocs.yml`` declaring the data folder, the calculators package
and the colours; ``policy_data/`` with one short made-up notice (marked as an example on every
page it appears on) and a form derived from it; a calculators package with one calculator whose
numbers come from that notice's parameters; tests as data (``tests/cases.yaml``); a README with
the two commands and the steps to the first real notice. It builds and its tests pass as
written; ``python -m handbook import`` then adds the agency's own notice.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"
GENERATOR = Path(__file__).resolve().parents[2]
DEFAULT_NAME = "示例市人力资源和社会保障局"


class ScaffoldError(Exception):
    """The folder cannot be used (not empty, not writable); said in Chinese."""


def new(dest: Path, name: str = DEFAULT_NAME, python: str | None = None) -> list[Path]:
    """Write a new handbook into ``dest`` (missing or empty); return the files written."""
    dest = Path(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise ScaffoldError(f"{dest} 已存在且不是空文件夹：请指定一个新的文件夹")
    name = name.strip()
    if not name or any(c in name for c in "\n\r\"'#:{}[]"):
        raise ScaffoldError(f"单位名称“{name}”不可用：不能为空，也不能含引号、冒号、# 或括号 {{}}[]")
    words = {"@@NAME@@": name, "@@PYTHON@@": python or sys.executable, "@@GENERATOR@@": str(GENERATOR)}
    written = []
    for path in sorted(FILES.rglob("*")):
        if path.is_dir() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        out = dest / path.relative_to(FILES)
        out.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text("utf-8")
        for token, value in words.items():
            text = text.replace(token, value)
        out.write_text(text, "utf-8")
        shutil.copymode(path, out)
        written.append(out)
    return written
