"""First-result times of a calculator in the three engines readers have, against nginx, printed.

    make bench   (also: .venv/bin/python scripts/engines_speed.py [--runs N] [--site DIR])

Chromium (playwright), Firefox ESR (puppeteer-core, tests/engines/firefox.mjs) and WebKitGTK
(WebKitWebDriver + Selenium under Xvfb, tests/engines/webkit.py) each open the calculator in a new
profile, type 17 as soon as the page is there and wait for the result (visit 1: nothing kept), wait
until the snapshot is kept, then open it again (visit 2) and reload it (visit 3). The figure is the
page's own clock at the first result (navigation → result, ``data-first-result-ms``). Over --runs
profiles per engine: median (min–max), and the ratio to Chromium's median of the same visit in
the same run. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from engines.scenario import calculator_visit  # noqa: E402
from engines.webkit import run_steps, webkit  # noqa: E402
from helpers.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from helpers.engines import playwright_steps  # noqa: E402
from helpers.nginx import nginx  # noqa: E402

STEPS = [*calculator_visit(1), {"wait": "localStorage.getItem('hb-python-kept')", "timeout": 30_000},
         *calculator_visit(2), *calculator_visit(3, reload=True)]


def chromium(base: str) -> dict:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 360, "height": 740})
        try:
            return playwright_steps(context.new_page(), base, STEPS)
        finally:
            browser.close()


def firefox(base: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="handbook-firefox-") as profile:
        steps = Path(profile) / "steps.json"
        steps.write_text(json.dumps(STEPS), "utf-8")
        out = subprocess.run(["node", "tests/engines/firefox.mjs", base, str(steps), profile], cwd=ROOT,
                             capture_output=True, text=True, timeout=600).stdout.strip().splitlines()[-1]
    result = json.loads(out)
    if "error" in result:
        raise RuntimeError(result["error"])
    return result["reads"]


def webkitgtk(base: str) -> dict:
    with webkit() as driver:
        return run_steps(driver, base, STEPS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    engines = {"chromium": chromium, "firefox-esr": firefox, "webkitgtk": webkitgtk}
    if not (shutil.which("node") and Path("/usr/bin/firefox-esr").exists()):
        del engines["firefox-esr"]
    times: dict[str, list[list[float]]] = {name: [] for name in engines}
    ways: dict[str, list[str]] = {name: [] for name in engines}
    with nginx(args.site) as base:
        for _ in range(args.runs):
            for name, run in engines.items():   # alternating, so every engine sees the same machine
                reads = run(base)
                times[name].append([reads[f"first_result_ms{n}"] for n in (1, 2, 3)])
                ways[name].append("/".join(reads[f"how{n}"] for n in (1, 2, 3)))
    load = os.getloadavg()[0]
    print(f"First result of {STEPS[0]['goto']} ({args.runs} profiles per engine; load average {load:.1f}); "
          "median (min–max) ms, ratio to Chromium")
    base_medians = [statistics.median(run[i] for run in times["chromium"]) for i in range(3)]
    for name in engines:
        cells = []
        for i, label in enumerate(("visit 1", "visit 2", "reload")):
            values = [run[i] for run in times[name]]
            med = statistics.median(values)
            cells.append(f"{label} {med:6.0f} ({min(values):.0f}–{max(values):.0f}) = {med / base_medians[i]:.2f}")
        print(f"  {name:12s} " + "   ".join(cells) + f"   [{', '.join(sorted(set(ways[name])))}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
