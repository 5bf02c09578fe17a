"""Write ``site/pagefind/`` with Pagefind's Python API after mkdocs has built the site."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from html import escape, unescape
from pathlib import Path

from .records import KIND_PAGE, Record

LANGUAGE = "zh"
# Between a record's text and its character pairs (see grams); the search page shows only
# what comes before it.
GRAMS_MARK = "⁂"
_RUNS = re.compile(r"[\u3400-\u9fff]+|[0-9A-Za-z%％.]+")
# Pagefind splits words on punctuation; keep % so that 20% is a word of its own, not 20.
INCLUDE_CHARACTERS = "%％"
# Site pages indexed from their HTML (the rest are records): source folder → result group
HTML_PAGES = ("index.html", "guide/index.html", "overview/*/index.html")


class SearchBuildError(Exception):
    """The search index could not be written; the message says why."""


def html_pages(site_dir: Path) -> list[Path]:
    found: list[Path] = []
    for pattern in HTML_PAGES:
        found.extend(sorted(site_dir.glob(pattern)))
    return found


def _code(chars: str) -> str:
    return "g" + "".join(f"{ord(c):x}" for c in chars)


def grams(text: str) -> str:
    """Overlapping pairs of Chinese characters as ASCII words, and runs of digits and letters.

    Pagefind segments a whole sentence differently from a short query (和不称职 vs 不称职), so
    a query's words may not be the index's words. Each pair of characters is indexed beside
    the text as one ASCII word (见习 → g89c14e60) that no segmenter splits; search.js makes the
    query's pairs the same way, so a query matches a record holding all its pairs, whatever
    the segmenter does with the sentence.
    """
    out: list[str] = []
    for run in _RUNS.findall(text):
        if "\u3400" <= run[0] <= "\u9fff":
            out.extend(_code(run[i:i + 2]) for i in range(max(1, len(run) - 1)))
        else:
            out.append(run.lower())
    return " ".join(out)


def indexed_text(content: str) -> str:
    return f"{content}\n{GRAMS_MARK}\n{grams(content)}"


def _record_html(record: Record) -> str:
    """A record as a small HTML file for Pagefind: its text, its pairs, and its metadata
    (``url`` overrides the file's own path, so the result links to the clause)."""
    meta = "".join(f'<span data-pagefind-meta="{key}">{escape(value)}</span>'
                   for key, value in record.meta().items())
    return (f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8"></head><body>'
            f'<main data-pagefind-body data-pagefind-meta="url:{escape(record.url)}">'
            f'<div data-pagefind-ignore>{meta}</div>'
            f"<p>{escape(indexed_text(record.content))}</p></main></body></html>")


def _page_html(html: str) -> str:
    """A built site page for the index: its group, and its pairs after its text."""
    start, end = html.find("<article"), html.find("</article>")
    if start < 0 or end < 0:
        return html
    text = re.sub(r"<[^>]+>", " ", html[start:end])
    html = html.replace("<article", f'<article data-pagefind-body data-pagefind-meta="kind:{KIND_PAGE}"', 1)
    return html.replace("</article>", f"<p>{GRAMS_MARK}</p><p>{escape(grams(unescape(text)))}</p></article>", 1)


def write_index(site_dir: Path, records: Iterable[Record]) -> int:
    """Index ``records`` and the site's overview pages into ``site_dir/pagefind``; return the count.

    The records are written as small HTML files to a temporary folder and indexed by one run
    of the Pagefind binary: its Python API answers one call per 0.1 s, which would take
    minutes for a hundred documents' clauses; the binary takes well under a second."""
    site_dir = Path(site_dir)
    with tempfile.TemporaryDirectory(prefix="handbook-search-") as tmp:
        source = Path(tmp)
        count = 0
        for count, record in enumerate(records, start=1):
            path = source / "r" / f"{count:06d}.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_record_html(record), "utf-8")
        for page in html_pages(site_dir):
            target = source / page.relative_to(site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_page_html(page.read_text("utf-8")), "utf-8")
            count += 1
        output = site_dir / "pagefind"
        if output.exists():
            shutil.rmtree(output)
        proc = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(source), "--output-path", str(output),
             "--force-language", LANGUAGE, "--include-characters", INCLUDE_CHARACTERS,
             "--exclude-selectors", ".headerlink", "--quiet"],
            capture_output=True, text=True)
    if proc.returncode != 0 or not (output / "pagefind.js").exists():
        raise SearchBuildError(f"Pagefind 建立索引失败（python -m pagefind，需 pip install "
                               f"'pagefind[extended]'）：\n{proc.stdout[-1500:]}{proc.stderr[-1500:]}")
    return count
