"""The calculators inside real Pyodide (npm package ``pyodide``, Python 3.14) under Node,
loaded from the site's own bundle: every result must equal CPython's, case by case."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers.calc_cases import check_case, load_cases

from calculators import run
from handbook.export import calculator_params

from conftest import ROOT

RUNNER = ROOT / "tests" / "pyodide" / "run_cases.mjs"


def bundle_dir(site_dir: Path) -> Path:
    dirs = [p for p in (site_dir / "assets" / "pyodide").iterdir() if p.is_dir()]
    assert len(dirs) == 1, dirs
    return dirs[0]


def run_node(pyodide_dir: Path, work: Path, params: dict, cases: list,
             snapshot: Path | None = None) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "node is not installed"
    if not (ROOT / "node_modules" / "pyodide").is_dir():
        pytest.fail("node_modules/pyodide is missing: run `npm ci` (make test does)")
    (work / "params.json").write_text(json.dumps(params, ensure_ascii=False), encoding="utf-8")
    (work / "cases.json").write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    return subprocess.run([node, str(RUNNER), str(pyodide_dir), str(work / "params.json"),
                           str(work / "cases.json"), *([str(snapshot)] if snapshot else [])],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


@pytest.fixture(scope="module")
def pyodide_results(handbook, site_dir, tmp_path_factory):
    params, cases = calculator_params(handbook), load_cases()
    proc = run_node(bundle_dir(site_dir), tmp_path_factory.mktemp("pyodide"), params, cases)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    return params, cases, json.loads(proc.stdout)


def test_pyodide_runs_python_3_14(pyodide_results):
    assert pyodide_results[2]["python"].startswith("3.14")


def test_every_case_is_identical_in_pyodide_and_cpython(pyodide_results):
    params, cases, out = pyodide_results
    assert len(out["results"]) == len(cases)
    for case, in_pyodide in zip(cases, out["results"], strict=True):
        in_cpython = json.loads(json.dumps(run(case["calculator"], case["inputs"], params),
                                           ensure_ascii=False))
        assert in_pyodide == in_cpython, case["name"]
        assert not check_case(case, in_pyodide), (case["name"], check_case(case, in_pyodide))


def test_lock_file_lists_our_wheels_with_their_hashes(site_dir):
    import hashlib

    lock = json.loads((bundle_dir(site_dir) / "pyodide-lock.json").read_text("utf-8"))
    assert lock["info"]["python"].startswith("3.14")
    assert set(lock["packages"]) == {"handbook-calckit", "handbook-calculators"}
    for entry in lock["packages"].values():
        wheel = bundle_dir(site_dir) / entry["file_name"]
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"]
    assert lock["packages"]["handbook-calculators"]["imports"] == ["calculators"]
    assert lock["packages"]["handbook-calckit"]["imports"] == ["calckit"]


def test_a_wheel_that_fails_to_load_is_detected(handbook, site_dir, tmp_path):
    """A wheel that cannot be read leaves calculators unimportable; the runner's import check
    catches it (the browser test tampers with a wheel instead, caught by its sha256)."""
    copy = tmp_path / "bundle"
    shutil.copytree(bundle_dir(site_dir), copy)
    next(copy.glob("handbook_calculators-*.whl")).unlink()
    proc = run_node(copy, tmp_path, calculator_params(handbook), load_cases()[:1])
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert json.loads(proc.stdout)["error"] == "import failed"


@pytest.fixture(scope="module")
def restored_results(handbook, site_dir, tmp_path_factory):
    """The same cases in an interpreter restored from the build's snapshot (twice, to compare
    the state each restore starts from)."""
    params, cases = calculator_params(handbook), load_cases()
    folder = bundle_dir(site_dir)
    snapshot = next(folder.glob("snapshot-*.bin"))
    runs = []
    for _ in range(2):
        proc = run_node(folder, tmp_path_factory.mktemp("restored"), params, cases, snapshot)
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
        runs.append(json.loads(proc.stdout))
    return runs


def test_every_case_is_identical_restored_and_plain(pyodide_results, restored_results):
    _params, cases, plain = pyodide_results
    restored = restored_results[0]
    assert len(restored["results"]) == len(cases) > 50
    for case, a, b in zip(cases, plain["results"], restored["results"], strict=True):
        assert a == b, case["name"]


def test_no_state_leaks_between_calculators_after_a_restore(restored_results):
    run = restored_results[0]
    assert run["results"] == run["reversed"]


def test_random_is_reseeded_after_every_restore(restored_results):
    """The snapshot holds random's state; the worker reseeds it, so two pages differ."""
    assert restored_results[0]["random"] != restored_results[1]["random"]


