"""Every calculator's result prints as a sheet to hand in (issue 18), checked from chromium's PDF.

For each calculator the case of tests/cases/calculators.yaml with the most findings is loaded
through a share link (the answers in the URL fragment, as a reader would open one), printed to A4,
and read back with pdftotext: at most two pages, the title, the notice, every finding's clause as
printed and the clause's own words, the date, 「仅供自查，以评审机构审核为准」, the page's address,
and nothing of the site around it.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess

import pytest
from helpers.browser import watched_page
from helpers.calc_cases import load_cases

from calculators import list_calculators, run

SITE_TEXT = ("安全领域专业技术人才政策手册", "计算器已就绪", "导出填写内容", "分享链接", "详细数据",
             "修改输入后自动重新计算", "计算在本机浏览器中完成（Python", "依据条款：", "打印结果", "跳转至",
             "您填写的内容")


def compact(text: str) -> str:
    """The text without spaces, line breaks and the page footers (1/2) a page break puts in it."""
    text = re.sub(r"^\s*\d+\s*/\s*\d+\s*$", "", text, flags=re.M)
    return re.sub(r"\s+", "", text)


def typed(value):
    """Answers as the form holds them: text (numbers typed), true/false, rows of text."""
    if isinstance(value, list):
        return [{k: typed(v) for k, v in row.items()} for row in value]
    if isinstance(value, bool) or value is None:
        return value
    return str(value)


def share_link(calculator: str, inputs: dict) -> str:
    answers = {k: typed(v) for k, v in inputs.items() if v is not None}   # a blank field is no answer
    data = json.dumps({"c": calculator, "i": answers}, ensure_ascii=False)
    return "#a=" + base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")


def richest_cases(params) -> dict[str, dict]:
    """Per calculator, the passing case whose result has the most findings (the longest sheet)."""
    best: dict[str, tuple[int, dict]] = {}
    for case in load_cases():
        if not case["ok"]:
            continue
        result = run(case["calculator"], case["inputs"], params)
        size = len(result.get("reasons", [])) + len(json.dumps(case["inputs"]))
        if result["ok"] and size > best.get(case["calculator"], (-1, None))[0]:
            best[case["calculator"]] = (size, case)
    return {k: v[1] for k, v in best.items()}


@pytest.fixture(scope="module")
def printed(browser, base_url, params, artifacts, tmp_path_factory):
    folder = tmp_path_factory.mktemp("calc-print")
    out = {}
    cases = richest_cases(params)
    context = browser.new_context(locale="zh-CN")
    for page in watched_page(context, base_url):
        for calc in list_calculators():
            case = cases[calc["id"]]
            page.goto(f"{base_url}calculators/{calc['id']}/{share_link(calc['id'], case['inputs'])}")
            try:
                page.wait_for_function("() => Number(document.querySelector('.calc').dataset.results || 0) >= 1",
                                       timeout=60_000)
            except Exception:
                raise AssertionError(page.locator(".calc-keep").inner_text() + page.locator(".calc-status").inner_text()
                                     + page.locator(".calc-form").inner_text()) from None
            page.wait_for_selector(".calc-sheet.is-ready", state="attached")
            pdf = folder / f"{calc['id']}.pdf"
            page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
            text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout
            pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
                ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout)[1])
            (artifacts / f"calc-print-{calc['id']}.txt").write_text(text, encoding="utf-8")
            subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf),
                            str(artifacts / f"calc-print-{calc['id']}")], check=True)
            out[calc["id"]] = {"text": text, "pages": pages, "case": case,
                               "result": run(calc["id"], case["inputs"], params),
                               "words": json.loads(page.locator("script.calc-sheet-data").text_content())["words"],
                               "url": page.url}
            # the share link's answers leave the address bar once read
            assert "#a=" not in page.url
    context.close()
    return out


IDS = [c["id"] for c in list_calculators()]


@pytest.mark.parametrize("calc_id", IDS)
def test_one_or_two_a4_pages(printed, calc_id):
    assert 1 <= printed[calc_id]["pages"] <= 2, printed[calc_id]["pages"]


@pytest.mark.parametrize("calc_id", IDS)
def test_every_finding_with_its_clause_and_the_clauses_words(printed, calc_id):
    got = printed[calc_id]
    text = compact(got["text"])
    result = got["result"]
    assert compact(result["title"]) in text
    assert compact(result["outcome"]["text"]) in text
    assert result["reasons"]
    for reason in result["reasons"]:
        assert compact(reason["text"])[:40] in text, reason["text"]
        if reason.get("url"):
            assert compact(reason["label"]) in text, reason["label"]
            words = got["words"].get(reason["url"])
            assert words, f"no words for {reason['url']}"
            assert compact(words) in text, (reason["url"], words)   # in 所引条款原文, or quoted whole in the finding
    for status in {r["status"] for r in result["reasons"]}:
        assert {"pass": "［符合］", "fail": "［不符合］", "info": "［说明］"}[status] in text
    if result.get("notice"):
        assert compact(result["notice"]["number"] or result["notice"]["title"]) in text


@pytest.mark.parametrize("calc_id", IDS)
def test_the_date_the_disclaimer_and_the_address_and_nothing_of_the_site(printed, calc_id):
    got = printed[calc_id]
    text = compact(got["text"])
    assert "仅供自查，以评审机构审核为准" in text
    assert re.search(r"计算日期：\d{4}年\d{1,2}月\d{1,2}日", text)
    assert compact(got["url"].split("#")[0]) in text
    for words in SITE_TEXT:
        assert compact(words) not in text, words
    assert "填写的内容" in text   # the check-answers list, as printed


PLANS = [{"procedure": "yangcheng-junior-title:application", "anchor_date": "2024-12-20"},
         {"procedure": "zhejiang-senior-title:application", "anchor_date": "2025-02-07"},
         {"procedure": "zhejiang-senior-title:review", "anchor_date": "2024-10-15"},
         {"procedure": "zhejiang-senior-title:review", "direction": "forward", "start": "2024-09-20",
          "reserve": "3"}]


@pytest.mark.parametrize("inputs", PLANS, ids=lambda i: f"{i['procedure']}-{i.get('direction', 'backward')}")
def test_a_plan_prints_on_one_page_with_its_timeline(browser, base_url, params, tmp_path, inputs):
    context = browser.new_context(locale="zh-CN")
    for page in watched_page(context, base_url):
        page.goto(f"{base_url}calculators/procedure-plan/{share_link('procedure-plan', inputs)}")
        page.wait_for_selector(".calc-sheet.is-ready", state="attached", timeout=60_000)
        pdf = tmp_path / "plan.pdf"
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"Pages:\s+(\d+)", info)[1] == "1"
        text = compact(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                      check=True).stdout)
        for step in run("procedure-plan", inputs, params)["values"]["steps"]:
            # a table cell wraps beside its neighbours in pdftotext's layout: its first words and the
            # step's date (never wrapped) are what can be looked for
            y, m, d = (int(x) for x in step["first"].split("-"))
            assert compact(f"{step['n']}.{step['title'][:5]}") in text
            assert f"{y}年{m}月{d}日" in text
    context.close()
