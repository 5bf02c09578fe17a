"""What the browser's worker calls (handbook/assets/python/worker.js): one entry point, one reply shape.

The page asks with a kind (``run``, ``check-form``, ``fill-office``, ``roster``, ``batch``,
``totals``: the ``AskKind`` of handbook/assets/python/protocol.js), a JSON payload and bytes (a
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

from . import catalog
from .catalog import run  # imports the calculator's module on first use (registry.run does not)
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


def split_parts(blob: bytes, sizes: list[int]) -> list[bytes]:
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


#: every kind of question the page may ask (protocol.js's AskKind)
KINDS: dict[str, Work] = {"run": _run, "check-form": _check_form, "fill-office": _fill_office,
                          "roster": _roster}


def start(package: str, params_json: str) -> None:
    """The handbook's calculators package (already imported: by the memory snapshot, or just
    before) made the one in use, and the parameters set: what the worker calls once."""
    catalog.use(package)
    set_params(params_json)


def work_for(kind: str) -> Work | None:
    """The kit's own work for ``kind``, or what the handbook's package declares in ``ASKS``."""
    return KINDS.get(kind) or catalog.function("ASKS", kind)


def answer(kind: str, payload_json: str, data: Any = None) -> tuple[bytes, str]:
    """Any question from the page → (bytes made, the reply as JSON text): never raises."""
    work = work_for(kind)
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
