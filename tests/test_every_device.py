"""Every reader's device, in chromium against nginx: a browser without WebAssembly (--jitless), one
whose WebAssembly lacks exception handling (WeChat's Chrome 86, simulated), and JavaScript off. On
every page that needs Python (each calculator, each form and the 花名册, the 汇总) and on the search
page, the reader is told within 2 s what the browser lacks and what to do — never an endless
spinner — and the rule is there on paper: each calculator's 纸面自查清单, the 全部条款 page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.browser import CHROMIUM, CHROMIUM_ARGS

SAID_WITHIN_MS = 2000

# WebAssembly without exception handling, as in Chrome 86: what python/client.js asks of it
NO_EXCEPTIONS = """
(() => {
  const validate = WebAssembly.validate;
  WebAssembly.validate = (bytes) => false && validate(bytes);
})();
"""


def python_pages(site_dir: Path) -> dict[str, str]:
    """Every page that runs Python: URL → the selector of the element that says how it stands."""
    pages = {}
    for index in sorted((site_dir / "calculators").glob("*/index.html")):
        pages[f"calculators/{index.parent.name}/"] = ".calc-status"
    for index in sorted((site_dir / "forms").glob("*/index.html")):
        text = index.read_text("utf-8")
        pages[f"forms/{index.parent.name}/"] = ".totals-status" if 'class="totals"' in text else ".form-python"
    return pages


@pytest.fixture(scope="module")
def jitless(browser):
    """Chromium without WebAssembly: V8 with no JIT has none (WebAssembly is not defined)."""
    other = browser.browser_type.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--js-flags=--jitless"])
    yield other
    other.close()


def every_page_says(page, base_url: str, pages: dict[str, str]) -> dict[str, str]:
    """Open each page; its words once it says what is missing. Fails naming the pages that did not
    say it within SAID_WITHIN_MS."""
    words, silent = {}, []
    for url, selector in pages.items():
        page.goto(base_url + url, wait_until="load")
        try:
            words[url] = said(page, selector)
        except Exception:
            silent.append(url)
    assert not silent, f"pages that did not say what is missing within {SAID_WITHIN_MS} ms: {silent}"
    return words


def said(page, selector: str) -> str:
    """The element's words once it says what is missing (within SAID_WITHIN_MS of the page's load)."""
    page.wait_for_function(
        "s => /缺少/.test(document.querySelector(s)?.textContent || '')", arg=selector, timeout=SAID_WITHIN_MS)
    return page.locator(selector).inner_text()


def test_without_webassembly_every_python_page_says_so_within_two_seconds(jitless, base_url, site_dir):
    pages = python_pages(site_dir)
    assert len(pages) >= 14, pages    # 11 calculators, the forms (花名册 among them), the 汇总
    context = jitless.new_context(locale="zh-CN", viewport={"width": 360, "height": 740})
    page = context.new_page()
    assert page.evaluate("typeof WebAssembly") == "undefined"
    for url, text in every_page_says(page, base_url, pages).items():
        assert "缺少 WebAssembly" in text and "更新" in text, (url, text)
        if url.startswith("calculators/"):
            assert "纸面自查清单" in text, text
    # a calculator's failure, under its title too; typing does not hide it behind “Python 仍在启动”
    page.goto(base_url + "calculators/zhejiang-committee-vote/", wait_until="load")
    status = page.locator(".calc-status")
    said(page, ".calc-status")
    assert status.get_attribute("data-state") == "failed"
    assert "缺少 WebAssembly" in page.locator(".md-content h1 + .hb-cannot-run").inner_text()
    page.fill("#f-attending", "17")
    page.wait_for_timeout(400)
    assert "缺少 WebAssembly" in status.inner_text()
    # the Word export of a form ends in an error, not in 正在生成 for good
    page.goto(base_url + "forms/xinzhou-self-assessment/", wait_until="load")
    page.click("[data-action=export-docx]")
    page.wait_for_function("() => /无法生成 Word 文件：.*缺少 WebAssembly.*下载空白/"
                           ".test(document.querySelector('.form-message').textContent)", timeout=SAID_WITHIN_MS)
    # search: Pagefind needs WebAssembly too; the page says so and points to every clause
    page.goto(base_url + "search/?q=公示", wait_until="load")
    text = said(page, ".hb-search-status")
    assert "搜索" in text and "全部条款" in text, text
    page.click(".hb-search-all a")
    page.wait_for_url(re.compile(r"/all-clauses/$"))
    assert page.locator("ul.all-clauses li").count() > 200
    context.close()


def test_inside_an_old_wechat_the_reader_is_told_to_open_the_system_browser(browser, base_url, site_dir):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 360, "height": 740},
        user_agent="Mozilla/5.0 (Linux; Android 10; V2001A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.99 "
                   "XWEB/4317 MMWEBSDK/20220903 Mobile Safari/537.36 MMWEBID/1 MicroMessenger/8.0.27.2220(0x28001B37)")
    context.add_init_script(NO_EXCEPTIONS)
    page = context.new_page()
    for url, text in every_page_says(page, base_url, python_pages(site_dir)).items():
        assert "WebAssembly 异常处理" in text and "在浏览器中打开" in text, (url, text)
    # search needs no exception handling: it works
    page.goto(base_url + "search/?q=公示", wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('.hb-search-results li').length > 0", timeout=15_000)
    context.close()


def test_javascript_off_the_rule_is_on_paper(browser, base_url, site_dir):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    for url in python_pages(site_dir):
        if not url.startswith("calculators/"):
            continue
        page.goto(base_url + url)
        status = page.locator(".calc-status-text").inner_text()
        assert "需要启用 JavaScript" in status and "纸面自查清单" in status, (url, status)
        rows = page.locator(".calc-paper-table tbody tr")
        assert rows.count() >= 1, url
        for i in range(rows.count()):
            cells = rows.nth(i).locator("td")
            assert len(cells.nth(1).inner_text()) > 4 and cells.nth(2).locator("a").count() == 1
            assert "□符合" in cells.nth(3).inner_text()
    # a form still prints, and says so; the 汇总 says what it needs and the way by hand
    for url, selector in python_pages(site_dir).items():
        if url.startswith("forms/"):
            page.goto(base_url + url)
            said = page.locator(selector if selector == ".totals-status" else ".form-message").inner_text()
            assert "JavaScript" in said and ("打印" in said or "手工汇总" in said), (url, said)
    page.goto(base_url + "search/")
    assert page.locator(".hb-search-all a[href$='all-clauses/']").count() == 1
    context.close()


# --- kept by choice, listed, forgotten -----------------------------------------------------

ID = "11010519491231002X"
ID_PAGES = {"calculators/yangcheng-assistant-engineer/": ["#f-idcard"],
            "forms/xinzhou-self-assessment/": ["[name='idcard']"],
            "forms/xinzhou-roster/": ["[name='people.0.idcard']", "[name='people.1.idcard']"]}

# every value this origin keeps: localStorage, every IndexedDB record, every file of the private
# file system (as text, so an ID number written in any of them is found)
EVERYTHING_KEPT = """async () => {
  const out = [];
  for (let i = 0; i < localStorage.length; i++) out.push(localStorage.getItem(localStorage.key(i)));
  for (const { name } of await indexedDB.databases()) {
    const db = await new Promise((ok, no) => {
      const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = no; });
    for (const store of db.objectStoreNames) {
      const all = await new Promise((ok) => {
        const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); });
      for (const v of all) out.push(v instanceof ArrayBuffer ? new TextDecoder('latin1').decode(v) : JSON.stringify(v));
    }
    db.close();
  }
  async function walk(dir) {
    for await (const [, handle] of dir.entries()) {
      if (handle.kind === 'directory') await walk(handle);
      else out.push(new TextDecoder('latin1').decode(await (await handle.getFile()).arrayBuffer()));
    }
  }
  await walk(await navigator.storage.getDirectory());
  return out.filter((text) => text.includes('%s')).length;
}"""


def fill_ids(page, base_url) -> None:
    for url, selectors in ID_PAGES.items():
        page.goto(base_url + url)
        page.wait_for_function("() => (document.querySelector('.calc') || document.querySelector('.form-sheet'))"
                               ".dataset.ready !== undefined")
        for selector in selectors:
            page.fill(selector, ID)
        page.fill(selectors[0], ID)   # a last keystroke after the rest
        page.wait_for_timeout(800)     # the draft's save (300 ms) and the answers' keep
        page.goto(base_url)            # pagehide saves too


def test_id_numbers_are_kept_only_when_the_reader_ticks_it(browser, base_url):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    fill_ids(page, base_url)
    page.goto(base_url + "calculators/yangcheng-assistant-engineer/")
    page.wait_for_selector(".calc[data-ready=true]", timeout=60_000)   # Python's copies are kept too
    page.wait_for_function("() => localStorage.getItem('hb-python-kept')", timeout=30_000)
    assert page.evaluate(EVERYTHING_KEPT % ID) == 0
    # but the drafts and answers are there, with everything else
    assert any(k.startswith("handbook-form:") for k in page.evaluate("Object.keys(localStorage)"))
    # the page says the ID number was not kept, and offers to keep it
    page.goto(base_url + "forms/xinzhou-self-assessment/")
    page.wait_for_function("() => document.querySelector('.form-sheet').dataset.ready === 'true'")
    assert "身份证号码未保存在本机" in page.locator(".form-message").inner_text()
    assert page.input_value("[name='idcard']") == ""
    # ticked: kept, on this computer, for every page; unticked: removed again
    page.fill("[name='idcard']", ID)
    page.check(".form-keep-ids input")
    page.wait_for_timeout(400)
    assert page.evaluate(EVERYTHING_KEPT % ID) == 1
    page.reload()
    page.wait_for_function("() => document.querySelector('.form-sheet').dataset.ready === 'true'")
    assert page.input_value("[name='idcard']") == ID
    page.uncheck(".form-keep-ids input")
    page.wait_for_timeout(400)
    assert page.evaluate(EVERYTHING_KEPT % ID) == 0
    context.close()


def test_the_storage_page_lists_everything_kept_and_forgets_it(browser, base_url):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    fill_ids(page, base_url)
    page.goto(base_url + "calculators/yangcheng-assistant-engineer/")
    page.fill("#f-idcard", ID)
    page.check(".calc-keep-ids input")   # one ID number kept, by choice
    page.wait_for_function("() => localStorage.getItem('hb-python-kept')", timeout=60_000)
    page.click(".calc-keep-ids a")
    page.wait_for_url(re.compile(r"/storage/$"))
    page.wait_for_function("() => document.querySelector('.storage').dataset.entries")
    storage = page.locator(".storage")
    kinds = page.locator(".storage-table tbody td:first-child").all_inner_texts()
    assert {"计算器的填写内容", "表格草稿", "Python 运行环境副本（加快下次启动）",
            "设置：在本机保存身份证号码"} <= set(kinds), kinds
    assert storage.get_attribute("data-with-ids") == "1"
    assert "含身份证号码" in page.locator(".storage-table tbody tr").first.inner_text()   # listed first
    # one forgotten, then everything
    before = int(storage.get_attribute("data-entries"))
    page.locator(".storage-forget").first.click()
    page.wait_for_function(f"() => Number(document.querySelector('.storage').dataset.entries) === {before - 1}")
    assert storage.get_attribute("data-with-ids") == "0"
    page.click(".storage-forget-all")
    page.wait_for_function("() => document.querySelector('.storage').dataset.entries === '0'")
    assert "已删除本站在此浏览器中保存的全部" in page.locator(".storage-status").inner_text()
    assert not [k for k in page.evaluate("Object.keys(localStorage)") if k.startswith(("hb-", "handbook-"))]
    files = page.evaluate("""async () => { const out = [];
        const top = await navigator.storage.getDirectory();
        for await (const [, folder] of top.entries()) {
          if (folder.kind === 'directory') for await (const [name] of folder.entries()) out.push(name);
        }
        return out; }""")
    assert not files, files   # Python's copies forgotten too
    context.close()
