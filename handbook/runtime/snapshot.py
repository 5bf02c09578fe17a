"""A Pyodide memory snapshot with the calculators imported, made with Node at build time.

Made in Node (npm ``pyodide``) rather than in headless chromium: a snapshot made in Node restores
in chromium and in Node alike (one made in chromium does not restore in Node), Node needs no
browser at build time, and the tests can run every calculator case through a restored
interpreter in Node. The file is named by its sha256, which the worker checks before use.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .bundle import BundleError, Wheel

MAKER = Path(__file__).with_name("make_snapshot.mjs")
HEAP_LIMIT = 30 * 1024 * 1024 + 4096
"""Pyodide restores into its default heap (30 MiB); a larger snapshot fails in the browser
(pyodide#6254), so the build refuses one rather than ship a snapshot every page would reject."""


@dataclass(frozen=True)
class Snapshot:
    path: Path
    sha256: str
    bytes: int
    python: str


def make_snapshot(runtime_dir: Path, wheels: list[Wheel], dest_dir: Path, package: str = "calculators") -> Snapshot:
    node = shutil.which("node")
    if node is None:
        raise BundleError("制作 Python 内存快照需要 Node.js（apt-get install nodejs）")
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "spec.json"
        spec.write_text(json.dumps({"wheels": [{"path": str(w.path), "sha256": w.sha256} for w in wheels],
                                    "package": package}), "utf-8")
        raw = Path(tmp) / "snapshot.bin"
        proc = subprocess.run([node, str(MAKER), str(runtime_dir.resolve()), str(raw), str(spec)],
                              capture_output=True, text=True, timeout=600)
        if proc.returncode != 0 or not raw.exists():
            raise BundleError(f"Python 内存快照制作失败（node {MAKER.name}）：{proc.stderr[-1500:]}")
        info = json.loads(proc.stdout)
        size = raw.stat().st_size
        if size > HEAP_LIMIT:
            raise BundleError(f"Python 内存快照有 {size} 字节，超过 Pyodide 默认堆（30 MiB），浏览器无法恢复；"
                              "请减少快照中导入的模块")
        sha = hashlib.sha256(raw.read_bytes()).hexdigest()
        path = dest_dir / f"snapshot-{sha[:16]}.bin"
        shutil.move(str(raw), path)
    return Snapshot(path=path, sha256=sha, bytes=size, python=info["python"])
