"""Every calculator page in Debian's chromium: the form built from the schema, Python started
in a worker from the site's own Pyodide, results equal to CPython's, errors next to fields.

The inputs come from tests/cases/calculators.yaml: for each calculator the first case that
a person could type into the form with a result, and the first with a field error.
"""

from __future__ import annotations

import re

import pytest
from helpers.browser import serve, watched_page
from helpers.calc_cases import load_cases

from calculators import MODULES, describe, run

START_TIMEOUT = 60_000


@pytest.fixture(scope="module")
def shared_context(browser):
    """One browser profile for the module, as one person visiting several pages."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    # each page opens on a blank form, as on a first visit: the answers a calculator keeps from one
    # visit to the next are tested in tests/test_answers.py
    context.add_init_script("""for (const key of Object.keys(localStorage))
        if (key.startsWith('hb-calc')) localStorage.removeItem(key);""")
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
        f"() => Number(document.querySelector('.calc').dataset.results || 0) > {before}")
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
    assert page.locator(".calc-outcome .outcome-text").inner_text() == expected["outcome"]["text"]
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
    page.wait_for_function("() => document.querySelector('.calc-outcome').textContent.includes('12')")
    page.fill("#f-attending", "19")
    page.wait_for_function("() => document.querySelector('.calc-outcome').textContent.includes('13')")
    assert len([u for u in page.requests if "pyodide.asm.wasm" in u]) == worker_requests


def test_policy_pages_never_load_pyodide(page, base_url):
    for path in ("", "documents/zhejiang-senior-title/", "overview/deadlines/", "calculators/"):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    assert not [u for u in page.requests if "/pyodide/" in u or "calculator" in u.rsplit("/", 1)[-1]]


def test_from_a_document_to_its_calculator_and_back(page, base_url):
    page.goto(f"{base_url}documents/zhejiang-senior-title/")
    page.locator("#calculators summary").click()
    page.locator("#calculators a", has_text="评委会组成与投票表决").click()
    page.wait_for_url(re.compile("calculators/zhejiang-committee-vote/$"))
    page.wait_for_selector(".calc[data-ready=true]", timeout=START_TIMEOUT)
    page.fill("#f-attending", "16")
    page.wait_for_function("() => document.querySelector('.calc-outcome').textContent.includes('11')")
    page.locator(".calc-reasons a", has_text="浙江 四（二）").first.click()
    page.wait_for_url(re.compile(r"documents/zhejiang-senior-title/2019/#s4-2$"))
    assert "出席会议专家不得少于17人" in page.locator("#s4-2").inner_text()
    page.go_back()
    page.wait_for_selector(".calc[data-ready=true]", timeout=START_TIMEOUT)
    page.fill("#f-attending", "18")
    page.wait_for_function("() => document.querySelector('.calc-outcome').textContent.includes('12')")


def test_keypoints_link_to_calculators(page, base_url):
    page.goto(f"{base_url}documents/xinzhou-annual-assessment/")
    page.locator("#keypoints summary").click()
    page.locator("#kp-excellent-ratio-max a.kp-calc").first.click()
    page.wait_for_url(re.compile("calculators/xinzhou-excellent-quota/$"))


def test_a_runtime_that_cannot_start_says_so(fresh_page, base_url):
    page = fresh_page
    page.context.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(f"{base_url}calculators/zhejiang-sanction/")
    page.wait_for_selector(".calc-status[data-state=failed]", timeout=START_TIMEOUT)
    assert "计算器未能启动" in page.locator(".calc-status").inner_text()
    page.errors.clear()


def _corrupt(route):
    response = route.fetch()
    body = bytearray(response.body())
    body[len(body) // 2] ^= 0xFF
    route.fulfill(response=response, body=bytes(body))


SNAPSHOT = re.compile(r".*/snapshot-[0-9a-f]{16}\.bin$")


def test_python_is_restored_from_the_snapshot(fresh_page, base_url):
    page = fresh_page
    page.goto(f"{base_url}calculators/zhejiang-sanction/")
    page.wait_for_selector(".calc[data-ready=true]", timeout=START_TIMEOUT)
    assert page.locator(".calc").get_attribute("data-python-start") == "snapshot"
    assert not [u for u in page.requests if u.endswith(".whl")]      # the snapshot holds the package


@pytest.mark.parametrize("fault", ["tampered", "missing"])
def test_a_bad_snapshot_falls_back_to_the_plain_start(fresh_page, base_url, fault):
    """A snapshot whose sha256 does not match (or that is not there) is not used; Python starts
    the plain way and the reader sees nothing alarming."""
    page = fresh_page
    page.context.route(SNAPSHOT, _corrupt if fault == "tampered" else (lambda route: route.fulfill(status=404)))
    page.goto(f"{base_url}calculators/zhejiang-sanction/")
    page.wait_for_selector(".calc[data-ready=true]", timeout=START_TIMEOUT)
    assert page.locator(".calc").get_attribute("data-python-start") == "plain"
    assert page.locator(".calc-status").get_attribute("data-state") == "ready"
    page.fill("#f-violation_year", "2023")
    page.wait_for_function("() => document.querySelector('.calc-outcome').textContent.includes('2027')")


def test_a_tampered_wheel_is_reported(fresh_page, base_url):
    """Without the snapshot the wheel is loaded; a wheel that fails its sha256 is reported."""
    page = fresh_page
    page.context.route(SNAPSHOT, lambda route: route.fulfill(status=404))
    page.context.route(re.compile(r".*/handbook_calculators-.*\.whl$"), _corrupt)
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
        pg.wait_for_function("() => document.querySelector('.calc-outcome').textContent.includes('2027')")
        pg.screenshot(path=str(artifacts / "subpath-calculator.png"))
        assert all("/handbook/" in u for u in pg.evaluate(
            "performance.getEntriesByType('resource').map(e => e.name)"))
        context.close()
        assert not bad, bad


# --- trust at a glance: phone width, colours, order, typed numbers, a stuck run ------------------

GREEN = "rgb(26, 127, 55)"


@pytest.fixture
def phone(browser, base_url):
    """A 360 px phone, as a reader in a county office uses it."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                  locale="zh-CN")
    yield from watched_page(context, base_url)
    context.close()


