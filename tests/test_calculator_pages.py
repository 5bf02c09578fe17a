"""Every calculator page in Debian's chromium: the form built from the schema, Python started
in a worker from the site's own Pyodide, results equal to CPython's, errors next to fields.

The inputs come from tests/cases/calculators.yaml: for each calculator the first case that
a person could type into the form with a result, and the first with a field error.
"""

from __future__ import annotations

import re

import pytest

from calculators import MODULES, describe, run

from browser import serve, watched_page
from calc_cases import load_cases

START_TIMEOUT = 60_000


@pytest.fixture(scope="module")
def shared_context(browser):
    """One browser profile for the module, as one person visiting several pages."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    yield context
    context.close()


@pytest.fixture
def page(shared_context, base_url):
    """A new tab that records every request (all must go to the test server)."""
    yield from watched_page(shared_context, base_url)


@pytest.fixture
def fresh_page(browser, base_url):
    """A tab in a profile of its own, for tests that tamper with the network."""
    context = browser.new_context()
    yield from watched_page(context, base_url)
    context.close()


# --- filling a generated form from a case's inputs ------------------------------------------

def form_value(field: dict, value) -> str | None:
    """The value a person would enter for ``value``, or None if the form cannot express it."""
    if field["type"] == "yesno":
        if value in (True, "是", "true"):
            return "true"
        if value in (False, "否", "false"):
            return "false"
        return None
    if field["type"] == "choice":
        return value if value in [c["value"] for c in field["choices"]] else None
    if field["type"] == "date":
        return value if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value) else None
    return str(value)


def fillable(schema: dict, inputs) -> bool:
    if not isinstance(inputs, dict):
        return False
    fields = {f["name"]: f for f in schema["inputs"]}
    for name, value in inputs.items():
        if value is None:
            continue
        field = fields.get(name)
        if field is None:
            return False
        if field["type"] == "rows":
            cols = {c["name"]: c for c in field["columns"]}
            if not isinstance(value, list) or len(value) > field.get("max_rows", 99):
                return False
            for row in value:
                if not all(k in cols and form_value(cols[k], v) is not None
                           for k, v in row.items() if v is not None):
                    return False
        elif form_value(field, value) is None:
            return False
    return True


def set_control(control, field: dict, value) -> None:
    text = form_value(field, value)
    if field["type"] in ("choice", "yesno"):
        control.select_option(text)
    else:
        control.fill(text)


def fill_form(page, schema: dict, inputs: dict) -> None:
    fields = {f["name"]: f for f in schema["inputs"]}
    for name, value in inputs.items():
        if value is None:
            continue
        field = fields[name]
        box = page.locator(f'.calc-field[data-field="{name}"]')
        if field["type"] == "rows":
            cols = {c["name"]: c for c in field["columns"]}
            for i, row in enumerate(value):
                if box.locator("tbody tr").count() <= i:
                    box.locator(".calc-add-row").click()
                tr = box.locator("tbody tr").nth(i)
                for col, v in row.items():
                    if v is not None:
                        set_control(tr.locator(f'td[data-column="{col}"] input, '
                                               f'td[data-column="{col}"] select'), cols[col], v)
        else:
            set_control(box.locator(":scope > input, :scope > select"), field, value)


def submit_and_wait(page) -> None:
    before = int(page.locator(".calc").get_attribute("data-results") or 0)
    page.locator(".calc-form button[type=submit]").click()
    page.wait_for_function(
        f"Number(document.querySelector('.calc').dataset.results || 0) > {before}")
    page.wait_for_timeout(400)   # let any debounced run settle; submit sent the last inputs


def open_calculator(page, base_url: str, calc_id: str) -> None:
    page.goto(f"{base_url}calculators/{calc_id}/")
    page.wait_for_selector(".calc[data-ready=true]", timeout=START_TIMEOUT)


def pick(calc_id: str, schema: dict, ok: bool) -> dict | None:
    for case in load_cases():
        if case["calculator"] == calc_id and case["ok"] == ok and fillable(schema, case["inputs"]):
            return case
    return None


CALCS = sorted(MODULES)


@pytest.mark.parametrize("calc_id", CALCS)
def test_valid_inputs_give_the_cpython_result(page, base_url, params, artifacts, calc_id):
    schema = describe(calc_id, params)
    case = pick(calc_id, schema, ok=True)
    assert case, f"no fillable ok case for {calc_id}"
    open_calculator(page, base_url, calc_id)
    fill_form(page, schema, case["inputs"])
    submit_and_wait(page)
    expected = run(calc_id, case["inputs"], params)
    assert page.locator(".calc-result").is_visible()
    assert page.locator(".calc-outcome").inner_text() == expected["outcome"]["text"]
    reasons = page.locator(".calc-reasons li")
    assert reasons.count() == len(expected["reasons"])
    for i, reason in enumerate(expected["reasons"]):
        li = reasons.nth(i)
        assert reason["text"] in li.inner_text()
        if "url" in reason:
            href = li.locator("a").get_attribute("href")
            assert href.endswith(reason["url"])
    if expected.get("formula"):
        assert expected["formula"] in page.locator(".calc-formula").inner_text()
    page.screenshot(path=str(artifacts / f"calc-{calc_id}.png"), full_page=True)


@pytest.mark.parametrize("calc_id", CALCS)
def test_an_invalid_value_shows_its_error_next_to_the_field(page, base_url, params, artifacts,
                                                            calc_id):
    schema = describe(calc_id, params)
    case = pick(calc_id, schema, ok=False)
    if case is None:   # every error case of this calculator needs input a form cannot send
        first = schema["inputs"][0]
        case = {"inputs": {first["name"]: "-1" if first["type"] in ("integer", "decimal") else ""}}
    open_calculator(page, base_url, calc_id)
    fill_form(page, schema, case["inputs"])
    submit_and_wait(page)
    expected = run(calc_id, case["inputs"], params)
    assert not expected["ok"]
    assert page.locator(".calc-result").is_hidden()
    for error in expected["errors"]:
        shown = page.locator(".calc-error").all_inner_texts()
        assert any(error["message"] in text for text in shown), (error, shown)
    page.screenshot(path=str(artifacts / f"calc-{calc_id}-error.png"), full_page=True)


def test_results_follow_the_inputs_without_restarting_python(page, base_url):
    open_calculator(page, base_url, "zhejiang-committee-vote")
    worker_requests = len([u for u in page.requests if "pyodide.asm.wasm" in u])
    assert worker_requests <= 1
    page.fill("#f-attending", "17")
    page.wait_for_function("document.querySelector('.calc-outcome').textContent.includes('12')")
    page.fill("#f-attending", "19")
    page.wait_for_function("document.querySelector('.calc-outcome').textContent.includes('13')")
    assert len([u for u in page.requests if "pyodide.asm.wasm" in u]) == worker_requests


def test_policy_pages_never_load_pyodide(page, base_url):
    for path in ("", "documents/zhejiang-senior-title/", "overview/deadlines/", "calculators/"):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    assert not [u for u in page.requests if "/pyodide/" in u or "calculator" in u.rsplit("/", 1)[-1]]


def test_from_a_document_to_its_calculator_and_back(page, base_url):
    page.goto(f"{base_url}documents/zhejiang-senior-title/")
    page.locator("#calculators a", has_text="评委会组成与投票表决").click()
    page.wait_for_url(re.compile("calculators/zhejiang-committee-vote/$"))
    page.wait_for_selector(".calc[data-ready=true]", timeout=START_TIMEOUT)
    page.fill("#f-attending", "16")
    page.wait_for_function("document.querySelector('.calc-outcome').textContent.includes('11')")
    page.locator(".calc-reasons a", has_text="s4-2").first.click()
    page.wait_for_url(re.compile(r"documents/zhejiang-senior-title/#s4-2$"))
    assert "出席会议专家不得少于17人" in page.locator("#s4-2").inner_text()
    page.go_back()
    page.wait_for_selector(".calc[data-ready=true]", timeout=START_TIMEOUT)
    page.fill("#f-attending", "18")
    page.wait_for_function("document.querySelector('.calc-outcome').textContent.includes('12')")


def test_keypoints_link_to_calculators(page, base_url):
    page.goto(f"{base_url}documents/xinzhou-annual-assessment/")
    page.locator("#kp-excellent-ratio-max a.kp-calc").first.click()
    page.wait_for_url(re.compile("calculators/xinzhou-excellent-quota/$"))


def test_a_runtime_that_cannot_start_says_so(fresh_page, base_url):
    page = fresh_page
    page.context.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(f"{base_url}calculators/zhejiang-sanction/")
    page.wait_for_selector(".calc-status[data-state=failed]", timeout=START_TIMEOUT)
    assert "计算器未能启动" in page.locator(".calc-status").inner_text()
    page.errors.clear()


def test_a_tampered_wheel_is_reported(fresh_page, base_url):
    page = fresh_page
    def corrupt(route):
        response = route.fetch()
        body = bytearray(response.body())
        body[len(body) // 2] ^= 0xFF
        route.fulfill(response=response, body=bytes(body))

    page.context.route(re.compile(r".*/handbook_calculators-.*\.whl$"), corrupt)
    page.goto(f"{base_url}calculators/zhejiang-sanction/")
    page.wait_for_selector(".calc-status[data-state=failed]", timeout=START_TIMEOUT)
    assert "计算器程序包未能加载" in page.locator(".calc-status").inner_text()


# --- a site served under a sub-path, as a government site often is --------------------------

def test_works_under_a_sub_path(browser, site_dir, artifacts):
    with serve(site_dir, prefix="/handbook/") as url:
        context = browser.new_context()
        pg = context.new_page()
        bad = []
        pg.on("response", lambda r: bad.append(r.url) if r.status >= 400 else None)
        pg.goto(url)
        pg.get_by_role("link", name="计算器").first.click()
        pg.locator(".calc-list a", has_text="违纪申报限制期").click()
        pg.wait_for_selector(".calc[data-ready=true]", timeout=START_TIMEOUT)
        pg.fill("#f-violation_year", "2023")
        pg.wait_for_function("document.querySelector('.calc-outcome').textContent.includes('2027')")
        pg.screenshot(path=str(artifacts / "subpath-calculator.png"))
        assert all("/handbook/" in u for u in pg.evaluate(
            "performance.getEntriesByType('resource').map(e => e.name)"))
        context.close()
        assert not bad, bad
