"""What the browser's worker calls (docs/assets/python/worker.js), as JSON text in and out.

Kept here rather than as Python source inside the worker's JavaScript so that it is imported into
the memory snapshot with the rest, is ruff-checked and runs the same in CPython and Pyodide. Every
entry point answers; a module missing from the site's cut standard library becomes a plain message
(:func:`calculators.registry.missing_module_message`), not a broken page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import run  # imports the calculator's module on first use (registry.run does not)
from .registry import missing_module_message

_PARAMS: dict[str, Any] = {}


def set_params(params_json: str) -> None:
    _PARAMS.clear()
    _PARAMS.update(json.loads(params_json))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def guarded(work: Callable[[], Any], failed: Callable[[str], Any]) -> Any:
    """``work()``, or ``failed(message)`` when it needs a module the browser's Python lacks."""
    try:
        return work()
    except ModuleNotFoundError as exc:
        return failed(missing_module_message(exc))


def _bytes(data: Any) -> bytes:
    """Bytes from the page: a JavaScript Uint8Array arrives as a proxy with ``to_bytes()``."""
    return bytes(data) if isinstance(data, (bytes, bytearray, memoryview)) else data.to_bytes()


def _error(message: str) -> str:
    return _dumps({"ok": False, "internal": True, "errors": [{"field": "", "message": message}]})


def run_json(calculator: str, inputs_json: str) -> str:
    return guarded(lambda: _dumps(run(calculator, json.loads(inputs_json), _PARAMS)), _error)


def check_json(fields_json: str, values_json: str, versions_json: str) -> str:
    def work() -> str:
        from .forms import check
        return _dumps(check(json.loads(fields_json), json.loads(values_json), _PARAMS, json.loads(versions_json)))
    return guarded(work, _error)


def fill(kind: str, template: bytes, values_json: str) -> tuple[bytes, str, str]:
    """A form's .docx/.xlsx template filled: (file, fields left out as JSON, error message)."""
    def work() -> tuple[bytes, str, str]:
        from .office_fill import FillError
        from .office_fill import fill as fill_office
        try:
            data, left = fill_office(kind, _bytes(template), json.loads(values_json))
        except FillError as exc:
            return (b"", "[]", str(exc))
        return (data, _dumps(left), "")
    return guarded(work, lambda message: (b"", "[]", message))


def roster_json(action: str, payload_json: str, data: bytes) -> str:
    def work() -> str:
        payload = json.loads(payload_json)
        if action == "read":
            from .table_import import read_rows
            return _dumps(read_rows(payload["name"], _bytes(data), payload["fields"], payload["table"],
                                    payload["required"], payload["max_rows"]))
        from .forms import roster_summary
        return _dumps(roster_summary(payload["form"], payload["values"], _PARAMS, payload.get("versions")))
    return guarded(work, lambda message: _dumps({"ok": False, "problems": [{"row": None, "column": None,
                                                                               "message": message}], "total": 1}))


_BATCH: Any = None   # the roster's forms being made (calculators/paperwork/batch.py), between steps


def batch(action: str, payload_json: str, data: bytes) -> tuple[bytes, str]:
    """Everyone's forms from the roster, in steps: ``start`` (the roster's values, the forms and their
    templates, concatenated, with their sizes), ``step`` (the next ``count`` people: the bytes made),
    ``finish`` (the rest of the ZIP), ``cancel``. Returns (bytes, JSON summary or error)."""
    global _BATCH

    def work() -> tuple[bytes, str]:
        global _BATCH
        from .paperwork.batch import Batch
        payload = json.loads(payload_json)
        if action == "values":   # what each person's forms hold, for printing a batch in the page
            from .paperwork.people import people_values
            return (b"", _dumps(people_values(payload["values"], payload["forms"], int(payload["start"]),
                                              int(payload["count"]))))
        if action == "start":
            blob, templates, at = _bytes(data), {}, 0
            for form, size in zip(payload["forms"], payload["sizes"], strict=True):
                templates[form] = blob[at:at + size]
                at += size
            _BATCH = Batch(payload["values"], templates, payload["mode"])
            return (b"", _dumps(_BATCH.summary()))
        if action == "cancel" or _BATCH is None:
            _BATCH = None
            return (b"", _dumps({"cancelled": True}))
        if action == "step":
            chunk = _BATCH.step(int(payload.get("count", 100)))
            return (chunk, _dumps(_BATCH.summary()))
        done, summary = _BATCH.finish(), _BATCH.summary()
        _BATCH = None
        return (done, _dumps(summary))
    try:
        return guarded(work, lambda message: (b"", _dumps({"error": message})))
    except ValueError as exc:
        _BATCH = None
        return (b"", _dumps({"error": str(exc)}))


def totals(payload_json: str, data: bytes) -> tuple[bytes, str]:
    """The office's totals: the files (concatenated, with their names and sizes) and the 汇总
    template (the last part) → (the 汇总 .xlsx, the findings and rows as JSON)."""
    def work() -> tuple[bytes, str]:
        from .office_fill import fill as fill_office
        from .paperwork.totals import merge, summary_values
        payload = json.loads(payload_json)
        blob, parts, at = _bytes(data), [], 0
        for size in payload["sizes"]:
            parts.append(blob[at:at + size])
            at += size
        template, files = parts[-1], list(zip(payload["names"], parts[:-1], strict=True))
        result = merge(files, payload["expect"])
        workbook, _ = fill_office("xlsx", template, summary_values(result, payload["expect"].get("year", "")))
        return (workbook if result["rows"] else b"", _dumps(result))
    return guarded(work, lambda message: (b"", _dumps({"error": message})))
