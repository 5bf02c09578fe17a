// Runs the handbook's Python in Pyodide, off the page's main thread — or, in a calculator page that
// Chrome prerenders (which gets no worker until it is shown), in the page itself, imported by
// python/in-page.js (inPage, at the end), until a worker takes over. The messages in and out:
// python/protocol.js; the page's side: python/client.js.
//
// Here: the bytes Python needs, requested and counted the moment the first "boot" (or "start")
// comes, and Python started and asked. Its parts, imported as it starts, beside the runtime's files:
// how it starts (python/start-choice.js, pure), the copies kept for the next visit (python/kept.js),
// the files checked against the build's sha256 (python/verified.js), Pyodide made ready
// (python/interpreter.js), the line's speed (python/line.js). Pyodide and the wheels are served by
// the site itself (assets/pyodide/<version>/).

// No static imports: the page's head starts this worker, and each module it imported would be fetched
// before it could start fetching the runtime (one more round trip on a weak line, about 0.4 s of the
// first result there). What it needs later is imported as it starts, beside the runtime's files.
/** @template T @param {Promise<T>} p */
const quietly = (p) => { p.catch(() => {}); return p; };
const parts = {
  line: quietly(import("./line.js")),                  // the line's speed less a busy CPU's absences
  choice: quietly(import("./start-choice.js")),
  kept: quietly(import("./kept.js")),
  verified: quietly(import("./verified.js")),
  interpreter: quietly(import("./interpreter.js")),
  handover: quietly(import("./handover.js")),
};
/** @type {typeof import("./line.js") | null} */
let line = null;
parts.line.then((module) => { line = module; probe(); }, () => {});   // bytes that came before it did


// In a worker, messages go to the page; in a prerendered page (python/in-page.js), to the function
// inPage was given. Globals (fetch, WebAssembly.instantiateStreaming) are patched only in a worker.
const IN_WORKER = typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope;
/** @type {(message: import("./protocol.js").Reply, transfer?: Transferable[]) => void} */
let post = (message, transfer = []) => /** @type {any} */ (self).postMessage(message, transfer);

const PROBE_WAIT_MS = 4000;   // a line that has not brought PROBE_BYTES by then is slow (or stalled)
/** @type {Record<string, any>} ms from the worker's start: line, snapshot, python; how: kept/… */
const marks = {};
const since = () => Math.round(performance.now() - marks.t0);
const saveData = () => Boolean(/** @type {any} */ (self.navigator)?.connection?.saveData);

// --- bytes received of bytes needed, for the page's progress bar and the line's measure ---------
// The build gives each runtime file's size as read and as sent (runtime.sizes: name → [raw, wire]).
// Every response for a file Python needs is counted as it streams (the bytes as decoded; as a share
// of the raw size, times the bytes sent, on the wire); the page is told at most every PROGRESS_MS.
// When the page says a snapshot is kept (hint "kept"), nothing is counted: everything comes from
// this browser, and reading a copy of each response only costs the start time.
const PROGRESS_MS = 200;
let counting = true;
/** @type {Map<string, {raw: number, wire: number, got: number}>} URL → sizes and bytes so far */
const needed = new Map();
let lastReport = 0;
/** @type {ReturnType<typeof setTimeout> | null} */
let reportTimer = null;
let firstByteAt = 0;
let absentAtFirstByte = 0;
/** @type {{absent: () => number, stop: () => void} | null} the thread's absences (python/line.js) */
let absence = null;
let measuring = false;

/** @param {string} url @param {[number, number] | undefined} size */
function need(url, size) {
  if (counting && size && !needed.has(url)) needed.set(url, { raw: size[0], wire: size[1], got: 0 });
}

function progressFigures() {
  const files = [...needed.values()];
  const loaded = files.reduce((n, f) => n + Math.min(1, f.raw ? f.got / f.raw : 0) * f.wire, 0);
  return { loaded: Math.round(loaded), total: files.reduce((n, f) => n + f.wire, 0), ms: marks.t0 ? since() : 0 };
}

