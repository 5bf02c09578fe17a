"""An applicant's whole procedure in chromium (issue 18): answers kept across a reload, exported and
imported, shared by an opt-in link (no ID number), two tabs; 修改 links; the planner's timeline and
calendar file; the 材料清单 checklist; the 「我要申报」 task states; nothing scrolls sideways at 360 px."""

from __future__ import annotations

import base64
import datetime
import json
from urllib.parse import urlparse

import pytest
from helpers.browser import watched_page
from icalendar import Calendar

START = 60_000
PLANNER = "calculators/procedure-plan/?procedure=yangcheng-junior-title:application"
YANGCHENG = "calculators/yangcheng-assistant-engineer/"
IDCARD = "11010519491231002X"


@pytest.fixture
def context(browser):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1000, "height": 900}, accept_downloads=True)
    yield ctx
    ctx.close()


def ready(page):
    page.wait_for_selector(".calc[data-ready=true]", timeout=START)


def results(page) -> int:
    return int(page.locator(".calc").get_attribute("data-results") or 0)


def wait_result(page, after: int = 0):
    page.wait_for_function(f"() => Number(document.querySelector('.calc').dataset.results || 0) > {after}")


def plan(page, base_url, anchor="2024-12-20"):
    page.goto(base_url + PLANNER)
    ready(page)
    page.fill("#f-anchor_date", anchor)
    page.wait_for_function(f"() => document.querySelector('.calc-outcome').textContent.includes('{anchor[:4]}年')")
    page.wait_for_selector(".calc-timeline:not([hidden]) li")


def test_answers_survive_a_reload_and_the_reset_forgets_them(context, base_url):
    for page in watched_page(context, base_url):
        plan(page, base_url)
        assert "三公示" in page.locator(".calc-outcome").text_content()
        page.reload()
        ready(page)
        wait_result(page)
        assert page.input_value("#f-anchor_date") == "2024-12-20"
        assert page.locator("#f-procedure").input_value() == "yangcheng-junior-title:application"
        assert "已恢复本机保存的填写内容" in page.locator(".calc-kept").text_content()
        assert "Invalid Date" not in page.locator(".calc-kept").text_content()
        assert "2024年12月13日" in page.locator(".calc-outcome").text_content()
        page.click("button[type=reset]")
        page.wait_for_selector(".calc-result[hidden]", state="attached")
        page.reload()
        ready(page)
        assert page.input_value("#f-anchor_date") == ""
        assert page.locator(".calc-kept").text_content() == ""


def test_export_then_import_round_trip_and_a_wrong_file(context, base_url, tmp_path):
    for page in watched_page(context, base_url):
        plan(page, base_url, "2024-12-18")
        page.fill("#f-reserve", "2")
        page.wait_for_function("() => document.querySelector('.calc-outcome').textContent.includes('12月')")
        with page.expect_download() as info:
            page.click(".calc-export")
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        assert path.name.endswith(".json") and "填写内容" in path.name
        data = json.loads(path.read_text("utf-8"))
        assert data["calculator"] == "procedure-plan"
        assert data["inputs"]["anchor_date"] == "2024-12-18" and data["inputs"]["reserve"] == "2"
        page.click("button[type=reset]")
        page.wait_for_timeout(100)
        assert page.input_value("#f-anchor_date") == ""
        before = results(page)
        page.set_input_files(".calc-import", str(path))
        wait_result(page, before)
        assert page.input_value("#f-anchor_date") == "2024-12-18"
        assert page.input_value("#f-reserve") == "2"
        assert "已导入" in page.locator(".calc-kept").text_content()
        wrong = tmp_path / "花名册.csv"
        wrong.write_text("姓名,性别\n张三,男\n", "utf-8")
        page.set_input_files(".calc-import", str(wrong))
        page.wait_for_function("() => document.querySelector('.calc-keep-error').textContent.length > 0")
        assert "不是本站导出的填写内容文件" in page.locator(".calc-keep-error").text_content()
        assert page.input_value("#f-anchor_date") == "2024-12-18"   # nothing lost


