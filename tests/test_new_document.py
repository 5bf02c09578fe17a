"""A policy officer adds a document by copying a file; its text is never markup."""

from __future__ import annotations

from helpers.sitetext import article_text

from conftest import copy_project, mkdocs_build

PROBE = "<script>window.__pwned = 1</script>"


def test_copied_document_builds_and_text_stays_text(tmp_path):
    copy_project(tmp_path)

    src = (tmp_path / "policy_data/documents/yangcheng-junior-title/2024.yaml").read_text("utf-8")
    new = (src.replace("id: yangcheng-junior-title\n", "id: copied-document\n", 1)
              .replace("  short_title: 阳城 · 2024年度煤炭专业初级职称（助理工程师）评审",
                       f"  short_title: 复制的文件 {PROBE}")
              .replace("具体组织实施。", f"具体组织实施。{PROBE} **不是粗体** [不是链接](http://x)")
              .replace("    title: 组织管理", f"    title: '组织管理 {PROBE} ## #'")
              .replace("  issuer: 阳城县工业和信息化局", f"  issuer: 阳城县工业和信息化局{PROBE}"))
    assert new.count(PROBE) == 4
    (tmp_path / "policy_data/documents/copied-document.yaml").write_text(new, "utf-8")

    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr

    html = (tmp_path / "site/documents/copied-document/index.html").read_text("utf-8")
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    text = article_text(tmp_path / "site/documents/copied-document/index.html")
    assert f"具体组织实施。{PROBE} **不是粗体** [不是链接](http://x)" in text
    assert f"一、组织管理 {PROBE} ## #" in text
    assert "<strong>不是粗体</strong>" not in html and 'href="http://x"' not in html

    home = (tmp_path / "site/index.html").read_text("utf-8")
    assert 'href="documents/copied-document/"' in home          # in the documents table
    assert "<script>window.__pwned" not in home
    listing = (tmp_path / "site/documents/index.html").read_text("utf-8")
    assert "copied-document/" in listing                          # and in the nav
