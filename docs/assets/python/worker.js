// Runs the handbook's Python calculators in Pyodide, off the page's main thread — or, in a calculator
// page that Chrome prerenders (which gets no worker until it is shown), in the page itself, imported
// by python/in-page.js (inPage, at the end), until a worker takes over.
//
// Messages in:  {type: "boot", pyodide, packages, runtime, hint} from the page's head (early.js),
//                                                        so that Python starts before the page is read
//               {type: "start", params, pyodide, packages, runtime} once: policy parameters (JSON
//                                                        text), the URL of the versioned Pyodide folder,
//                                                        the packages this calculator needs, and the
//                                                        runtime made by the build: {lock, snapshot}
//               {type: "run", id, calculator, inputs}     for every calculation
//               {type: "check-form", id, fields, values, versions}  for a form: errors and computed
//                                                        fields, with the chosen version's numbers
//               {type: "fill-office", id, kind, template, values}  a form's .docx/.xlsx template filled
//               {type: "roster", id, action: "read", name, data, fields, table, required, max_rows}
//                                                        a list of people from an .xlsx/.csv file
//               {type: "roster", id, action: "summary", form, values}  a roster's statistics
//               {type: "batch", id, action: "start"|"step"|"finish"|"cancel", …}  everyone's forms
//                                                        from a roster, a step at a time
//               {type: "totals", id, names, sizes, expect, data}  many units' files added up
//               {type: "warm", pyodide}                   to a helper this worker starts after a first
//                                                        visit's answer (warmCodeCache)
// Messages out: {type: "progress", text, bytes?}         while starting; bytes: {loaded, total, ms}
//                                                        on the wire, of the files Python needs
//               {type: "ready", start, timings} | {type: "failed", text}  when started, or not
//               {type: "result", id, result}              the JSON dict of calculators.run()
//               {type: "office", id, data, left, error}   the filled file (calculators/office_fill.py)
//               {type: "roster", id, result}              calculators/table_import.py read_rows, or
//                                                        calculators/forms.py roster_summary
//               {type: "batch", id, data, summary}        bytes made by the step (transferred), and
//                                                        calculators/paperwork/batch.py's summary
//               {type: "totals", id, data, result}        the 汇总 .xlsx and calculators/paperwork/totals.py's
//                                                        findings and rows
//               {type: "warmed"}                          the helper's answer
//               {type: "kept", file}                      the snapshot is kept for the next visit: the
//                                                        page remembers it, and its next "boot" says
//                                                        hint: "kept" (Pyodide's loader is then
//                                                        imported at once, while the copy is read)
//
// Pyodide and the wheels are served by the site itself (assets/pyodide/<version>/); the lock
// (in the page) lists each wheel with its sha256, which the worker checks before unpacking it.
//
// Two ways to start (handbook/runtime/): restore the build's memory snapshot of an interpreter
// that has already imported the calculators (about 0.5 s of work, 4 MB more to download), or start
// Python and load the wheel (about 2 s of work). Which one, in this order:
//  1. a snapshot this browser verified before is kept (origin private file system, or IndexedDB
//     where there is none: python/kept-db.js): restore it (read in ~50 ms,
//     where the HTTP cache takes ~300 ms to decompress and hash its 31 MB again), with the wasm
//     kept beside it (keptWasm);
//  2. the reader asked to save data: restore a snapshot only if the HTTP cache has it;
//  3. otherwise the runtime (needed either way) is fetched at once, and the line measured on its
//     first 256 KB: at 25 Mbit/s or more the snapshot is fetched and restored; on a slower line
//     Python starts plainly, and the snapshot is fetched afterwards, in the background, for the
//     next visit (so a weak line spends nothing on it before the first answer).
// A snapshot is fetched with its sha256 as subresource integrity, and kept (see keptSnapshot)
// only once it has passed (one entry, the current snapshot; a full storage only means no copy).
// If anything about it fails, Python starts the plain way, and the reader sees nothing alarming.

// No static imports: the page's head starts this worker, and each module it imported would be fetched
// before it could start fetching the runtime (one more round trip on a weak line, about 0.4 s of the
// first result there). What it needs is imported as it starts, beside the runtime's files.
const lineModule = import("./line.js");   // the line's speed less a busy CPU's absences
let line = null;
lineModule.then((module) => {
  line = module;
  probe();   // bytes that came before it did are measured now
}, () => {});
// the kept snapshot where there is no private file system (WebKitGTK): only imported there
const keptDatabase = () => import("./kept-db.js");

// (the threshold, SLOW_MBPS, and the line's speed less the time a busy CPU took: python/line.js)
const PROBE_WAIT_MS = 4000;   // a line that has not brought PROBE_BYTES by then is slow (or stalled)
const KEPT = "handbook-python-snapshot";

