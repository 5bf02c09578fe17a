"""Measure the calculators' speed in headless chromium against nginx, and print figures.

    make bench            (or: .venv/bin/python scripts/bench.py [--runs N] [--site DIR])

The site is served by nginx with deploy/README.md's configuration (deploy/nginx-handbook.conf: the
precompressed .br/.gz twins, a year's caching of the versioned runtime, revalidated pages), as
deployers serve it. Figures, over --runs fresh browser profiles (alternating, so all see the same
machine state), each printed as median (min–max) and as a ratio to the floor of the same run:
- floor: navigation → one line of Python on a bare page that loads the same Pyodide the plain way
  (a module worker, ``loadPyodide`` + ``1 + 1``), the least a page took before the snapshot;
- visits 1, 2, 3: navigation → first calculator result, in one profile (visit 1 with an empty
  cache); between visits the page stays open until the network is quiet, as a reader reads;
- which start the worker chose (snapshot or plain) at each visit;
- warm recalculation: input change → result shown, Python already running;
- bytes on the wire (compressed) for a policy page and for a first visit to a calculator page;
- the same three visits on a throttled line (--mbps, default 20 Mbit/s, 20 ms latency).
Each run uses a new browser profile on disk (``launch_persistent_context``), as a person's
browser has. The machine's load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from helpers.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from helpers.nginx import nginx  # noqa: E402

CALCULATOR = "zhejiang-committee-vote"
WEAK = (1.6, 150, 4.0)   # Lighthouse's mobile profile: Mbit/s down, round trip ms, CPU slowdown
POLICY_PAGE = "documents/zhejiang-senior-title/"

# the floor page, as files (the site's Content-Security-Policy allows no inline script)
BARE_HTML = """<!doctype html><meta charset="utf-8"><title>bare</title><script type="module" src="bare.js"></script>"""
BARE_JS = """const w = new Worker("bare-worker.js", {type: "module"});
w.onmessage = (e) => { window.__result = e.data; window.__doneMs = performance.now(); };
w.postMessage(new URL("assets/pyodide/VERSION/", location.href).href);"""
BARE_WORKER = """self.onmessage = async (e) => {
  const { loadPyodide } = await import(e.data + "pyodide.mjs");
  const py = await loadPyodide({ indexURL: e.data });
  self.postMessage(py.runPython("1 + 1"));
};"""


class Sizes(list):
    listener = None


def transferred(context) -> Sizes:
    """Bytes on the wire (body as sent, compressed, plus headers) of every finished request."""
    sizes = Sizes()

    def done(request):
        try:
            s = request.sizes()
            sizes.append(s["responseBodySize"] + s["responseHeadersSize"])
        except Exception:  # a request that failed has no sizes
            pass

    context.on("requestfinished", done)
    sizes.listener = done
    return sizes


def throttle(context, page, mbps: float) -> None:
    """Emulate a slower network for this page and the workers it starts."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 20, "downloadThroughput": mbps * 1e6 / 8,
        "uploadThroughput": mbps * 1e6 / 8})


def first_result(page, url: str) -> tuple[float, str]:
    """Navigation → first result (ms), and the start the worker chose."""
    page.goto(url, wait_until="domcontentloaded")
    page.fill("#f-attending", "17")        # typed while Python starts; runs when ready
    page.wait_for_function("() => document.querySelector('.calc').dataset.firstResultMs",
                           timeout=120_000)
    calc = page.locator(".calc")
    return float(calc.get_attribute("data-first-result-ms")), calc.get_attribute("data-python-start") or "?"


def visits(context, url: str, mbps: float | None, n: int = 3) -> list[tuple[float, str, int, int]]:
    """``n`` visits in one profile: (ms, start, bytes on the wire until the first result, bytes in
    all) each; the page stays open until the network is quiet (a snapshot fetched for the next
    visit has then arrived)."""
    out = []
    for _ in range(n):
        sizes = transferred(context)
        page = context.new_page()
        if mbps:
            throttle(context, page, mbps)
        ms, start = first_result(page, url)
        before = sum(sizes)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        out.append((ms, start, before, sum(sizes)))
        context.remove_listener("requestfinished", sizes.listener)
        page.close()
    return out


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


# The floor on the weak line: stock Pyodide as npm ships it (its full standard library), from a
# folder of its own, the way a page loaded it before this site cut the standard library.
BARE_STOCK_JS = BARE_JS.replace('"assets/pyodide/VERSION/"', '"bare-pyodide/"')


