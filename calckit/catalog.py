"""A handbook's own calculators package, found by name, and what it declares.

The kit holds no calculator of its own. A handbook's package (``calculators/`` in this
repository; ``python -m handbook new`` writes one for another agency) declares, in its
``__init__``, plain tables the kit reads::

    MODULES = {"my-calculator": "my_module"}          # calculator id → module, imported on first use
    COMPUTATIONS = {"quota": "my_module:quota_field"}   # a form's computed-field kind → its function
    ROSTER_SUMMARIES = {"my-roster": "my_module:roster_statistics"}  # a list form's summary
    ROSTER_FILLS = {"my-form": {"name": "p.name"}}     # what a roster row gives each form
    ASKS = {"batch": "paperwork.asks:batch"}           # more kinds of question from the page

and ends with ``catalog.use(__name__)`` so that importing it makes it the package in use (the
build, the tests and the browser's worker each use one handbook). Every table but ``MODULES``
may be left out. Functions are named as ``"module:function"`` inside the package and imported
only when first needed, so a page that runs one calculator does not compile the others.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

from . import registry
from .registry import REGISTRY, Calculator

_IN_USE: list[str] = []   # the name of the handbook's package, once one is used


def use(name: str) -> None:
    """Make the package ``name`` the handbook's calculators (imported when first needed)."""
    _IN_USE[:] = [name]


def in_use() -> bool:
    """Whether a handbook's package is in use (the importer's check of a lone draft has none)."""
    return bool(_IN_USE)


def package() -> ModuleType:
    """The handbook's package in use."""
    if not _IN_USE:
        raise LookupError("没有在用的计算器程序包：先导入手册的 calculators 包（或 calckit.catalog.use(名称)）")
    name = _IN_USE[0]
    return sys.modules.get(name) or importlib.import_module(name)


def declared(table: str) -> dict[str, Any]:
    """One of the tables the package declares (empty when it declares none)."""
    return dict(getattr(package(), table, None) or {})


def function(table: str, key: str) -> Callable[..., Any] | None:
    """The function a table names for ``key`` (``"module:function"`` in the package), or None."""
    spec = declared(table).get(key)
    if not spec:
        return None
    module, _, name = str(spec).partition(":")
    return getattr(importlib.import_module(f"{package().__name__}.{module}"), name)


def _load(calculator_id: str) -> None:
    module = declared("MODULES").get(calculator_id)
    if module is not None and calculator_id not in REGISTRY:
        importlib.import_module(f"{package().__name__}.{module}")


def load_all() -> dict[str, Calculator]:
    for calculator_id in declared("MODULES"):
        _load(calculator_id)
    return REGISTRY


def run(calculator_id: str, inputs: Any, params: dict[str, Any]) -> dict[str, Any]:
    """``registry.run`` with the calculator's module imported first; never raises."""
    _load(calculator_id)
    return registry.run(calculator_id, inputs, params)


def describe(calculator_id: str, params: dict[str, Any]) -> dict[str, Any]:
    _load(calculator_id)
    return registry.describe(calculator_id, params)


def list_calculators() -> list[dict[str, Any]]:
    """Every calculator the package declares, in its order."""
    load_all()
    return [{"id": c.id, "title": c.title, "summary": c.summary, "documents": list(c.documents)}
            for c in (REGISTRY[i] for i in declared("MODULES"))]
