"""Calculators for the safety-talent policy handbook: this handbook's own package.

Pure Python (standard library only), the same on CPython and in Pyodide, built with the kit
(:mod:`calckit`: fields, explanations, parameters, forms, the browser's entry point).
Parameters, and the holiday schedules, come in as JSON built from policy_data/::

    from calculators import run, describe, list_calculators
    result = run("zhejiang-committee-vote", {"attending": 17}, params)

``run`` never raises: it returns either a result with ``reasons`` (each citing a
clause) or ``errors`` (one per bad field, in Chinese).

The tables below are what the kit reads (see :mod:`calckit.catalog`). Each calculator's module
is imported when it is first used, so a page that runs one calculator in the browser does not
pay for compiling the others.
"""

from __future__ import annotations

from calckit import catalog
from calckit.catalog import describe, list_calculators, load_all, run
from calckit.registry import REGISTRY, Calculator

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

# the kinds of computed form field (policy_data/forms ``compute.kind``) worked out by this
# handbook's own rules, beside the kit's sum, remainder and workdays
COMPUTATIONS = {
    "quota": "xinzhou:quota_field",        # 附件3's 优秀 against the scheme's share
    "grade": "safety_kpi:grade_field",     # a score's 等级 by the sample 考核办法
}

# a form holding a list of people → the function that sums it up (its statistics, its checks)
ROSTER_SUMMARIES = {"xinzhou-roster": "xinzhou:roster_statistics"}

# form id → its field ← a roster person's column (p.) or the roster's header (h.) or a derived
# value (d.): everyone's forms from the 花名册 (paperwork/people.py)
ROSTER_FILLS: dict[str, dict[str, str]] = {
    "xinzhou-self-assessment": {
        "unit": "h.unit", "name": "p.name", "sex": "p.sex", "idcard": "p.idcard", "title": "p.title",
        "year": "h.year", "post": "p.post"},
    "shanxi-assessment-register": {
        "cover_unit": "h.unit", "cover_name": "p.name", "cover_title": "p.title", "cover_type": "d.register_type",
        "name": "p.name", "sex": "p.sex", "birth": "d.birth"},
}

# the kinds of question the page asks beyond the kit's (run, check-form, fill-office, roster)
ASKS = {"batch": "paperwork.asks:batch", "totals": "paperwork.asks:totals"}

catalog.use(__name__)
