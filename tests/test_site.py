"""The built site: anchors, key points, overview pages, search index, offline-only assets."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from helpers.sitetext import article_text

from handbook.clause_index import walk_nodes

from conftest import copy_project, mkdocs_build


def page(site_dir: Path, *parts: str) -> str:
    return (site_dir.joinpath(*parts, "index.html")).read_text(encoding="utf-8")


def test_every_clause_has_its_anchor(handbook, site_dir):
    for doc in handbook.documents:
        html = page(site_dir, "documents", doc.id)
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        missing = [cid for cid in handbook.clause_index[doc.id].texts if cid not in ids]
        assert not missing, (doc.id, missing)


def test_anchor_ids_come_from_the_data_not_the_position(handbook, site_dir):
    """The vote clause is #s4-3-6 because the YAML says so."""
    html = page(site_dir, "documents", "zhejiang-senior-title")
    m = re.search(r'<p id="s4-3-6"[^>]*>(.*?)</p>', html, re.S)
    assert m and "三分之二以上赞成票" in m[1]
    doc = handbook.document("zhejiang-senior-title")
    ids = [n.id for part in doc.parts for n, _ in walk_nodes(part.sections, ())]
    assert len(ids) == len(set(ids))


def test_keypoints_link_to_their_clauses(handbook, site_dir):
    for doc in handbook.documents:
        html = page(site_dir, "documents", doc.id)
        box = html[html.index('id="keypoints"'):]
        box = box[: box.index("</table>")]
        for p in doc.parameters:
            assert f'href="#{p.clause}"' in box, (doc.id, p.id)
            assert p.label in box


def test_keypoints_of_the_issue(site_dir):
    text = article_text(site_dir / "documents/zhejiang-senior-title/index.html")
    for expected in ("17 人", "3 名", "2/3", "5 个工作日", "10 个工作日"):
        assert expected in text
    text = article_text(site_dir / "documents/xinzhou-annual-assessment/index.html")
    assert "20%" in text
    text = article_text(site_dir / "documents/yangcheng-junior-title/index.html")
    assert "2024年12月16日" in text and "2024年12月20日" in text


def test_ocr_corrections_are_marked(site_dir):
    html = page(site_dir, "documents", "zhejiang-senior-title")
    assert html.count('class="ocr-fix"') == 2
    assert "入才" not in article_text(site_dir / "documents/zhejiang-senior-title/index.html") \
        .replace("“入才”", "").split("勘误记录")[0]
    assert 'id="corrections"' in html


def test_named_attachments_are_not_invented(site_dir):
    html = page(site_dir, "documents", "yangcheng-junior-title")
    for aid in ("a1", "a2", "a3", "a4"):
        block = html[html.index(f'<div class="named-attachment" id="{aid}"'):]
        block = block[: block.index("</div>")]
        assert "索取" in block
        assert "<table" not in block


def test_home_lists_every_document(handbook, site_dir):
    html = page(site_dir)
    for doc in handbook.documents:
        assert f'href="documents/{doc.id}/"' in html
        assert doc.meta.issuer in html
        if doc.meta.doc_number:
            assert doc.meta.doc_number in html
    assert "<!-- handbook:documents -->" not in html


def test_deadlines_overview_links_every_publicity_period(handbook, site_dir):
    html = page(site_dir, "overview", "deadlines")
    for doc in handbook.documents:
        for p in doc.parameters:
            if p.category in ("publicity", "deadline"):
                assert f'href="../../documents/{doc.id}/#{p.clause}"' in html, p.id


def test_comparison_quotes_clauses_verbatim(handbook, site_dir):
    html = page(site_dir, "overview", "junior-vs-senior")
    text = article_text(site_dir / "overview/junior-vs-senior/index.html")
    view = handbook.comparisons[0]
    for row in view.rows:
        for doc_id, clause_ids in row.cells.items():
            for cid in clause_ids:
                assert handbook.clause_index[doc_id].texts[cid] in text
                assert f'href="../../documents/{doc_id}/#{cid}"' in html


def test_nav_lists_generated_pages(handbook, site_dir):
    html = page(site_dir)
    for doc in handbook.documents:
        assert doc.meta.short_title in html


