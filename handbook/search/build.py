"""Write ``site/pagefind/``: the records as small HTML files, indexed by one run of the Pagefind
binary (its Python API answers one call per 0.1 s, minutes for a hundred documents), in a
process of its own that runs while mkdocs renders the pages."""

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

from .records import Record

LANGUAGE = "zh"
# Between a record's text and its character pairs (see grams); the search page shows only
# what comes before it.
GRAMS_MARK = "⁂"
_RUNS = re.compile(r"[\u3400-\u9fff]+|[0-9A-Za-z%％.]+")
# Pagefind splits words on punctuation; keep % so that 20% is a word of its own, not 20.
INCLUDE_CHARACTERS = "%％"
class SearchBuildError(Exception):
    """The search index could not be written; the message says why."""


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


def write_sources(records: Iterable[Record], source: Path) -> int:
    """Each record as a small HTML file under ``source/r/``; return how many."""
    count = 0
    folder = source / "r"
    folder.mkdir(parents=True, exist_ok=True)
    for count, record in enumerate(records, start=1):
        (folder / f"{count:06d}.html").write_text(_record_html(record), "utf-8")
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
