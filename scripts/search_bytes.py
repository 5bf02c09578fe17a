"""What a reader downloads to search, at 4 documents and at 100: prints figures, asserts nothing.

    .venv/bin/python scripts/search_bytes.py [--docs 4 100] [--queries 三分之二 17人 …]

For each size, builds the site (pages and search index only, no Pyodide) with the four real
documents plus copies of them under new ids, serves it on 127.0.0.1 and, in headless chromium
with an empty cache, opens the search page and types the queries one after another. Prints the
bytes fetched from ``pagefind/`` (as sent: the test server does not compress) for the page load,
for the first query and for all queries, beside the size of the whole bundle on disk — which is
what one index file for the whole site would cost every page, as mkdocs-material's did.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from helpers.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

from conftest import copy_project, mkdocs_build  # noqa: E402

QUERIES = ("三分之二", "17人", "助理工程师", "公示", "不称职")


def synthesise(project: Path, total: int, versions: int = 1) -> None:
    """Copies of the four documents under new ids, until there are ``total`` documents (series);
    with ``versions`` > 1, each series gets further versions: the same text a year later."""
    docs = project / "policy_data" / "documents"
    seeds = sorted(p for p in docs.iterdir() if p.is_dir())
    for n in range(total - len(seeds)):
        seed = seeds[n % len(seeds)]
        new_id = f"copy-{n:03d}-{seed.name}"[:60]
        (docs / new_id).mkdir()
        for version in seed.glob("*.yaml"):
            text = version.read_text("utf-8").replace(f"id: {seed.name}\n", f"id: {new_id}\n", 1)
            (docs / new_id / version.name).write_text(text, "utf-8")
    for series in (p for p in docs.iterdir() if p.is_dir()):
        first = sorted(series.glob("*.yaml"))[0]
        for k in range(1, versions):
            key = str(int(first.stem) + k) if first.stem.isdigit() else f"v{k + 1}"
            text = re.sub(r"^(  (?:from|to|year): )(\d{4})", lambda m, k=k: f"{m[1]}{int(m[2]) + k}",
                          first.read_text("utf-8"), flags=re.M)
            (series / f"{key}.yaml").write_text(text, "utf-8")


def measure(site: Path, queries: tuple[str, ...]) -> dict[str, int]:
    sizes: dict[str, int] = {"load": 0}
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        phase = ["load"]

        def count(response) -> None:
            if "/pagefind/" in response.url:
                with contextlib.suppress(Exception):   # a response without a body counts nothing
                    sizes[phase[0]] = sizes.get(phase[0], 0) + len(response.body())

        page.on("response", count)
        page.goto(f"{url}search/")
        page.wait_for_load_state("networkidle")
        for i, q in enumerate(queries):
            phase[0] = f"q{i}"
            before = int(page.locator(".hb-search").get_attribute("data-results") or 0)
            page.fill("#hb-search-input", q)
            page.wait_for_function(
                f"() => Number(document.querySelector('.hb-search').dataset.results || 0) > {before}")
            page.wait_for_load_state("networkidle")
        browser.close()
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, nargs="+", default=[4, 100])
    parser.add_argument("--queries", nargs="+", default=list(QUERIES))
    args = parser.parse_args()
    queries = tuple(args.queries)
    print(f"queries: {' '.join(queries)}")
    print(f"{'documents':>9} {'bundle on disk':>15} {'page load':>10} {'1st query':>10} "
          f"{'all queries':>12} {'records':>8}")
    for total in args.docs:
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_project(Path(tmp))
            synthesise(project, total)
            result = mkdocs_build(project / "mkdocs.yml", project / "site")
            if result.returncode != 0:
                sys.exit(result.stderr[-2000:])
            bundle = project / "site" / "pagefind"
            on_disk = sum(f.stat().st_size for f in bundle.rglob("*") if (f.is_file()
                          and not f.name.startswith("pagefind-")) or f.name in ("pagefind-entry.json",))
            records = len(list((bundle / "fragment").glob("*")))
            sizes = measure(project / "site", queries)
            first = sizes.get("q0", 0)
            all_queries = sum(v for k, v in sizes.items() if k != "load")
            print(f"{total:>9} {on_disk / 1024:>12.0f} KB {sizes['load'] / 1024:>7.0f} KB "
                  f"{first / 1024:>7.0f} KB {all_queries / 1024:>9.0f} KB {records:>8}")
        shutil.rmtree(Path(tmp), ignore_errors=True)


if __name__ == "__main__":
    main()
