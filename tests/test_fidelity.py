"""Every sentence of every seed file is on the built site, in its document's page.

Seeds are normalised the way a reader would: markup that is not content (HTML
tags, Markdown ``#``/``**``/``---``/list dashes) is dropped, whitespace is
ignored, and the OCR corrections recorded in the data are applied. Sentences are
split at line breaks and at 。；;！？ so a mid-sentence line break in the seed
gives two fragments, each of which must appear.
"""

from __future__ import annotations

import pytest
from helpers.seeds import seed_units
from helpers.sitetext import article_text, squash

from conftest import SEEDS


def coverage(handbook, site_dir):
    report = {}
    for doc in handbook.documents:
        seed = (SEEDS / doc.meta.source_file).read_text(encoding="utf-8")
        page = squash(article_text(site_dir / "documents" / doc.id / "index.html"))
        units = seed_units(seed, doc.corrections)
        missing = [u for u in units if u not in page]
        report[doc.id] = (len(units), missing)
    return report


def test_every_seed_sentence_is_on_its_page(handbook, site_dir):
    if not SEEDS.is_dir():
        pytest.skip(f"seed files not found at {SEEDS}")
    report = coverage(handbook, site_dir)
    total = sum(n for n, _ in report.values())
    missing = {doc: miss for doc, (_, miss) in report.items() if miss}
    found = total - sum(len(m) for m in missing.values())
    print(f"\nfidelity: {found}/{total} seed sentences on the site ({found / total:.2%})")
    for doc, (n, miss) in report.items():
        print(f"  {doc}: {n - len(miss)}/{n}")
    assert not missing, missing


def test_units_are_meaningful():
    """The splitter itself: markup goes, text stays, corrections apply."""

    class Fix:
        original, corrected = "入才", "人才"

    seed = "## **(二) 下列人员**\n<p>个人 述职</p>\t<p>本人签字</p>\n入才队伍；好。\n---"
    units = seed_units(seed, [Fix])
    assert units == ["(二)下列人员", "个人述职本人签字", "人才队伍", "好"]


def test_a_missing_sentence_is_detected(handbook, site_dir, tmp_path):
    """The check can fail: a page without one clause loses coverage."""
    doc = handbook.document("zhejiang-senior-title")
    page = site_dir / "documents" / doc.id / "index.html"
    html = page.read_text(encoding="utf-8")
    clause = "获得出席委员三分之二以上赞成票的方为通过"
    assert clause in html
    broken = tmp_path / "index.html"
    broken.write_text(html.replace(clause, ""), encoding="utf-8")
    seed = (SEEDS / doc.meta.source_file).read_text(encoding="utf-8")
    text = squash(article_text(broken))
    missing = [u for u in seed_units(seed, doc.corrections) if u not in text]
    assert any(clause in u for u in missing)
