"""A document page prints as the document (GB/T 9704): checked from the PDF chromium prints."""

from __future__ import annotations

import re
import subprocess

import pytest
from helpers.browser import watched_page

# The printed length on this kind of machine (fonts-noto-cjk; A4, 3号 body, 28 characters a line).
# A change here means the printed layout changed: look at test-artifacts/print-*.png first.
PAGES = {"xinzhou-annual-assessment": 13, "zhejiang-senior-title": 7, "yangcheng-junior-title": 8,
         "safety-kpi-samples": 33}
# what the site adds around a document (the summaries of its folded notes, the lists at the end)
SITE_MATERIAL = ("要点：文件中", "文件信息与版本：", "编者说明（", "编者注", "勘误记录", "本页采用的解读", "¶",
                 "相关计算器（", "表格（", "列名但未附内容的附件", "跳转至",
                 # the version's status is the site's word, not the 公文's: never printed
                 "适用期间：", "已执行完毕", "状态：现行", "各版本（", "本文件的版本", "查某日适用的版本")
FOOTER = re.compile(r"^\s*—\s*(\d+)\s*—\s*$")


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def printed(browser, base_url, handbook, artifacts, tmp_path_factory):
    """Each document printed to PDF once: {doc id: [text of page 1, page 2, …]}."""
    out = {}
    folder = tmp_path_factory.mktemp("print")
    context = browser.new_context(locale="zh-CN")
    for page in watched_page(context, base_url):
        for doc in handbook.documents:
            page.goto(f"{base_url}documents/{doc.id}/")
            pdf = folder / f"{doc.id}.pdf"
            page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
            text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout
            out[doc.id] = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
            subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", str(pdf),
                            str(artifacts / f"print-{doc.id}")], check=True)
    context.close()
    return out


@pytest.mark.parametrize("doc_id", sorted(PAGES))
def test_printed_page_count_and_numbers(printed, doc_id):
    pages = printed[doc_id]
    assert len(pages) == PAGES[doc_id]
    for n, text in enumerate(pages, start=1):
        lines = [ln for ln in text.splitlines() if ln.strip()]
        assert FOOTER.match(lines[-1]) and int(FOOTER.match(lines[-1])[1]) == n, (n, lines[-3:])


@pytest.mark.parametrize("doc_id", sorted(PAGES))
def test_print_starts_with_the_document_and_holds_nothing_else(printed, handbook, doc_id):
    doc = handbook.document(doc_id)
    first = doc.parts[0]
    text = compact("".join(printed[doc_id]))
    # the masthead (or, without one, the official title) comes first, then the 文号, then the title
    opening = [x for x in (first.masthead, first.doc_number, first.title) if x]
    positions = [text.find(compact(x)) for x in opening]
    assert positions[0] == 0 and positions == sorted(positions) and -1 not in positions, positions
    assert compact(doc.meta.short_title) not in text          # the site's short title is not printed
    for word in SITE_MATERIAL:
        assert word not in text, word


def test_the_masthead_is_red_and_never_apart_from_its_number(browser, base_url):
    context = browser.new_context(locale="zh-CN")
    for page in watched_page(context, base_url):
        page.goto(f"{base_url}documents/xinzhou-annual-assessment/")
        page.emulate_media(media="print")
        style = page.evaluate("""(() => { const m = getComputedStyle(document.querySelector('.masthead'));
            const n = getComputedStyle(document.querySelector('.doc-number'));
            return {color: m.color, after: m.breakAfter, line: n.borderBottomColor, before: n.breakBefore}; })()""")
        assert style == {"color": "rgb(204, 0, 0)", "after": "avoid", "line": "rgb(204, 0, 0)", "before": "avoid"}
        fonts = page.evaluate("""['.md-typeset', 'h3.clause-heading', 'h4.clause-heading']
            .map(s => document.querySelector(s))
            .map(e => e && getComputedStyle(e).fontFamily + ' ' + getComputedStyle(e).fontSize)""")
        assert "FangSong" in fonts[0] and "21.3333px" in fonts[0]        # 3号 = 16 pt
        assert fonts[1].startswith('SimHei') and fonts[2].startswith('KaiTi')   # 一级 黑体, 二级 楷体
    context.close()


def test_no_heading_is_left_at_the_foot_of_a_page(printed, handbook, site_dir):
    for doc in handbook.documents:
        html = (site_dir / "documents" / doc.id / "index.html").read_text("utf-8")
        headings = {compact(re.sub(r"<[^>]+>", "", h)).rstrip("¶")
                    for h in re.findall(r'<h[2-5][^>]*class="clause-heading"[^>]*>(.*?)</h[2-5]>', html)}
        for n, text in enumerate(printed[doc.id], start=1):
            lines = [compact(ln) for ln in text.splitlines() if ln.strip()]
            body = [ln for ln in lines if not FOOTER.match(ln) and not re.fullmatch(r"—\d+—", ln)]
            assert body and body[-1] not in headings, (doc.id, n, body[-1])