@pytest.mark.parametrize("calc_id", CALCS)
def test_no_calculator_is_wider_than_a_phone(phone, base_url, params, artifacts, calc_id):
    open_calculator(phone, base_url, calc_id)
    for button in phone.locator(".calc-add-row").all():
        button.click()   # rows added: a row table is the widest thing a calculator has
    case = pick(calc_id, describe(calc_id, params), ok=True)
    fill_form(phone, describe(calc_id, params), case["inputs"])
    submit_and_wait(phone)
    width = phone.evaluate("document.documentElement.scrollWidth")
    too_wide = phone.evaluate("""[...document.querySelectorAll('.md-content *, .md-content')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 3).map(e => e.tagName + '.' + e.className)""")
    phone.screenshot(path=str(artifacts / f"phone-{calc_id}.png"), full_page=True)
    assert width <= 360 and not too_wide, (width, too_wide)


def outcome_state(page) -> dict:
    return page.evaluate("""(() => {
        const o = document.querySelector('.calc-outcome');
        return {status: document.querySelector('.calc-result').dataset.status, color: getComputedStyle(o).color,
                border: getComputedStyle(document.querySelector('.calc-result')).borderLeftColor,
                first: document.querySelector('.calc-reasons li').className,
                links: [...document.querySelectorAll('.calc-reasons a')].map(a => a.textContent)};
    })()""")


def test_a_partial_result_is_not_green_and_its_failure_comes_first(page, base_url):
    open_calculator(page, base_url, "zhejiang-committee-vote")
    page.fill("#f-attending", "17")
    rows = page.locator('.calc-field[data-field="candidates"]')
    rows.locator("tbody tr").nth(0).locator('td[data-column="yes"] input').fill("12")
    rows.locator(".calc-add-row").click()
    rows.locator("tbody tr").nth(1).locator('td[data-column="yes"] input').fill("11")
    submit_and_wait(page)
    state = outcome_state(page)
    assert state["status"] == "partial"
    assert state["color"] != GREEN and state["border"] != GREEN
    assert state["first"] == "reason reason-fail"
    assert page.locator(".calc-outcome").inner_text().startswith("⚠")
    # clause numbers as the document prints them, never internal ids
    assert "浙江 四（三）6" in state["links"] and not any(re.search(r"s\d", t) for t in state["links"])


def test_a_pass_is_green_and_a_fail_red(page, base_url):
    open_calculator(page, base_url, "zhejiang-committee-vote")
    page.fill("#f-attending", "17")
    submit_and_wait(page)
    assert outcome_state(page)["status"] == "pass" and outcome_state(page)["color"] == GREEN
    page.fill("#f-attending", "16")
    submit_and_wait(page)
    state = outcome_state(page)
    assert state["status"] == "fail" and state["color"] == "rgb(204, 0, 0)"
    assert state["first"] == "reason reason-fail"


