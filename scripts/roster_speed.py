"""How the 花名册 page behaves with a long list, in headless chromium served by nginx.

For a list of N people (default 5,000) against a baseline of the printed form's 12 rows, measured
in the same run (N runs each: median, min, max, and the ratio of the medians):
- import: choosing the .xlsx file → the list shown (Python already started);
- summary: the list shown → the counts and the quota check on the page;
- keystroke: a character typed in a row → the next frame painted;
- save: the draft saved (the whole list merged and written to localStorage; after a pause in typing);
- reopen: reloading the page with the list as its draft → the form ready;
- print: every row put on the page for printing and laid out (what happens before the print dialog);
- excel: 导出为 Excel clicked → the file downloaded (every row in it).
Prints figures, asserts nothing. Usage: .venv/bin/python scripts/roster_speed.py [RUNS] [PEOPLE]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from helpers.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from helpers.nginx import nginx  # noqa: E402
from helpers.roster_files import roster_xlsx  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

KEYSTROKE = """() => new Promise((done) => {
  const el = document.querySelector('[name="people.7.name"]');
  el.focus();
  const t = performance.now();
  el.value += "x";
  el.dispatchEvent(new Event("input", { bubbles: true }));
  requestAnimationFrame(() => setTimeout(() => done(performance.now() - t)));
})"""

SAVE = """() => {
  const el = document.querySelector('[name="people.8.name"]');
  el.value += "y";
  el.dispatchEvent(new Event("input", { bubbles: true }));
  const t = performance.now();
  window.dispatchEvent(new Event("pagehide"));
  return performance.now() - t;
}"""

PRINT = """() => {
  const t = performance.now();
  window.dispatchEvent(new Event("beforeprint"));
  document.body.getBoundingClientRect();
  return performance.now() - t;
}"""


def measure(browser, base: str, path: Path, people: int) -> dict[str, float]:
    page = browser.new_page(accept_downloads=True)
    page.goto(base + "forms/xinzhou-roster/")
    page.wait_for_selector(".form-sheet[data-ready=true]")
    page.fill('[name="unit"]', "某煤矿")             # Python starts: the import measures our work
    page.wait_for_selector(".form-sheet[data-python-ready=true]", timeout=120_000)
    out = {}
    t = time.perf_counter()
    page.set_input_files("input[data-roster-import]", str(path))
    page.wait_for_function("() => document.querySelector('.roster-message').textContent.includes('已导入')",
                           timeout=120_000)
    out["import"] = time.perf_counter() - t
    page.wait_for_function(f"() => document.querySelector('.roster-panel').dataset.participants === '{people}'",
                           timeout=120_000)
    out["summary"] = time.perf_counter() - t - out["import"]
    page.wait_for_timeout(1500)                     # the draft saved, the checks done
    out["keystroke"] = page.evaluate(KEYSTROKE) / 1000
    page.wait_for_timeout(1000)
    out["save"] = page.evaluate(SAVE) / 1000
    t = time.perf_counter()
    page.reload()
    page.wait_for_selector(".form-sheet[data-ready=true]")
    out["reopen"] = time.perf_counter() - t
    out["print"] = page.evaluate(PRINT) / 1000
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    t = time.perf_counter()
    with page.expect_download(timeout=120_000):
        page.click("button[data-action=export-xlsx]")
    out["excel"] = time.perf_counter() - t
    page.evaluate("() => localStorage.clear()")
    page.close()
    return out


def main(runs: int, people: int) -> None:
    load = Path("/proc/loadavg").read_text().split()[0]
    print(f"花名册 with {people} people vs 12 (the printed form), {runs} runs each; machine load {load}")
    with tempfile.TemporaryDirectory() as tmp, nginx(ROOT / "site") as base, sync_playwright() as p:
        files = {}
        for n in (12, people):
            files[n] = Path(tmp) / f"{n}.xlsx"
            files[n].write_bytes(roster_xlsx(n))
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        samples: dict[int, list[dict[str, float]]] = {12: [], people: []}
        for _ in range(runs):
            for n in (12, people):                   # alternating, so load changes hit both alike
                samples[n].append(measure(browser, base, files[n], n))
        browser.close()
    for key in samples[people][0]:
        base_runs = [s[key] for s in samples[12]]
        long_runs = [s[key] for s in samples[people]]
        ratio = statistics.median(long_runs) / statistics.median(base_runs)
        print(f"{key:9}  12 rows: {1000 * statistics.median(base_runs):7.1f} ms "
              f"({1000 * min(base_runs):.1f}–{1000 * max(base_runs):.1f})   "
              f"{people} rows: {1000 * statistics.median(long_runs):7.1f} ms "
              f"({1000 * min(long_runs):.1f}–{1000 * max(long_runs):.1f})   × {ratio:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5, int(sys.argv[2]) if len(sys.argv) > 2 else 5000)