// --- bytes received of bytes needed, for the page's progress bar --------------------------------
// The build gives each runtime file's size as read and as sent (runtime.sizes: name → [raw, wire]).
// fetch is wrapped so that every response for a file Python needs is counted as it streams (the
// bytes as decoded; as a share of the raw size, times the bytes sent, on the wire); the page is
// told at most every PROGRESS_MS. When the page says a snapshot is kept (hint "kept"), nothing is
// counted: everything comes from this browser, and reading a copy of each response only costs
// the start time (about 10 ms of the thread on a second visit).
const PROGRESS_MS = 200;
let counting = true;
const needed = new Map();   // URL → {raw, wire, got}
let lastReport = 0;
let reportTimer = null;

function need(url, size) {
  if (counting && size && !needed.has(url)) needed.set(url, { raw: size[0], wire: size[1], got: 0 });
}

let firstByteAt = 0;

// bytes on the wire received so far (as a share of each file's decoded size)
function wireReceived() {
  let loaded = 0;
  for (const f of needed.values()) loaded += Math.min(1, f.raw ? f.got / f.raw : 0) * f.wire;
  return loaded;
}

function progressFigures() {
  let loaded = 0;
  let total = 0;
  for (const f of needed.values()) {
    total += f.wire;
    loaded += Math.min(1, f.raw ? f.got / f.raw : 0) * f.wire;
  }
  return { loaded: Math.round(loaded), total, ms: marks.t0 ? since() : 0 };
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
// The response itself goes to its reader untouched (a wasm response keeps its URL, so the
// browser's cache of compiled code still applies on the next visit); a clone of it is read as the
// bytes arrive and counted, whether or not the reader has asked yet (a file fetched early waits
// for Pyodide), so the progress bar and the line's measure are true.
async function countedFetch(input, init) {
  const response = await realFetch(input, init);
  const file = needed.get(String(input && input.url ? input.url : input).split("?")[0]);
  if (!file || !response.body) return response;
  const reader = response.clone().body.getReader();
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

// Files Python needs whichever way it starts, requested as the worker begins: the response,
// unread, is handed to the first later request for the same URL (Pyodide's own), so the wasm
// streams into its compiler as it arrives and nothing is read twice.
const early = new Map();
function fetchEarly(url) {
  const response = countedFetch(url, { cache: "force-cache" });
  response.catch(() => {});
  early.set(url, response);
}

self.fetch = (input, init) => {
  const url = String(input && input.url ? input.url : input);
  if (url === compiling.url && compiling.module) return Promise.resolve(compiling.standIn);
  const waiting = early.get(url);
  if (waiting) {
    early.delete(url);
    return waiting;
  }
  return countedFetch(input, init);
};

// The wasm is compiled as soon as its response starts (in the background, from the browser's
// cache of compiled code on later visits), not once the snapshot has been read and Pyodide's loader
// imported, which is when Pyodide would ask. Pyodide fetches the wasm and instantiates it with
// WebAssembly.instantiateStreaming(response, imports): its fetch gets a stand-in response, and
// instantiateStreaming, given the stand-in, instantiates the module compiled here (any other
// response goes to the browser's own). A failed compile fails there, as Pyodide's own would
// (runtimeFailure then reports it).
// A kept copy of the wasm (keptWasm) is compiled from its bytes instead; should they not compile,
// from the HTTP cache as on a first visit.
const compiling = { url: "", module: null, standIn: new Response(null) };
let wasmKept = null;   // Promise of the kept copy's bytes or null, when the page says one is kept
function compileEarly(url) {
  if (wasmKept) {
    compiling.url = url;
    compiling.module = wasmKept.then((bytes) => WebAssembly.compile(bytes)).then((module) => {
      marks.wasm = "kept";
      return module;
    }, () => WebAssembly.compileStreaming(countedFetch(url, { cache: "force-cache" })));
    compiling.module.catch(() => {});
    return;
  }
  const response = early.get(url);
  if (!response || !WebAssembly.compileStreaming) return;
  early.delete(url);
  compiling.url = url;
  compiling.module = WebAssembly.compileStreaming(response);
  compiling.module.catch(() => {});
}
// (a browser without WebAssembly gets as far as "boot", which says so: receive, below)
const instantiateStreaming = self.WebAssembly && WebAssembly.instantiateStreaming;
if (instantiateStreaming) {
  WebAssembly.instantiateStreaming = async (source, imports) => {
    if ((await source) !== compiling.standIn) return instantiateStreaming(source, imports);
    const module = await compiling.module;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
}

let runPython = null;
let checkPython = null;
let filler = null;
let rosterPython = null;
let batchPython = null;
let totalsPython = null;
const queue = [];
const marks = {};   // ms from the worker's start: module, line, snapshot, python; how: kept/…
let toKeep = null;  // [url, bytes] of a snapshot verified on this visit

// In a worker, messages go to the page; in a prerendered page (python/in-page.js), to the
// function inPage was given.
const IN_WORKER = typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope;
let post = (message, transfer = []) => self.postMessage(message, transfer);

// When the runtime's .wasm cannot be fetched, loadPyodide only logs a warning and never
// settles; watch for that warning so the page can say what went wrong instead of waiting.
function runtimeFailure() {
  return new Promise((_, reject) => {
    const warn = console.warn.bind(console);
    console.warn = (...args) => {
      warn(...args);
      if (/instantiation failed|Failed to fetch|NetworkError/i.test(args.map(String).join(" "))) {
        reject(new Error("无法下载或编译 Python 运行环境文件（pyodide.asm.wasm）"));
      }
    };
  });
}

const since = () => Math.round(performance.now() - marks.t0);
const saveData = () => Boolean(self.navigator && self.navigator.connection && self.navigator.connection.saveData);

function integrity(hex) {
  return "sha256-" + btoa(String.fromCharCode(...hex.match(/../g).map((h) => parseInt(h, 16))));
}

// The kept snapshot lives in the origin private file system, read in one call through a sync
// access handle (about 30 ms for its 31 MB, where Cache Storage took 100–200 ms); a browser without
// it (WebKitGTK) keeps it in IndexedDB (python/kept-db.js). Another tab holding the file open, a
// half-written file (its size is checked) or a full storage only mean no kept copy: the HTTP cache
// still has it.
let folder = null;
function keptFolder() {
  folder = folder || (async () => {
    if (!self.navigator || !navigator.storage || !navigator.storage.getDirectory) return null;
    try {
      return await (await navigator.storage.getDirectory()).getDirectoryHandle(KEPT, { create: true });
    } catch {
      return null;
    }
  })();
  return folder;
}

const fileName = (url) => url.split("/").pop();

// The runtime's wasm is kept beside the snapshot it belongs to, under the snapshot's name: the
// HTTP cache holds it compressed, and reading it from there (brotli-decoded again, 9.6 MB) took
// 60–80 ms of a later visit's start where the kept copy is read in under 10 ms and compiled in
// about 20 (V8 compiles a module's functions when they are first called). Kept only where a worker
// can read it at once (a sync access handle in the private file system), after the first answer.
const wasmCopyName = (snapshotFile) => snapshotFile.replace(/\.bin$/, "") + ".wasm";

async function keptWasm(runtime) {
  const size = ((runtime.sizes || {})["pyodide.asm.wasm"] || [])[0];
  const dir = size && runtime.snapshot ? await keptFolder() : null;
  if (!dir) return null;
  try {
    const handle = await (await dir.getFileHandle(wasmCopyName(runtime.snapshot.file))).createSyncAccessHandle();
    try {
      const bytes = new Uint8Array(size);
      return handle.getSize() === size && handle.read(bytes, { at: 0 }) === size ? bytes : null;
    } finally {
      handle.close();
    }
  } catch {
    return null;   // not kept yet, or open in another tab
  }
}

// after the first answer: the wasm, from the HTTP cache, checked against the build's sha256
async function keepWasm(indexURL, runtime) {
  const dir = await keptFolder();
  const expected = runtime.snapshot && runtime.snapshot.wasm;
  if (!dir || !expected || !(self.crypto && crypto.subtle)) return;
  const name = wasmCopyName(runtime.snapshot.file);
  try {
    const bytes = new Uint8Array(await (await realFetch(indexURL + "pyodide.asm.wasm", { cache: "force-cache" })).arrayBuffer());
    await checkSha256(bytes, expected);
    await writeKept(dir, name, bytes);
  } catch {
    // not as the build made it, half written, or a full storage: not kept
  }
}

// one file of the kept folder written whole, through a sync access handle; removed if that fails
async function writeKept(dir, name, bytes) {
  try {
    const handle = await (await dir.getFileHandle(name, { create: true })).createSyncAccessHandle();
    try {
      handle.truncate(0);
      handle.write(bytes, { at: 0 });
      handle.flush();
    } finally {
      handle.close();
    }
  } catch (err) {
    await dir.removeEntry(name).catch(() => {});
    throw err;
  }
}

// The kept copy's memory, whole (python/snapshot-file.js), or null. Read from a sync access handle
// straight into the memory, run by run.
async function keptSnapshot(url, size) {
  // a prerendered page's storage waits for the page to be shown (Chrome defers it): the HTTP cache
  // holds the snapshot too, if it was fetched before
  if (!IN_WORKER && document.prerendering) return null;
  const reader = snapshotReader;   // imported meanwhile
  const dir = await keptFolder();
  if (dir) {
    try {
      const file = await dir.getFileHandle(fileName(url));
      if (!IN_WORKER) {   // a page has no sync access handle: the file read as a whole
        const bytes = new Uint8Array(await (await file.getFile()).arrayBuffer());
        if (bytes.length === size) return (await reader).expandSnapshot(bytes);
        throw new Error("cut short");
      }
      const handle = await file.createSyncAccessHandle();
      try {
        if (handle.getSize() === size) {
          const { readSnapshot } = await reader;
          return readSnapshot((view, at) => handle.read(view, { at }), size);
        }
      } finally {
        handle.close();
      }
    } catch {
      // not kept here, damaged, or open in another tab: the HTTP cache may have it
    }
  }
  if (dir) return null;
  // no private file system here: IndexedDB (python/kept-db.js)
  try {
    const bytes = await (await keptDatabase()).readKept(fileName(url));
    return bytes && bytes.length === size ? (await reader).expandSnapshot(bytes) : null;
  } catch {
    return null;
  }
}

// keep the verified bytes for the next visit; older snapshots go. Returns the URL when kept.
async function keepSnapshot(url, bytes) {
  const dir = await keptFolder();
  if (dir) {
    try {
      const current = [fileName(url), wasmCopyName(fileName(url))];
      for await (const name of dir.keys()) if (!current.includes(name)) await dir.removeEntry(name);
      await writeKept(dir, fileName(url), bytes);
      if (self.caches) await caches.delete(KEPT).catch(() => {});   // a copy kept the older way
      return url;
    } catch {
      // half written, or a full storage: not kept here
    }
  }
  if (dir) return;
  try {
    await (await keptDatabase()).writeKept(fileName(url), bytes);
    if (self.caches) await caches.delete(KEPT).catch(() => {});   // a copy kept the older way
    return url;
  } catch {
    // a full storage (QuotaExceededError) or a private window: the HTTP cache still has it
  }
}

const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");

// The snapshot, checked against its sha256: by crypto.subtle where the page is a secure context
// (20 ms for its 15 MB), else by subresource integrity (the browser's check while it streams).
// Named by its content, so a cached copy is always right: the server is never asked again.
function snapshotResponse(url, sha256, cacheOnly, signal) {
  const subtle = self.crypto && self.crypto.subtle;
  return fetch(url, {
    mode: "same-origin", cache: cacheOnly ? "only-if-cached" : "force-cache", signal,
    ...(subtle ? {} : { integrity: integrity(sha256) }),
  }).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response;
  });
}

const checkSha256 = (bytes, sha256) => !(self.crypto && self.crypto.subtle) ? Promise.resolve()
  : self.crypto.subtle.digest("SHA-256", bytes).then((digest) => {
    if (hex(digest) !== sha256) throw new Error("snapshot sha256 mismatch");
  });

// fetched after the first answer, for the next visit (a slow line did not wait for it)
async function fetchSnapshot(url, sha256) {
  const bytes = new Uint8Array(await (await snapshotResponse(url, sha256, false)).arrayBuffer());
  await checkSha256(bytes, sha256);
  return bytes;
}

// The snapshot restored as it downloads: its memory, given to Pyodide at once, is written as the
// bytes arrive (python/snapshot-file.js snapshotWriter), and Pyodide's own setup (its loader's
// outer function, the wasm's instantiation and linking: about 0.1 s) runs meanwhile; it waits for
// `filled` only where it copies the memory in (restore). The sha256 is checked once the file is
// whole, in the browser's crypto thread while Python is restored: snapshotCheck then settles, and a
// restore from bytes that fail it is thrown away (boot).
let snapshotCheck = Promise.resolve();
async function downloadSnapshot(url, snapshot, cacheOnly, signal) {
  const response = await snapshotResponse(url, snapshot.sha256, cacheOnly, signal);
  const file = (await snapshotReader).snapshotWriter(snapshot.bytes, snapshot.memory);
  const filled = (async () => {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      file.write(value);
    }
    const packed = file.finish();
    snapshotCheck = checkSha256(packed, snapshot.sha256);
    snapshotCheck.catch(() => {});
    marks.snapshot = since();
    toKeep = [url, packed];
  })();
  filled.catch(() => {});
  return { memory: file.memory, filled };
}