def test_share_link_is_opt_in_carries_no_id_number_and_opens_elsewhere(browser, context, base_url):
    for page in watched_page(context, base_url):
        page.goto(base_url + YANGCHENG)
        ready(page)
        page.select_option("#f-education", "college")
        page.fill("#f-idcard", IDCARD)
        page.fill("#f-technician_date", "2022-06-30")
        wait_result(page)
        page.click(".calc-share")
        assert page.locator(".calc-share-row").is_hidden()          # nothing until the reader agrees
        assert "任何拿到链接的人都能看到" in page.locator(".calc-share-warning").text_content()
        page.check(".calc-share-consent")
        link = page.input_value(".calc-share-url")
        fragment = urlparse(link).fragment
        assert fragment.startswith("a=")
        payload = json.loads(base64.urlsafe_b64decode(fragment[2:] + "=" * (-len(fragment[2:]) % 4)))
        assert payload["i"]["education"] == "college" and "idcard" not in payload["i"]
        assert IDCARD not in link and IDCARD[:6] not in json.dumps(payload)
        outcome = page.locator(".calc-outcome").text_content()
    other = browser.new_context(locale="zh-CN")   # another person's browser: nothing kept there
    for page in watched_page(other, base_url):
        page.goto(link)
        ready(page)
        wait_result(page)
        assert page.locator("#f-education").input_value() == "college"
        assert page.input_value("#f-idcard") == ""
        assert "已载入分享链接中的填写内容" in page.locator(".calc-kept").text_content()
        assert "#a=" not in page.url                                   # the answers leave the address bar
        assert page.locator(".calc-outcome").text_content() == outcome
        # a link cut short says so and fills nothing
        page.goto(base_url + YANGCHENG + "#a=eyJjIjoi")
        page.reload()
        ready(page)
        assert "未能载入" in page.locator(".calc-keep-error").text_content()
    other.close()


def test_two_tabs_keep_the_latest_answers(context, base_url):
    pages = watched_page(context, base_url)
    a = next(pages)
    plan(a, base_url, "2024-12-20")
    pages_b = watched_page(context, base_url)
    b = next(pages_b)
    b.goto(base_url + PLANNER)
    ready(b)
    wait_result(b)
    assert b.input_value("#f-anchor_date") == "2024-12-20"           # what tab A typed
    b.fill("#f-anchor_date", "2024-12-17")
    b.wait_for_function("() => document.querySelector('.calc-outcome').textContent.includes('12月17日')")
    assert a.input_value("#f-anchor_date") == "2024-12-20"           # tab A's form is not changed under it
    a.reload()
    ready(a)
    wait_result(a)
    assert a.input_value("#f-anchor_date") == "2024-12-17"
    for gen in (pages, pages_b):
        next(gen, None)


def test_change_links_go_to_their_field(context, base_url):
    for page in watched_page(context, base_url):
        plan(page, base_url)
        answers = page.locator(".calc-answers")
        assert "报送日或会议日" in answers.text_content() and "2024-12-20" in answers.text_content()
        page.locator('.calc-change[data-field="anchor_date"]').click()
        assert page.evaluate("document.activeElement.id") == "f-anchor_date"


def test_the_timeline_and_the_calendar_file(context, base_url, tmp_path):
    for page in watched_page(context, base_url):
        plan(page, base_url)
        steps = page.locator(".calc-timeline li")
        assert steps.count() == 5
        assert "不晚于 2024年12月13日" in steps.nth(0).text_content()
        assert "2024年12月13日至12月19日" in steps.nth(2).text_content()
        with page.expect_download() as info:
            page.click(".calc-ics")
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        assert path.suffix == ".ics"
        events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        stamp = events[0].decoded("DTSTAMP")                   # stamped when downloaded, not the plan's day
        assert abs((datetime.datetime.now(datetime.UTC) - stamp).total_seconds()) < 600
        assert [str(e.decoded("DTSTART")) for e in events] == [
            "2024-12-13", "2024-12-13", "2024-12-13", "2024-12-20", "2024-12-23"]


def test_a_full_storage_is_said_and_the_answer_still_comes(context, base_url):
    for page in watched_page(context, base_url):
        page.goto(base_url + PLANNER)
        ready(page)
        # fill the origin's storage to the last character: chunks halved until even one does not fit
        page.evaluate("""() => { let i = 0;
            for (let size = 1 << 22; size >= 1; size = Math.floor(size / 2)) {
              const chunk = 'x'.repeat(size);
              try { while (true) localStorage.setItem('junk' + (i++), chunk); } catch (e) {} } }""")
        page.fill("#f-anchor_date", "2024-12-20")
        page.wait_for_function("() => document.querySelector('.calc-outcome').textContent.includes('2024年')")
        assert "存储已满" in page.locator(".calc-keep-error").text_content()
        page.evaluate("() => localStorage.clear()")


