"""Forms in Debian's chromium: fill, keep, export/import, refuse bad files, print on A4."""

from __future__ import annotations

import json
import subprocess

import pytest
from helpers.browser import watched_page
from helpers.forms import open_form, pdf_info, pdf_text, print_pdf

PROBE = "<script>window.__pwned = 1</script>张三"
A4 = {"portrait": (595.3, 841.9), "landscape": (841.9, 595.3)}
TYPE_AREA_PX = {"portrait": 669, "landscape": 1017, "register": 646}   # A4 less the @page margins


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    yield from watched_page(context, base_url)
    context.close()


def test_typed_values_survive_a_reload_and_stay_text(page, base_url):
    open_form(page, base_url, "xinzhou-self-assessment")
    page.fill("#ff-name", PROBE)
    page.fill("#ff-score_knowledge", "18")
    page.fill("#ff-score_skills", "17.5")
    page.fill("#ff-note_knowledge", "第一行\n第二行 <b>不是粗体</b>")
    page.wait_for_timeout(600)                       # the draft is saved after 300 ms
    page.reload()
    page.wait_for_selector(".form-sheet[data-ready=true]")
    assert page.input_value("#ff-name") == PROBE
    assert page.input_value("#ff-note_knowledge") == "第一行\n第二行 <b>不是粗体</b>"
    assert "已恢复本机保存的草稿" in page.locator(".form-message").inner_text()
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".ff-print b").count() == 0  # the print copy is text too


def test_python_checks_and_computes_once_typing_starts(page, base_url):
    open_form(page, base_url, "xinzhou-self-assessment")
    assert page.locator(".form-sheet").get_attribute("data-python-ready") is None  # not before
    page.fill("#ff-score_knowledge", "18")
    page.fill("#ff-score_skills", "25")
    page.fill("#ff-idcard", "110105194912310021")
    page.wait_for_selector(".form-sheet[data-python-ready=true]", timeout=60_000)
    page.wait_for_function("() => document.querySelector('output[data-computed=total]').textContent === '18'")
    assert page.locator('[data-error-for="score_skills"]').inner_text() == "不能大于20"
    assert "校验位不正确" in page.locator('[data-error-for="idcard"]').inner_text()
    page.fill("#ff-score_skills", "2")
    page.wait_for_function("() => document.querySelector('output[data-computed=total]').textContent === '20'")
    assert page.locator('[data-error-for="score_skills"]').inner_text() == ""


def test_keyboard_moves_through_the_fields(page, base_url):
    open_form(page, base_url, "xinzhou-self-assessment")
    page.focus("#ff-name")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "sex"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "idcard"


def test_export_clear_import(page, base_url, tmp_path):
    open_form(page, base_url, "xinzhou-statistics")
    page.fill("#ff-unit", "某单位")
    page.fill("#ff-senior_total", "3")
    page.locator("[data-add-row]").count()  # this form has no repeats; nothing to add
    with page.expect_download() as download:
        page.click("button[data-action=export]")
    saved = tmp_path / "export.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["form"] == "xinzhou-statistics" and data["values"]["unit"] == "某单位"
    page.click("button[data-action=clear]")
    assert page.input_value("#ff-unit") == "某单位"          # one click only arms it
    page.click("button[data-action=clear]")
    assert page.input_value("#ff-unit") == ""
    page.reload()
    page.wait_for_selector(".form-sheet[data-ready=true]")
    assert page.input_value("#ff-unit") == ""
    page.set_input_files("input[data-action=import]", str(saved))
    page.wait_for_function("() => document.querySelector('#ff-unit').value === '某单位'")
    assert page.input_value("#ff-senior_total") == "3"
    assert "已导入" in page.locator(".form-message").inner_text()


