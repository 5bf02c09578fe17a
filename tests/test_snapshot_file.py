"""The snapshot as the site serves it: zero pages left out by the build (handbook/runtime/snapshot.py
``pack``), given back whole by the browser's reader (handbook/assets/python/snapshot-file.js) — the
two agree byte for byte, and a damaged file is refused, not restored."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook.runtime.snapshot import MAGIC, PAGE, pack, unpack

ROOT = Path(__file__).resolve().parent.parent
READER = ROOT / "handbook" / "assets" / "python" / "snapshot-file.js"
EXPAND = """
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
const { expandSnapshot } = await import(process.argv[2]);
const out = [];
for (const file of process.argv.slice(3)) {
  try {
    const memory = expandSnapshot(readFileSync(file));
    out.push({ size: memory.length, sha256: createHash("sha256").update(memory).digest("hex") });
  } catch (err) {
    out.push({ error: err.message });
  }
}
console.log(JSON.stringify(out));
"""


def memory_with_holes() -> bytes:
    """Zero pages first, between and last; a non-zero byte at a page's last byte; a short last page."""
    memory = bytearray(PAGE * 40 + 100)
    memory[PAGE * 3:PAGE * 5] = bytes(range(256)) * (2 * PAGE // 256)
    memory[PAGE * 9 - 1] = 7
    memory[PAGE * 20 + 5] = 1
    memory[PAGE * 21] = 2                      # adjoins the page before: one run
    memory[-1] = 9
    return bytes(memory)


def test_pack_leaves_out_zero_pages_and_unpack_gives_the_memory_back():
    memory = memory_with_holes()
    packed = pack(memory)
    assert packed[:4] == MAGIC
    runs = int.from_bytes(packed[8:12], "little")
    assert runs == 4                            # pages 3–4, 8, 20–21, the short last one
    assert len(packed) == 12 + 8 * runs + 2 * PAGE + PAGE + 2 * PAGE + 100
    assert unpack(packed) == memory
    assert unpack(pack(bytes(PAGE * 3))) == bytes(PAGE * 3)    # all zeros: no run at all


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node")
def test_the_browsers_reader_gives_back_what_the_build_packed(tmp_path):
    memory = memory_with_holes()
    packed = pack(memory)
    files = {"good": packed, "foreign": b"PK\x03\x04" + packed[4:], "cut": packed[:-1],
             "longer": packed + b"\x00", "run past the end": packed[:12] + (len(memory)).to_bytes(4, "little")
             + packed[16:]}
    for name, data in files.items():
        (tmp_path / f"{name}.bin").write_bytes(data)
    script = tmp_path / "expand.mjs"
    script.write_text(EXPAND, "utf-8")
    proc = subprocess.run(["node", str(script), READER.as_uri(), *(str(tmp_path / f"{n}.bin") for n in files)],
                          capture_output=True, text=True, timeout=60, check=True)
    good, foreign, cut, longer, past = json.loads(proc.stdout)
    assert good == {"size": len(memory), "sha256": hashlib.sha256(memory).hexdigest()}
    assert foreign == {"error": "not a packed snapshot"}
    assert cut == {"error": "packed snapshot cut short"}
    assert longer == {"error": "packed snapshot has bytes left over"}
    assert past == {"error": "packed snapshot cut short"}


WRITE = """
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
const { snapshotWriter } = await import(process.argv[2]);
const memorySize = Number(process.argv[3]);
const out = [];
for (const [file, chunk] of JSON.parse(process.argv[4])) {
  const bytes = readFileSync(file);
  try {
    // a download: its size and the memory's as the build gives them, its bytes in chunks
    const writer = snapshotWriter(Number(process.argv[5]), memorySize);
    for (let at = 0; at < bytes.length; at += chunk) writer.write(bytes.subarray(at, at + chunk));
    const packed = writer.finish();
    out.push({ sha256: createHash("sha256").update(writer.memory).digest("hex"),
               packed: Buffer.compare(Buffer.from(packed), bytes) === 0 });
  } catch (err) {
    out.push({ error: err.message });
  }
}
console.log(JSON.stringify(out));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node")
def test_a_download_written_as_it_arrives_gives_the_same_memory(tmp_path):
    """python/snapshot-file.js snapshotWriter: the memory is written chunk by chunk while the file
    downloads (runs split across chunks, a chunk of one byte); a file that is not the one the build
    announced (another memory size, cut short, longer, foreign) is refused."""
    memory = memory_with_holes()
    packed = pack(memory)
    other = pack(memory + bytes(PAGE))
    files = {"good": packed, "other size": other, "cut": packed[:-1], "longer": packed + b"\x00",
             "foreign": b"PK\x03\x04" + packed[4:]}
    for name, data in files.items():
        (tmp_path / f"{name}.bin").write_bytes(data)
    cases = [(str(tmp_path / "good.bin"), chunk) for chunk in (1, 7, PAGE - 1, PAGE, 1 << 20)]
    cases += [(str(tmp_path / f"{name}.bin"), 4096) for name in ("other size", "cut", "longer", "foreign")]
    script = tmp_path / "write.mjs"
    script.write_text(WRITE, "utf-8")
    proc = subprocess.run(["node", str(script), READER.as_uri(), str(len(memory)), json.dumps(cases), str(len(packed))],
                          capture_output=True, text=True, timeout=60, check=True)
    results = json.loads(proc.stdout)
    whole = {"sha256": hashlib.sha256(memory).hexdigest(), "packed": True}
    assert results[:5] == [whole] * 5
    assert results[5:] == [{"error": "packed snapshot of another size"}, {"error": "packed snapshot cut short"},
                           {"error": "packed snapshot has bytes left over"}, {"error": "not a packed snapshot"}]
