"""Load the calculator cases and check a result against one (used for CPython and Pyodide)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from handbook.yaml_source import DataLoader

CASES_FILE = Path(__file__).resolve().parent.parent / "cases" / "calculators.yaml"


def load_cases() -> list[dict[str, Any]]:
    """Cases with dates kept as strings, exactly as a form or a JSON file sends them."""
    return yaml.load(CASES_FILE.read_text(encoding="utf-8"), Loader=DataLoader)


def subset_mismatches(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Where ``actual`` differs from ``expected`` (dicts: only expected keys; lists: whole)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {actual!r}"]
        out = []
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{path}.{key}: missing")
            else:
                out.extend(subset_mismatches(value, actual[key], f"{path}.{key}"))
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path}: expected {expected!r}, got {actual!r}"]
        out = []
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            out.extend(subset_mismatches(e, a, f"{path}[{i}]"))
        return out
    if isinstance(expected, float) or isinstance(actual, float):
        ok = isinstance(actual, int | float) and abs(float(expected) - float(actual)) < 1e-9
        return [] if ok else [f"{path}: expected {expected!r}, got {actual!r}"]
    return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]


def check_case(case: dict[str, Any], result: dict[str, Any]) -> list[str]:
    problems = []
    if result.get("ok") != case["ok"]:
        problems.append(f"ok: expected {case['ok']}, got {result.get('ok')}: "
                        f"{result.get('errors') or result.get('outcome')}")
        return problems
    if result.get("internal"):
        problems.append(f"internal error: {result['errors']}")
    if "error_fields" in case:
        got = sorted(e["field"] for e in result.get("errors", []))
        if got != sorted(case["error_fields"]):
            problems.append(f"error fields: expected {sorted(case['error_fields'])}, got {got}: "
                            f"{result.get('errors')}")
        for e in result.get("errors", []):
            if not e.get("message"):
                problems.append(f"error without a message: {e}")
    for key in ("outcome", "values"):
        if key in case:
            problems.extend(subset_mismatches(case[key], result.get(key), key))
    for status, clauses in case.get("reasons", {}).items():
        cited = {r.get("clause") for r in result.get("reasons", []) if r["status"] == status}
        missing = [c for c in clauses if c not in cited]
        if missing:
            problems.append(f"reasons: no {status} citing {missing}; {status}: {sorted(cited)}")
    return problems
