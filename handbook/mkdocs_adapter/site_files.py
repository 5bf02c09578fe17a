"""Where a handbook's build finds what the generator brings: the browser code, the theme's
overrides, Pyodide, its caches.

The browser code (``handbook/assets/``: the calculator, form, search and storage pages' modules,
the stylesheet) belongs to the generator, not to a handbook: every handbook's site gets it at
``assets/``, and a handbook's own ``docs/assets/<same path>`` replaces a file where it must.
``assets/handbook.css`` is written with the handbook's declared colours before it
(:mod:`handbook.palette`).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

ASSETS_DIR = Path(__file__).resolve().parents[1] / "assets"
THEME_DIR = Path(__file__).resolve().parent / "theme"   # the generator's overrides of Material's templates
GENERATOR_ROOT = Path(__file__).resolve().parents[2]
STYLESHEET = "assets/handbook.css"
CACHE_ENV = "HANDBOOK_CACHE"   # a build cache shared by several handbooks (the runtime's compressed files)


def add_generator_assets(files: Files, config: MkDocsConfig, palette_css: str) -> None:
    """The generator's browser code into the site, under the handbook's own files of the same path."""
    for path in sorted(ASSETS_DIR.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        src_uri = "assets/" + path.relative_to(ASSETS_DIR).as_posix()
        if files.get_file_from_path(src_uri):
            continue   # the handbook's own docs/assets/ file
        if src_uri == STYLESHEET:
            files.append(File.generated(config, src_uri, content=palette_css + path.read_text("utf-8")))
        else:
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))


def use_generator_theme(config: MkDocsConfig) -> None:
    """The generator's template overrides (Python started from the head, the runtime's names) ahead
    of Material's, as a ``custom_dir`` would put them; a handbook's own ``custom_dir`` stays first."""
    dirs = config.theme.dirs
    if str(THEME_DIR) not in map(str, dirs):
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))


def find_pyodide(root: Path) -> Path:
    """The handbook's ``node_modules/pyodide`` (``npm ci``), else the one installed beside the generator."""
    own = root / "node_modules" / "pyodide"
    return own if own.exists() else GENERATOR_ROOT / "node_modules" / "pyodide"


def build_cache(root: Path) -> Path:
    """``build/`` beside mkdocs.yml, or the folder ``$HANDBOOK_CACHE`` names."""
    return Path(os.environ.get(CACHE_ENV) or root / "build")
