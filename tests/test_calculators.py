"""The calculators, case by case from tests/cases/calculators.yaml, plus their contract."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.calc_cases import check_case, load_cases

from calculators import MODULES, REGISTRY, describe, list_calculators, load_all, run

from conftest import ROOT

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c['calculator']}: {c['name']}" for c in CASES])
def test_case(case, params):
    result = run(case["calculator"], case["inputs"], params)
    json.dumps(result, ensure_ascii=False)  # always JSON-serialisable
    assert not check_case(case, result), check_case(case, result)


def test_every_calculator_has_cases():
    covered = {c["calculator"] for c in CASES}
    assert set(MODULES) <= covered


def test_every_module_registers_what_the_index_says():
    assert set(load_all()) == set(MODULES)
    assert all(REGISTRY[i].id == i for i in MODULES)


def test_there_are_eleven_calculators():
    assert len(list_calculators()) == 11


def test_every_result_explains_itself_with_clauses(params, handbook):
    """Every reason of every successful case cites a clause that exists in the data."""
    for case in CASES:
        result = run(case["calculator"], case["inputs"], params)
        if not result["ok"]:
            continue
        assert result["reasons"], case["name"]
        for reason in result["reasons"]:
            assert reason["status"] in ("pass", "fail", "info")
            assert reason["text"]
            if "clause" in reason:
                assert reason["clause"] in handbook.clause_index[reason["doc"]].texts, reason
        cited = [r for r in result["reasons"] if "clause" in r]
        assert cited, case["name"]


def test_declared_clauses_exist(handbook):
    for calc in load_all().values():
        for doc, clause in calc.clauses:
            assert clause in handbook.clause_index[doc].texts, (calc.id, doc, clause)


def test_ambiguous_readings_are_shown(params):
    result = run("zhejiang-committee-vote", {"attending": 17}, params)
    readings = {r.get("reading") for r in result["reasons"]}
    assert {"yishang-inclusive", "bushaoyu-inclusive"} <= readings
    result = run("xinzhou-excellent-quota", {"participants": 4}, params)
    assert "headcount-floor" in {r.get("reading") for r in result["reasons"]}


def test_describe_gives_the_input_schema(params):
    for calc_id in MODULES:
        schema = describe(calc_id, params)
        assert schema["id"] == calc_id and schema["title"] and schema["inputs"]
        for field in schema["inputs"]:
            assert field["label"] and field["type"] in (
                "integer", "decimal", "date", "choice", "yesno", "idcard", "text", "rows")
    scores = [f for f in describe("xinzhou-self-assessment", params)["inputs"] if f["name"] != "version"]
    assert scores[0]["max"] == 20  # from the YAML, not from code


def test_a_changed_number_in_the_data_changes_the_result(params):
    changed = json.loads(json.dumps(params))
    changed["documents"]["zhejiang-senior-title"]["params"]["attending-min"]["value"] = 19
    assert run("zhejiang-committee-vote", {"attending": 18}, params)["outcome"]["code"] == "valid"
    assert run("zhejiang-committee-vote", {"attending": 18}, changed)["outcome"]["code"] == "invalid"


def test_missing_parameters_are_reported_not_raised(params):
    broken = json.loads(json.dumps(params))
    del broken["documents"]["zhejiang-senior-title"]["params"]["vote-threshold"]
    result = run("zhejiang-committee-vote", {"attending": 17}, broken)
    assert not result["ok"] and result["internal"]
    assert "vote-threshold" in result["errors"][0]["message"]
    assert run("zhejiang-committee-vote", {"attending": 17}, {})["ok"] is False


# --- no policy number in code -------------------------------------------------------------

ALLOWED = {0, 1, 12, 100}  # zero, one, months a year, percent


def policy_numbers(handbook) -> set[float]:
    numbers = set()
    for doc in handbook.documents:
        for p in doc.parameters:
            for v in p.value if isinstance(p.value, list) else [p.value]:
                if isinstance(v, int | float) and not isinstance(v, bool):
                    numbers.add(float(v))
    for p in handbook.rules.parameters:
        for v in p.value if isinstance(p.value, list) else [p.value]:
            if isinstance(v, int | float):
                numbers.add(float(v))
    return numbers - {float(a) for a in ALLOWED}


UNIT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:年|周岁|%|人|名|学时|个工作日|分|元|次)")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            ids.add(id(body[0].value))
    return ids


# the modules that implement policy (and the kit's working days); fields/params/registry/explain/
# idcard/CLI are plumbing
POLICY_MODULES = [*(ROOT / "calculators" / f"{name}.py"
                    for name in ["xinzhou", "zhejiang", "yangcheng", "deadlines", "safety_kpi"]),
                  ROOT / "calckit" / "workdays.py"]


def test_no_policy_number_is_written_into_calculator_text(handbook):
    """Help texts and reasons say numbers from the data, not numbers typed into strings."""
    numbers = policy_numbers(handbook)
    offenders = []
    for path in POLICY_MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                for m in UNIT.finditer(node.value):
                    if float(m[1]) in numbers:
                        offenders.append(f"{path.name}:{node.lineno}: {m[0]}")
    assert not offenders, offenders


def test_no_policy_number_is_a_literal_in_calculator_code(handbook):
    numbers = policy_numbers(handbook)
    offenders = []
    for path in POLICY_MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, int | float) \
                    and not isinstance(node.value, bool) and float(node.value) in numbers:
                offenders.append(f"{path.name}:{node.lineno}: {node.value}")
    assert not offenders, offenders


# --- the CLI ---------------------------------------------------------------------------------

def cli(*args: str, stdin: str | None = None, plain: bool = False) -> subprocess.CompletedProcess:
    """The calculators' CLI with the parameters built from policy_data/ (``python -m handbook
    calculators``), or, ``plain``, the calculators' own (``python -m calculators``, parameters from a file)."""
    command = ["-m", "calculators"] if plain else ["-m", "handbook", "calculators"]
    return subprocess.run([sys.executable, *command, *args], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_cli_list():
    out = cli("list")
    assert out.returncode == 0
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 11
    assert [line.split("\t")[0] for line in lines] == [c["id"] for c in list_calculators()]


def test_cli_describe():
    out = cli("describe", "zhejiang-committee-vote")
    assert out.returncode == 0
    assert [f["name"] for f in json.loads(out.stdout)["inputs"]][:2] == ["version", "attending"]


def test_cli_run_stdin_and_file(tmp_path):
    out = cli("run", "zhejiang-committee-vote", "--input", "-", stdin='{"attending": 17}')
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["values"]["votes_needed"] == 12
    f = tmp_path / "in.json"
    f.write_text(json.dumps({"participants": 14}), encoding="utf-8")
    out = cli("run", "xinzhou-excellent-quota", "--input", str(f))
    assert out.returncode == 0 and json.loads(out.stdout)["values"]["max_excellent"] == 2


def test_cli_invalid_input_exits_2_with_errors():
    out = cli("run", "zhejiang-committee-vote", "--input", "-", stdin='{"attending": -1}')
    assert out.returncode == 2
    assert json.loads(out.stdout)["errors"][0]["field"] == "attending"
    out = cli("run", "zhejiang-committee-vote", "--input", "-", stdin="{not json")
    assert out.returncode == 2 and json.loads(out.stdout)["errors"]


def test_cli_with_params_file(tmp_path, params):
    f = tmp_path / "params.json"
    f.write_text(json.dumps(params, ensure_ascii=False), encoding="utf-8")
    out = cli("--params", str(f), "run", "zhejiang-sanction", "--input", "-",
              stdin='{"violation_year": 2020}', plain=True)
    assert out.returncode == 0 and json.loads(out.stdout)["values"]["first_year_allowed"] == 2024
    # the generator's params command gives the same parameters the site does
    made = subprocess.run([sys.executable, "-m", "handbook", "params"], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert made.returncode == 0 and json.loads(made.stdout) == json.loads(json.dumps(params))
    # without parameters, the calculators' own CLI says where to get them
    bare = cli("describe", "zhejiang-sanction", plain=True)
    assert bare.returncode == 2 and "--params" in bare.stderr and "Traceback" not in bare.stderr


def test_unknown_calculator_in_cli():
    assert cli("describe", "nope").returncode == 1


@pytest.mark.parametrize(("package", "may_import"), [("calckit", {"calckit"}),
                                                    ("calculators", {"calckit", "calculators"})])
def test_calculators_import_only_the_standard_library(package, may_import):
    """The kit imports nothing of any handbook; a handbook's package, the kit and itself only."""
    allowed = set(sys.stdlib_module_names) | may_import
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [(node.module or "").split(".")[0]]
            else:
                continue
            assert set(names) <= allowed, (path.name, names)   # never the generator (handbook)


def test_module_docstrings():
    for path in [*Path(ROOT / "calculators").rglob("*.py"), *Path(ROOT / "calckit").glob("*.py")]:
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), path.name


@pytest.mark.parametrize(("text", "field"), [
    ('{"participants": ' + "9" * 5000 + "}", "participants"),   # beyond Python's int-string limit
    ('{"participants": NaN}', "participants"),
    ('{"participants": 1e999999999}', "participants"),
    ('{"participants": "1e999999999"}', "participants"),
    ("[" * 100_000 + "]" * 100_000, ""),                          # deeper than the parser goes
])
def test_cli_hostile_input_is_a_message_not_a_traceback(text, field):
    out = cli("run", "xinzhou-excellent-quota", "--input", "-", stdin=text)
    assert out.returncode == 2, out.stderr[-500:]
    assert "Traceback" not in out.stderr
    result = json.loads(out.stdout)
    assert [e["field"] for e in result["errors"]] == [field]
    assert all(e["message"] for e in result["errors"])


def test_every_number_a_person_can_type_is_bounded(params):
    """A count, score or year without a maximum could be made huge; rows without a limit, long."""
    def check(fields, where):
        for f in fields:
            if f["type"] in ("integer", "decimal"):
                assert "max" in f and "min" in f, (where, f["name"])
            if f["type"] == "rows":
                assert f["max_rows"] <= 500, (where, f["name"])
                check(f["columns"], f"{where}.{f['name']}")
    for calc_id in MODULES:
        check(describe(calc_id, params)["inputs"], calc_id)


def test_every_reason_names_its_clause_as_printed(params):
    """A reader sees 阳城 三（三）（2）, never an internal id such as s3-3-2 or fa-preamble."""
    internal_id = re.compile(r"(?<![\u4e00-\u9fff])[a-z]+\d*(?:-[a-z0-9]+)+")
    for case in CASES:
        result = run(case["calculator"], case["inputs"], params)
        for reason in result.get("reasons", []):
            if "clause" not in reason:
                continue
            label = reason["label"]
            assert label and not internal_id.search(label), (case["name"], reason["clause"], label)
            assert label.split(" ")[0] in {"忻州", "浙江", "阳城", "范例", "国家规定", "放假安排"}, label


def test_clause_labels_follow_the_printed_numbering(params):
    from calckit.params import Params

    p = Params(params)
    assert p.clause_label("zhejiang-senior-title", "s4-3-6") == "浙江 四（三）6"
    assert p.clause_label("yangcheng-junior-title", "s5-3-time") == "阳城 五（三） 报送时间"
    assert p.clause_label("xinzhou-annual-assessment", "s5-1") == "忻州 五（一）"
    assert p.clause_label("safety-kpi-samples", "f1-5-1-6-3") == "范例 范文1 五（一）6.3"
    assert p.clause_label("safety-kpi-samples", "f1-6-4") == "范例 范文1 六、4"
    assert p.clause_label("national", "ce-hours") == "国家规定 专业技术人员继续教育规定 第八条"
    assert p.clause_label("holidays", "y2025") == "放假安排 2025年"
