"""The calculators' cases inside real Pyodide (npm package ``pyodide``, Python 3.14) under Node:
every result must equal CPython's, case by case."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import chinese_calendar
import pytest

from calculators import run
from handbook.export import calculator_params

from calc_cases import check_case, load_cases
from conftest import ROOT

RUNNER = ROOT / "tests" / "pyodide" / "run_cases.mjs"


@pytest.fixture(scope="module")
def pyodide_results(handbook, tmp_path_factory):
    if not (ROOT / "node_modules" / "pyodide").is_dir():
        pytest.fail("node_modules/pyodide is missing: run `npm ci` (make test does)")
    node = shutil.which("node")
    assert node, "node is not installed"
    work = tmp_path_factory.mktemp("pyodide")
    src = work / "src"
    shutil.copytree(ROOT / "calculators", src / "calculators")
    shutil.copytree(Path(chinese_calendar.__file__).parent, src / "chinese_calendar")
    params = calculator_params(handbook)
    (work / "params.json").write_text(json.dumps(params, ensure_ascii=False), encoding="utf-8")
    cases = load_cases()
    (work / "cases.json").write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([node, str(RUNNER), str(src), str(work / "params.json"),
                           str(work / "cases.json")], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return params, cases, json.loads(proc.stdout)


def test_pyodide_runs_python_3_14(pyodide_results):
    _, _, out = pyodide_results
    assert out["python"].startswith("3.14")


def test_every_case_is_identical_in_pyodide_and_cpython(pyodide_results):
    params, cases, out = pyodide_results
    assert len(out["results"]) == len(cases)
    for case, in_pyodide in zip(cases, out["results"], strict=True):
        in_cpython = json.loads(json.dumps(run(case["calculator"], case["inputs"], params),
                                           ensure_ascii=False))
        assert in_pyodide == in_cpython, case["name"]
        assert not check_case(case, in_pyodide), (case["name"], check_case(case, in_pyodide))
