"""A query typed into the built site's search page, as a reader types it, and a case's clause as a link."""

from __future__ import annotations


def query(page, text: str) -> list[str]:
    """Type ``text`` into the search page; return the result links, best first."""
    root = page.locator(".hb-search")
    before = int(root.get_attribute("data-results") or 0)
    page.fill("#hb-search-input", text)
    page.wait_for_function(f"() => Number(document.querySelector('.hb-search').dataset.results || 0) > {before}"
                           f" && document.querySelector('.hb-search').dataset.query === {text!r}")
    return page.eval_on_selector_all(".hb-result a", "as => as.map(a => a.getAttribute('href'))")


def clause_url(ref: str) -> str:
    doc, anchor = ref.split("#")
    return f"/documents/{doc}/#{anchor}"
