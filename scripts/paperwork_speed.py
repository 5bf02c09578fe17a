"""Everyone's forms from the 花名册 (issue 19), in headless chromium served by nginx: the page's Python
makes each person's 自评表 and 考核登记表.

For a list of N people (default 5,000) and a baseline of the printed form's 12, each measured RUNS
times in the same run (median, min, max, ratio of the medians):
- zip: 每人每表一个文件 clicked → the .zip downloaded (2 × N .docx and 清单.csv);
- merged: 每表一个 Word 文件 clicked → the .zip of the two merged .docx downloaded;
and, for the N-person runs, the peak resident memory of chromium's processes (page, worker,
browser; sampled every 0.2 s), the files in the ZIP and its size. Then the supervising office's
totals: 50 units' 统计表 (made by the site's template) chosen on the 汇总 page → the findings and the
汇总 on the page, against 2 units. Prints figures, asserts nothing.
Usage: .venv/bin/python scripts/paperwork_speed.py [RUNS] [PEOPLE]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from helpers.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from helpers.nginx import nginx  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from calckit.idcard import check_char  # noqa: E402

BASELINE = 12   # the printed 花名册's rows


def roster(n: int) -> dict[str, str]:
    values = {"unit": "忻州市某煤矿", "year": "2023", "department": "市应急管理局"}
    for i in range(n):
        first = f"1409021980{(i % 12) + 1:02d}{(i % 28) + 1:02d}{i % 1000:03d}"
        values.update({f"people.{i}.name": f"王{i:05d}", f"people.{i}.idcard": first + check_char(first),
                       f"people.{i}.sex": "男" if int(first[-1]) % 2 else "女", f"people.{i}.title": "工程师",
                       f"people.{i}.level": "中级", f"people.{i}.post": "安全管理", f"people.{i}.grade": "称职"})
    return values


class PeakRss:
    """The largest sum of chromium's resident memory seen while the block runs."""

    def __enter__(self):
        self.peak, self.running = 0, True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()
        return self

    def sample(self):
        while self.running:
            out = subprocess.run(["ps", "-C", "chromium", "-o", "rss="], capture_output=True, text=True).stdout
            self.peak = max(self.peak, sum(int(x) for x in out.split()))
            time.sleep(0.2)

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()


def one(browser, base: str, values: dict[str, str], mode: str, folder: Path) -> tuple[float, int, int, int]:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(f"{base}forms/xinzhou-roster/")
    page.evaluate("(v) => localStorage.setItem('handbook-form:v1:xinzhou-roster', JSON.stringify({values: v}))",
                  values)
    page.reload()
    page.wait_for_selector(".form-sheet[data-python-ready=true]", timeout=120_000)
    with PeakRss() as rss:
        t0 = time.perf_counter()
        with page.expect_download(timeout=600_000) as info:
            page.click(f'[data-batch="{mode}"]')
        seconds = time.perf_counter() - t0
        path = folder / f"{mode}.zip"
        info.value.save_as(path)
    files = len(zipfile.ZipFile(path).namelist())
    size = path.stat().st_size
    context.close()
    return seconds, rss.peak // 1024, files, size


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    people = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    site = ROOT / "site"
    with tempfile.TemporaryDirectory() as tmp, nginx(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print(f"everyone's forms from the 花名册: {people} people vs {BASELINE} (baseline), {runs} runs each")
        for mode in ("zip", "merged"):
            small = [one(browser, base, roster(BASELINE), mode, Path(tmp))[0] for _ in range(runs)]
            big = [one(browser, base, roster(people), mode, Path(tmp)) for _ in range(runs)]
            times = [b[0] for b in big]
            print(f"{mode:7s} {BASELINE:>5} people: median {statistics.median(small):6.2f} s "
                  f"(min {min(small):.2f}, max {max(small):.2f})")
            print(f"{mode:7s} {people:>5} people: median {statistics.median(times):6.2f} s "
                  f"(min {min(times):.2f}, max {max(times):.2f}) = "
                  f"{statistics.median(times) / statistics.median(small):.1f}× the baseline; "
                  f"{big[0][2]} files, {big[0][3] / 1e6:.0f} MB; peak chromium memory "
                  f"{max(b[1] for b in big)} MB")
        totals(browser, base, Path(tmp), runs)
        browser.close()


def totals(browser, base: str, folder: Path, runs: int) -> None:
    from calckit.office_fill import fill

    template = (ROOT / "site" / "forms" / "xinzhou-statistics" / "xinzhou-statistics.template.xlsx").read_bytes()
    paths = []
    for i in range(1, 51):
        values = {"unit": f"第{i:02d}煤矿", "department": "市应急管理局", "professionals": "70", "participants": "60"}
        for lv in ("senior", "mid", "junior"):
            values.update({f"{lv}_total": "20", f"{lv}_competent": "16", f"{lv}_basic": "2", f"{lv}_incompetent": "1"})
        path = folder / f"{i:02d}.xlsx"
        path.write_bytes(fill("xlsx", template, values)[0])
        paths.append(str(path))
    figures = {}
    for n in (2, 50):
        times = []
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{base}forms/xinzhou-statistics-summary/")
            page.wait_for_timeout(3000)   # Python started meanwhile, as while a reader chooses the files
            t0 = time.perf_counter()
            page.set_input_files(".totals-files", paths[:n])
            page.wait_for_function("() => document.querySelector('.totals-status').textContent.startsWith('已汇总')",
                                   timeout=120_000)
            times.append(time.perf_counter() - t0)
            context.close()
        figures[n] = times
        print(f"totals  {n:>5} units: median {statistics.median(times):6.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f})")
    print(f"totals: 50 units = {statistics.median(figures[50]) / statistics.median(figures[2]):.1f}× 2 units")


if __name__ == "__main__":
    main()
