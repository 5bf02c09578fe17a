"""A second handbook, made by ``python -m handbook new`` in a temporary folder: its own tests pass
as written, its site builds with its own calculators package (the kit's wheel beside its own, its
colours), its calculator answers in Pyodide in chromium, its form prints on A4, and not one of its
pages names a notice of the safety handbook. A change that breaks other users of the generator
fails here."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.browser import watched_page
from helpers.forms import pdf_info, pdf_text, print_pdf
from helpers.nginx import nginx

from conftest import ROOT

START_TIMEOUT = 90_000
# what names the safety handbook's notices (their places, ids and subjects)
SAFETY_WORDS = re.compile(r"忻州|浙江|阳城|山西|安全生产|安全领域|安全工程|"
                          r"xinzhou|zhejiang|yangcheng|shanxi|safety-kpi")


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """The new handbook, as ``python -m handbook new`` writes it for 某市人社局."""
    dest = tmp_path_factory.mktemp("other") / "handbook"
    proc = run([sys.executable, "-m", "handbook", "new", str(dest), "--name", "某市人力资源和社会保障局"], cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return dest


@pytest.fixture(scope="module")
def other_site(made) -> Path:
    """Its site, built as its README's ``make serve`` builds it (the runtime cache shared, as warm)."""
    proc = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=made,
               HANDBOOK_CACHE=str(ROOT / "build"))
    assert proc.returncode == 0, proc.stderr
    return made / "site"


def test_nothing_of_this_handbook_is_written_into_it(made):
    files = [p for p in made.rglob("*") if p.is_file()]
    assert {p.relative_to(made).parts[0] for p in files} == {
        "mkdocs.yml", "pyproject.toml", "Makefile", "README.md", ".gitignore",
        "policy_data", "calculators", "docs", "tests"}
    named = [str(p) for p in files if SAFETY_WORDS.search(p.read_text("utf-8"))]
    assert not named
    assert sys.executable in (made / "Makefile").read_text("utf-8")


def test_its_own_tests_pass_as_written(made):
    """``make test``'s checks: the data, the calculator's cases (tests as data), a full build."""
    check = run([sys.executable, "-m", "handbook", "check"], cwd=made)
    assert check.returncode == 0 and "1 份文件" in check.stdout, check.stderr
    tests = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=made,
                HANDBOOK_CACHE=str(ROOT / "build"))
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert re.search(r"\b6 passed\b", tests.stdout), tests.stdout[-500:]


def test_no_page_names_a_notice_of_this_handbook(other_site):
    """Its pages, open data, scripts and styles (the runtime and the compressed index aside)."""
    pages = [p for p in other_site.rglob("*") if p.suffix in (".html", ".json", ".ics", ".csv", ".js", ".css")
             and "pyodide" not in p.parts and "pagefind" not in p.parts]
    assert len([p for p in pages if p.suffix == ".html"]) >= 8
    named = {str(p.relative_to(other_site)): sorted(set(SAFETY_WORDS.findall(p.read_text("utf-8"))))
             for p in pages if SAFETY_WORDS.search(p.read_text("utf-8"))}
    assert not named
    home = (other_site / "index.html").read_text("utf-8")
    assert "某市人力资源和社会保障局政策手册（示例）" in home and "虚构" in home


def test_every_page_says_it_is_an_example(other_site):
    for page in other_site.rglob("*.html"):
        if page.name == "404.html" or "pyodide" in page.parts:
            continue
        assert "（示例）" in page.read_text("utf-8"), page


def test_its_site_ships_the_kit_and_its_own_package(other_site):
    """Its runtime, its colours, and the search index and Word/Excel files, made as for this handbook."""
    assert (other_site / "pagefind" / "pagefind.js").is_file()
    form = other_site / "forms" / "example-application"
    assert (form / "example-application.docx").is_file() and (form / "example-application.xlsx").is_file()
    lock = json.loads(next((other_site / "assets" / "pyodide").glob("*/pyodide-lock.json")).read_text("utf-8"))
    assert {name: entry["imports"] for name, entry in lock["packages"].items()} == {
        "handbook-calckit": ["calckit"], "handbook-calculators": ["calculators"]}
    css = (other_site / "assets" / "handbook.css").read_text("utf-8")
    palette = css[:css.index("}")]   # the declared colours come first; alerts further on stay red
    assert "--md-primary-fg-color: #1f4e79;" in palette and "#b3261e" not in palette


def test_its_calculator_answers_in_pyodide_and_its_form_prints(other_site, browser, tmp_path):
    with nginx(other_site) as base_url:
        context = browser.new_context(viewport={"width": 360, "height": 740})
        for page in watched_page(context, base_url):
            page.goto(f"{base_url}calculators/example-review-vote/")
            page.wait_for_selector(".calc[data-ready=true]", timeout=START_TIMEOUT)
            page.fill("#f-attending", "12")
            page.fill("#f-approvals", "7")
            page.locator(".calc-form button[type=submit]").click()
            page.wait_for_function("() => (document.querySelector('.calc-outcome .outcome-text') || {})"
                                   ".textContent?.includes('8 票')")
            outcome = page.locator(".calc-outcome .outcome-text").inner_text()
            assert outcome == "未通过（需 8 票，得 7 票）"
            assert page.locator(".calc-result").get_attribute("data-status") == "fail"
            assert "二（二）" in page.locator(".calc-reasons").inner_text()

            page.goto(f"{base_url}forms/example-application/")
            page.fill('[name="ce_public"]', "30")
            page.fill('[name="ce_pro"]', "64")
            page.wait_for_function("() => document.querySelector('output[data-computed=ce_total]')"
                                   ".textContent === '94'", timeout=START_TIMEOUT)
            pdf = tmp_path / "form.pdf"
            page.emulate_media(media="print")
            print_pdf(page, pdf, blank=False)
            pages, (width, height) = pdf_info(pdf)
            assert pages == 1 and (round(width), round(height)) == (595, 842)   # one A4 page
            text = pdf_text(pdf)
            assert "中级职称评审申报简表" in text and "94" in text
        context.close()


def test_only_the_adapter_knows_mkdocs():
    """MkDocs and Material are reached through handbook/mkdocs_adapter/ alone, so that the rest moves
    unchanged to another site builder (ARCHITECTURE, “When Material's fixes stop”)."""
    import ast

    knowing = set()
    for path in (ROOT / "handbook").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] in ("mkdocs", "material") for n in names):
                knowing.add(path.relative_to(ROOT / "handbook").parts[0])
    assert knowing == {"mkdocs_adapter"}


def test_the_agencys_own_notice_is_imported_into_it(made, tmp_path):
    """``python -m handbook import`` in the new handbook: its notice (a made-up one of 某市人社局,
    tests/fixtures/other-agency-notice.txt) drafted beside the example, and the data still valid."""
    import shutil

    copy = tmp_path / "handbook"
    shutil.copytree(made, copy, ignore=shutil.ignore_patterns("site", "build"))
    notice = ROOT / "tests" / "fixtures" / "other-agency-notice.txt"
    imported = run([sys.executable, "-m", "handbook", "import", str(notice), "--id", "mid-title-2026"], cwd=copy)
    assert imported.returncode == 0, imported.stderr
    assert "15/15 句已放入条款" in imported.stdout
    drafted = (copy / "policy_data" / "documents" / "mid-title-2026.yaml").read_text("utf-8")
    assert "从事本专业技术工作满4年" in drafted
    check = run([sys.executable, "-m", "handbook", "check"], cwd=copy)
    assert check.returncode == 0 and "2 份文件" in check.stdout, check.stderr
