"""Precompressed twins of the site's large static files, for nginx's gzip_static and brotli_static.

A county office line is slow, and compressing Pyodide's 9.6 MB wasm on every request would be
slow for the server too; so the build writes ``file.gz`` (gzip -9) and ``file.br`` (brotli) beside
each large asset, and only where it pays: a twin is kept when it is at least 5% smaller than what
it would replace (the wheels are compressed already and get none; the cut standard library is a
stored zip, which brotli compresses as a whole, across its files). Pages
(HTML) are left to nginx's on-the-fly gzip: they are many, small and change every build.
Results are cached by content under ``build/runtime/compressed/``: brotli's best setting takes
23 s on the wasm, once per Pyodide version, and the theme's files once per theme version, not once
per build.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

SUFFIXES = {".js", ".mjs", ".css", ".json", ".wasm", ".bin", ".svg", ".txt", ".xml", ".map", ".zip"}
MIN_BYTES = 1024
PAYS = 0.95          # a twin is kept only when at most 95% of the size it replaces
CACHE_FROM = 0       # every file's twins are kept by content: theme files do not change between builds


def _brotli_quality(size: int) -> int:
    """11 (best) up to 16 MB: the wasm; 9 for the 31 MB snapshot (11 would take minutes)."""
    return 11 if size <= 16 * 1024 * 1024 else 9


# Material's own search (lunr and its worker) is copied with the theme but never loaded: Pagefind
# replaced it, so its files get no twins
UNUSED = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


def candidates(root: Path, folders: Iterable[str]) -> list[Path]:
    out = []
    for folder in folders:
        base = root / folder
        if base.is_dir():
            out += [p for p in sorted(base.rglob("*")) if p.is_file() and p.suffix in SUFFIXES
                    and p.stat().st_size >= MIN_BYTES
                    and not any(u in p.relative_to(root).as_posix() for u in UNUSED)]
    return out


def _twins(data: bytes, cache: Path | None) -> tuple[bytes | None, bytes | None]:
    key = hashlib.sha256(data).hexdigest() if cache is not None and len(data) >= CACHE_FROM else None
    if key:
        gz_file, br_file, none_file = (cache / f"{key}.gz", cache / f"{key}.br", cache / f"{key}.none")
        if none_file.exists() or gz_file.exists() or br_file.exists():
            return (gz_file.read_bytes() if gz_file.exists() else None,
                    br_file.read_bytes() if br_file.exists() else None)
    gz = gzip.compress(data, compresslevel=9 if len(data) < 16 * 1024 * 1024 else 6, mtime=0)
    gz = gz if len(gz) <= PAYS * len(data) else None
    br = brotli.compress(data, quality=_brotli_quality(len(data)))
    br = br if len(br) <= PAYS * len(gz or data) else None
    if key:
        cache.mkdir(parents=True, exist_ok=True)
        for suffix, blob in ((".gz", gz), (".br", br)):
            if blob is not None:
                tmp = cache / f"{key}{suffix}.tmp"
                tmp.write_bytes(blob)
                tmp.replace(cache / f"{key}{suffix}")
        if gz is None and br is None:
            (cache / f"{key}.none").touch()
    return gz, br


def precompress(files: Iterable[Path], cache: Path | None = None) -> dict[str, int]:
    """Write the twins that pay; return the bytes before and after (for the build's log and tests)."""
    totals = {"files": 0, "raw": 0, "gz": 0, "br": 0}

    def one(path: Path) -> tuple[int, int, int]:
        data = path.read_bytes()
        gz, br = _twins(data, cache)
        for suffix, blob in ((".gz", gz), (".br", br)):
            twin = path.with_name(path.name + suffix)
            if blob is None:
                twin.unlink(missing_ok=True)
            else:
                twin.write_bytes(blob)
                shutil.copystat(path, twin)
        return len(data), len(gz or data), len(br or gz or data)

    with ThreadPoolExecutor(max_workers=2) as pool:   # zlib and brotli release the GIL
        for raw, gz, br in pool.map(one, list(files)):
            totals["files"] += 1
            totals["raw"] += raw
            totals["gz"] += gz
            totals["br"] += br
    return totals
