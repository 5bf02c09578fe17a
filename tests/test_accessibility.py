"""axe-core (npm, run in chromium) on every kind of page: no critical or serious violation."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.axe import AXE, serious
from helpers.browser import watched_page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

START_TIMEOUT = 60_000


def prepare_calculator(page) -> None:
    page.wait_for_selector(".calc[data-ready=true]", timeout=START_TIMEOUT)
    for button in page.locator(".calc-add-row").all():
        button.click()   # added rows: their inputs need names too
    page.fill("#f-attending", "17")
    rows = page.locator('.calc-field[data-field="candidates"] tbody tr')
    rows.first.locator('td[data-column="yes"] input').fill("12")
    page.wait_for_selector(".calc-result:not([hidden])")


def prepare_roster(page) -> None:
    """A list longer than one page (the pager shows) with its counts and quota check."""
    values = {f"people.{i}.{k}": v for i in range(150)
              for k, v in (("name", f"王{i}"), ("level", "中级"), ("grade", "优秀" if i % 4 else "称职"))}
    page.evaluate("(v) => localStorage.setItem('handbook-form:v1:xinzhou-roster', JSON.stringify({values: v}))",
                  values)
    page.reload()
    page.wait_for_selector(".roster-summary:not([hidden])", timeout=START_TIMEOUT)
    page.wait_for_selector(".form-pager:not([hidden])")


def prepare_planner(page) -> None:
    """The planner with its timeline, answers list and share box open."""
    page.wait_for_selector(".calc[data-ready=true]", timeout=START_TIMEOUT)
    page.fill("#f-anchor_date", "2024-12-20")
    page.wait_for_selector(".calc-timeline:not([hidden]) li")
    page.click(".calc-share")
    page.check(".calc-share-consent")


def prepare_materials(page) -> None:
    page.locator(".material-check").first.check()


def prepare_storage(page) -> None:
    page.evaluate("localStorage.setItem('hb-calc:zhejiang-committee-vote',"
                  " JSON.stringify({saved: '2026-12-01T08:00:00Z', inputs: {attending: '17'}}))")
    page.reload()
    page.wait_for_selector(".storage-table:not([hidden]) tbody tr")


def prepare_search(page) -> None:
    page.wait_for_selector(".hb-result")


PAGES = {
    "home": ("", None),
    "document": ("documents/zhejiang-senior-title/", None),
    "overview": ("overview/deadlines/", None),
    "holidays": ("overview/holidays/", None),
    "calculator": ("calculators/zhejiang-committee-vote/", prepare_calculator),
    "form": ("forms/xinzhou-self-assessment/", None),
    "form-register": ("forms/shanxi-assessment-register/", None),
    "form-roster": ("forms/xinzhou-roster/", prepare_roster),
    "search": ("search/?q=公示", prepare_search),
    "planner": ("calculators/procedure-plan/?procedure=yangcheng-junior-title:application", prepare_planner),
    "apply": ("apply/yangcheng-junior-title/", None),
    "materials": ("apply/yangcheng-junior-title/materials/", prepare_materials),
    "totals": ("forms/xinzhou-statistics-summary/", None),
    "all-clauses": ("all-clauses/", None),
    "storage": ("storage/", prepare_storage),
}


@pytest.mark.parametrize("name", PAGES)
def test_no_critical_or_serious_violations(browser, base_url, artifacts, name):
    path, prepare = PAGES[name]
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    for page in watched_page(context, base_url):
        page.goto(base_url + path)
        if prepare:
            prepare(page)
        # evaluated by the browser's debugging protocol, which the site's Content-Security-Policy
        # (no inline scripts) does not govern, unlike an injected <script> tag
        page.evaluate(Path(AXE).read_text("utf-8") + "\n;0")
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        found = serious(result["violations"])
        (artifacts / f"axe-{name}.txt").write_text("\n".join(found) or "none", "utf-8")
        assert not found, "\n".join(found)
    context.close()


def test_import_and_every_toolbar_control_is_reachable_by_keyboard(browser, base_url):
    context = browser.new_context(locale="zh-CN")
    for page in watched_page(context, base_url):
        page.goto(f"{base_url}forms/xinzhou-self-assessment/")
        page.wait_for_selector(".form-sheet[data-ready=true]")
        reached = []
        for _ in range(100):
            page.keyboard.press("Tab")
            reached.append(page.evaluate(
                "(() => { const e = document.activeElement; return e.dataset.action || e.id || e.tagName; })()"))
            if reached[-1] == "import":
                break
        for action in ("print-filled", "print-blank", "export", "import"):
            assert action in reached, reached
        # the focused file input opens the file chooser from the keyboard (Space, or Enter: on a
        # loaded machine chromium now and then lets a Space go by without opening it)
        assert page.evaluate("document.activeElement.dataset.action") == "import"
        opened = None
        for key in ("Space", "Enter", "Space"):
            try:
                with page.expect_file_chooser(timeout=10_000) as chooser:
                    page.keyboard.press(key)
                opened = chooser.value
                break
            except PlaywrightTimeout:
                continue
        assert opened is not None
        shown = page.evaluate("getComputedStyle(document.activeElement.closest('label')).outlineStyle")
        assert shown != "none"
    context.close()


@pytest.mark.parametrize("path", ["", "documents/zhejiang-senior-title/", "calculators/zhejiang-committee-vote/",
                                  "forms/xinzhou-self-assessment/", "search/?q=公示"])
def test_every_focused_element_shows_its_focus(browser, base_url, path):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    for page in watched_page(context, base_url):
        page.goto(base_url + path)
        hidden = []
        for _ in range(40):
            page.keyboard.press("Tab")
            state = page.evaluate("""(() => { const e = document.activeElement;
                if (!e || e === document.body) return null;
                const s = getComputedStyle(e), l = e.closest('label') && getComputedStyle(e.closest('label'));
                const shown = (st) => st && ((st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) > 0)
                                             || st.boxShadow !== 'none');
                return {what: e.tagName + '.' + e.className + ' ' + (e.textContent || e.name || '').trim().slice(0, 20),
                        shown: shown(s) || shown(l)}; })()""")
            if state and not state["shown"]:
                hidden.append(state["what"])
        assert not hidden, hidden
    context.close()