@pytest.mark.parametrize(("content", "expected"), [
    ("{not json", "不是有效的 JSON"),
    (json.dumps({"hello": "world"}), "不是本站导出的表格文件"),
    (json.dumps({"format": "safety-handbook-form", "version": 1, "form": "xinzhou-roster",
                 "title": "花名册", "values": {"unit": "甲"}}), "属于另一张表格"),
    (json.dumps({"format": "safety-handbook-form", "version": 1, "form": "xinzhou-statistics",
                 "values": {"unit": "甲", "evil": "<img src=x onerror=alert(1)>"}}), "本表没有的栏目"),
    (json.dumps({"format": "safety-handbook-form", "version": 1, "form": "xinzhou-statistics",
                 "values": {"unit": "甲", "senior_total": 3}}), "不是文字"),
])
def test_a_bad_file_is_refused_whole(page, base_url, tmp_path, content, expected):
    open_form(page, base_url, "xinzhou-statistics")
    page.fill("#ff-unit", "原来的内容")
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    page.set_input_files("input[data-action=import]", str(bad))
    page.wait_for_function("() => document.querySelector('.form-message').textContent.includes('导入失败')")
    assert expected in page.locator(".form-message").inner_text()
    assert page.input_value("#ff-unit") == "原来的内容"      # nothing half-loaded


def test_repeated_rows_are_added_and_kept(page, base_url):
    open_form(page, base_url, "xinzhou-roster")
    rows = page.locator('tbody[data-repeat="people"] tr')
    count = rows.count()
    page.click('[data-add-row="people"]')
    assert rows.count() == count + 1
    page.fill(f'[name="people.{count}.name"]', "新增行的人")
    page.wait_for_timeout(600)
    page.reload()
    page.wait_for_selector(".form-sheet[data-ready=true]")
    assert page.input_value(f'[name="people.{count}.name"]') == "新增行的人"


def test_every_form_prints_on_a4_page_by_page(page, base_url, handbook, artifacts):
    for form in handbook.forms:
        open_form(page, base_url, form.id)
        kind = "register" if form.binding == "left-double-sided" else form.orientation
        page.set_viewport_size({"width": TYPE_AREA_PX[kind], "height": 900})
        page.emulate_media(media="print")
        too_wide = page.evaluate("""() => [...document.querySelectorAll('.form-sheet table')]
            .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
            .length""")
        assert too_wide == 0, form.id
        page.emulate_media(media="null")       # page.pdf() then uses print CSS again
        page.set_viewport_size({"width": 1280, "height": 1000})
        open_form(page, base_url, form.id)   # as printed from a desktop window, not resized
        pdf = artifacts / f"form-{form.id}-blank.pdf"
        print_pdf(page, pdf, blank=True)
        pages, size = pdf_info(pdf)
        assert pages == len(form.pages), (form.id, pages, len(form.pages))
        expected = A4[form.orientation]
        assert abs(size[0] - expected[0]) < 1 and abs(size[1] - expected[1]) < 1, (form.id, size)
        if form.status == "derived":   # on paper too, not only on screen
            assert pdf_text(pdf).count("根据文件内容整理（非官方样表）") == len(form.pages)
        subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf),
                        str(artifacts / f"form-{form.id}-blank")], check=True)


def test_print_filled_shows_values_and_blank_does_not(page, base_url, tmp_path):
    open_form(page, base_url, "xinzhou-self-assessment")
    page.fill("#ff-name", "王小明")
    page.fill("#ff-overall", "工作认真负责")
    filled, blank = tmp_path / "filled.pdf", tmp_path / "blank.pdf"
    print_pdf(page, filled, blank=False)
    print_pdf(page, blank, blank=True)
    assert "王小明" in pdf_text(filled) and "工作认真负责" in pdf_text(filled)
    assert "王小明" not in pdf_text(blank) and "工作认真负责" not in pdf_text(blank)
    for text in (pdf_text(filled), pdf_text(blank)):
        assert "忻州市安全领域专业技术人员考核自评表" in text
        assert "打印空白表" not in text and "本机" not in text     # no site chrome or toolbar


