"""The engines readers have besides Chromium: Firefox ESR (Debian's firefox-esr, puppeteer-core over
WebDriver BiDi) and WebKitGTK, Safari's engine family (Debian's WebKitWebDriver, Selenium, Xvfb),
against nginx with deploy/README.md's configuration. In each, the steps of tests/engines/scenario.py: a
calculator's result equal to Chromium's, on a first visit, the next and a reload (the kept snapshot
used on the second and third), a form's draft kept across a reload, the form as a Word file made in
the page, and a search with Chromium's first results. Each engine's first-result times are written
to test-artifacts/engines.json (ARCHITECTURE.md's table is taken from it)."""

from __future__ import annotations

import base64
import io
import json
import shutil
import subprocess
import tempfile

import pytest
from engines.scenario import NAME, STEPS
from helpers.engines import playwright_steps

from conftest import ROOT

FIREFOX = "/usr/bin/firefox-esr"


@pytest.fixture(scope="module")
def reference(browser, base_url) -> dict:
    """What Chromium does with the same steps."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740})
    reads = playwright_steps(context.new_page(), base_url, STEPS)
    context.close()
    return reads


@pytest.fixture(scope="module")
def figures(artifacts):
    out: dict = {}
    yield out
    (artifacts / "engines.json").write_text(json.dumps(out, ensure_ascii=False, indent=1), "utf-8")


def docx_text(b64: str) -> str:
    import docx

    document = docx.Document(io.BytesIO(base64.b64decode(b64)))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def check_like_chromium(engine: str, reads: dict, reference: dict, figures: dict) -> None:
    figures[engine] = {"user_agent": reads["user_agent"],
                       **{k: reads[k] for k in reads if k.startswith(("first_result_ms", "start", "how"))}}
    figures.setdefault("chromium", {"user_agent": reference["user_agent"],
                                    **{k: reference[k] for k in reference
                                       if k.startswith(("first_result_ms", "start", "how"))}})
    for n in (1, 2, 3):
        assert reads[f"outcome{n}"] == reference[f"outcome{n}"], (engine, n, reads[f"outcome{n}"])
        assert "12" in reads[f"outcome{n}"]          # 17 attending: two thirds is 12 votes
    assert reads["draft"] == NAME, (engine, reads["draft"], reads["draft_message"])
    assert "已恢复本机保存的草稿" in reads["draft_message"], reads["draft_message"]
    assert NAME in docx_text(reads["docx"])
    assert reads["search"] == reference["search"], (engine, reads["search"], reference["search"])
    # the snapshot kept after the first answer is restored on the next visit and on a reload
    # (WebKitGTK has no private file system for workers: there it is kept in IndexedDB, kept-db.js)
    assert (reads["how1"], reads["how2"], reads["how3"]) == ("fetched", "kept", "kept"), (engine, reads)


def test_firefox_esr_does_what_chromium_does(base_url, reference, figures, tmp_path):
    node = shutil.which("node")
    if not (node and shutil.which(FIREFOX)):
        pytest.fail("firefox-esr and node are required (make system-deps installs them)")
    steps = tmp_path / "steps.json"
    steps.write_text(json.dumps(STEPS, ensure_ascii=False), "utf-8")
    profile = tempfile.mkdtemp(prefix="handbook-firefox-")
    try:
        result = subprocess.run([node, "tests/engines/firefox.mjs", base_url, str(steps), profile], cwd=ROOT,
                                capture_output=True, text=True, timeout=600)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert result.stdout.strip(), result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert "error" not in out, (out["error"], out["step"])
    check_like_chromium("firefox", out["reads"], reference, figures)


def test_webkitgtk_does_what_chromium_does(base_url, reference, figures):
    from engines.webkit import WebKitMissing, run_steps, webkit

    try:
        with webkit() as driver:
            reads = run_steps(driver, base_url, STEPS)
    except WebKitMissing as exc:
        pytest.fail(str(exc))
    check_like_chromium("webkitgtk", reads, reference, figures)
