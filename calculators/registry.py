"""The calculators: what each one is, what it reads, and ``run``/``describe``.

A calculator is declared once with :func:`register`: its id, Chinese title, the
document and clauses it implements, a function giving its input fields (bounds
and choices may come from the parameters) and a function computing the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .explain import FAIL, INFO, PASS, Explain, InputProblem, jsonable
from .fields import Field, validate
from .params import ParameterMissing, Params

InputsFn = Callable[[Params], list[Field]]
ComputeFn = Callable[[dict[str, Any], Params, Explain], dict[str, Any]]


class OutOfData(Exception):
    """A date outside the years the holiday data covers: a field error, never a guess."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Calculator:
    id: str
    title: str
    summary: str
    documents: tuple[str, ...]
    clauses: tuple[tuple[str, str], ...]
    inputs: InputsFn
    compute: ComputeFn
    packages: tuple[str, ...] = ()   # distributions beyond the standard library, e.g. holidays

    def describe(self, params: Params) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "documents": list(self.documents),
            "clauses": [{"doc": d, "clause": c} for d, c in self.clauses],
            "inputs": [f.describe() for f in self.inputs(params)],
            "packages": list(self.packages),
        }


REGISTRY: dict[str, Calculator] = {}
REASON_ORDER = {FAIL: 0, PASS: 1, INFO: 2}


def register(calc: Calculator) -> Calculator:
    if calc.id in REGISTRY:
        raise ValueError(f"duplicate calculator id {calc.id}")
    REGISTRY[calc.id] = calc
    return calc


def _error(calc_id: str, errors: list[dict[str, str]], **extra: Any) -> dict[str, Any]:
    return {"calculator": calc_id, "ok": False, "errors": errors, **extra}


def describe(calculator_id: str, params: dict[str, Any]) -> dict[str, Any]:
    calc = REGISTRY.get(calculator_id)
    if calc is None:
        raise KeyError(calculator_id)
    return calc.describe(Params(params))


def run(calculator_id: str, inputs: Any, params: dict[str, Any]) -> dict[str, Any]:
    """Run a calculator. Always returns a JSON-serialisable dict, never raises.

    ``ok`` is True with ``outcome`` (with its ``status``: pass, fail, partial, info),
    ``values``, ``reasons`` (failures first; each with the clause's ``label`` as printed)
    and ``formula`` where there is one, or False with ``errors``: one ``{"field", "message"}``
    per bad field. An ``internal`` flag marks a failure that is our bug.
    """
    calc = REGISTRY.get(calculator_id)
    if calc is None:
        return _error(calculator_id, [{"field": "", "message": f"没有名为“{calculator_id}”的计算器"}])
    try:
        p = Params(params)
        fields = calc.inputs(p)
        values, errors = validate(fields, inputs)
        if errors:
            return _error(calc.id, errors)
        explain = Explain(p)
        out = calc.compute(values, p, explain)
    except InputProblem as exc:
        return _error(calc.id, exc.errors)
    except OutOfData as exc:
        return _error(calc.id, [{"field": exc.field, "message": exc.message}])
    except ParameterMissing as exc:
        return _error(calc.id, [{"field": "", "message": f"政策参数数据不完整：{exc}"}],
                      internal=True)
    except Exception as exc:  # never crash the page: report it as our bug
        return _error(calc.id, [{"field": "", "message": f"计算出错（程序缺陷）：{exc!r}"}],
                      internal=True)
    result = {"calculator": calc.id, "title": calc.title, "ok": True, **jsonable(out)}
    result["outcome"]["status"] = outcome_status(result["outcome"], explain.reasons)
    # the most important lines first: failures, then the checks met, then explanations
    # (readings, how a number was worked out), each group in the order it was written
    result["reasons"] = sorted(explain.reasons, key=lambda r: REASON_ORDER[r["status"]])
    return result


def outcome_status(outcome: dict[str, Any], reasons: list[dict[str, Any]]) -> str:
    """How the headline is shown: ``pass`` (green) only when nothing failed; ``fail`` when the
    case fails; ``partial`` when it passes in part but some check failed (2 of 3 candidates
    pass, eligible for one pool but the pool is too small); ``info`` when there is no verdict."""
    failed = any(r["status"] == FAIL for r in reasons)
    passed = outcome.get("passed")
    if passed is False:
        return "fail"
    if failed:
        return "partial"
    return "pass" if passed is True else "info"
