"""The roster's questions from the page, beyond the kit's (declared in ``ASKS``, calculators/__init__.py):
``batch`` (everyone's forms from the 花名册, in steps) and ``totals`` (the office's 汇总 of many
units' files). Each is called by :func:`calckit.worker_api.answer` as ``work(payload, data)`` and
returns (bytes made, the value); a :class:`~calckit.worker_api.Refused` is said to the reader as it is.
"""

from __future__ import annotations

from typing import Any

from calckit.worker_api import Refused, split_parts

_BATCH: Any = None   # the roster's forms being made (calculators/paperwork/batch.py), between steps


def batch(payload: dict[str, Any], data: bytes) -> tuple[bytes, Any]:
    """Everyone's forms from the roster, in steps: ``start`` (the roster's values, the forms and their
    templates, concatenated, with their sizes), ``step`` (the next ``count`` people: the bytes made),
    ``finish`` (the rest of the ZIP), ``cancel``; and ``values`` (what each person's forms hold, for
    printing a batch in the page)."""
    global _BATCH
    if payload["action"] == "values":
        from .people import people_values
        return b"", people_values(payload["values"], payload["forms"], int(payload["start"]), int(payload["count"]))
    try:
        return batch_step(payload, data)
    except ValueError as exc:   # a mode or template the batch cannot use: said, and the batch dropped
        _BATCH = None
        raise Refused(str(exc)) from None


def batch_step(payload: dict[str, Any], data: bytes) -> tuple[bytes, Any]:
    global _BATCH
    from .batch import Batch
    action = payload["action"]
    if action == "start":
        templates = dict(zip(payload["forms"], split_parts(data, payload["sizes"]), strict=True))
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


def totals(payload: dict[str, Any], data: bytes) -> tuple[bytes, Any]:
    """The office's totals: the files (concatenated, with their names and sizes) and the 汇总
    template (the last part) → the 汇总 .xlsx (empty when no unit was read) and the findings and rows."""
    from calckit.office_fill import fill as fill_office

    from .totals import merge, summary_values
    parts = split_parts(data, payload["sizes"])
    template, files = parts[-1], list(zip(payload["names"], parts[:-1], strict=True))
    result = merge(files, payload["expect"])
    workbook, _ = fill_office("xlsx", template, summary_values(result, payload["expect"].get("year", "")))
    return (workbook if result["rows"] else b""), result


