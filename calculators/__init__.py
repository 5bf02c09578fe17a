"""Calculators for the safety-talent policy handbook.

Pure Python (standard library only), the same on CPython and in Pyodide.
Parameters, and the holiday schedules, come in as JSON built from policy_data/::

    from calculators import run, describe, list_calculators
    result = run("zhejiang-committee-vote", {"attending": 17}, params)

``run`` never raises: it returns either a result with ``reasons`` (each citing a
clause) or ``errors`` (one per bad field, in Chinese).

Each calculator's module is imported when it is first used, so a page that runs one
calculator in the browser does not pay for compiling the others.
"""

from __future__ import annotations

import importlib
from typing import Any

from . import registry
from .registry import REGISTRY, Calculator

__all__ = ["MODULES", "REGISTRY", "Calculator", "describe", "list_calculators", "load_all", "run"]

# calculator id → the module that defines it, in the order people meet them
MODULES = {
    "xinzhou-self-assessment": "xinzhou",
    "xinzhou-excellent-quota": "xinzhou",
    "zhejiang-committee-vote": "zhejiang",
    "zhejiang-expert-pool": "zhejiang",
    "zhejiang-sanction": "zhejiang",
    "yangcheng-assistant-engineer": "yangcheng",
    "workday-deadlines": "deadlines",
    "procedure-plan": "procedure",
    "safety-annual-score": "safety_kpi",
    "safety-sanctions": "safety_kpi",
    "safety-indicator-targets": "safety_kpi",
}


def _load(calculator_id: str) -> None:
    module = MODULES.get(calculator_id)
    if module is not None and calculator_id not in REGISTRY:
        importlib.import_module(f"{__name__}.{module}")


def load_all() -> dict[str, Calculator]:
    for calculator_id in MODULES:
        _load(calculator_id)
    return REGISTRY


def run(calculator_id: str, inputs: Any, params: dict[str, Any]) -> dict[str, Any]:
    _load(calculator_id)
    return registry.run(calculator_id, inputs, params)


def describe(calculator_id: str, params: dict[str, Any]) -> dict[str, Any]:
    _load(calculator_id)
    return registry.describe(calculator_id, params)


def list_calculators() -> list[dict[str, Any]]:
    load_all()
    return [{"id": c.id, "title": c.title, "summary": c.summary, "documents": list(c.documents)}
            for c in (REGISTRY[i] for i in MODULES)]