function reportProgress(force = false) {
  if (!needed.size) return;   // nothing counted: no figures to show
  const now = performance.now();
  if (!force && now - lastReport < PROGRESS_MS) {
    if (!reportTimer) reportTimer = setTimeout(() => { reportTimer = null; reportProgress(true); }, PROGRESS_MS);
    return;
  }
  lastReport = now;
  post({ type: "progress", text: "正在下载 Python 运行环境……", bytes: progressFigures() });
}

const realFetch = self.fetch.bind(self);
// The response itself goes to its reader untouched (a wasm response keeps its URL, so the browser's
// cache of compiled code still applies on the next visit); a clone is read as the bytes arrive and
// counted, whether or not the reader has asked yet, so the progress bar and the line's measure are true.
/** @param {RequestInfo | URL} input @param {RequestInit} [init] */
async function countedFetch(input, init) {
  const response = await realFetch(input, init);
  const file = needed.get(String(typeof input === "object" && "url" in input ? input.url : input).split("?")[0]);
  const body = response.body && file ? response.clone().body : null;
  if (!file || !body) return response;
  const reader = body.getReader();
  (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!firstByteAt) {
        firstByteAt = performance.now();
        absentAtFirstByte = absence ? absence.absent() : 0;
      }
      file.got += value.byteLength;
      probe();
      reportProgress();
    }
  })().catch(() => {});
  return response;
}

// Files Python needs whichever way it starts, requested as the worker begins. In a worker the
// response, unread, is handed to the first later request for the same URL (Pyodide's own), so the
// wasm streams into its compiler as it arrives and nothing is read twice; in a page it is only read
// (counted, for the line's measure: Pyodide's own request there shares the browser's HTTP cache).
/** @type {Map<string, Promise<Response>>} */
const early = new Map();
/** @param {string} url */
function fetchEarly(url) {
  const response = quietly(countedFetch(url, { cache: "force-cache" }));
  if (IN_WORKER) early.set(url, response);
  else response.then((r) => r.arrayBuffer()).catch(() => {});
}

// In a worker, the responses fetched early go to Pyodide's own requests and the wasm is compiled
// as soon as it starts coming (python/handover.js), installed once it has come (long before
// loadPyodide asks): given the responses, and a kept wasm's bytes when there are some.
/** @type {Promise<Uint8Array> | null} the kept copy's bytes, when the page says one is kept */
let wasmKept = null;
const handover = IN_WORKER ? quietly(parts.handover.then((module) => module.handOver(early, countedFetch, marks))) : null;
/** @param {string} url */
const compileEarly = (url) => handover && handover.then((h) => h.compile(url, wasmKept), () => {});

// Pyodide's loader (pyodide.asm.mjs, 1.2 MB of JavaScript) imported and the wasm compiled as soon as
// the way to start is known, rather than when loadPyodide asks (it imports the same URL, which the
// module map then holds): at once when a kept snapshot is found; otherwise once the line is
// measured, since their work on this thread would slow the reading the measure is taken from. A
// module's bytes do not pass through fetch: the file is fetched into the HTTP cache first, counted.
/** @type {Promise<unknown> | null} */
let prepared = null;
/** @type {Promise<ArrayBuffer> | null} */
let fetchedLoader = null;
/** @param {string} indexURL */
function fetchLoader(indexURL) {
  fetchedLoader = fetchedLoader || quietly(countedFetch(indexURL + "pyodide.asm.mjs", { cache: "force-cache" })
    .then((r) => r.arrayBuffer()));
}
/** @param {string} indexURL */
function prepare(indexURL) {
  if (prepared) return;
  fetchLoader(indexURL);
  prepared = quietly((async () => {   // loadPyodide's own import reports a failure
    const url = indexURL + "pyodide.asm.mjs";
    await fetchedLoader;
    const module = await import(url);
    const file = needed.get(url);
    if (file) file.got = file.raw;
    reportProgress();
    return module;
  })());
  compileEarly(indexURL + "pyodide.asm.wasm");
}

