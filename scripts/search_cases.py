"""Where each search case lands on a built site: prints figures, asserts nothing.

    .venv/bin/python scripts/search_cases.py [SITE] [--cases tests/cases/search.yaml] [--from N]

Serves SITE (default: site/, as `make build` leaves it) on 127.0.0.1 and, in headless chromium,
types each query of the cases file into the search page, as tests/test_search.py does. Prints, for
each, the place of its clause among the results (1 is first; - not listed), W for a whole match or P
for a partial one, and then how many are first, in the top three, and without any result. Run it on
the site of an older commit (a `git worktree` built with `mkdocs build`) to compare a change.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from helpers.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from helpers.search import clause_url, query  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--cases", type=Path, default=ROOT / "tests" / "cases" / "search.yaml")
    parser.add_argument("--from", dest="start", type=int, default=0, help="only the cases from this one on (0-based)")
    args = parser.parse_args()
    cases = [c for c in yaml.safe_load(args.cases.read_text("utf-8"))[args.start:] if not c.get("stops_only")]
    first = top = empty = 0
    with sync_playwright() as p, serve(args.site) as url:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="zh-CN")
        page.goto(url + "search/")
        for case in cases:
            links = query(page, case["query"])
            wanted = [clause_url(r) for r in case.get("any", [case.get("expect")]) if r]
            place = next((i + 1 for i, link in enumerate(links) if link in wanted), None)
            partial = page.locator(".hb-search-status").inner_text().startswith("未找到完全匹配")
            first += place == 1
            top += place is not None and place <= 3
            empty += not links
            print(f"{place or '-':>2} {'P' if partial else 'W'} {case['query']}")
        browser.close()
    print(f"{len(cases)} cases: first {first}, top three {top}, no result {empty}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:   # | head
        sys.exit(0)
