"""Site search in chromium: queries typed as readers type them find the clause (tests/cases/search.yaml)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers.browser import serve, watched_page
from helpers.search import clause_url, query

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "search.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    context = browser.new_context(locale="zh-CN")
    gen = watched_page(context, base_url)
    page = next(gen)
    page.goto(f"{base_url}search/")
    yield page
    next(gen, None)
    context.close()


@pytest.mark.parametrize("case", CASES, ids=[c["query"] for c in CASES])
def test_query_finds_the_clause_in_the_top_three(search_page, case):
    links = query(search_page, case["query"])
    status = search_page.locator(".hb-search-status").inner_text()
    if case.get("stops_only"):   # nothing to look for: say what to type, list nothing
        assert links == [] and "只有疑问词或语气词" in status and "请输入" in status, status
        return
    wanted = [clause_url(r) for r in case.get("any", [case.get("expect")]) if r]
    assert any(w in links[:3] for w in wanted), (case["query"], links[:5], status)
    # a result that holds only part of the query is said to: in the status, and on the result
    partial = status.startswith(f"未找到完全匹配“{case['query']}”；以下结果包含其中部分词语")
    assert partial == bool(case.get("partial")), status
    if partial:
        assert search_page.locator(".hb-result.is-partial .hb-result-partial").count() == len(links)


def test_no_query_of_the_new_kinds_dead_ends(search_page):
    """Every query of tests/cases/search.yaml that a clause holds most of gives results."""
    for case in CASES:
        if not case.get("stops_only"):
            assert query(search_page, case["query"]), case["query"]


def test_whole_matches_come_before_partial_ones(search_page):
    """A question with few whole matches gets the records holding most of it, after them and
    marked; the status counts both."""
    links = query(search_page, "公示期是几天")
    status = search_page.locator(".hb-search-status").inner_text()
    assert "另有" in status and "包含其中部分词语" in status, status
    marks = search_page.eval_on_selector_all(".hb-result", "ls => ls.map(l => l.classList.contains('is-partial'))")
    assert marks[0] is False and True in marks and marks == sorted(marks), marks
    assert len(links) == len(marks)


def test_the_header_form_opens_the_search_page(browser, base_url):
    context = browser.new_context(locale="zh-CN")
    for page in watched_page(context, base_url):
        page.goto(f"{base_url}documents/zhejiang-senior-title/")
        page.fill("#hb-search-q", "无记名投票")
        page.press("#hb-search-q", "Enter")
        page.wait_for_url(re.compile(r"/search/\?q="))
        page.wait_for_selector(".hb-result")
        first = page.locator(".hb-result").first
        assert first.locator("strong").inner_text() == "浙江 四（三）6"   # the clause number as printed
        assert first.locator("mark").first.inner_text() == "无记名投票"
        first.locator("a").click()
        page.wait_for_url(re.compile(r"/documents/zhejiang-senior-title/#s4-3-6$"))
    context.close()


def test_calculators_are_found_by_what_they_do_not_by_their_loading_text(search_page):
    query(search_page, "正在准备计算器")   # no record holds the words as a whole (some of them, maybe)
    assert search_page.locator(".hb-result:not(.is-partial)").count() == 0
    links = query(search_page, "评审专家库入库年限")
    assert "/calculators/zhejiang-expert-pool/" in links[:3]
    # for a policy term the clauses come before the calculator that implements them
    links = query(search_page, "专家库")
    assert links[0].startswith("/documents/") and "/calculators/zhejiang-expert-pool/" in links


def test_search_works_under_a_sub_path(browser, site_dir):
    with serve(site_dir, prefix="/handbook/") as url:
        context = browser.new_context(locale="zh-CN")
        for page in watched_page(context, url):
            page.goto(f"{url}search/?q=双承诺")
            page.wait_for_selector(".hb-result")
            href = page.locator(".hb-result a").first.get_attribute("href")
            assert href == "/handbook/documents/yangcheng-junior-title/#s5-2", href
            page.locator(".hb-result a").first.click()
            page.wait_for_selector("#s5-2")
            assert all("/handbook/" in u for u in page.requests if u.startswith("http"))
        context.close()


def test_a_clause_of_a_round_that_is_over_says_so_in_the_results(browser, base_url, handbook):
    """Search results carry the version's status: 阳城's 2024 round, over on the build date, is not
    shown as the rules in force."""
    status = handbook.series["yangcheng-junior-title"].current.status
    context = browser.new_context(locale="zh-CN")
    for page in watched_page(context, base_url):
        page.goto(f"{base_url}search/?q=报送时间")
        page.wait_for_selector(".hb-result")
        first = page.locator(".hb-result").first
        assert first.locator(".hb-result-status").inner_text() == status.text
        assert first.locator(".hb-result-status").get_attribute("class") == f"hb-result-status is-{status.code}"
    context.close()


NONSENSE = "犇骉"   # a word in no record (checked below)
# what the page would count as a rare pair of a query held by some record (handbook/assets/search/query.js)
RARE_HELD = """async (q) => {
  const root = new URL(document.querySelector('.hb-search').dataset.siteRoot || './', location.href);
  const qm = await import(new URL('assets/search/query.js', root).href);
  const pf = await import(new URL('pagefind/pagefind.js', root).href);
  const words = JSON.parse(document.querySelector('script.hb-search-synonyms').textContent);
  const entry = await (await fetch(new URL('pagefind/pagefind-entry.json', root))).json();
  const pages = Object.values(entry.languages)[0].page_count;
  const counts = new Map();
  for (const g of new Set(qm.plan(q, words.synonyms, words.stop_words).partLists.flat())) {
    counts.set(g, (await pf.search(g)).results.length);
  }
  return [...qm.rarePairs(counts, pages)].map(qm.pairText);
}"""


def test_a_word_in_no_record_never_leaves_a_dead_end(search_page, handbook):
    """Every case with its first word replaced by one no record holds: while a record holds a rare
    pair of what is left, the reader gets results (marked as holding part of the query)."""
    from handbook.search.records import records

    assert not any(c in r.content for r in records(handbook, []) for c in NONSENSE)
    checked = 0
    for case in CASES:
        text = case["query"]
        if case.get("stops_only") or len(re.findall(r"[\u3400-\u9fff]", text)) < 4:
            continue
        variant = NONSENSE + text[2:]
        links = query(search_page, variant)
        rare = search_page.evaluate(RARE_HELD, variant)
        if rare:
            assert links, (variant, rare, search_page.locator(".hb-search-status").inner_text())
            checked += 1
    assert checked >= 60, checked