// Pyodide's loader (pyodide.asm.mjs, 1.2 MB of JavaScript) imported and the wasm compiled as soon as
// the way to start is known, while the snapshot is read or fetched, rather than when loadPyodide
// asks (it imports the same URL, which the module map then holds): at once when a kept snapshot is
// found; otherwise once the line is measured, since their work on this thread would slow the
// reading that the measure is taken from (a loopback line then measured as a slow one). A module's
// bytes do not pass through fetch: the file is fetched into the HTTP cache first, counted, where
// the line is measured.
let prepared = null;
function prepare(indexURL) {
  if (prepared) return;
  prepared = (async () => {
    const url = indexURL + "pyodide.asm.mjs";
    await fetchedLoader;
    const module = await import(url);
    const file = needed.get(url);
    if (file) file.got = file.raw;
    reportProgress();
    return module;
  })();
  prepared.catch(() => {});   // loadPyodide's own import reports a failure
  compileEarly(indexURL + "pyodide.asm.wasm");
}
let fetchedLoader = null;
function fetchLoader(indexURL) {
  fetchedLoader = fetch(indexURL + "pyodide.asm.mjs", { cache: "force-cache" }).then((r) => r.arrayBuffer());
  fetchedLoader.catch(() => {});
}

// The line's speed in Mbit/s, from the first PROBE_BYTES of the runtime that Python needs either
// way (so the measure costs no byte that would not be fetched anyway); resolved by the counting
// fetch (above), or null when nothing is counted (no sizes from the build) or all came at once.
let probed = null;
const lineSpeed = new Promise((resolve) => { probed = resolve; });
function probe() {
  if (!probed || !firstByteAt) return;
  if (!line) return;   // python/line.js is on its way: it measures when it comes
  const received = wireReceived();
  if (received < line.PROBE_BYTES) return;
  const away = absence ? absence.absent() - absentAtFirstByte : 0;
  const mbps = line.lineMbps(received, performance.now() - firstByteAt, away);
  if (!line.settled(mbps, received)) return;   // near the threshold: read on
  probed(mbps);
  probed = null;
}
// the time this thread was kept from running while the line is measured (python/line.js)
let absence = null;
let measuring = false;
function stopMeasuring() {
  measuring = false;
  if (absence) absence.stop();
}
let absentAtFirstByte = 0;

