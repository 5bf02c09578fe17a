"""Measure the calculators' speed in headless chromium against a local server, and print figures.

    make bench            (or: .venv/bin/python scripts/bench.py [--runs N] [--site DIR])

Figures, medians over --runs fresh browser profiles:
- cold: navigation → first calculator result, empty cache;
- floor: navigation → one line of Python on a bare page that loads the same Pyodide the same way
  (a module worker), the least any calculator page can take;
- second visit: the same calculator page again in the same profile (HTTP cache warm);
- warm recalculation: input change → result shown, Python already running;
- bytes transferred by a policy page and by a calculator page;
- the same first and second visits on a throttled network (--mbps, default 20 Mbit/s with 20 ms
  latency, like a busy intranet), where the HTTP cache decides how long a second visit takes.
Each run uses a new browser profile on disk (``launch_persistent_context``), as a person's browser
has: the in-memory cache of a throwaway context will not hold the 9.6 MB pyodide.asm.wasm, which
would make every visit look like a first one.
The server sends ``Cache-Control: public, max-age=31536000, immutable`` for assets/pyodide/<version>/
(versioned, so safe to cache for ever; see README) and ``no-cache`` for everything else.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

CALCULATOR = "zhejiang-committee-vote"
POLICY_PAGE = "documents/zhejiang-senior-title/"

BARE_HTML = """<!doctype html><meta charset="utf-8"><title>bare</title><script type="module">
const w = new Worker("bare-worker.js", {type: "module"});
w.onmessage = (e) => { window.__result = e.data; window.__doneMs = performance.now(); };
w.postMessage(new URL("assets/pyodide/VERSION/", location.href).href);
</script>"""
BARE_WORKER = """self.onmessage = async (e) => {
  const { loadPyodide } = await import(e.data + "pyodide.mjs");
  const py = await loadPyodide({ indexURL: e.data });
  self.postMessage(py.runPython("1 + 1"));
};"""


class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        if "/assets/pyodide/" in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):
        pass


Handler.extensions_map = {**Handler.extensions_map, ".mjs": "text/javascript",
                          ".js": "text/javascript", ".wasm": "application/wasm"}


def serve(directory: Path):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def transferred(context) -> list[int]:
    sizes: list[int] = []

    def done(request):
        try:
            s = request.sizes()
            sizes.append(s["responseBodySize"] + s["responseHeadersSize"])
        except Exception:  # a request that failed has no sizes
            pass

    context.on("requestfinished", done)
    return sizes


def throttle(context, page, mbps: float) -> None:
    """Emulate a slower network for this page and the workers it starts."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 20, "downloadThroughput": mbps * 1e6 / 8,
        "uploadThroughput": mbps * 1e6 / 8})


def first_result(page, url: str) -> float:
    page.goto(url, wait_until="domcontentloaded")
    page.fill("#f-attending", "17")        # typed while Python starts; runs when ready
    page.wait_for_function("document.querySelector('.calc').dataset.firstResultMs",
                           timeout=120_000)
    return float(page.locator(".calc").get_attribute("data-first-result-ms"))


