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
from .params import NATIONAL_RULES, ParameterMissing, Params

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

    @property
    def versioned(self) -> str | None:
        """The document whose version the reader chooses: the calculator's one document (the
        national rules aside); None for a calculator that draws on several (the deadlines)."""
        docs = [d for d in self.documents if d != NATIONAL_RULES]
        return docs[0] if len(docs) == 1 else None

    def fields(self, params: Params) -> list[Field]:
        field = version_field(self.versioned, params) if self.versioned else None
        return ([field] if field else []) + self.inputs(params)

    def describe(self, params: Params) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "documents": list(self.documents),
            "clauses": [{"doc": d, "clause": c} for d, c in self.clauses],
            "inputs": [f.describe() for f in self.fields(params)],
            "by_version": self.words_by_version(params),
            "packages": list(self.packages),
        }

    def words_by_version(self, params: Params) -> dict[str, dict[str, dict[str, Any]]]:
        """The fields whose words differ between versions of the notice (申报当年（2024年度）考核等次
        for 2024's, （2025年度） for 2025's), as each version describes them: version key → field name
        → its description. The page shows the chosen version's; empty when nothing differs."""
        doc = self.versioned
        if doc is None or len(params.versions(doc)) < 2:
            return {}
        described = {key: {f.name: f.describe() for f in self.inputs(params.with_version(doc, key))}
                     for key in params.versions(doc)}
        differ = {name for fields in described.values() for name, d in fields.items()
                  if any(other.get(name) != d for other in described.values())}
        if not differ:
            return {}
        return {key: {name: d for name, d in fields.items() if name in differ} for key, fields in described.items()}


VERSION = "version"   # the field naming the version (年度) of the document a calculator uses


def version_field(doc: str, params: Params) -> Field | None:
    """“依据的文件（年度）”: the versions the site has, the current one by default, then the years
    after the last one up to the build year, which get a message instead of a result."""
    versions = params.versions(doc)
    if not versions:
        return None
    current = params.data["documents"][doc].get("version")
    choices = [(key, f"{v.get('label') or key}（{v.get('status_short') or v.get('status', '')}）")
               for key, v in reversed(versions.items())]
    missing = params.data["documents"][doc].get("missing_years") or []
    choices = [(str(y), f"{y}年度（本站尚未收录）") for y in reversed(missing)] + choices
    return Field(VERSION, "依据的文件（年度）", "choice", required=False, choices=tuple(choices),
                 default=current, group="依据文件",
                 help="按所选年度或版本的通知计算；结果注明所依据的文号和条款。")


def _choose_version(calc: Calculator, p: Params, inputs: Any) -> tuple[Params, list[dict[str, str]]]:
    """The parameters of the version the reader chose, or the field's message: a year the site has
    no notice for is named as such, with the versions it has, never computed with another year's
    values."""
    doc = calc.versioned
    if doc is None or not isinstance(inputs, dict) or not p.versions(doc):
        return p, []
    raw = inputs.get(VERSION)
    if raw is None or str(raw).strip() == "":
        return p, []
    key = str(raw).strip().removesuffix("年度").removesuffix("年")
    versions = p.versions(doc)
    if key in versions:
        return p.with_version(doc, key), []
    known = "；".join(v.get("label") or k for k, v in versions.items())
    name = p.title(doc)
    if key.isdigit() and len(key) == 4:
        message = (f"本站尚未收录{key}年度的通知，不能按{key}年度计算（不会借用其他年度的规定）。"
                   f"“{name}”本站已收录：{known}。")
    else:
        shown = str(raw)[:20] + ("…" if len(str(raw)) > 20 else "")
        message = f"没有名为“{shown}”的版本。“{name}”本站已收录：{known}。"
    return p, [{"field": VERSION, "message": message}]


def notice(doc: str, p: Params) -> dict[str, Any] | None:
    """The notice a result rests on: 文号, 年度, status on the build date, fixed address."""
    v = p.version(doc)
    if not v:
        return None
    return {"doc": doc, "key": v.get("key"), "label": v.get("label"), "number": v.get("number"),
            "round": v.get("round"), "title": v.get("doc_title"), "status": v.get("status"),
            "status_code": v.get("status_code"), "url": v.get("url")}


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


def missing_module_message(exc: ModuleNotFoundError) -> str:
    """What the reader is told when Python in the browser lacks a module: the site serves a standard
    library cut to what the calculators use (handbook/runtime/stdlib.py), so this is our omission."""
    return (f"本站为加快加载而精简了浏览器中的 Python 标准库，此项计算所需的模块“{exc.name or exc}”未包含在内，"
            "因此无法完成。已填写的内容没有丢失；请将此提示告知网站管理员。")


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
        p, errors = _choose_version(calc, Params(params), inputs)
        if errors:
            return _error(calc.id, errors)
        fields = calc.fields(p)
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
    except ModuleNotFoundError as exc:   # the site's cut standard library lacks a module
        return _error(calc.id, [{"field": "", "message": missing_module_message(exc)}], internal=True)
    except Exception as exc:  # never crash the page: report it as our bug
        return _error(calc.id, [{"field": "", "message": f"计算出错（程序缺陷）：{exc!r}"}],
                      internal=True)
    result = {"calculator": calc.id, "title": calc.title, "ok": True, **jsonable(out)}
    if calc.versioned and notice(calc.versioned, p):
        result["notice"] = notice(calc.versioned, p)
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