// The snapshot file leaves out the memory's zero pages; python/snapshot-file.js gives it back whole.
// Imported as the worker starts, before Pyodide's loader takes the thread.
let snapshotReader = null;

// The snapshot's memory, {memory, filled} (filled settles once every byte is in it), or null when
// Python should start the plain way. Looking for a kept copy takes 50–150 ms on a first visit (the
// private file system opened); unless the page's hint says a copy is kept, the line is measured
// meanwhile, and on a fast line the snapshot's download begins at once (and is dropped if a copy
// turns up after all).
async function snapshotPlan(indexURL, runtime, hint) {
  if (!runtime.snapshot || !runtime.lock) return null;
  const url = indexURL + runtime.snapshot.file;
  const keptCopy = keptSnapshot(url, runtime.snapshot.bytes);
  const useKept = (whole) => {
    marks.how = "kept";
    marks.snapshot = since();
    prepare(indexURL);
    return { memory: whole, filled: Promise.resolve() };
  };
  if (hint === "kept") {
    const kept = await keptCopy;
    if (kept) return useKept(kept);
  }
  if (!fetchedLoader) fetchLoader(indexURL);
  const line = lineDecision();
  const first = await Promise.race([keptCopy.then((bytes) => ({ bytes })), line.then(() => ({}))]);
  if (first.bytes) return useKept(first.bytes);
  const cacheOnly = await line;
  prepare(indexURL);
  if (!cacheOnly) need(url, (runtime.sizes || {})[runtime.snapshot.file]);
  const download = new AbortController();
  const fetched = downloadSnapshot(url, runtime.snapshot, cacheOnly, download.signal);
  fetched.catch(() => {});
  const kept = await keptCopy;
  if (kept) {
    download.abort();
    needed.delete(url);
    return useKept(kept);
  }
  marks.how = cacheOnly ? "cached" : "fetched";
  reportProgress(true);
  try {
    return await fetched;
  } catch {
    needed.delete(url);
    if (cacheOnly && !saveData()) marks.fetchLater = url;
    return null;
  }
}

