"""Calculators for the safety-talent policy handbook.

Pure Python (standard library, plus ``chinese-calendar`` for holidays), the same
on CPython and in Pyodide. Parameters come in as JSON built from policy_data/::

    from calculators import run, describe, list_calculators
    result = run("zhejiang-committee-vote", {"attending": 17}, params)

``run`` never raises: it returns either a result with ``reasons`` (each citing a
clause) or ``errors`` (one per bad field, in Chinese).
"""

from __future__ import annotations

from typing import Any

from . import deadlines, samples, xinzhou, yangcheng, zhejiang  # noqa: F401 - registers
from .registry import REGISTRY, Calculator, describe, run

__all__ = ["REGISTRY", "Calculator", "describe", "list_calculators", "run"]


# The order people meet them in: by document, then the shared deadline tool.
ORDER = (
    "xinzhou-self-assessment", "xinzhou-excellent-quota",
    "zhejiang-committee-vote", "zhejiang-expert-pool", "zhejiang-sanction",
    "yangcheng-assistant-engineer", "workday-deadlines",
    "safety-annual-score", "safety-sanctions", "safety-indicator-targets",
)


def list_calculators() -> list[dict[str, Any]]:
    ordered = sorted(REGISTRY.values(),
                     key=lambda c: ORDER.index(c.id) if c.id in ORDER else len(ORDER))
    return [{"id": c.id, "title": c.title, "summary": c.summary,
             "documents": list(c.documents)} for c in ordered]
