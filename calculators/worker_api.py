"""What the browser's worker calls (docs/assets/python/worker.js): one entry point, one reply shape.

The page asks with a kind (``run``, ``check-form``, ``fill-office``, ``roster``, ``batch``,
``totals``: the ``AskKind`` of docs/assets/python/protocol.js), a JSON payload and bytes (a
template, a roster file, units' files), and :func:`answer` replies with bytes made (a filled file, a
ZIP's part, the 汇总 workbook; empty when none) and JSON text that is always one of::

    {"ok": true, "value": ...}       what the work returned (a calculator's result with its own
                                     input errors, a roster's rows or problems, a batch's summary…)
    {"ok": false, "error": "…"}      the work could not be done, in words a reader understands:
                                     a module the browser's cut standard library lacks, a broken
                                     template, an unexpected exception ("计算出错：…")

Kept here rather than as Python source inside the worker's JavaScript so that it is imported into
the memory snapshot with the rest, is ruff-checked and runs the same in CPython and Pyodide.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import run  # imports the calculator's module on first use (registry.run does not)
from .registry import missing_module_message

_PARAMS: dict[str, Any] = {}

#: (bytes made, the value) for each kind of question
Work = Callable[[dict[str, Any], bytes], tuple[bytes, Any]]


class Refused(ValueError):
    """The work cannot be done with what was sent: said to the reader as it is (no "计算出错" prefix)."""


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
    if data is None:
        return b""
    return bytes(data) if isinstance(data, (bytes, bytearray, memoryview)) else data.to_bytes()


def _split(blob: bytes, sizes: list[int]) -> list[bytes]:
    """Files sent as one buffer (one transfer) with their sizes, apart again."""
    parts, at = [], 0
    for size in sizes:
        parts.append(blob[at:at + int(size)])
        at += int(size)
    return parts


def _run(payload: dict[str, Any], _data: bytes) -> tuple[bytes, Any]:
    return b"", run(payload["calculator"], payload.get("inputs") or {}, _PARAMS)


def _check_form(payload: dict[str, Any], _data: bytes) -> tuple[bytes, Any]:
    from .forms import check
    return b"", check(payload["fields"], payload["values"], _PARAMS, payload.get("versions") or {})


def _fill_office(payload: dict[str, Any], data: bytes) -> tuple[bytes, Any]:
    """A form's .docx/.xlsx template (the bytes) filled: the file, and the fields it has no place for."""
    from .office_fill import FillError
    from .office_fill import fill as fill_office
    try:
        filled, left = fill_office(payload["kind"], data, payload["values"])
    except FillError as exc:
        raise Refused(str(exc)) from None
    return filled, {"left": left}


def _roster(payload: dict[str, Any], data: bytes) -> tuple[bytes, Any]:
    """``read``: a list of people from an .xlsx/.csv file; ``summary``: a roster's statistics."""
    if payload["action"] == "read":
        from .table_import import read_rows
        return b"", read_rows(payload["name"], data, payload["fields"], payload["table"],
                              payload["required"], payload["max_rows"])
    from .forms import roster_summary
    return b"", roster_summary(payload["form"], payload["values"], _PARAMS, payload.get("versions"))


_BATCH: Any = None   # the roster's forms being made (calculators/paperwork/batch.py), between steps


def _batch(payload: dict[str, Any], data: bytes) -> tuple[bytes, Any]:
    """Everyone's forms from the roster, in steps: ``start`` (the roster's values, the forms and their
    templates, concatenated, with their sizes), ``step`` (the next ``count`` people: the bytes made),
    ``finish`` (the rest of the ZIP), ``cancel``; and ``values`` (what each person's forms hold, for
    printing a batch in the page)."""
    global _BATCH
    if payload["action"] == "values":
        from .paperwork.people import people_values
        return b"", people_values(payload["values"], payload["forms"], int(payload["start"]), int(payload["count"]))
    try:
        return _batch_step(payload, data)
    except ValueError as exc:   # a mode or template the batch cannot use: said, and the batch dropped
        _BATCH = None
        raise Refused(str(exc)) from None


def _batch_step(payload: dict[str, Any], data: bytes) -> tuple[bytes, Any]:
    global _BATCH
    from .paperwork.batch import Batch
    action = payload["action"]
    if action == "start":
        templates = dict(zip(payload["forms"], _split(data, payload["sizes"]), strict=True))
        _BATCH = Batch(payload["values"], templates, payload["mode"])
        return b"", _BATCH.summary()
    if action == "cancel" or _BATCH is None:
        _BATCH = None
        return b"", {"cancelled": True}
    if action == "step":
        return _BATCH.step(int(payload.get("count", 100))), _BATCH.summary()
    done, summary = _BATCH.finish(), _BATCH.summary()
    _BATCH = None
    return done, summary


def _totals(payload: dict[str, Any], data: bytes) -> tuple[bytes, Any]:
    """The office's totals: the files (concatenated, with their names and sizes) and the 汇总
    template (the last part) → the 汇总 .xlsx (empty when no unit was read) and the findings and rows."""
    from .office_fill import fill as fill_office
    from .paperwork.totals import merge, summary_values
    parts = _split(data, payload["sizes"])
    template, files = parts[-1], list(zip(payload["names"], parts[:-1], strict=True))
    result = merge(files, payload["expect"])
    workbook, _ = fill_office("xlsx", template, summary_values(result, payload["expect"].get("year", "")))
    return (workbook if result["rows"] else b""), result


#: every kind of question the page may ask (protocol.js's AskKind)
KINDS: dict[str, Work] = {"run": _run, "check-form": _check_form, "fill-office": _fill_office,
                          "roster": _roster, "batch": _batch, "totals": _totals}


def answer(kind: str, payload_json: str, data: Any = None) -> tuple[bytes, str]:
    """Any question from the page → (bytes made, the reply as JSON text): never raises."""
    work = KINDS.get(kind)
    if work is None:
        return b"", _dumps({"ok": False, "error": f"未知的请求：{kind}"})

    def done() -> tuple[bytes, str]:
        made, value = work(json.loads(payload_json), _bytes(data))
        return made, _dumps({"ok": True, "value": value})

    def failed(message: str) -> tuple[bytes, str]:
        return b"", _dumps({"ok": False, "error": message})

    try:
        return guarded(done, failed)
    except Refused as exc:
        return failed(str(exc))
    except Exception as exc:   # the reader is told; the worker keeps answering
        return failed(f"计算出错：{exc}")
