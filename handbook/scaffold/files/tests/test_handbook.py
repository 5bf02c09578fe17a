"""This handbook's own checks: the data is valid, every calculator case in cases.yaml gives what
the notice says, the calculators' numbers come from the data, and the site builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from handbook.export import calculator_params
from handbook.loader import load_handbook

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((ROOT / "tests" / "cases.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def params() -> dict:
    return calculator_params(load_handbook(ROOT / "policy_data"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['calculator']}-{i}" for i, c in enumerate(CASES)])
def test_case(case: dict, params: dict) -> None:
    from calculators import run

    result = run(case["calculator"], case["inputs"], params)
    if "error" in case:
        assert not result["ok"] and case["error"] in {e["field"] for e in result["errors"]}, result
        return
    assert result["ok"], result.get("errors")
    assert result["outcome"]["code"] == case["outcome"], result["outcome"]
    for key, value in case.get("values", {}).items():
        assert result["values"][key] == value, (key, result["values"])
    assert all(r.get("label") or r["status"] == "info" for r in result["reasons"])


def test_every_calculator_has_a_case() -> None:
    from calculators import MODULES

    assert set(MODULES) <= {c["calculator"] for c in CASES}


def test_site_builds(tmp_path: Path) -> None:
    """``mkdocs build --strict``, as ``make serve`` builds: pages, search, forms, Pyodide."""
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "site" / "calculators" / "example-review-vote" / "index.html").is_file()