def stock_pyodide(site: Path, version: str) -> None:
    """``site/bare-pyodide/``: the site's runtime files with npm's python_stdlib.zip and lock."""
    own = site / "assets" / "pyodide" / version
    dest = site / "bare-pyodide"
    dest.mkdir()
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"):
        for twin in ("", ".br", ".gz"):
            if (own / f"{name}{twin}").exists():
                shutil.copy2(own / f"{name}{twin}", dest / f"{name}{twin}")
    for name in ("python_stdlib.zip", "pyodide-lock.json"):
        shutil.copy2(ROOT / "node_modules" / "pyodide" / name, dest / name)
    (site / "bare-stock.html").write_text(BARE_HTML.replace("bare.js", "bare-stock.js"), "utf-8")
    (site / "bare-stock.js").write_text(BARE_STOCK_JS, "utf-8")


def weak_line(context, page, mbps: float, latency: int, cpu: float) -> str:
    """Throttle the network for the page and its workers, and the CPU of the page and of every
    worker it starts (auto-attached targets); return what could be throttled."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": latency, "downloadThroughput": mbps * 1e6 / 8,
        "uploadThroughput": mbps * 1e6 / 8})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    throttled = {"workers": 0}

    def attached(event):
        info = event.get("targetInfo", {})
        if info.get("type") == "worker":
            message = {"id": 1, "method": "Emulation.setCPUThrottlingRate", "params": {"rate": cpu}}
            try:
                cdp.send("Target.sendMessageToTarget", {"sessionId": event["sessionId"],
                                                        "message": json.dumps(message)})
                throttled["workers"] += 1
            except Exception:
                pass

    cdp.on("Target.attachedToTarget", attached)
    with contextlib.suppress(Exception):   # an older Chromium: the page alone is throttled
        cdp.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": False, "flatten": False})
    return throttled


BAR_WATCH = """new MutationObserver(() => {
  const bar = document.querySelector('.calc-status progress.py-progress');
  if (!window.__barMs && bar && getComputedStyle(bar).display !== 'none') window.__barMs = performance.now();
  const box = document.querySelector('.calc-status');
  if (!window.__bytesMs && box && Number(box.dataset.loaded) > 0) window.__bytesMs = performance.now();
}).observe(document, {subtree: true, childList: true, attributes: true});"""


def weak_runs(browser, base: str, calc_url: str, runs: int, mbps: float, latency: int, cpu: float) -> dict:
    """Empty cache, 360 px, the weak line: bare stock Pyodide (1 + 1) and the calculator's first
    result, alternating; when the progress bar and its first figures appeared; bytes on the wire."""
    out = {"floor": [], "calc": [], "bar": [], "bytes_shown": [], "wire": [], "floor_wire": [], "start": set(),
           "workers": 0}
    for _ in range(runs):
        for kind in ("floor", "calc"):
            context = browser.new_context(viewport={"width": 360, "height": 740})
            sizes = transferred(context)
            page = context.new_page()
            page.add_init_script(BAR_WATCH)
            throttled = weak_line(context, page, mbps, latency, cpu)
            if kind == "floor":
                page.goto(base + "bare-stock.html")
                page.wait_for_function("() => window.__doneMs", timeout=300_000)
                out["floor"].append(page.evaluate("window.__doneMs"))
                out["floor_wire"].append(sum(sizes))
            else:
                page.goto(calc_url, wait_until="domcontentloaded")
                page.fill("#f-attending", "17")
                page.wait_for_function("() => document.querySelector('.calc').dataset.firstResultMs", timeout=300_000)
                out["calc"].append(float(page.locator(".calc").get_attribute("data-first-result-ms")))
                out["bar"].append(page.evaluate("window.__barMs || NaN"))
                out["bytes_shown"].append(page.evaluate("window.__bytesMs || NaN"))
                out["wire"].append(sum(sizes))
                out["start"].add(page.locator(".calc").get_attribute("data-python-start"))
                out["workers"] = max(out["workers"], throttled["workers"])
            context.close()
    return out


# A calculator page that, once shown, answers a question as a reader would (17 members present,
# typed and submitted) and says when the answer was shown by asking for /beacon?…, which nginx logs:
# read by a browser that no driver is attached to (Chrome activates no prerender under DevTools).
BEACON_JS = """const ask = () => {
  const calc = document.querySelector('.calc');
  const input = document.querySelector('#f-attending');
  if (!calc || !input) return setTimeout(ask, 5);
  const shown = performance.getEntriesByType('navigation')[0].activationStart;
  calc.addEventListener('calc:result', () => requestAnimationFrame(() => fetch('/beacon?shown=' + Math.round(shown)
    + '&ready=' + Math.round(performance.now()) + '&where=' + (document.documentElement.dataset.pythonIn || 'worker'))),
    {once: true});
  input.value = '17';
  input.dispatchEvent(new Event('input', {bubbles: true}));
  input.form.requestSubmit();
};
if (document.prerendering) document.addEventListener('prerenderingchange', () => setTimeout(ask), {once: true});
else document.addEventListener('DOMContentLoaded', ask);"""
LINK_WAIT_MS = 8000   # the reader points at the link, then clicks this much later


def click_runs(site: Path, runs: int) -> dict:
    """Link → first result, in headless chromium without a driver: from a page whose speculation
    rules prerender the calculator (as a pointed-at link is) and, for comparison, from one without;
    each run a new profile (empty cache), the 'click' a navigation by the page's script, the
    question asked as soon as the page is shown."""
    page = (site / "calculators" / CALCULATOR / "index.html").read_text("utf-8")
    beacon = site / "calculators" / "bench-beacon"
    beacon.mkdir()
    (beacon / "index.html").write_text(page.replace("</head>", '<script src="/bench-beacon.js"></script></head>', 1),
                                       "utf-8")
    (site / "bench-beacon.js").write_text(BEACON_JS, "utf-8")
    rules = ('<script type="speculationrules">{"prerender": [{"urls": ["/calculators/bench-beacon/"], '
             '"eagerness": "immediate"}]}</script>')
    go = f"setTimeout(() => {{ location.href = '/calculators/bench-beacon/'; }}, {LINK_WAIT_MS});"
    (site / "bench-go.js").write_text(go, "utf-8")
    for name, head in (("bench-prerender.html", rules), ("bench-plain.html", "")):
        (site / name).write_text(f'<!doctype html><meta charset="utf-8"><title>link</title>{head}'
                                 f'<script src="/bench-go.js"></script>', "utf-8")
    out = {"prerender": [], "plain": [], "prerender-where": [], "plain-where": []}
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "access.log"
        with nginx(site, access_log=log) as base:
            for _ in range(runs):
                for kind in ("prerender", "plain"):
                    seen = log.read_text() if log.exists() else ""
                    proc = subprocess.Popen([CHROMIUM, "--headless=new", *CHROMIUM_ARGS,
                                             f"--user-data-dir={tempfile.mkdtemp(dir=tmp)}",
                                             f"{base}bench-{kind}.html"],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    deadline = time.monotonic() + 90
                    found = None
                    while time.monotonic() < deadline and found is None:
                        time.sleep(0.2)
                        found = re.search(r"GET /beacon\?shown=(\d+)&ready=(\d+)&where=(\w+)",
                                          log.read_text()[len(seen):])
                    proc.terminate()
                    proc.wait()
                    if found:
                        shown, ready = int(found[1]), int(found[2])
                        out[kind].append(ready - shown)
                        out[f"{kind}-where"].append(found[3])
    return out


def figure(values: list[float], floor: float | None = None, unit: str = "ms") -> str:
    med = statistics.median(values)
    text = f"{med:8.0f} {unit}  ({min(values):.0f}–{max(values):.0f}; runs: {', '.join(f'{v:.0f}' for v in values)})"
    return text + (f"  = {med / floor:.2f} × floor" if floor else "")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--mbps", type=float, default=20.0)
    parser.add_argument("--weak-runs", type=int, default=3,
                        help="runs on the weak line (Lighthouse's mobile profile); 0 to skip")
    parser.add_argument("--only-weak", action="store_true", help="the weak line's figures alone")
    args = parser.parse_args()
    versions = [p.name for p in (args.site / "assets" / "pyodide").iterdir() if p.is_dir()]
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(args.site, site)
        (site / "bare.html").write_text(BARE_HTML, "utf-8")
        (site / "bare.js").write_text(BARE_JS.replace("VERSION", versions[0]), "utf-8")
        (site / "bare-worker.js").write_text(BARE_WORKER, "utf-8")
        stock_pyodide(site, versions[0])
        profiles = Path(tmp) / "profiles"
        profiles.mkdir()
        floor, fast, slow, recalcs = [], [], [], []
        # a link to the calculator, clicked, with and without the prerender (no driver attached)
        clicks = None if args.only_weak else click_runs(site, args.runs)

        with nginx(site) as base, sync_playwright() as p:
            def new_profile():
                return p.chromium.launch_persistent_context(
                    tempfile.mkdtemp(dir=profiles), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                    headless=True)

            calc_url = f"{base}calculators/{CALCULATOR}/"
            for _ in range(0 if args.only_weak else args.runs):
                ctx = new_profile()
                page = ctx.new_page()
                page.goto(base + "bare-stock.html")
                page.wait_for_function("() => window.__doneMs", timeout=120_000)
                floor.append(page.evaluate("window.__doneMs"))
                ctx.close()

                ctx = new_profile()
                fast.append(visits(ctx, calc_url, None))
                page = ctx.new_page()
                first_result(page, calc_url)
                recalcs.extend(recalc_ms(page, 20))
                ctx.close()

                ctx = new_profile()
                slow.append(visits(ctx, calc_url, args.mbps))
                ctx.close()

            weak = None
            if args.weak_runs:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                weak = weak_runs(browser, base, calc_url, args.weak_runs, *WEAK)
                browser.close()

            ctx = new_profile()
            sizes = transferred(ctx)
            page = ctx.new_page()
            page.goto(base + POLICY_PAGE, wait_until="networkidle")
            policy_bytes = sum(sizes)
            policy_pyodide = [u for u in page.evaluate(
                "performance.getEntriesByType('resource').map(e => e.name)") if "pyodide" in u]
            ctx.close()

    print(f"calculator page: {CALCULATOR}; runs: {args.runs}; Pyodide {versions[0]}; served by nginx "
          f"(deploy/nginx-handbook.conf); load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f}")
    if floor:
        fl = statistics.median(floor)
        print(f"bare stock Pyodide floor (1 + 1) {figure(floor)}")
        for i in range(3):
            starts = "/".join(sorted({run[i][1] for run in fast}))
            print(f"visit {i + 1} → first result          {figure([run[i][0] for run in fast], fl)}  [{starts}; "
                  f"{statistics.median(run[i][2] for run in fast) / 1e6:.2f} MB to the first result]")
        print(f"warm recalculation             {statistics.median(recalcs):8.1f} ms  (median of {len(recalcs)}; "
              f"max {max(recalcs):.1f}; goal < 20)")
        print(f"policy page bytes on the wire  {policy_bytes:8d}     (Pyodide requests: {len(policy_pyodide)})")
        print(f"calculator page, visit 1 bytes {statistics.median(run[0][2] for run in fast):8.0f}     "
              f"(on the wire, compressed, until the first result)")
        for i in range(3):
            starts = "/".join(sorted({run[i][1] for run in slow}))
            print(f"{args.mbps:g} Mbit/s, visit {i + 1}            {figure([run[i][0] for run in slow], fl)}  "
                  f"[{starts}; {statistics.median(run[i][2] for run in slow) / 1e6:.1f} MB to the first result, "
                  f"{statistics.median(run[i][3] for run in slow) / 1e6:.1f} MB in all]")
    if clicks and clicks["prerender"] and clicks["plain"]:
        where = clicks["prerender-where"]
        print(f"link → first result, prerendered {figure(clicks['prerender'], fl)}  (no driver attached; "
              f"answered by Python in the prerendered page in {where.count('page')} of {len(where)} runs)")
        print(f"link → first result, plain       {figure(clicks['plain'], fl)}")
    if weak:
        wf = statistics.median(weak["floor"])
        mbps, latency, cpu = WEAK
        workers = f"page and {weak['workers']} worker(s)" if weak["workers"] else "page only (workers not throttled)"
        print(f"weak line: {mbps:g} Mbit/s, {latency} ms, CPU {cpu:g}× ({workers}), empty cache, 360 px, "
              f"{args.weak_runs} runs")
        print(f"  bare stock Pyodide floor (1 + 1) {figure(weak['floor'])}  "
              f"[{statistics.median(weak['floor_wire']) / 1e6:.2f} MB on the wire]")
        print(f"  calculator → first result      {figure(weak['calc'], wf)}  "
              f"[{'/'.join(sorted(weak['start']))}; {statistics.median(weak['wire']) / 1e6:.2f} MB on the wire]")
        print(f"  progress bar shown at          {figure(weak['bar'])}")
        print(f"  its first figures (MB) at      {figure(weak['bytes_shown'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