def test_the_form_works_without_python(browser, base_url, tmp_path):
    """The runtime cannot be fetched: typing, drafts, export and print still work."""
    context = browser.new_context(accept_downloads=True)
    context.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page = context.new_page()
    open_form(page, base_url, "xinzhou-statistics")
    page.fill("#ff-unit", "离线单位")
    page.fill("#ff-senior_total", "2")
    page.wait_for_selector(".form-sheet[data-python-ready=failed]", timeout=60_000)
    page.wait_for_timeout(600)
    page.reload()
    page.wait_for_selector(".form-sheet[data-ready=true]")
    assert page.input_value("#ff-unit") == "离线单位"
    pdf = tmp_path / "offline.pdf"
    print_pdf(page, pdf, blank=False)
    assert pdf_info(pdf)[0] == 1 and "离线单位" in pdf_text(pdf)
    context.close()


# --- drafts are never lost: two tabs, a full storage, fields a form no longer has, imports ----

STATS = "xinzhou-statistics"


def stored(page) -> dict:
    return page.evaluate(f"JSON.parse(localStorage.getItem('handbook-form:v1:{STATS}') || '{{}}').values || {{}}")


def type_and_save(page, selector, value):
    page.fill(selector, value)
    page.wait_for_timeout(450)          # saved 300 ms after typing


def test_two_tabs_of_one_form_keep_both_tabs_typing(page, base_url):
    """Type in A, then in B, then in A, close B: nothing of A's is gone, and each tab shows the
    other's fields as they are saved."""
    a = page
    open_form(a, base_url, STATS)
    b = a.context.new_page()
    open_form(b, base_url, STATS)
    type_and_save(a, "#ff-unit", "甲单位")
    type_and_save(b, "#ff-senior_total", "3")
    type_and_save(a, "#ff-mid_total", "5")
    b.close()                                           # pagehide saves B once more
    a.wait_for_timeout(200)
    assert stored(a) == {"unit": "甲单位", "senior_total": "3", "mid_total": "5"}
    assert a.input_value("#ff-senior_total") == "3"     # B's field arrived in A
    a.reload()
    a.wait_for_selector(".form-sheet[data-ready=true]")
    assert [a.input_value(s) for s in ("#ff-unit", "#ff-senior_total", "#ff-mid_total")] == ["甲单位", "3", "5"]


def test_the_same_field_changed_in_two_tabs_is_said(page, base_url):
    a = page
    open_form(a, base_url, STATS)
    b = a.context.new_page()
    open_form(b, base_url, STATS)
    b.fill("#ff-unit", "乙单位")     # both typed before either tab saved (300 ms later)
    a.fill("#ff-unit", "甲单位")
    a.wait_for_timeout(600)
    a_said = a.locator(".form-message").inner_text()
    b_said = b.locator(".form-message").inner_text()
    # the tab whose text is kept is told the other changed the same field (as the other's save
    # arrives, or when it saves), and the other is told which field it took: nothing silently
    assert "另一个标签页" in a_said and "“单位名称”" in a_said
    assert "已同步另一个标签页中的修改：“单位名称”" in b_said
    assert stored(a)["unit"] == "甲单位" == b.input_value("#ff-unit")
    b.close()


def test_a_full_storage_is_said_and_an_import_does_not_claim_it_was_saved(browser, base_url, tmp_path):
    context = browser.new_context()
    context.add_init_script("""Storage.prototype.setItem = function () {
        throw new DOMException('full', 'QuotaExceededError'); };""")
    page = context.new_page()
    open_form(page, base_url, STATS)
    data = {"format": "safety-handbook-form", "version": 1, "form": STATS, "values": {"unit": "丙单位"}}
    file = tmp_path / "in.json"
    file.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    page.set_input_files("input[data-action=import]", str(file))
    page.wait_for_function("() => document.querySelector('#ff-unit').value === '丙单位'")
    text = page.locator(".form-message").inner_text()
    assert "拒绝保存" in text and "导出为文件" in text and "已导入文件中的填写内容" not in text
    page.fill("#ff-senior_total", "4")
    page.wait_for_timeout(450)
    assert "拒绝保存" in page.locator(".form-message").inner_text()
    context.close()


