"""Every kind of data fault (tests/cases/data_faults.yaml) gets a located Chinese message from
`handbook check` and the build's loader: exit status 2, no traceback."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from handbook.loader import DataErrors, load_handbook

from conftest import ROOT, copy_project

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "data_faults.yaml").read_text("utf-8"))


def apply(data: Path, case: dict) -> int | None:
    """Put the fault into ``data``; return the line of the new text where there is one."""
    path = data / case["file"]
    if case.get("delete"):
        path.unlink()
    elif "write" in case:
        path.write_text(case["write"], "utf-8")
    elif "write_bytes" in case:
        path.write_bytes(ast.literal_eval(case["write_bytes"]))
    elif "nesting" in case:
        path.write_text("a: " + "[" * case["nesting"] + "]" * case["nesting"] + "\n", "utf-8")
    elif "big" in case:
        path.write_text("# " + "x" * case["big"] + "\n", "utf-8")
    else:
        text = path.read_text("utf-8")
        assert case["old"] in text, case["old"]
        path.write_text(text.replace(case["old"], case["new"], 1), "utf-8")
        start = text.index(case["old"])
        changed = next((i for i, (a, b) in enumerate(zip(case["old"], case["new"], strict=False)) if a != b),
                       min(len(case["old"]), len(case["new"])))   # new text added after the old
        return text[: start + changed].count("\n") + 1
    return None


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_fault_is_reported_with_its_place(tmp_path, case):
    data = copy_project(tmp_path) / "policy_data"
    line = apply(data, case)
    with pytest.raises(DataErrors) as info:
        load_handbook(data)
    report = str(info.value)
    assert case["expect"] in report, report
    assert f"policy_data/{case['file']}" in report, report
    if case.get("line"):
        assert f"policy_data/{case['file']}:{line}:" in report, (line, report)


@pytest.mark.parametrize("case", [c for c in CASES if c.get("cli")], ids=lambda c: c["name"])
def test_the_command_exits_2_without_a_traceback(tmp_path, case):
    data = copy_project(tmp_path) / "policy_data"
    apply(data, case)
    proc = subprocess.run([sys.executable, "-m", "handbook", "check", str(data)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and case["expect"] in proc.stderr
    assert len(proc.stderr) < 5000   # a report, not thousands of lines


def test_there_are_at_least_36_kinds():
    assert len(CASES) >= 36


def test_serve_rebuilds_when_the_data_changes(tmp_path):
    """`make serve` (mkdocs serve) rebuilds and serves a one-line policy_data/ edit."""
    import socket
    import time
    import urllib.request

    project = copy_project(tmp_path)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/documents/yangcheng-junior-title/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(text: str) -> bool:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if text in page():
                return True
            time.sleep(0.5)
        return False

    try:
        assert wait_for("联系方式：0356-4220191")
        doc = project / "policy_data/documents/yangcheng-junior-title/2024.yaml"
        doc.write_text(doc.read_text("utf-8").replace("联系方式：0356-4220191", "联系方式：0356-4220192"), "utf-8")
        assert wait_for("联系方式：0356-4220192")
    finally:
        server.terminate()
        server.wait(timeout=30)
