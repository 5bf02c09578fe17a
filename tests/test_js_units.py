"""The pure parts of the browser code, run by Node's own test runner (tests/js/*.test.mjs)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import ROOT


def test_node_unit_tests_pass():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is required (make test installs it)")
    result = subprocess.run([node, "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