def test_a_draft_with_a_field_the_form_no_longer_has_is_kept(page, base_url, tmp_path):
    open_form(page, base_url, STATS)
    page.evaluate(f"""localStorage.setItem('handbook-form:v1:{STATS}', JSON.stringify({{
        savedAt: '2026-01-05T08:00:00Z', values: {{unit: '丁单位', old_column: '去年的栏目'}}}}))""")
    page.reload()
    page.wait_for_selector(".form-sheet[data-ready=true]")
    assert page.input_value("#ff-unit") == "丁单位"
    assert "1 项本表已没有的栏目" in page.locator(".form-message").inner_text()
    with page.expect_download() as download:
        page.click(".form-unknown-download")
    saved = tmp_path / "unknown.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text("utf-8"))["values"] == {"old_column": "去年的栏目"}
    type_and_save(page, "#ff-senior_total", "2")
    assert stored(page) == {"unit": "丁单位", "old_column": "去年的栏目", "senior_total": "2"}


@pytest.mark.parametrize("saved_at", [None, "昨天", "not a time"])
def test_a_draft_without_a_save_time_is_restored_without_an_invalid_date(page, base_url, saved_at):
    """Stored from another page of the site (the form's own page saves its draft as it unloads)."""
    page.goto(base_url)
    draft = {"values": {"unit": "戊单位"}} | ({} if saved_at is None else {"savedAt": saved_at})
    page.evaluate("([key, text]) => localStorage.setItem(key, text)",
                  [f"handbook-form:v1:{STATS}", json.dumps(draft, ensure_ascii=False)])
    open_form(page, base_url, STATS)
    assert page.input_value("#ff-unit") == "戊单位"
    assert page.locator(".form-message").inner_text() == "已恢复本机保存的草稿。"


def test_an_import_that_would_replace_typed_values_asks_first(page, base_url, tmp_path):
    open_form(page, base_url, STATS)
    type_and_save(page, "#ff-unit", "原单位")
    data = {"format": "safety-handbook-form", "version": 1, "form": STATS, "values": {"unit": "新单位"}}
    file = tmp_path / "in.json"
    file.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.set_input_files("input[data-action=import]", str(file))
    page.wait_for_function("() => document.querySelector('.form-message').textContent.includes('已取消导入')")
    assert page.input_value("#ff-unit") == "原单位" and "1 项" in asked[0]
    page.once("dialog", lambda d: d.accept())
    page.set_input_files("input[data-action=import]", str(file))
    page.wait_for_function("() => document.querySelector('#ff-unit').value === '新单位'")
    assert stored(page)["unit"] == "新单位"


# --- a phone, and print that shows only the form ---------------------------------------------

@pytest.mark.parametrize("form_id", ["xinzhou-self-assessment", "xinzhou-roster", "xinzhou-statistics",
                                     "shanxi-assessment-register"])
def test_forms_are_fillable_on_a_360_px_phone(browser, base_url, form_id):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_form(page, base_url, form_id)
    widths = page.evaluate("""[...document.querySelectorAll('.form-sheet .ff')]
        .map(e => [e.name, Math.round(e.getBoundingClientRect().width)])""")
    assert widths and min(w for _, w in widths) >= 180, sorted(widths, key=lambda x: x[1])[:5]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    label = page.evaluate("""getComputedStyle(document.querySelector('td.has-field'), '::before').content""")
    assert label not in ("none", "normal", '""')          # each stacked field shows its label
    page.emulate_media(media="print")                       # paper keeps the official layout
    assert page.evaluate("getComputedStyle(document.querySelector('table.form-table')).display") == "table"
    context.close()