def test_materials_checklist_is_kept_and_counted_and_seen_by_the_task_list(context, base_url):
    for page in watched_page(context, base_url):
        page.goto(base_url + "apply/yangcheng-junior-title/materials/")
        boxes = page.locator(".material-check")
        total = boxes.count()
        assert total == 9
        assert "文件未规定份数" in page.locator("ol.materials").text_content()
        assert page.locator("ol.materials a").first.get_attribute("href").startswith("../../../documents/")
        boxes.nth(0).check()
        boxes.nth(3).check()
        assert page.locator(".materials-count").text_content() == f"已准备 2 / {total} 项"
        page.reload()
        assert boxes.nth(0).is_checked() and boxes.nth(3).is_checked() and not boxes.nth(1).is_checked()
        # the task list: materials in progress, the planner not started, then started
        page.goto(base_url + "apply/yangcheng-junior-title/")
        materials = page.locator('.task-item[data-task="materials"]')
        assert materials.locator(".task-state").text_content() == "进行中"
        assert f"已准备 2 / {total} 项" in materials.text_content()
        plan_task = page.locator('.task-item[data-task="plan"]')
        assert plan_task.locator(".task-state").text_content() == "未开始"
        plan_task.locator("a").first.click()
        ready(page)
        assert page.locator("#f-procedure").input_value() == "yangcheng-junior-title:application"
        page.fill("#f-anchor_date", "2024-12-20")
        page.wait_for_selector(".calc-timeline:not([hidden]) li")
        page.go_back()
        page.reload()
        assert plan_task.locator(".task-state").text_content() == "已完成"
        assert "三公示" in plan_task.text_content()
        # a 浙江 plan does not count as 阳城's
        assert page.locator('.task-item[data-task="calculator"] .task-state').text_content() == "未开始"


@pytest.mark.parametrize("path", ["apply/", "apply/yangcheng-junior-title/", "apply/zhejiang-senior-title/",
                                  "apply/xinzhou-annual-assessment/", "apply/xinzhou-annual-assessment/materials/",
                                  "forms/xinzhou-statistics-summary/", "forms/xinzhou-roster/",
                                  "apply/yangcheng-junior-title/materials/", "apply/zhejiang-senior-title/materials/",
                                  PLANNER])
def test_nothing_scrolls_sideways_at_360px(browser, base_url, path):
    context = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    for page in watched_page(context, base_url):
        page.goto(base_url + path)
        if path == PLANNER:
            ready(page)
            page.fill("#f-anchor_date", "2024-12-20")
            page.wait_for_selector(".calc-timeline:not([hidden]) li")
            page.click(".calc-share")
            page.check(".calc-share-consent")
        wide = page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
        assert wide <= 0, f"{path} scrolls {wide}px sideways"
    context.close()


def test_a_tick_in_one_tab_shows_in_the_other(context, base_url):
    url = base_url + "apply/zhejiang-senior-title/materials/"
    pages_a, pages_b = watched_page(context, base_url), watched_page(context, base_url)
    a, b = next(pages_a), next(pages_b)
    a.goto(url)
    b.goto(url)
    a.locator(".material-check").nth(2).check()
    b.wait_for_function("() => document.querySelectorAll('.material-check')[2].checked")
    assert b.locator(".materials-count").text_content() == "已准备 1 / 5 项"
    b.locator(".materials-clear").click()
    a.wait_for_function("() => !document.querySelectorAll('.material-check')[2].checked")
    for gen in (pages_a, pages_b):
        next(gen, None)


