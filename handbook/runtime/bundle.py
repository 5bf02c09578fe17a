"""A self-hosted Pyodide with the calculators as wheels (made by :mod:`handbook.runtime.job`).

At site-build time:

1. the kit (``calckit/``) and the handbook's own calculators package are each built into a
   pure-Python wheel with PyPA ``build`` (``pyodide build`` is for compiled code and needs a
   download we cannot make);
2. its run-time dependencies (``DEPENDENCIES``, none today) are taken as wheels from PyPI,
   kept in ``build/wheels/`` so later builds need no network;
3. the Pyodide runtime files are copied from ``node_modules/pyodide`` (installed by
   ``npm ci`` from the pinned ``package-lock.json``) — only what loading needs;
4. ``pyodide-lock.json`` is written listing just our wheels with their sha256, so
   ``loadPackage`` checks every byte it loads.

Any failure raises :class:`BundleError` with a message that says what to do.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import calckit

RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
KIT_DIST = "handbook-calckit"             # the kit every handbook's calculators are built with
CALCULATORS_DIST = "handbook-calculators"  # the handbook's own package, whatever its import name
KIT_DIR = Path(calckit.__file__).resolve().parent
# Run-time dependencies of the calculators, as wheels from PyPI ("name==version"). None today:
# holidays are policy data (policy_data/holidays/), no longer the chinese-calendar package.
DEPENDENCIES: tuple[str, ...] = ()
BROWSER_PACKAGES = (KIT_DIST, CALCULATORS_DIST, *(d.split("==")[0] for d in DEPENDENCIES))


def content_version(package_dir: Path, base: str = "0.1.0") -> str:
    """A version that changes whenever the package's source does, e.g. ``0.1.0+3f9a1c2e``:
    a browser that cached an older wheel then asks for a new file name, never a stale one."""
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*.py")):
        digest.update(path.relative_to(package_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{base}+{digest.hexdigest()[:8]}"


def pyodide_version(pyodide_dir: Path) -> str:
    """The installed npm package's version; "missing" if ``npm ci`` has not run (the
    build then fails in :func:`write_runtime` with a message saying so)."""
    try:
        return json.loads((pyodide_dir / "package.json").read_text("utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return "missing"


class BundleError(Exception):
    """The Pyodide bundle could not be made; the message says why and what to do."""


@dataclass(frozen=True)
class Wheel:
    path: Path
    name: str          # normalised distribution name, as loadPackage knows it
    version: str
    imports: tuple[str, ...]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()

    def lock_entry(self) -> dict:
        return {"name": self.name, "version": self.version, "file_name": self.path.name,
                "install_dir": "site", "sha256": self.sha256, "package_type": "package",
                "imports": list(self.imports), "depends": [], "unvendored_tests": False,
                "tool": {}}


def _inspect(path: Path) -> Wheel:
    """Name, version and top-level imports of a pure-Python wheel."""
    m = re.match(r"^([^-]+)-([^-]+)-", path.name)
    if not m or not path.name.endswith("-none-any.whl"):
        raise BundleError(f"{path.name} 不是纯 Python wheel，Pyodide 无法直接加载")
    with zipfile.ZipFile(path) as zf:
        tops = {n.split("/")[0] for n in zf.namelist() if not n.split("/")[0].endswith(
            (".dist-info", ".data"))}
    imports = tuple(sorted(t[:-3] if t.endswith(".py") else t for t in tops))
    return Wheel(path, m[1].replace("_", "-").lower(), m[2], imports)


_PYPROJECT = """\
[build-system]
requires = ["setuptools>=68", "wheel"]
build-backend = "setuptools.build_meta"

[project]
name = "{name}"
version = "{version}"
description = "{description} (pure Python, runs in Pyodide)"
requires-python = ">=3.11"
dependencies = [{deps}]

[tool.setuptools.packages.find]
include = ["{package}", "{package}.*"]
"""


def build_wheel(package_dir: Path, dist: str, out_dir: Path, version: str, description: str) -> Wheel:
    """Build one package folder alone into a wheel named ``dist`` (the site does not need the generator)."""
    package = package_dir.name
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copytree(package_dir, project / package,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "__main__.py"))
        deps = ", ".join(f'"{d}"' for d in DEPENDENCIES)
        (project / "pyproject.toml").write_text(
            _PYPROJECT.format(name=dist, version=version, deps=deps, package=package,
                              description=description), "utf-8")
        proc = subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out_dir),
             str(project)], capture_output=True, text=True)
        if proc.returncode != 0:
            raise BundleError(f"{package} 的 wheel 构建失败（python -m build）：\n" + proc.stdout[-2000:]
                              + proc.stderr[-2000:])
    wheels = sorted(out_dir.glob(f"{dist.replace('-', '_')}-*.whl"))
    if not wheels:
        raise BundleError(f"python -m build 未在 {out_dir} 生成 {package} 的 wheel")
    return _inspect(wheels[-1])


def build_calculator_wheels(package_dir: Path, out_dir: Path) -> list[Wheel]:
    """The kit's wheel and the handbook's, each versioned by its own source."""
    return [build_wheel(KIT_DIR, KIT_DIST, out_dir, content_version(KIT_DIR), "The calculators' kit"),
            build_wheel(package_dir, CALCULATORS_DIST, out_dir, content_version(package_dir),
                        "A policy handbook's calculators")]


def dependency_wheels(cache: Path) -> list[Wheel]:
    """The dependencies' wheels, downloaded once from PyPI into ``cache``."""
    cache.mkdir(parents=True, exist_ok=True)
    wheels = []
    for requirement in DEPENDENCIES:
        name, version = requirement.split("==")
        stem = f"{name.replace('-', '_')}-{version}-"
        found = [p for p in cache.glob("*.whl") if p.name.lower().startswith(stem.lower())]
        if not found:
            proc = subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                 "--dest", str(cache), requirement], capture_output=True, text=True)
            found = [p for p in cache.glob("*.whl") if p.name.lower().startswith(stem.lower())]
            if proc.returncode != 0 or not found:
                raise BundleError(f"无法获取 {requirement} 的 wheel（pip download 失败）。"
                                  f"请联网构建一次，或把该 wheel 放入 {cache}：\n{proc.stderr[-1500:]}")
        wheels.append(_inspect(found[0]))
    return wheels


def write_runtime(pyodide_dir: Path, dest: Path, wheels: list[Wheel]) -> dict:
    """Copy the runtime and the wheels to ``dest``; write a lock file for just our wheels."""
    missing = [f for f in (*RUNTIME_FILES, "pyodide-lock.json") if not (pyodide_dir / f).exists()]
    if missing:
        raise BundleError(f"{pyodide_dir} 中缺少 Pyodide 文件 {', '.join(missing)}："
                          "请先运行 npm ci（make build 会自动运行）")
    dest.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copy2(pyodide_dir / name, dest / name)
    upstream = json.loads((pyodide_dir / "pyodide-lock.json").read_text("utf-8"))
    lock = {"info": upstream["info"], "packages": {}}
    for wheel in wheels:
        shutil.copy2(wheel.path, dest / wheel.path.name)
        lock["packages"][wheel.name] = wheel.lock_entry()
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True), "utf-8")
    return lock
