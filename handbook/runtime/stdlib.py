"""A standard library cut to what the calculators and forms use, served instead of Pyodide's full zip.

Pyodide's ``python_stdlib.zip`` is 2.5 MB on the wire (each file deflated on its own, so the web
server cannot compress it further) and a calculator page uses about a quarter of its files. At
build time ``stdlib_modules.mjs`` starts Pyodide in Node with the full zip as the browser's plain
start does (our wheels unpacked by Python's zipfile: Pyodide's loadPackage would pull in email,
http, tarfile and importlib.metadata, about 600 KB the calculators never use), imports every
calculators module and the modules imported inside functions (``MODULES``), uses each encoding a
roster file may come in (``ENCODINGS``) and formats a traceback; the files Python then holds are
written to a new zip, *stored* (not deflated), which the build's brotli twin compresses as a whole,
the sources without their comments and docstrings (``strip_source.py``: 0.56 → 0.34 MB on the
wire). The snapshot is made from this zip (a snapshot restores beside the zip it was made with). A
module left out raises ModuleNotFoundError, which the calculators turn into a plain message
(``calckit.registry.missing_module_message``) instead of a broken page; the tests run every
calculator case, form check and office export in Node and chromium with this zip.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .bundle import BundleError

FINDER = Path(__file__).with_name("stdlib_modules.mjs")
STRIPPER = Path(__file__).with_name("strip_source.py")
# Imported inside functions (datetime.strptime imports _strptime), or by the worker's own code,
# rather than when calculators is imported
MODULES = ("importlib", "json", "zipfile", "codecs", "csv", "traceback", "linecache", "_strptime")
# A roster (.csv) comes in UTF-8 with or without a BOM, UTF-16 from Excel's "Unicode text", or
# GB18030/GBK from Excel on Chinese Windows; zipfile reads old file names as cp437
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk", "cp437", "ascii",
             "latin-1")
# Pyodide's own packages are kept whole: its loader imports parts of them on demand
WHOLE = ("pyodide/", "_pyodide/")


@dataclass(frozen=True)
class Reduced:
    files: int          # files kept
    stripped: int       # of which sources without comments and docstrings
    of: int             # files in the full zip
    bytes: int          # the new zip, stored
    full_bytes: int     # the full zip, as shipped (deflated)


def used_files(runtime_dir: Path, wheels: list[Path], packages: list[str]) -> dict:
    """{"files": the zip's paths Python uses, "stripped": {path: the source thinned}} (see FINDER)."""
    node = shutil.which("node")
    if node is None:
        raise BundleError("精简 Python 标准库需要 Node.js（apt-get install nodejs）")
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "spec.json"
        spec.write_text(json.dumps({"wheels": [str(w) for w in wheels], "packages": packages,
                                    "modules": list(MODULES), "encodings": list(ENCODINGS),
                                    "whole": list(WHOLE), "strip_source": str(STRIPPER)}), "utf-8")
        proc = subprocess.run([node, str(FINDER), str(runtime_dir.resolve()), str(spec)],
                              capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise BundleError(f"未能确定计算器所用的 Python 标准库模块（node {FINDER.name}）：{proc.stderr[-1500:]}")
    return json.loads(proc.stdout)


def reduce_stdlib(runtime_dir: Path, wheels: list[Path], packages: list[str]) -> Reduced:
    """Replace ``runtime_dir/python_stdlib.zip`` by one holding only the files used, stored."""
    path = runtime_dir / "python_stdlib.zip"
    used = used_files(runtime_dir, wheels, packages)
    keep, stripped = set(used["files"]), used["stripped"]
    full_bytes = path.stat().st_size
    tmp = path.with_name("python_stdlib.zip.tmp")
    with zipfile.ZipFile(path) as full, zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as out:
        names = [n for n in full.namelist() if not n.endswith("/")]
        for name in names:
            if name in keep or name.startswith(WHOLE):
                info = zipfile.ZipInfo(name, date_time=full.getinfo(name).date_time)
                info.compress_type = zipfile.ZIP_STORED
                out.writestr(info, stripped[name].encode("utf-8") if name in stripped else full.read(name))
        kept = len(out.namelist())
    missing = keep - set(names)
    if missing:
        tmp.unlink()
        raise BundleError(f"标准库中找不到 {', '.join(sorted(missing)[:5])}")
    tmp.replace(path)
    return Reduced(files=kept, stripped=len(stripped), of=len(names), bytes=path.stat().st_size,
                   full_bytes=full_bytes)
