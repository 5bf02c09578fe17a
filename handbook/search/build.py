"""Write ``site/pagefind/`` with Pagefind's Python API after mkdocs has built the site."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable
from html import unescape
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


async def _write(site_dir: Path, records: Iterable[Record]) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(output_path=str(site_dir / "pagefind"), force_language=LANGUAGE,
                         root_selector="article", exclude_selectors=[".headerlink", ".md-source-file"],
                         include_characters=INCLUDE_CHARACTERS)
    count = 0
    async with PagefindIndex(config) as index:
        for record in records:
            await index.add_custom_record(url=record.url, content=indexed_text(record.content),
                                          language=LANGUAGE, meta=record.meta())
            count += 1
        for path in html_pages(site_dir):
            rel = path.relative_to(site_dir).as_posix()
            url = "/" + rel[: -len("index.html")]
            html = path.read_text("utf-8")
            # the page's group and source, as the search page shows them
            html = html.replace("<article", f'<article data-pagefind-meta="kind:{KIND_PAGE}"', 1)
            text = re.sub(r"<[^>]+>", " ", html[html.find("<article"):html.find("</article>")])
            html = html.replace("</article>", f"<p>{GRAMS_MARK}</p><p>{grams(unescape(text))}</p></article>", 1)
            await index.add_html_file(content=html, url=url)
            count += 1
    return count


def write_index(site_dir: Path, records: Iterable[Record]) -> int:
    """Index ``records`` and the site's overview pages; return how many entries were written."""
    try:
        return asyncio.run(_write(Path(site_dir), list(records)))
    except ImportError as exc:
        raise SearchBuildError(f"未安装 Pagefind（pip install 'pagefind[extended]'）：{exc}") from None
    except Exception as exc:  # the service reports failures as exceptions of its own
        raise SearchBuildError(f"Pagefind 建立索引失败：{exc!r}") from None