// The line's speed in Mbit/s, from the first PROBE_BYTES of the runtime that Python needs either way
// (so the measure costs no byte that would not be fetched anyway); resolved by countedFetch, or null
// when all came at once.
/** @type {((mbps: number | null) => void) | null} */
let probed = null;
/** @type {Promise<number | null>} */
const lineSpeed = new Promise((resolve) => { probed = resolve; });
function probe() {
  if (!probed || !firstByteAt || !line) return;   // python/line.js measures when it comes
  const received = progressFigures().loaded;
  if (received < line.PROBE_BYTES) return;
  const away = absence ? absence.absent() - absentAtFirstByte : 0;
  const mbps = line.lineMbps(received, performance.now() - firstByteAt, away);
  if (!line.settled(mbps, received)) return;   // near the threshold: read on
  probed(mbps);
  probed = null;
}
const stopMeasuring = () => { measuring = false; absence?.stop(); };

/** @type {Promise<boolean> | null} cache only (true) or fetch the snapshot (false); asked once */
let decided = null;
function decideLine() {
  decided = decided || (async () => {
    const { cacheOnlyFor } = await parts.choice;
    /** @type {number | null | undefined} */
    let mbps;
    if (counting && !saveData()) {
      mbps = await Promise.race([lineSpeed, new Promise((r) => setTimeout(() => r(undefined), PROBE_WAIT_MS))]);
    }
    stopMeasuring();
    marks.line = since();
    if (typeof mbps === "number") marks.mbps = Math.round(mbps);
    if (absence) marks.away = Math.round(absence.absent());
    // (without python/line.js nothing was measured: mbps is undefined, and the threshold unused)
    return cacheOnlyFor({ saveData: saveData(), counting, mbps, slowMbps: line ? line.SLOW_MBPS : Infinity });
  })();
  return decided;
}

/** @type {[string, Uint8Array] | null} a snapshot verified on this visit, to keep */
let toKeep = null;
/** @type {Promise<typeof import("./snapshot-file.js")> | null} */
let snapshotReader = null;

/**
 * The snapshot's memory to restore, {memory, filled, checked}, or null when Python starts plainly.
 * @param {string} indexURL @param {import("./protocol.js").Runtime} runtime @param {string} hint
 */
async function snapshotPlan(indexURL, runtime, hint) {
  const snapshot = runtime.snapshot;
  if (!snapshot || !runtime.lock || !snapshotReader) return null;
  const reader = snapshotReader;
  const url = indexURL + snapshot.file;
  const [{ chooseSnapshot }, kept, verified] = await Promise.all([parts.choice, parts.kept, parts.verified]);
  const choice = await chooseSnapshot({
    hint, saveData: saveData(), decideLine,
    keptCopy: kept.keptSnapshot(url, snapshot.bytes, reader, IN_WORKER),
    download: (cacheOnly) => {
      marks.how = cacheOnly ? "cached" : "fetched";
      prepare(indexURL);
      if (!cacheOnly) need(url, (runtime.sizes || {})[snapshot.file]);
      reportProgress(true);
      const signal = new AbortController();
      const fetched = verified.downloadSnapshot(url, snapshot, cacheOnly, signal.signal, reader, countedFetch);
      return { fetched, abort: () => { signal.abort(); needed.delete(url); } };
    },
  });
  if (choice.how === "kept") {
    marks.how = "kept";
    marks.snapshot = since();
    prepare(indexURL);
    return { memory: choice.memory, filled: Promise.resolve(), checked: Promise.resolve() };
  }
  if (choice.how === "none") {
    needed.delete(url);
    marks.fetchLater = choice.fetchLater ? url : undefined;
    return null;
  }
  const download = choice.snapshot;
  download.filled.then((packed) => { marks.snapshot = since(); toKeep = [url, packed]; }, () => {});
  return download;
}

