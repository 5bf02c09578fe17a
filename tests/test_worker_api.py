"""The worker's entry points (calculators/worker_api.py) in CPython, as the browser calls them:
JSON text in and out, every calculator found in a fresh interpreter (its module imported on first
use), and a module the browser's cut standard library lacks answered in words."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def test_a_fresh_interpreter_finds_every_calculator_through_the_worker_api(params):
    code = """
import json, sys
from calculators import MODULES, worker_api
worker_api.set_params(sys.stdin.read())
out = {c: json.loads(worker_api.run_json(c, "{}")) for c in MODULES}
print(json.dumps({c: [e["message"] for e in r.get("errors", [])] for c, r in out.items()}, ensure_ascii=False))
"""
    proc = subprocess.run([sys.executable, "-c", code], input=json.dumps(params, ensure_ascii=False),
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    for calculator, messages in json.loads(proc.stdout).items():
        assert not any("没有名为" in m for m in messages), (calculator, messages)


def test_a_missing_module_is_a_message_not_a_crash():
    from calculators import worker_api

    out = json.loads(worker_api.guarded(lambda: __import__("no_such_module_here"), worker_api._error))
    assert out["ok"] is False and out["internal"] is True
    message = out["errors"][0]["message"]
    assert "no_such_module_here" in message and "精简" in message and "没有丢失" in message


def test_the_entry_points_answer_json(params):
    from calculators import worker_api

    worker_api.set_params(json.dumps(params, ensure_ascii=False))
    out = json.loads(worker_api.run_json("zhejiang-committee-vote", json.dumps({"attending": 17})))
    assert out["ok"] is True
    data, _left, error = worker_api.fill("docx", b"not a zip", "{}")
    assert data == b"" and error      # a broken template is said, not raised
    out = json.loads(worker_api.roster_json("read", json.dumps({"name": "x.csv", "fields": [], "table": "t",
                                                                 "required": [], "max_rows": 10}), b"\xff\xfe\x00"))
    assert "ok" in out
