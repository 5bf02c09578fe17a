"""A Pyodide memory snapshot with the calculators imported, made with Node at build time.

Made in Node (npm ``pyodide``) rather than in headless chromium: a snapshot made in Node restores
in chromium and in Node alike (one made in chromium does not restore in Node), Node needs no
browser at build time, and the tests can run every calculator case through a restored
interpreter in Node. The file is named by its sha256, which the worker checks before use.

The file holds the memory without its zero pages (``pack``; read by assets/python/snapshot-file.js):
half of the 31 MB the snapshot restores is zeros, which cost nothing on the wire but were decoded,
hashed, kept and read again at every start; the packed file is 15 MB, and 4.1 MB in brotli instead
of 4.9 MB.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .bundle import BundleError, Wheel

MAKER = Path(__file__).with_name("make_snapshot.mjs")
HEAP_LIMIT = 30 * 1024 * 1024 + 4096
"""Pyodide restores into its default heap (30 MiB); a larger snapshot fails in the browser
(pyodide#6254), so the build refuses one rather than ship a snapshot every page would reject."""


MAGIC = b"HBS1"
PAGE = 4096


def pack(memory: bytes) -> bytes:
    """The memory as ``MAGIC``, its size, the number of runs of non-zero pages, each run's offset and
    length (little-endian u32), then the runs' bytes: zero pages are left out (19 runs here)."""
    runs: list[tuple[int, int]] = []
    for offset in range(0, len(memory), PAGE):
        page = memory[offset:offset + PAGE]
        if page.count(0) == len(page):
            continue
        if runs and sum(runs[-1]) == offset:
            runs[-1] = (runs[-1][0], runs[-1][1] + len(page))
        else:
            runs.append((offset, len(page)))
    header = MAGIC + struct.pack("<II", len(memory), len(runs))
    header += b"".join(struct.pack("<II", offset, length) for offset, length in runs)
    return header + b"".join(memory[offset:offset + length] for offset, length in runs)


def unpack(packed: bytes) -> bytes:
    """The memory ``pack`` was given (for tests; the browser's reader is snapshot-file.js)."""
    if packed[:4] != MAGIC:
        raise ValueError("not a packed snapshot")
    size, count = struct.unpack_from("<II", packed, 4)
    memory = bytearray(size)
    at = 12 + 8 * count
    for i in range(count):
        offset, length = struct.unpack_from("<II", packed, 12 + 8 * i)
        memory[offset:offset + length] = packed[at:at + length]
        at += length
    return bytes(memory)


@dataclass(frozen=True)
class Snapshot:
    path: Path
    sha256: str
    bytes: int
    memory: int
    python: str


def make_snapshot(runtime_dir: Path, wheels: list[Wheel], dest_dir: Path, packages: list[str]) -> Snapshot:
    node = shutil.which("node")
    if node is None:
        raise BundleError("制作 Python 内存快照需要 Node.js（apt-get install nodejs）")
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "spec.json"
        spec.write_text(json.dumps({"wheels": [{"path": str(w.path), "sha256": w.sha256} for w in wheels],
                                    "packages": packages}), "utf-8")
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
        packed = pack(raw.read_bytes())
        sha = hashlib.sha256(packed).hexdigest()
        path = dest_dir / f"snapshot-{sha[:16]}.bin"
        path.write_bytes(packed)
    return Snapshot(path=path, sha256=sha, bytes=len(packed), memory=size, python=info["python"])