def test_everyones_forms_from_the_roster_and_a_cancel(context, base_url, tmp_path):
    """The 花名册 page makes each person's 自评表 and 考核登记表 in the page's Python (issue 19)."""
    import zipfile

    from calckit.idcard import check_char

    def people(n):
        values = {"unit": "某煤矿", "year": "2023"}
        for i in range(n):
            first = f"14090219800101{i % 1000:03d}"
            values.update({f"people.{i}.name": f"赵{i:04d}", f"people.{i}.idcard": first + check_char(first),
                           f"people.{i}.level": "初级", f"people.{i}.grade": "称职"})
        return values

    class Saved(list):
        def append_download(self, download):
            self.append(download)

    saved = Saved()
    for page in watched_page(context, base_url):
        page.goto(base_url + "forms/xinzhou-roster/")
        page.evaluate("(v) => localStorage.setItem('handbook-form:v1:xinzhou-roster', JSON.stringify({values: v}))",
                      people(60))
        page.reload()
        page.wait_for_selector(".form-sheet[data-python-ready=true]", timeout=START)
        with page.expect_download() as info:
            page.click('[data-batch="zip"]')
        path = tmp_path / "batch.zip"
        info.value.save_as(path)
        assert info.value.suggested_filename == "某煤矿_每人表格（60人）.zip"
        archive = zipfile.ZipFile(path)
        assert len(archive.namelist()) == 121 and archive.namelist()[0] == "001_赵0000_自评表.docx"
        assert "已生成 120 个文件（60 人" in page.locator(".batch-message").text_content()
        # a cancel stops between steps and saves nothing
        page.evaluate("(v) => localStorage.setItem('handbook-form:v1:xinzhou-roster', JSON.stringify({values: v}))",
                      people(5000))
        page.reload()
        page.wait_for_selector(".form-sheet[data-python-ready=true]", timeout=START)
        page.on("download", saved.append_download)
        page.click('[data-batch="merged"]')
        page.wait_for_function("() => document.querySelector('.batch-message').textContent.includes('正在生成')")
        page.click("[data-batch-cancel]")
        page.wait_for_function("() => document.querySelector('.batch-message').textContent.includes('已取消')")
        assert "未保存任何文件" in page.locator(".batch-message").text_content()
        assert page.locator("[data-batch-cancel]").is_hidden() and page.locator('[data-batch="zip"]').is_enabled()
        page.wait_for_timeout(300)
        assert saved == []


def test_everyones_forms_printed_in_batches(context, base_url, tmp_path):
    """分批打印: the forms' own pages copied per person with the list's values, 50 people a batch, each
    person's forms from a new sheet; the next batch on the reader's word; 取消 between batches."""
    import re
    import subprocess

    from calckit.idcard import check_char

    def people(n):
        values = {"unit": "某煤矿", "year": "2023"}
        for i in range(n):
            first = f"14090219800101{i % 1000:03d}"
            values.update({f"people.{i}.name": f"钱{i:04d}", f"people.{i}.idcard": first + check_char(first),
                           f"people.{i}.level": "初级", f"people.{i}.grade": "称职", f"people.{i}.post": "安全员"})
        return values

    def open_roster(page, n):
        page.goto(base_url + "forms/xinzhou-roster/")
        # a roster kept with its ID numbers: on a computer whose reader ticked 在本机保存身份证号码
        page.evaluate("(v) => { localStorage.setItem('hb-keep-ids', '1');"
                      " localStorage.setItem('handbook-form:v1:xinzhou-roster', JSON.stringify({values: v})); }",
                      people(n))
        page.reload()
        page.wait_for_selector(".form-sheet[data-python-ready=true]", timeout=START)
        # the print dialog cannot be driven: count the calls and keep the batch on the page
        page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")

    for page in watched_page(context, base_url):
        open_roster(page, 3)
        page.click("[data-batch-print]")
        page.wait_for_function("() => window.__printed === 1")
        assert page.locator(".batch-print .form-sheet").count() == 6
        pdf = tmp_path / "batch.pdf"
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert int(re.search(r"Pages:\s+(\d+)", info)[1]) == 3 * (1 + 8)     # 自评表 1 page, 登记表 8
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout.split("\f")
        for i in range(3):   # each person's 自评表 starts a sheet, with their name and ID number on it
            first = "".join(text[9 * i].split())
            assert f"钱{i:04d}" in first and f"14090219800101{i:03d}" in first
        assert "名单：导入" not in "".join(text)                        # nothing of the 花名册 page itself

        open_roster(page, 52)
        page.click("[data-batch-print]")
        page.wait_for_function("() => window.__printed === 1")
        assert page.locator(".batch-print .form-sheet").count() == 100
        nxt = page.locator("[data-batch-next]")
        assert nxt.is_visible() and "第 51–52 人" in nxt.text_content()
        assert "已送打印第 1–50 人（共 52 人）" in page.locator(".batch-message").text_content()
        nxt.click()
        page.wait_for_function("() => window.__printed === 2")
        assert page.locator(".batch-print .form-sheet").count() == 4
        assert "已送打印全部 52 人" in page.locator(".batch-message").text_content()
        # 取消 between batches stops there
        page.click("[data-batch-print]")
        page.wait_for_function("() => window.__printed === 3")
        page.click("[data-batch-cancel]")
        assert "已停止分批打印" in page.locator(".batch-message").text_content() and nxt.is_hidden()
