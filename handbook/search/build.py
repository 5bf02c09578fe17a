"""Write ``site/pagefind/``: the records as HTML files, indexed by one run of the Pagefind
binary (its Python API answers one call per 0.1 s, minutes for a hundred documents), in a
process of its own that runs while mkdocs renders the pages.

Records go to Pagefind a few at a time (``CHUNK`` consecutive records of one page per file):
Pagefind spends about 0.3 ms on every file it reads and every fragment it writes, so one file
per record made 16,000 files and 9 s of indexing at 200 documents, where chunks of 8 take 4.5 s.
Each record is a section under a heading with an id, so Pagefind reports which records of a
chunk hold the query's words (its ``sub_results``); the records' links, titles and kinds travel
in the chunk's ``records`` meta, and search/page.js turns a chunk back into its records."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from html import escape
from pathlib import Path

from .numerals import normalize
from .records import Record

LANGUAGE = "zh"
# Between a record's text and its character pairs (see grams); the search page shows only
# what comes before it.
GRAMS_MARK = "⁂"
# Before each record of a chunk (as the text of its section heading): search/page.js splits on it.
RECORD_MARK = "⁑"
CHUNK = 8
_RUNS = re.compile(r"[\u3400-\u9fff]+|[0-9A-Za-z%％./]+")
# Pagefind splits words on punctuation; keep % so that 20% is a word of its own, not 20. A
# fraction's pairs word is written 2of3 (Pagefind splits a query's 2/3 whatever it is told).
INCLUDE_CHARACTERS = "%％"
class SearchBuildError(Exception):
    """The search index could not be written; the message says why."""


def _code(chars: str) -> str:
    return "g" + "".join(f"{ord(c):x}" for c in chars)


def grams(text: str) -> str:
    """Overlapping pairs of Chinese characters as ASCII words, and runs of digits and letters.

    Pagefind segments a whole sentence differently from a short query (和不称职 vs 不称职), so
    a query's words may not be the index's words. Each pair of characters is indexed beside
    the text as one ASCII word (见习 → g89c14e60) that no segmenter splits; search/page.js makes the
    query's pairs the same way, so a query matches a record holding all its pairs, whatever
    the segmenter does with the sentence.
    """
    out: list[str] = []
    runs = list(_RUNS.finditer(text))
    for i, m in enumerate(runs):
        run = m[0]
        if not _cjk(run[0]):
            out.append(run.lower().replace("/", "of"))
            continue
        out.extend(_code(run[j:j + 2]) for j in range(max(1, len(run) - 1)))
        # a character next to a number is also a word alone (满 and 年 in 任职满3年), so that the
        # query 满三年 → 满3年 finds it: 满 alone is not one of the text's pairs
        if len(run) > 1 and i > 0 and runs[i - 1].end() == m.start() and not _cjk(runs[i - 1][0]):
            out.append(_code(run[0]))
        if len(run) > 1 and i + 1 < len(runs) and runs[i + 1].start() == m.end() and not _cjk(runs[i + 1][0]):
            out.append(_code(run[-1]))
    return " ".join(out)


def _cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def indexed_text(content: str, also: str = "") -> str:
    """The text, then its pairs, then the pairs of its numbers' canonical spelling that differ
    (三年 → 3年, 百分之二十 → 20%: see numerals.py) and of the words readers type for its terms
    (``also``: 高工 for 高级工程师), so a query finds it however it writes them."""
    own = grams(content)
    seen = set(own.split())
    extra = [g for g in dict.fromkeys(grams(normalize(content)).split() + grams(also).split()) if g not in seen]
    return f"{content}\n{GRAMS_MARK}\n{own}{' ' if extra else ''}{' '.join(extra)}"


def _chunk_html(records: list[Record]) -> str:
    """Records of one page as a small HTML file for Pagefind: each record a section with its
    text and its pairs; their metadata as JSON in the ``records`` meta (not indexed)."""
    meta = json.dumps([[r.url, r.title, r.kind, r.source, int(r.table), r.status, r.status_code, int(r.older)]
                       for r in records],
                      ensure_ascii=False, separators=(",", ":"))
    sections = "".join(
        f'<section><h2 id="r{i}">{RECORD_MARK}</h2><p>{escape(indexed_text(_plain(r.content), r.also))}</p></section>'
        for i, r in enumerate(records))
    return (f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8"></head><body>'
            f'<main data-pagefind-body><div data-pagefind-ignore>'
            f'<span data-pagefind-meta="records">{escape(meta)}</span></div>{sections}</main></body></html>')


def _plain(text: str) -> str:
    """The marks search/page.js splits on cannot come from a text."""
    return text.replace(RECORD_MARK, " ").replace(GRAMS_MARK, " ")


def chunks(records: Iterable[Record]) -> list[list[Record]]:
    """Consecutive records of the same page, at most ``CHUNK`` together."""
    out: list[list[Record]] = []
    page = None
    for record in records:
        here = record.url.split("#")[0]
        if not out or here != page or len(out[-1]) >= CHUNK:
            out.append([])
            page = here
        out[-1].append(record)
    return out


def write_sources(records: Iterable[Record], source: Path) -> int:
    """The records in chunks as HTML files under ``source/r/``; return how many records."""
    folder = source / "r"
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for n, group in enumerate(chunks(records), start=1):
        (folder / f"{n:05d}.html").write_text(_chunk_html(group), "utf-8")
        count += len(group)
    return count


def run_pagefind(source: Path, output: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(source), "--output-path", str(output),
         "--force-language", LANGUAGE, "--include-characters", INCLUDE_CHARACTERS, "--quiet"],
        capture_output=True, text=True)
    if proc.returncode != 0 or not (output / "pagefind.js").exists():
        raise SearchBuildError(f"Pagefind 建立索引失败（python -m pagefind，需 pip install "
                               f"'pagefind[extended]'）：\n{proc.stdout[-1500:]}{proc.stderr[-1500:]}")


class IndexJob:
    """The index being built in a process of its own while mkdocs renders the pages.

    The records are known as soon as the data is loaded, so the build hands them over at
    ``on_config`` and collects the bundle at ``on_post_build``: on a 2-core machine Pagefind
    and the page rendering overlap instead of adding up."""

    def __init__(self, records: Iterable[Record]):
        self.tmp = Path(tempfile.mkdtemp(prefix="handbook-search-"))
        data = self.tmp / "records.json"
        data.write_text(json.dumps([r.to_json() for r in records], ensure_ascii=False), "utf-8")
        self.output = self.tmp / "pagefind"
        self.proc = subprocess.Popen([sys.executable, "-m", "handbook.search.build", str(data), str(self.output)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def finish(self, site_dir: Path) -> int:
        """Wait for the index and move it to ``site_dir/pagefind``; return the number of records."""
        try:
            out, err = self.proc.communicate()
            if self.proc.returncode != 0:
                raise SearchBuildError(err.strip()[-2000:] or f"退出状态 {self.proc.returncode}")
            target = Path(site_dir) / "pagefind"
            if target.exists():
                shutil.rmtree(target)
            shutil.move(str(self.output), str(target))
            return int(out.strip() or 0)
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def cancel(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def write_index(site_dir: Path, records: Iterable[Record]) -> int:
    """Index ``records`` into ``site_dir/pagefind`` now (the build uses :class:`IndexJob`)."""
    return IndexJob(records).finish(site_dir)


def main(argv: list[str]) -> int:
    """``python -m handbook.search.build RECORDS.json OUTPUT``: the job's own process."""
    data, output = Path(argv[0]), Path(argv[1])
    records = [Record(**r) for r in json.loads(data.read_text("utf-8"))]
    source = data.parent / "source"
    try:
        count = write_sources(records, source)
        run_pagefind(source, output)
    except SearchBuildError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