def test_the_snapshot_is_named_by_its_sha256_and_the_pages_say_so(site_dir):
    import hashlib
    import re

    snapshot = next(bundle_dir(site_dir).glob("snapshot-*.bin"))
    digest = hashlib.sha256(snapshot.read_bytes()).hexdigest()
    assert snapshot.name == f"snapshot-{digest[:16]}.bin"
    page = (site_dir / "calculators" / "zhejiang-committee-vote" / "index.html").read_text("utf-8")
    assert digest in page and snapshot.name in page
    assert "__HANDBOOK_RUNTIME__" not in page
    assert re.search(r'data-runtime="\{&#34;lock&#34;', page)


_LEFT_OUT = """
import { loadPyodide } from "pyodide";
import { readFileSync } from "node:fs";
const dir = process.argv[1];
const py = await loadPyodide({ indexURL: dir, lockFileURL: dir + "pyodide-lock.json" });
const lock = JSON.parse(readFileSync(dir + "pyodide-lock.json", "utf8"));
py.globals.set("WHEEL", new Uint8Array(readFileSync(dir + lock.packages["handbook-calckit"].file_name)));
process.stdout.write(py.runPython(`
import importlib, io, json, site, zipfile
zipfile.ZipFile(io.BytesIO(WHEEL.to_bytes())).extractall(site.getsitepackages()[0])
importlib.invalidate_caches()
from calckit import worker_api
out = {"message": worker_api.guarded(lambda: __import__("smtplib"), lambda m: m)}
try:
    import email.message
    out["email"] = "imported"
except ModuleNotFoundError as exc:
    out["email"] = exc.name
json.dumps(out, ensure_ascii=False)
`));
"""


def test_a_module_left_out_of_the_cut_standard_library_gives_a_clear_message(site_dir):
    """The site serves a standard library cut to what the calculators use (handbook/runtime/stdlib.py);
    in that Python a module left out is an answer in plain words, not a broken page."""
    node = shutil.which("node")
    proc = subprocess.run([node, "--input-type=module", "-e", _LEFT_OUT, str(bundle_dir(site_dir)) + "/"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    assert out["email"].startswith("email")   # left out: Pyodide's loadPackage needs it, we do not
    assert "精简" in out["message"] and "smtplib" in out["message"] and "没有丢失" in out["message"]


def test_the_standard_library_is_cut_to_what_the_calculators_use(site_dir):
    import zipfile

    full = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
    cut = bundle_dir(site_dir) / "python_stdlib.zip"
    with zipfile.ZipFile(full) as f, zipfile.ZipFile(cut) as c:
        full_names, cut_names = set(f.namelist()), set(c.namelist())
        assert {i.compress_type for i in c.infolist()} == {zipfile.ZIP_STORED}   # brotli compresses it whole
    assert cut_names < full_names and len(cut_names) < 0.4 * len([n for n in full_names if not n.endswith("/")])
    for kept in ("traceback.py", "linecache.py", "encodings/utf_8.py", "encodings/gb18030.py", "_strptime.py",
                 "zipfile/__init__.py", "json/__init__.py", "csv.py"):
        assert kept in cut_names, kept
    for left in ("smtplib.py", "email/message.py", "tarfile.py", "unittest/__init__.py"):
        assert left not in cut_names, left
    twin = cut.with_name(cut.name + ".br")
    assert twin.exists() and twin.stat().st_size < 0.3 * full.stat().st_size