def _fragments(site_dir: Path) -> list[dict]:
    out = []
    for path in (site_dir / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd")
        out.append(json.loads(raw[len(b"pagefind_dcd"):]))
    return out


def test_search_index_is_split_into_fragments(handbook, site_dir):
    """Pagefind: an entry file, index chunks, and one fragment per index page of at most 8
    records of one page of the site, each record a section (#r0 …); no whole-site index."""
    bundle = site_dir / "pagefind"
    assert (bundle / "pagefind.js").exists() and (bundle / "pagefind-entry.json").exists()
    assert len(list((bundle / "index").glob("*.pf_index"))) >= 1
    assert not (site_dir / "search" / "search_index.json").exists()
    fragments = _fragments(site_dir)
    records = [r for f in fragments for r in json.loads(f["meta"]["records"])]
    clauses = {r[0] for r in records if r[2] == "条款"}
    every = {f"/documents/{doc.id}/#{node.id}" for doc in handbook.documents for part in doc.parts
             for node, _ in walk_nodes(part.sections, ())}
    assert every <= clauses                                # every clause is a record, once
    assert len(records) == len({r[0] for r in records})
    for f in fragments:
        recs = json.loads(f["meta"]["records"])
        assert 1 <= len(recs) <= 8
        assert len({r[0].split("#")[0] for r in recs}) == 1   # one page of the site per index page
        assert f["content"].count("⁑") == len(recs)         # search/page.js splits the records on it
    assert len(fragments) < len(records) / 4


def test_pages_are_the_same_with_and_without_stashing(tmp_path):
    """The generated HTML kept away from Python-Markdown (handbook.raw_html) comes out as
    Python-Markdown would have written it: every page equal, blank lines aside."""
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text("utf-8")
    (project / "plain.yml").write_text(
        config.replace("      data_dir: policy_data ", "      stash_html: false\n      data_dir: policy_data "),
        "utf-8")
    assert "stash_html: false" in (project / "plain.yml").read_text("utf-8")
    assert mkdocs_build(project / "mkdocs.yml", tmp_path / "stashed").returncode == 0
    assert mkdocs_build(project / "plain.yml", tmp_path / "parsed").returncode == 0

    def norm(path: Path) -> str:
        return re.sub(r"\n\s*\n", "\n", path.read_text("utf-8")).strip()

    parsed, stashed = tmp_path / "parsed", tmp_path / "stashed"
    pages = [p.relative_to(parsed) for p in sorted(parsed.rglob("*.html")) if "pagefind" not in p.parts]
    assert len(pages) > 20
    assert [str(p) for p in pages if norm(parsed / p) != norm(stashed / p)] == []


_RESOURCE = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["']([^"']+)["']"""
    r"""|<link\b[^>]*\bhref=["']([^"']+)["']""", re.I)


def test_no_request_leaves_the_site(site_dir):
    """No page or stylesheet loads anything from another host (CDN, Google Fonts…)."""
    external = []
    for path in site_dir.rglob("*.html"):
        for m in _RESOURCE.finditer(path.read_text(encoding="utf-8")):
            url = m[1] or m[2]
            if re.match(r"^(https?:)?//", url):
                external.append((str(path.relative_to(site_dir)), url))
    for path in site_dir.rglob("*.css"):
        for m in re.finditer(r"""(?:url\(|@import\s+)["']?((?:https?:)?//[^"')\s]+)""",
                             path.read_text(encoding="utf-8")):
            external.append((str(path.relative_to(site_dir)), m[1]))
    # <link rel="canonical"> is not a request, but we set no site_url so there is none.
    assert not external, external[:10]
    assert "fonts.googleapis.com" not in page(site_dir)


def test_national_rules_page_has_every_rule_and_links_back(handbook, site_dir):
    html = page(site_dir, "overview", "national-rules")
    for rule in handbook.rules.rules:
        assert f'id="{rule.id}"' in html
        assert rule.text in html
        for cite in rule.cited_by:
            assert f'href="../../documents/{cite.doc}/#{cite.clause}"' in html


def test_calculator_reason_links_resolve_on_the_site(handbook, site_dir):
    """Every URL a calculator puts in a reason points at an existing page and anchor."""
    from helpers.calc_cases import load_cases

    from calculators import run
    from handbook.export import calculator_params

    params = calculator_params(handbook)
    for case in load_cases():
        result = run(case["calculator"], case["inputs"], params)
        for reason in result.get("reasons", []):
            if "url" not in reason:
                continue
            path, anchor = reason["url"].split("#")
            html = (site_dir / path / "index.html").read_text(encoding="utf-8")
            assert f'id="{anchor}"' in html, reason["url"]


def test_the_stash_takes_html_out_and_puts_it_back():
    from handbook.raw_html import HtmlStash

    stash = HtmlStash()
    page = ('## 一、总则 { #s1 }\n\n<p id="s1-1" class="clause">第一段</p>\n\n<div class="x">\n<p>表</p>\n</div>\n\n'
            "说明文字\n\n### 附件 { #a1 }\n\n<table><tr><td>格</td></tr></table>\n")
    markdown = stash.stash(page)
    assert "<p" not in markdown and "<table" not in markdown and "说明文字" in markdown
    assert markdown.count(f"hbraw{stash.nonce}") == 2 and "## 一、总则 { #s1 }" in markdown
    html = "\n".join(f"<p>{line}</p>" if line.startswith("hbraw") else line for line in markdown.split("\n"))
    restored = stash.restore(html)
    assert '<p id="s1-1" class="clause">第一段</p>\n\n<div class="x">\n<p>表</p>\n</div>' in restored
    assert "<table><tr><td>格</td></tr></table>" in restored and "hbraw" not in restored
