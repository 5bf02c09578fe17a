"""The handbook in a real browser: links, offline-only requests, A4 print (search: test_search.py).

Debian's chromium (``/usr/bin/chromium``) driven by playwright; screenshots and
PDFs go to ``test-artifacts/`` for people to look at.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from helpers.browser import watched_page


@pytest.fixture
def page(browser, base_url):
    """A tab that records every request (all must go to the test server)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield from watched_page(context, base_url)
    context.close()


def test_pages_render_and_link(page, base_url, artifacts):
    page.goto(base_url)
    page.screenshot(path=str(artifacts / "home.png"), full_page=True)
    page.get_by_role("link", name=re.compile("浙江省安全工程专业高级工程师")).first.click()
    page.wait_for_url(re.compile("zhejiang-senior-title"))
    page.screenshot(path=str(artifacts / "doc-zhejiang-top.png"))
    # the 要点 box links to the vote clause, which becomes the target
    page.locator("#keypoints summary").click()          # folded so that the text comes first
    page.locator("#keypoints a[href='#s4-3-6']").first.click()
    assert page.evaluate("location.hash") == "#s4-3-6"
    assert page.locator("#s4-3-6").is_visible()
    assert "三分之二以上赞成票" in page.locator("#s4-3-6").inner_text()
    page.screenshot(path=str(artifacts / "doc-zhejiang-vote-clause.png"))
    for doc in ("xinzhou-annual-assessment", "yangcheng-junior-title", "safety-kpi-samples"):
        page.goto(f"{base_url}documents/{doc}/")
        page.screenshot(path=str(artifacts / f"doc-{doc}.png"))
    for view in ("deadlines", "junior-vs-senior"):
        page.goto(f"{base_url}overview/{view}/")
        page.screenshot(path=str(artifacts / f"overview-{view}.png"), full_page=True)


def test_deep_link_from_overview_lands_on_clause(page, base_url):
    page.goto(f"{base_url}overview/deadlines/")
    page.locator("a[href$='yangcheng-junior-title/#s5-1']").first.click()
    page.wait_for_url(re.compile(r"yangcheng-junior-title/#s5-1$"))
    assert "公示期不少于5个工作日" in page.locator("#s5-1").inner_text()


def test_print_is_a4_without_site_chrome(page, base_url, artifacts):
    # lay the page out at the A4 type area of GB/T 9704: 156 mm = 590 CSS px
    page.set_viewport_size({"width": 590, "height": 850})
    page.goto(f"{base_url}documents/xinzhou-annual-assessment/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    font = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")
    assert "FangSong" in font and "Noto Serif CJK SC" in font
    # no table is wider than the type area
    overflow = page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll('.md-typeset table')]
            .filter(t => t.getBoundingClientRect().right > width + 0.5)
            .map(t => t.id || t.className); }""")
    assert page.evaluate("document.documentElement.clientWidth") == 590
    assert overflow == []
    pdf = artifacts / "print-xinzhou.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size and abs(float(size[1]) - 595.3) < 1 and abs(float(size[2]) - 841.9) < 1
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    assert pages == 13   # tests/test_print.py checks every document's printed length
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "忻人社函〔2024〕4号" in text
    assert "跳转至" not in text  # material's "skip to content" link is site chrome
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "4", str(pdf),
                    str(artifacts / "print-xinzhou")], check=True)


@pytest.mark.parametrize("viewport", [(1280, 800), (360, 740)], ids=["desktop", "phone"])
@pytest.mark.parametrize("doc", ["xinzhou-annual-assessment", "zhejiang-senior-title",
                                 "yangcheng-junior-title", "safety-kpi-samples"])
def test_the_source_text_starts_within_the_first_screen(browser, base_url, viewport, doc):
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    for page in watched_page(context, base_url):
        page.goto(f"{base_url}documents/{doc}/")
        top = page.evaluate("document.querySelector('.doc-aside').nextElementSibling.getBoundingClientRect().top")
        assert top < height - 60, top
    context.close()


def test_hand_written_pages_have_explicit_heading_ids(site_dir):
    for page in ("index.html", "guide/index.html"):
        html = (site_dir / page).read_text("utf-8")
        ids = re.findall(r'<h[1-6] id="([^"]+)"', html)
        assert ids and not [i for i in ids if re.fullmatch(r"_\d+", i)], (page, ids)