// Whether to leave the snapshot to the HTTP cache (true) or fetch it (false): the line measured on
// the runtime's first bytes (less the time a busy CPU kept this thread from reading them:
// python/line.js); the snapshot fetched only on a fast line, so a slow one spends nothing on it (it
// comes in the background after the first answer). A line that has not brought PROBE_BYTES in
// PROBE_WAIT_MS is slow (or stalled). Asked once.
let decided = null;
function lineDecision() {
  decided = decided || (async () => {
    if (saveData()) return true;
    if (!counting) return false;   // the kept copy was expected and is gone: the HTTP cache likely has it
    const mbps = await Promise.race([lineSpeed, new Promise((r) => setTimeout(() => r(undefined), PROBE_WAIT_MS))]);
    stopMeasuring();
    marks.line = since();
    if (typeof mbps === "number") marks.mbps = Math.round(mbps);
    if (absence) marks.away = Math.round(absence.absent());
    if (mbps === undefined) return true;       // nothing measured in time: slow, or stalled
    return mbps !== null && mbps < line.SLOW_MBPS;  // null: everything at once
  })();
  return decided;
}

// The packages' wheels, checked against the lock's sha256 (by crypto.subtle, or as subresource
// integrity where the page is not a secure context). They are named by their content's version,
// so a cached copy is always right.
async function wheelBytes(indexURL, runtime, packages) {
  const lock = (runtime.lock && runtime.lock.packages) || {};
  const subtle = self.crypto && self.crypto.subtle;
  return Promise.all(packages.map(async (name) => {
    const entry = lock[name];
    if (!entry) throw new Error(`运行环境清单中没有 ${name}`);
    const response = await fetch(indexURL + entry.file_name, {
      mode: "same-origin", cache: "force-cache", ...(subtle ? {} : { integrity: integrity(entry.sha256) }),
    });
    if (!response.ok) throw new Error(`${entry.file_name}：HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (subtle && hex(await subtle.digest("SHA-256", bytes)) !== entry.sha256) throw new Error(`${entry.file_name} 校验失败`);
    return bytes;
  }));
}

// Unpack the wheels into site-packages with Python's own zipfile (already imported at start):
// Pyodide's loadPackage would import about 600 KB of the standard library (email, http, tarfile,
// importlib.metadata…) that the calculators never use, and that the site's cut standard library
// leaves out (handbook/runtime/stdlib.py). make_snapshot.mjs installs them the same way.
function install(pyodide, wheels) {
  pyodide.globals.set("WHEELS", wheels);
  pyodide.runPython(INSTALL_WHEELS);
  pyodide.globals.delete("WHEELS");
}
const INSTALL_WHEELS = `
import importlib, io, site, zipfile
for _wheel in WHEELS:
    zipfile.ZipFile(io.BytesIO(_wheel.to_bytes())).extractall(site.getsitepackages()[0])
importlib.invalidate_caches()
del _wheel`;

// Pyodide restores the memory in a step of its set-up that waits for fsInit (its hook before the
// file system is used): that is where a download still under way is waited for. A download that
// fails never lets it go on (a memory half written is never restored); the race gives up instead.
const never = new Promise(() => {});
async function restore(loadPyodide, indexURL, runtime, plan, problems) {
  const pyodide = await Promise.race([loadPyodide({
    indexURL, lockFileContents: runtime.lock, packageBaseUrl: indexURL, _loadSnapshot: plan.memory,
    fsInit: () => plan.filled.then(() => {}, () => never),
    stdout: () => {}, stderr: (text) => problems.push(text),
  }), runtimeFailure(), plan.filled.then(() => never)]);
  // hash() and random repeat after every restore of the same memory; give random a new seed
  pyodide.runPython("import random, sys\nrandom.seed()\nassert 'calculators' in sys.modules");
  return pyodide;
}

// Python itself: restored or started, with the calculators' packages. Begun by the first "boot"
// (sent from the page's head, before the page is read) or "start" message, whichever comes first.
async function boot(pyodideURL, packages, runtime, hint) {
  const started = performance.now();
  counting = !(hint === "kept" && IN_WORKER);
  marks.t0 = started;
  if (counting && runtime.snapshot) {
    measuring = true;
    lineModule.then(({ absenceMeter }) => {
      if (measuring) absence = absenceMeter(() => performance.now(), setTimeout, clearTimeout);
    }, () => {});
  }
  post({ type: "progress", text: "正在启动 Python……" });
  const indexURL = new URL(pyodideURL, self.location.href).href;
  if (runtime.snapshot) {
    snapshotReader = import("./snapshot-file.js");
    snapshotReader.catch(() => {});
  }
  const sizes = runtime.sizes || {};
  for (const name of ["pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]) need(indexURL + name, sizes[name]);
  const wheels = Object.values((runtime.lock && runtime.lock.packages) || {}).map((p) => p.file_name);
  for (const name of wheels) need(indexURL + name, sizes[name]);
  reportProgress(true);
  // Python needs these whichever way it starts: request them now rather than after
  // pyodide.asm.mjs has arrived and loadPyodide asks (fetchEarly above; on a weak line that is
  // 1–2 s less); Pyodide's loader comes with the snapshot (prepare).
  // With a kept snapshot the wasm is likely kept beside it (keptWasm): read that instead.
  if (hint === "kept" && IN_WORKER) {
    wasmKept = keptWasm(runtime).then((bytes) => bytes || Promise.reject(new Error("no kept wasm")));
    wasmKept.catch(() => {});
  } else {
    fetchEarly(indexURL + "pyodide.asm.wasm");
  }
  fetchEarly(indexURL + "python_stdlib.zip");
  if (hint === "kept" && IN_WORKER) prepare(indexURL);   // the copy will be found: no line to measure
  const [{ loadPyodide }, plan] = await Promise.all([
    import(indexURL + "pyodide.mjs"), snapshotPlan(indexURL, runtime, hint).catch(() => null)]);
  stopMeasuring();   // the way is chosen: nothing more to measure
  if (!fetchedLoader) fetchLoader(indexURL);
  prepare(indexURL);
  if (plan) for (const name of wheels) needed.delete(indexURL + name);   // a snapshot holds them
  // Python in a prerendered page (python/in-page.js) only restores a snapshot, and only while the
  // page is still hidden: a plain start (a slow line) or a restore after the click would hold the
  // shown page's thread for seconds on a phone. The worker that takes over does it instead, from
  // the files fetched so far.
  if (!IN_WORKER && !(plan && document.prerendering)) throw new Error("left to a worker");
  const problems = [];
  let pyodide = null;
  let way = "plain";
  if (plan) {
    try {
      pyodide = await restore(loadPyodide, indexURL, runtime, plan, problems);
      await snapshotCheck;   // restored from bytes that did not pass their check: start plainly
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
    // The calculators' wheels are fetched while Python initialises, then unpacked (below).
    const wheels = wheelBytes(indexURL, runtime, packages);
    wheels.catch(() => {});
    const lock = runtime.lock ? { lockFileContents: runtime.lock, packageBaseUrl: indexURL } : {};
    pyodide = await Promise.race([loadPyodide({
      indexURL, ...lock,
      stdout: () => {},
      stderr: (text) => problems.push(text),
    }), runtimeFailure()]);
    try {
      install(pyodide, await wheels);
    } catch (err) {
      problems.push(String(err && err.message || err));
    }
  }
  return { pyodide, way, problems, started, indexURL, loadedMs: performance.now() - started };
}

let booting = null;

async function start(paramsJson, packages, runtime) {
  const { pyodide, way, problems, started, indexURL, loadedMs } = await booting;
  post({ type: "progress", text: "正在加载计算器程序……" });
  try {
    // import our package, and check (without running them) that the others are installed,
    // by the import names the lock file gives for each package
    const lock = pyodide.lockfile && pyodide.lockfile.packages ? pyodide.lockfile.packages : {};
    pyodide.globals.set("NEEDED", packages.flatMap((name) =>
      lock[name] && lock[name].imports ? lock[name].imports : [name.replace(/-/g, "_")]));
    pyodide.runPython(`
import calculators, importlib.util
for name in NEEDED.to_py():
    if importlib.util.find_spec(name) is None:
        raise ImportError(name)`);
  } catch (err) {
    throw new Error("计算器程序包未能加载" + (problems.length ? "：" + problems.join("；") : ""), { cause: err });
  }
  pyodide.globals.set("PARAMS_JSON", paramsJson);
  // the entry points are Python (calculators/worker_api.py), JSON text in and out
  const functions = pyodide.runPython(`
from calculators import worker_api as _api
_api.set_params(PARAMS_JSON)
(_api.run_json, _api.check_json, _api.fill, _api.roster_json, _api.batch, _api.totals)
`).toJs();
  const [run, checkForm, fillOffice, roster, batch, totals] = functions;
  totalsPython = (message) => {
    const { type, id, data, ...payload } = message;
    const [bytes, result] = totals(JSON.stringify(payload), new Uint8Array(data)).toJs();
    return { data: bytes, result: JSON.parse(result) };
  };
  batchPython = (message) => {
    const { type, id, action, data, ...payload } = message;
    const [bytes, summary] = batch(action, JSON.stringify(payload), new Uint8Array(data || new ArrayBuffer(0))).toJs();
    return { data: bytes, summary: JSON.parse(summary) };
  };
  rosterPython = (message) => {
    const { type, id, action, data, ...payload } = message;
    return JSON.parse(roster(action, JSON.stringify(payload), new Uint8Array(data || new ArrayBuffer(0))));
  };
  filler = (kind, template, values) => {
    const [data, left, error] = fillOffice(kind, new Uint8Array(template), JSON.stringify(values)).toJs();
    return { data, left: JSON.parse(left), error };
  };
  runPython = (calculator, inputs) => JSON.parse(run(calculator, JSON.stringify(inputs)));
  checkPython = (fields, values, versions) =>
    JSON.parse(checkForm(JSON.stringify(fields), JSON.stringify(values), JSON.stringify(versions || {})));
  marks.python = since();
  const { t0, fetchLater, ...timings } = marks;
  post({ type: "ready", ms: Math.round(performance.now() - started), loadedMs: Math.round(loadedMs), start: way,
         timings });
  while (queue.length) handle(queue.shift());
  // after the first answer, with the line free: keep what was verified, fetch what a slow line
  // did not wait for (the next visit then restores it). Python in a page leaves this to the worker
  // that takes over from it.
  if (IN_WORKER) setTimeout(async () => {
    try {
      let kept = null;
      if (toKeep) kept = await keepSnapshot(...toKeep);
      else if (fetchLater) kept = await keepSnapshot(fetchLater, await fetchSnapshot(fetchLater, runtime.snapshot.sha256));
      if ((kept || marks.how === "kept") && marks.wasm !== "kept") await keepWasm(indexURL, runtime);
      if (kept) post({ type: "kept", file: fileName(kept) });
      // found kept without the page knowing (an earlier visit left before it was told): tell it now
      else if (marks.how === "kept") post({ type: "kept", file: runtime.snapshot.file });
    } catch {
      // the next visit will start plainly again
    }
    toKeep = null;
    if (way !== "snapshot" || marks.how !== "kept") warmCodeCache(indexURL);
  }, 0);
}

// The browser keeps the compiled code of a script it has loaded twice (V8's code cache: made on the
// second load, used from the third). Pyodide's loader is 1.2 MB of JavaScript whose compiling took
// 90 ms of a second visit here and 25 ms once cached; so a first visit, once its answer is shown,
// loads it a second time in a short-lived worker of its own (this file, told "warm"), which imports
// it and runs its outer function far enough to compile it, with a stand-in that starts nothing.
// Done when this visit did not restore a kept snapshot, i.e. on the first visits; about 0.1 s of
// idle work, nothing downloaded. Browsers without such a cache only lose that 0.1 s once.
const WARM_LIMIT_MS = 10000;
function warmCodeCache(indexURL) {
  try {
    const helper = new Worker(self.location.href, { type: "module" });
    const stop = () => helper.terminate();
    const timer = setTimeout(stop, WARM_LIMIT_MS);
    helper.onmessage = helper.onerror = () => { clearTimeout(timer); stop(); };
    helper.postMessage({ type: "warm", pyodide: indexURL });
  } catch {
    // no nested workers here: the next visit compiles as this one did
  }
}

async function warm(indexURL) {
  const { default: createPyodideModule } = await import(indexURL + "pyodide.asm.mjs");
  try {
    // instantiateWasm answers nothing, so nothing is compiled or run past the outer function
    createPyodideModule({ noInitialRun: true, instantiateWasm: () => ({}), locateFile: (path) => path,
                          preRun: [], print: () => {}, printErr: () => {}, API: { config: {} } }).catch(() => {});
  } finally {
    post({ type: "warmed" });
  }
}

function handle(message) {
  if (!runPython) {
    queue.push(message);
    return;
  }
  if (message.type === "fill-office") {   // a form's Word/Excel file with the values in place
    let out;
    try {
      out = filler(message.kind, message.template, message.values);
    } catch (err) {
      out = { data: new Uint8Array(0), left: [], error: "计算出错：" + err.message };
    }
    post({ type: "office", id: message.id, ...out });
    return;
  }
  // bytes made by Python, handed over (transferred, not copied) with what it says of them
  const withBytes = { totals: [totalsPython, "result", "汇总出错："],    // many units added up (roster/totals.js)
                      batch: [batchPython, "summary", "生成出错："] };  // a roster's forms, a step at a time
  if (message.type in withBytes) {
    const [work, key, failed] = withBytes[message.type];
    let out;
    try {
      out = work(message);
    } catch (err) {
      out = { data: new Uint8Array(0), [key]: { error: failed + err.message } };
    }
    post({ type: message.type, id: message.id, ...out }, out.data.byteLength ? [out.data.buffer] : []);
    return;
  }
  if (message.type === "roster") {
    let result;
    try {
      result = rosterPython(message);
    } catch (err) {
      result = { ok: false, problems: [{ row: null, column: null, message: "计算出错：" + err.message }], total: 1 };
    }
    post({ type: "roster", id: message.id, result });
    return;
  }
  const t0 = performance.now();
  let result;
  try {
    result = message.type === "check-form" ? checkPython(message.fields, message.values, message.versions)
      : runPython(message.calculator, message.inputs);
  } catch (err) {
    result = { ok: false, internal: true, errors: [{ field: "", message: "计算出错：" + err.message }] };
  }
  post({ type: "result", id: message.id, result, ms: performance.now() - t0 });
}

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
    const packages = message.packages || ["handbook-calculators"];
    if (!booting) {
      booting = boot(message.pyodide, packages, message.runtime || {}, message.hint);
      booting.catch(() => {});   // reported when "start" waits for it
    }
    if (message.type === "start") {
      start(message.params, packages, message.runtime || {})
        .catch((err) => post({ type: "failed", text: String(err && err.message || err) }));
    }
  } else if (["run", "check-form", "fill-office", "roster", "batch", "totals"].includes(message.type)) {
    handle(message);
  } else if (message.type === "warm") {
    warm(message.pyodide).catch(() => post({ type: "warmed" }));
  }
}

if (IN_WORKER) self.onmessage = (event) => receive(event.data);

// The same Python in the page's own thread (python/in-page.js): messages out go to send. Returns the
// function that takes messages in, and one that lets go of Python once a worker has taken over (what
// it holds is then the garbage collector's), after which nothing more is answered.
export function inPage(send) {
  post = (message) => send(message);
  const release = () => {
    post = () => {};
    runPython = checkPython = filler = rosterPython = batchPython = totalsPython = null;
    booting = Promise.reject(new Error("released"));
    booting.catch(() => {});
    queue.length = 0;
  };
  return { receive, release };
}