def test_percent_typed_as_people_type_it(page, base_url):
    open_calculator(page, base_url, "xinzhou-excellent-quota")
    page.fill("#f-participants", "17人")
    page.fill("#f-unit_ratio", "15%")
    submit_and_wait(page)
    assert page.locator(".calc-outcome").inner_text().endswith("最多可评优秀 2 人")
    page.fill("#f-unit_ratio", "0.15")
    submit_and_wait(page)
    assert page.locator(".calc-result").is_hidden()
    assert "比例按百分数填写" in page.locator('[data-error-for="unit_ratio"]').inner_text()
    page.fill("#f-participants", "10,5")
    page.fill("#f-unit_ratio", "15％")
    submit_and_wait(page)
    assert "逗号位置不对" in page.locator('[data-error-for="participants"]').inner_text()


def test_an_enormous_number_is_answered_at_once(page, base_url):
    open_calculator(page, base_url, "xinzhou-excellent-quota")
    page.fill("#f-participants", "1e10000000")
    submit_and_wait(page)
    assert "科学计数法" in page.locator('[data-error-for="participants"]').inner_text()
    assert float(page.locator(".calc").get_attribute("data-last-run-ms")) < 1000
    page.fill("#f-participants", "14")
    submit_and_wait(page)
    assert page.locator(".calc-outcome").inner_text().endswith("最多可评优秀 2 人")


def test_a_run_that_hangs_is_stopped_and_python_restarted(fresh_page, base_url):
    """No input can make a calculation run long (bounds); should one ever hang, the page stops
    the worker after 2 s, says so next to the form, and starts Python again. The hang is made
    here by serving a worker whose first calculation spins for a minute."""
    page = fresh_page
    hung = {"served": 0}

    def spin_once(route):
        body = route.fetch().text()
        if hung["served"] == 0:
            body = body.replace("function ask(message) {",
                                "function ask(message) {\n  if (message.kind === 'run') "
                                "{ const t = Date.now(); while (Date.now() - t < 60000) {} }", 1)
        hung["served"] += 1
        route.fulfill(body=body, content_type="text/javascript")

    page.context.route(re.compile(r".*/python/worker\.js$"), spin_once)
    open_calculator(page, base_url, "zhejiang-sanction")
    page.fill("#f-violation_year", "2023")
    page.locator(".calc-form button[type=submit]").click()
    page.wait_for_function("() => document.querySelector('.calc').dataset.restarts === '1'", timeout=10_000)
    assert "已停止并重新启动计算器" in page.locator(".calc-form-error").inner_text()
    page.wait_for_selector(".calc[data-ready=true]", timeout=START_TIMEOUT)
    submit_and_wait(page)
    assert "2027" in page.locator(".calc-outcome").inner_text()
    assert hung["served"] == 2


def test_working_days_are_shown_day_by_day(page, base_url):
    open_calculator(page, base_url, "workday-deadlines")
    page.select_option("#f-rule", "yangcheng-junior-title:publicity-days")
    page.select_option("#f-mode", "check")
    page.fill("#f-start", "2025-01-24")
    page.fill("#f-end", "2025-02-07")
    submit_and_wait(page)
    rows = page.locator(".calc-days tbody tr")
    assert rows.count() == 15
    assert rows.nth(2).inner_text().split("\t") == ["1月26日 周日", "调休上班", "第 2 个"]
    assert rows.nth(4).inner_text().split("\t") == ["1月28日 周二", "春节", "不计"]
    assert rows.nth(4).get_attribute("data-date") == "2025-01-28"
    assert page.locator(".calc-outcome").inner_text() == "✓ 公示期 6 个工作日，符合规定"


def test_a_result_names_its_notice_and_a_year_not_recorded_is_said(page, base_url, params):
    """The result says which notice (文号, 年度) it used and that its round is over; a year the
    site has no notice for gets a message next to the 年度 field, not last year's numbers."""
    open_calculator(page, base_url, "xinzhou-excellent-quota")
    version = params["documents"]["xinzhou-annual-assessment"]["versions"]["2023"]
    assert page.locator("#f-version").input_value() == "2023"       # the current version by default
    page.fill("#f-participants", "17")
    submit_and_wait(page)
    notice = page.locator(".calc-notice").inner_text()
    assert "忻人社函〔2024〕4号" in notice and "2023年度考核" in notice and version["status"] in notice
    assert page.locator(".calc-notice a").get_attribute("href").endswith(
        "documents/xinzhou-annual-assessment/2023/")
    page.select_option("#f-version", "2024")
    submit_and_wait(page)
    assert page.locator(".calc-result").is_hidden()
    message = page.locator('[data-error-for="version"]').inner_text()
    assert "本站尚未收录2024年度的通知" in message and "2023年度考核（忻人社函〔2024〕4号）" in message
    page.select_option("#f-version", "2023")
    submit_and_wait(page)
    assert page.locator(".calc-outcome").inner_text().endswith("最多可评优秀 3 人")
