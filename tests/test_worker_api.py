"""The worker's entry point (calckit/worker_api.py) in CPython, as the browser calls it: a kind,
JSON text and bytes in; bytes and one reply shape out ({ok, value} or {ok: false, error}); every
calculator found in a fresh interpreter (its module imported on first use), and a module the
browser's cut standard library lacks answered in words."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def test_a_fresh_interpreter_finds_every_calculator_through_the_worker_api(params):
    code = """
import json, sys
from calckit import worker_api
worker_api.start("calculators", sys.stdin.read())   # as the browser's worker does
from calculators import MODULES
out = {c: json.loads(worker_api.answer("run", json.dumps({"calculator": c, "inputs": {}}))[1]) for c in MODULES}
print(json.dumps({c: [r.get("error", "")] + [e["message"] for e in r.get("value", {}).get("errors", [])]
                  for c, r in out.items()}, ensure_ascii=False))
"""
    proc = subprocess.run([sys.executable, "-c", code], input=json.dumps(params, ensure_ascii=False),
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    for calculator, messages in json.loads(proc.stdout).items():
        assert not any("没有名为" in m for m in messages), (calculator, messages)


def test_a_missing_module_is_a_message_not_a_crash(monkeypatch):
    from calckit import worker_api

    def needs_a_module(_payload, _data):
        __import__("no_such_module_here")

    monkeypatch.setitem(worker_api.KINDS, "run", needs_a_module)
    data, reply = worker_api.answer("run", "{}")
    out = json.loads(reply)
    assert data == b"" and out["ok"] is False and set(out) == {"ok", "error"}
    assert "no_such_module_here" in out["error"] and "精简" in out["error"] and "没有丢失" in out["error"]


def test_every_kind_answers_in_one_shape_and_never_raises(params):
    from calckit import worker_api

    worker_api.set_params(json.dumps(params, ensure_ascii=False))
    vote = {"calculator": "zhejiang-committee-vote", "inputs": {"attending": 17}}
    _, reply = worker_api.answer("run", json.dumps(vote))
    out = json.loads(reply)
    assert out["ok"] is True and out["value"]["ok"] is True
    # a broken template is said, not raised, and without the "计算出错" of an unexpected failure
    data, reply = worker_api.answer("fill-office", json.dumps({"kind": "docx", "values": {}}), b"not a zip")
    out = json.loads(reply)
    assert data == b"" and out == {"ok": False, "error": "模板文件已损坏，请刷新页面后重试"}
    # a wrong file is the roster's own answer: its problems, in the value
    _, reply = worker_api.answer("roster", json.dumps({"action": "read", "name": "x.csv", "fields": [], "table": "t",
                                                       "required": [], "max_rows": 10}), b"\xff\xfe\x00")
    out = json.loads(reply)
    assert out["ok"] is True and "ok" in out["value"]
    # an unknown mode ends the batch with its reason; a step after it has nothing to go on
    _, reply = worker_api.answer("batch", json.dumps({"action": "start", "mode": "fax", "forms": [], "sizes": [],
                                                      "values": {}}))
    out = json.loads(reply)
    assert out["ok"] is False and "fax" in out["error"] and not out["error"].startswith("计算出错")
    assert json.loads(worker_api.answer("batch", json.dumps({"action": "step"}))[1]) == {
        "ok": True, "value": {"cancelled": True}}
    # a payload missing what the kind needs, and a kind that does not exist: still a reply
    assert json.loads(worker_api.answer("totals", "{}")[1])["error"].startswith("计算出错")
    assert json.loads(worker_api.answer("fax", "{}")[1]) == {"ok": False, "error": "未知的请求：fax"}