/**
 * Python itself: restored or started, with the calculators' packages. Begun by the first "boot"
 * (sent from the page's head, before the page is read) or "start" message, whichever comes first.
 * @param {string} pyodideURL @param {string[]} packages @param {import("./protocol.js").Runtime} runtime
 * @param {string} hint
 */
async function boot(pyodideURL, packages, runtime, hint) {
  const started = performance.now();
  const keptHere = hint === "kept" && IN_WORKER;
  counting = !keptHere;
  marks.t0 = started;
  if (counting && runtime.snapshot) {
    measuring = true;
    parts.line.then(({ absenceMeter }) => {
      if (measuring) absence = absenceMeter(() => performance.now(), setTimeout, clearTimeout);
    }, () => {});
  }
  post({ type: "progress", text: "正在启动 Python……" });
  const indexURL = new URL(pyodideURL, self.location.href).href;
  if (runtime.snapshot) snapshotReader = quietly(import("./snapshot-file.js"));
  const sizes = runtime.sizes || {};
  for (const name of ["pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]) need(indexURL + name, sizes[name]);
  const wheels = Object.values((runtime.lock && runtime.lock.packages) || {}).map((p) => p.file_name);
  for (const name of wheels) need(indexURL + name, sizes[name]);
  reportProgress(true);
  // Python needs these whichever way it starts: requested now rather than when loadPyodide asks
  // (on a weak line that is 1–2 s less). With a kept snapshot the wasm is likely kept beside it.
  if (keptHere) {
    wasmKept = quietly(parts.kept.then((kept) => kept.keptWasm(runtime))
      .then((bytes) => bytes || Promise.reject(new Error("no kept wasm"))));
  } else {
    fetchEarly(indexURL + "pyodide.asm.wasm");
  }
  fetchEarly(indexURL + "python_stdlib.zip");
  if (keptHere) prepare(indexURL);   // the copy will be found: no line to measure
  else fetchLoader(indexURL);
  const [{ loadPyodide }, plan, interpreter] = await Promise.all([
    import(indexURL + "pyodide.mjs"), snapshotPlan(indexURL, runtime, hint).catch(() => null), parts.interpreter,
    handover]);   // Pyodide's requests get what was fetched early
  stopMeasuring();   // the way is chosen: nothing more to measure
  prepare(indexURL);
  if (plan) for (const name of wheels) needed.delete(indexURL + name);   // a snapshot holds them
  // Python in a prerendered page (python/in-page.js) only restores a snapshot, and only while the
  // page is still hidden: a plain start (a slow line) or a restore after the click would hold the
  // shown page's thread for seconds on a phone. The worker that takes over does it instead.
  if (!IN_WORKER && !(plan && document.prerendering)) throw new Error("left to a worker");
  /** @type {string[]} */
  const problems = [];
  let pyodide = null;
  let way = /** @type {"snapshot" | "plain"} */ ("plain");
  if (plan) {
    try {
      pyodide = await interpreter.restore(loadPyodide, indexURL, runtime, plan, problems);
      await plan.checked;   // restored from bytes that did not pass their check: start plainly
      way = "snapshot";
    } catch {
      // another Pyodide, a heap too small, an exception on restore: start plainly
      pyodide = null;
      toKeep = null;
      problems.length = 0;
    }
  }
  if (!pyodide) {
    if (!IN_WORKER) throw new Error("left to a worker");   // as above
    pyodide = await interpreter.startPlainly(loadPyodide, indexURL, runtime, packages, problems, countedFetch);
  }
  return { pyodide, way, problems, started, indexURL, loadedMs: performance.now() - started };
}

/** @type {ReturnType<typeof boot>} */
let booting = /** @type {any} */ (null);
/** @type {import("./interpreter.js").Answerer | null} calckit/worker_api.py's answer, once ready */
let answer = null;
/** @type {import("./protocol.js").AskMessage[]} asks that came before Python was ready */
const queue = [];

/** @param {string} paramsJson @param {string[]} packages @param {import("./protocol.js").Runtime} runtime */
async function start(paramsJson, packages, runtime) {
  const { pyodide, way, problems, started, indexURL, loadedMs } = await booting;
  post({ type: "progress", text: "正在加载计算器程序……" });
  answer = (await parts.interpreter).calculatorsIn(pyodide, packages, paramsJson, problems);
  marks.python = since();
  const { t0, fetchLater, ...timings } = marks;
  post({ type: "ready", ms: Math.round(performance.now() - started), loadedMs: Math.round(loadedMs), start: way,
         timings });
  for (const message of queue.splice(0)) ask(message);
  // after the first answer, with the line free: keep what was verified, fetch what a slow line did
  // not wait for (the next visit then restores it). Python in a page leaves this to the worker.
  if (!IN_WORKER) return;
  const cached = (/** @type {string} */ url) => realFetch(url, { cache: "force-cache" }).then((r) => r.arrayBuffer());
  setTimeout(async () => {
    const kept = await parts.kept;
    const file = await kept.keepForNextVisit({ indexURL, runtime, toKeep, fetchLater, cached,
                                              how: marks.how, wasm: marks.wasm });
    toKeep = null;
    if (file) post({ type: "kept", file });
    // the loader's compiled code kept by the browser, on a first visit (python/warm.js)
    if (way !== "snapshot" || marks.how !== "kept") (await import("./warm.js")).warmCodeCache(indexURL);
  }, 0);
}

/** @param {import("./protocol.js").AskMessage} message */
function ask(message) {
  if (!answer) queue.push(message);
  else post(...answer(message));
}

/** @param {import("./protocol.js").Request} message */
function receive(message) {
  if (message.type === "boot" || message.type === "start") {
    if (!self.WebAssembly) {   // said for "start", in the words of browser/capability.js
      if (message.type === "start") {
        import("../browser/capability.js").then(({ adviceFor, missingFeatures }) => post({
          type: "failed", text: adviceFor(missingFeatures(self), self.navigator && navigator.userAgent).replace(/。$/, "") }),
        () => post({ type: "failed", text: "此浏览器没有 WebAssembly，无法运行 Python" }));
      }
      return;
    }
    const packages = message.packages || ["handbook-calckit", "handbook-calculators"];
    if (!booting) booting = quietly(boot(message.pyodide, packages, message.runtime || {},
                                         message.type === "boot" ? message.hint : ""));
    if (message.type === "start") {
      start(message.params, packages, message.runtime || {})
        .catch((err) => post({ type: "failed", text: String(err && err.message || err) }));
    }
  } else if (message.type === "ask") {
    ask(message);
  } else if (message.type === "cancel") {   // dropped if it has not begun (one that has is answered)
    const at = queue.findIndex((m) => m.id === message.id);
    if (at >= 0) queue.splice(at, 1);
  } else if (message.type === "warm") {   // a helper's work (python/warm.js)
    import("./warm.js").then((w) => w.warm(message.pyodide)).catch(() => {}).then(() => post({ type: "warmed" }));
  }
}

if (IN_WORKER) self.onmessage = (event) => receive(event.data);

/**
 * The same Python in the page's own thread (python/in-page.js): messages out go to send. Returns the
 * function that takes messages in, and one that lets go of Python once a worker has taken over (what
 * it holds is then the garbage collector's), after which nothing more is answered.
 * @param {(message: import("./protocol.js").Reply) => void} send
 */
export function inPage(send) {
  post = (message) => send(message);
  const release = () => {
    post = () => {};
    answer = null;
    booting = Promise.reject(new Error("released"));
    booting.catch(() => {});
    queue.length = 0;
  };
  return { receive, release };
}