def test_the_screens_checks_are_not_printed(page, base_url):
    open_form(page, base_url, "xinzhou-self-assessment")
    page.fill("#ff-score_knowledge", "25")
    page.wait_for_selector("#ff-score_knowledge[aria-invalid=true]", timeout=60_000)
    page.emulate_media(media="print")
    style = page.evaluate("""(() => { const s = getComputedStyle(document.querySelector('#ff-score_knowledge'));
        return [s.outlineStyle, s.backgroundColor]; })()""")
    assert style[0] == "none" and style[1] in ("rgba(0, 0, 0, 0)", "transparent")
    hidden = page.evaluate("""['.form-toolbar', '.ff-error', '.form-message', '.form-add-row']
        .map(s => [...document.querySelectorAll(s)].every(e => e.getClientRects().length === 0))""")
    assert all(hidden)
    page.emulate_media(media="null")


def test_a_blank_print_after_a_long_draft_keeps_the_blank_forms_pages(page, base_url, tmp_path):
    """A draft with long text and added rows changes the filled print, never the blank one."""
    open_form(page, base_url, "xinzhou-roster")
    blank_before = tmp_path / "before.pdf"
    print_pdf(page, blank_before, blank=True)
    for _ in range(20):
        page.click("[data-add-row=people]")
    page.fill("#ff-people-25-name", "王小明")
    page.wait_for_timeout(400)
    open_form(page, base_url, "shanxi-assessment-register")
    page.fill("#ff-self_report", "述职内容。" * 2000)
    page.wait_for_timeout(400)
    for form_id, pages in (("xinzhou-roster", 1), ("shanxi-assessment-register", 8)):
        open_form(page, base_url, form_id)
        blank = tmp_path / f"{form_id}.pdf"
        print_pdf(page, blank, blank=True)
        assert pdf_info(blank)[0] == pages, form_id
    assert pdf_info(blank_before)[0] == 1


PHRASE = "本人任现职以来认真履行岗位职责，"


def test_long_text_shrinks_to_keep_the_printed_pages(page, base_url, tmp_path):
    """Five 150-character 自评说明 keep the 自评表 on one page; a 3,000-character 个人述职 keeps the
    登记表 on its 8 pages; every character is still printed."""
    def printed(pdf_name: str, blank: bool) -> tuple[int, int]:
        pdf = tmp_path / pdf_name
        print_pdf(page, pdf, blank=blank)
        return pdf_info(pdf)[0], pdf_text(pdf).replace("\n", "").count("履")

    open_form(page, base_url, "xinzhou-self-assessment")
    note = (PHRASE * 10)[:150]
    for name in ("knowledge", "skills", "performance", "conduct", "education"):
        page.fill(f"#ff-note_{name}", note)
    _, in_form = printed("self-blank.pdf", blank=True)
    assert printed("self.pdf", blank=False) == (1, in_form + 5 * note.count("履"))
    open_form(page, base_url, "shanxi-assessment-register")
    text = (PHRASE * 200)[:3000]
    page.fill("#ff-self_report", text)
    _, in_form = printed("register-blank.pdf", blank=True)
    assert printed("register.pdf", blank=False) == (8, in_form + text.count("履"))
    size = page.evaluate("""() => { document.body.classList.remove('print-blank');
        window.dispatchEvent(new Event('beforeprint'));
        return parseFloat(document.querySelector('.ff-print[data-mirror=self_report]').style.fontSize); }""")
    assert 7 <= size < 10.5                                   # set smaller, not cut


def test_text_too_long_even_when_small_is_named_before_printing(page, base_url):
    open_form(page, base_url, "shanxi-assessment-register")
    page.fill("#ff-self_report", PHRASE * 600)
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.click("button[data-action=print-filled]")
    page.wait_for_function("() => document.querySelector('.form-message').textContent.includes('已取消打印')")
    assert "原表为 8 页" in asked[0] and "“个人述职”" in asked[0] and "本表将打印为 " in asked[0]
    assert not page.evaluate("document.querySelector('.ff-print[data-mirror=self_report]').style.fontSize")
