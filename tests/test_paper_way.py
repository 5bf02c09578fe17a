"""The paper way (progressive enhancement): each calculator's 纸面自查清单 is made at build time from
the clauses the calculator declares (handbook/render.py paper_rows), so it cannot drift from what
the calculator checks — every clause a result cites, over every case of tests/cases/calculators.yaml,
is on its list — and it prints on at most two A4 pages with the clause's words."""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict

import pytest
from helpers.calc_cases import load_cases

from calculators import run

HOLIDAYS = "holidays"   # a result's day counts cite the holiday notices, which are data, not a rule


@pytest.fixture(scope="module")
def renderer(handbook, params):
    from handbook.export import describe_all
    from handbook.render import Renderer

    return Renderer(handbook, calculators=describe_all(params), params=params)


def test_every_clause_a_result_cites_is_on_the_calculators_paper_list(renderer, params):
    declared = {c["id"]: {(r["doc"], x) for r in renderer.paper_rows(c) for x in r["covers"]}
                for c in renderer.calculators}
    cited = defaultdict(set)
    for case in load_cases():
        result = run(case["calculator"], case["inputs"], params)
        for reason in result.get("reasons", []):
            if "doc" not in reason or reason["doc"] == HOLIDAYS:
                continue
            ref = (reason["doc"], reason["clause"])
            # a note (info) may name the whole document part the clauses are in: 范文1 of the 004 compilation
            whole_part = reason["status"] == "info" and any(
                d == ref[0] and c.startswith(f"{ref[1]}-") for d, c in declared[case["calculator"]])
            if not whole_part:
                cited[case["calculator"]].add(ref)
    assert set(cited) == set(declared), set(declared) ^ set(cited)   # every calculator has cases
    missing = {calc: sorted(refs - declared[calc]) for calc, refs in cited.items() if refs - declared[calc]}
    assert not missing, missing


def test_each_row_has_the_clauses_words_its_number_and_the_policy_numbers_in_it(renderer, handbook):
    for calc in renderer.calculators:
        rows = renderer.paper_rows(calc)
        assert rows, calc["id"]
        for row in rows:
            assert len(row["text"]) > 4 and row["source"], (calc["id"], row)
        for row in rows:
            if row["doc"] == "national":
                continue
            for p in handbook.document(row["doc"]).parameters:
                if p.clause == row["clause"]:
                    assert any(p.quote in line for line in row["params"]), (calc["id"], p.id)


def test_each_list_prints_on_at_most_two_a4_pages_with_its_words(browser, base_url, site_dir, artifacts):
    folder = artifacts / "paper"
    folder.mkdir(exist_ok=True)
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    for index in sorted((site_dir / "calculators").glob("*/index.html")):
        calc = index.parent.name
        page.goto(f"{base_url}calculators/{calc}/")
        pdf = folder / f"{calc}.pdf"
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
        pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout)[1])
        text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                                 check=True).stdout)
        assert pages <= 2, (calc, pages)
        assert "纸面自查清单" in text and "□符合" in text, calc
        assert "本清单依据" in text and "状态：" in text, calc   # which notice, and whether it still applies
        first = page.locator(".calc-paper-table tbody tr td:nth-child(2)").first.inner_text()
        assert re.sub(r"\s+", "", first)[:6] in text, (calc, first)   # a row's first words (columns interleave)
        assert "导出填写内容" not in text   # the calculator's own controls are not printed
    context.close()
