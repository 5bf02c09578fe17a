"""The runtime made in a process of its own while mkdocs renders the pages, or taken from the cache.

Everything the browser needs — the runtime files, the calculators' wheels, the lock, the snapshot and
their compressed twins — depends only on the Pyodide version, the kit's and the handbook's
calculators' source and this package's own code; ``build/runtime/<key>/`` holds one finished set
per key (made in a temporary folder and renamed, so a half-made set is never used).
``manifest()`` waits for it: the plugin puts the lock and the snapshot's name and sha256 into the
calculator and form pages, and ``install()`` copies the files into the site.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .bundle import (
    DEPENDENCIES,
    KIT_DIR,
    BundleError,
    build_calculator_wheels,
    content_version,
    dependency_wheels,
    write_runtime,
)
from .compress import candidates, precompress
from .snapshot import make_snapshot
from .stdlib import reduce_stdlib

KEEP = 3   # finished sets kept in build/runtime/ (the newest)
_OWN_CODE = ("bundle.py", "snapshot.py", "make_snapshot.mjs", "compress.py", "job.py", "stdlib.py",
             "stdlib_modules.mjs", "strip_source.py")


def cache_key(pyodide_version: str, package_dir: Path) -> str:
    """The set's name: the Pyodide version, the kit's and the package's source (and its name, the
    import the worker makes), the dependencies and this code."""
    versions = f"{content_version(KIT_DIR)}|{package_dir.name}|{content_version(package_dir)}"
    digest = hashlib.sha256(f"{pyodide_version}|{versions}|{DEPENDENCIES}".encode())
    for name in _OWN_CODE:
        digest.update((Path(__file__).with_name(name)).read_bytes())
    return digest.hexdigest()[:20]


class RuntimeJob:
    def __init__(self, package_dir: Path, pyodide_dir: Path, pyodide_version: str, cache: Path) -> None:
        """``package_dir``: the handbook's calculators package; ``cache``: the folder the build
        keeps its caches in (``build/`` beside ``mkdocs.yml``; the sets go in its ``runtime/``)."""
        self.cache = cache / "runtime"
        self.dir = self.cache / cache_key(pyodide_version, package_dir)
        self.proc: subprocess.Popen | None = None
        self._manifest: dict | None = None
        if not (self.dir / "manifest.json").exists():
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "handbook.runtime.job", str(package_dir), str(pyodide_dir), pyodide_version,
                 str(self.dir), str(cache)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def manifest(self) -> dict:
        """The finished set's manifest; BundleError with the reason if it could not be made."""
        if self._manifest is None:
            if self.proc is not None:
                _out, err = self.proc.communicate()
                if self.proc.returncode != 0:
                    raise BundleError(err.strip()[-2500:] or f"退出状态 {self.proc.returncode}")
                self.proc = None
            self._manifest = json.loads((self.dir / "manifest.json").read_text("utf-8"))
        return self._manifest

    def install(self, site_dir: Path, dest_rel: str) -> None:
        self.manifest()
        dest = site_dir / dest_rel
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(self.dir / "files", dest)

    def cancel(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def make(package_dir: Path, pyodide_dir: Path, pyodide_version: str, out: Path, cache: Path) -> None:
    """Make the set for this key in ``out`` (``python -m handbook.runtime.job``)."""
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    files = tmp / "files"
    try:
        wheels = [*build_calculator_wheels(package_dir, tmp / "wheels"), *dependency_wheels(cache / "wheels")]
        lock = write_runtime(pyodide_dir, files, wheels)
        packages = [package_dir.name, KIT_DIR.name]   # the handbook's first: it makes itself the one in use
        stdlib = reduce_stdlib(files, [w.path for w in wheels], packages)
        snapshot = make_snapshot(files, wheels, files, packages)
        sizes = precompress(candidates(files, ["."]), cache=out.parent / "compressed")
        manifest = {"pyodide": pyodide_version, "python": snapshot.python, "lock": lock,
                    # wasm: the runtime the snapshot belongs to, which a browser keeps beside it
                    "snapshot": {"file": snapshot.path.name, "sha256": snapshot.sha256, "bytes": snapshot.bytes,
                                 "memory": snapshot.memory, "wasm": _sha256(files / "pyodide.asm.wasm")},
                    "compressed": sizes, "sizes": file_sizes(files),
                    "stdlib": {"files": stdlib.files, "stripped": stdlib.stripped, "of": stdlib.of,
                               "bytes": stdlib.bytes, "full_bytes": stdlib.full_bytes}}
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
        shutil.rmtree(tmp / "wheels")
        try:
            tmp.rename(out)
        except OSError:        # another build finished the same set first
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _prune(out.parent)


def file_sizes(files: Path) -> dict[str, list[int]]:
    """Each runtime file's bytes as read and as sent (its brotli twin where it has one): the worker
    counts bytes received of bytes needed for the progress bar a slow line shows while Python loads."""
    out = {}
    for path in sorted(files.iterdir()):
        if path.suffix in (".br", ".gz") or not path.is_file():
            continue
        twins = (path.with_name(path.name + ".br"), path.with_name(path.name + ".gz"))
        twin = next((t for t in twins if t.exists()), path)
        out[path.name] = [path.stat().st_size, twin.stat().st_size]
    return out


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _prune(cache: Path) -> None:
    sets = sorted((p for p in cache.iterdir() if p.is_dir() and (p / "manifest.json").exists()),
                  key=lambda p: p.stat().st_mtime, reverse=True)
    for old in sets[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str]) -> int:
    package_dir, pyodide_dir, pyodide_version, out, cache = argv
    try:
        make(Path(package_dir), Path(pyodide_dir), pyodide_version, Path(out), Path(cache))
    except BundleError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
