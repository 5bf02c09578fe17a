"""A handbook's own calculators package, imported from the handbook's own folder.

Every handbook keeps its calculators in a package beside its ``mkdocs.yml`` (``calculators/``
unless the plugin's ``calculators`` option names another folder). The build imports it from
there, never from wherever Python happens to find a package of that name, so two handbooks on
one machine (this repository and one made by ``python -m handbook new``) each get their own.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from calckit import catalog

DEFAULT = "calculators"


class PackageError(Exception):
    """The declared package is missing, or another handbook's package of that name is loaded."""


def folder_of(module: ModuleType) -> Path:
    return Path(module.__file__ or "").resolve().parent


def import_calculators(folder: Path) -> ModuleType:
    """The package in ``folder`` (its name is the folder's), made the package in use (:mod:`calckit.catalog`)."""
    folder = Path(folder).resolve()
    name = folder.name
    if not (folder / "__init__.py").is_file():
        raise PackageError(f"计算器程序包“{name}”不存在：{folder} 中没有 __init__.py"
                           "（见 mkdocs.yml 中 policy-handbook 的 calculators 选项）")
    module = sys.modules.get(name)
    if module is None:
        if str(folder.parent) not in sys.path:
            sys.path.insert(0, str(folder.parent))
        module = importlib.import_module(name)
    if folder_of(module) != folder:
        raise PackageError(f"已导入的“{name}”包来自 {folder_of(module)}，不是本手册的 {folder}："
                           "两个手册请分别构建（各自一个进程）")
    catalog.use(name)
    return module