def recalc_ms(page, n: int) -> list[float]:
    times = []
    for i in range(n):
        times.append(page.evaluate("""async (value) => {
            const root = document.querySelector('.calc');
            const done = new Promise(r => root.addEventListener('calc:result', r, {once: true}));
            const t0 = performance.now();
            const input = document.querySelector('#f-attending');
            input.value = String(value);
            input.form.requestSubmit();
            await done;
            await new Promise(r => requestAnimationFrame(() => r()));
            return performance.now() - t0; }""", 17 + i % 10))
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--mbps", type=float, default=20.0)
    args = parser.parse_args()
    versions = [p.name for p in (args.site / "assets" / "pyodide").iterdir() if p.is_dir()]
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(args.site, site)
        (site / "bare.html").write_text(BARE_HTML.replace("VERSION", versions[0]), "utf-8")
        (site / "bare-worker.js").write_text(BARE_WORKER, "utf-8")
        server, base = serve(site)
        cold, floor, second, recalcs = [], [], [], []
        profiles = Path(tmp) / "profiles"

        def new_profile(p):
            """A fresh browser with its own profile directory (and so its own disk cache)."""
            profiles.mkdir(exist_ok=True)
            return p.chromium.launch_persistent_context(
                tempfile.mkdtemp(dir=profiles), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                headless=True)

        with sync_playwright() as p:
            for _ in range(args.runs):   # alternate, so both see the same machine state
                ctx = new_profile(p)
                page = ctx.new_page()
                page.goto(base + "bare.html")
                page.wait_for_function("window.__doneMs", timeout=120_000)
                floor.append(page.evaluate("window.__doneMs"))
                ctx.close()

                ctx = new_profile(p)
                page = ctx.new_page()
                cold.append(first_result(page, f"{base}calculators/{CALCULATOR}/"))
                recalcs.extend(recalc_ms(page, 20))
                page.close()
                page = ctx.new_page()
                second.append(first_result(page, f"{base}calculators/{CALCULATOR}/"))
                ctx.close()

            slow_first, slow_second = [], []
            for _ in range(max(1, args.runs // 2)):
                ctx = new_profile(p)
                page = ctx.new_page()
                throttle(ctx, page, args.mbps)
                slow_first.append(first_result(page, f"{base}calculators/{CALCULATOR}/"))
                page.close()
                page = ctx.new_page()
                throttle(ctx, page, args.mbps)
                slow_second.append(first_result(page, f"{base}calculators/{CALCULATOR}/"))
                ctx.close()

            ctx = new_profile(p)
            sizes = transferred(ctx)
            page = ctx.new_page()
            page.goto(base + POLICY_PAGE, wait_until="networkidle")
            policy_bytes = sum(sizes)
            policy_pyodide = [u for u in page.evaluate(
                "performance.getEntriesByType('resource').map(e => e.name)") if "pyodide" in u]
            sizes.clear()
            page.goto(f"{base}calculators/{CALCULATOR}/", wait_until="domcontentloaded")
            page.fill("#f-attending", "17")
            page.wait_for_function("document.querySelector('.calc').dataset.firstResultMs",
                                   timeout=120_000)
            page.wait_for_load_state("networkidle")
            calc_bytes = sum(sizes)
            ctx.close()
        server.shutdown()

    med = statistics.median
    ratio = med(cold) / med(floor)
    print(f"calculator page: {CALCULATOR}; runs: {args.runs}; Pyodide {versions[0]}")
    print(f"cold start → first result      {med(cold):8.0f} ms   (runs: {', '.join(f'{x:.0f}' for x in cold)})")
    print(f"bare Pyodide floor (1 + 1)     {med(floor):8.0f} ms   (runs: {', '.join(f'{x:.0f}' for x in floor)})")
    print(f"cold / floor                   {ratio:8.2f}      (goal ≤ 1.15)")
    print(f"second visit → first result    {med(second):8.0f} ms   (runs: {', '.join(f'{x:.0f}' for x in second)})")
    print(f"warm recalculation             {med(recalcs):8.1f} ms   (median of {len(recalcs)}; "
          f"max {max(recalcs):.1f}; goal < 50)")
    print(f"policy page bytes              {policy_bytes:8d}      (Pyodide requests: {len(policy_pyodide)})")
    print(f"calculator page bytes          {calc_bytes:8d}")
    print(f"{args.mbps:g} Mbit/s, first visit        {med(slow_first):8.0f} ms   "
          f"(runs: {', '.join(f'{x:.0f}' for x in slow_first)})")
    print(f"{args.mbps:g} Mbit/s, second visit       {med(slow_second):8.0f} ms   "
          f"(runs: {', '.join(f'{x:.0f}' for x in slow_second)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
