"""This handbook's calculators: pure Python (standard library and calckit), the same in CPython
and in the browser's Pyodide.

The kit (calckit, which comes with the generator) reads the tables below: ``MODULES`` names each
calculator's module, imported when the calculator is first used. A calculator's numbers come from
the notices' ``parameters`` (policy_data/documents/), never from this code::

    python -m handbook calculators list
    python -m handbook calculators run example-review-vote --input -  <<< '{"attending": 11, "approvals": 8}'
"""

from __future__ import annotations

from calckit import catalog
from calckit.catalog import describe, list_calculators, load_all, run

__all__ = ["MODULES", "describe", "list_calculators", "load_all", "run"]

# calculator id → the module that defines it, in the order people meet them
MODULES = {
    "example-review-vote": "review",
}

catalog.use(__name__)
