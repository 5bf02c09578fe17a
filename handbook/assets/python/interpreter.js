// Pyodide made ready to answer (python/worker.js): restored from the build's memory snapshot, or
// started plainly with the calculators' wheels unpacked; then the calculators imported and given the
// policy parameters, and their one entry point (calckit/worker_api.py `answer`) handed back.

import { wheelBytes } from "./verified.js";

/**
 * When the runtime's .wasm cannot be fetched, loadPyodide only logs a warning and never settles;
 * the warning is watched for, so that the page says what went wrong instead of waiting.
 * @returns {Promise<never>}
 */
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

// Pyodide restores the memory in a step of its set-up that waits for fsInit (its hook before the
// file system is used): that is where a download still under way is waited for. A download that
// fails never lets it go on (a memory half written is never restored); the race gives up instead.
const never = new Promise(() => {});

/**
 * @param {Function} loadPyodide
 * @param {string} indexURL
 * @param {import("./protocol.js").Runtime} runtime
 * @param {{memory: any, filled: Promise<unknown>}} snapshot
 * @param {string[]} problems   what Python wrote to stderr
 */
export async function restore(loadPyodide, indexURL, runtime, snapshot, problems) {
  const pyodide = await Promise.race([loadPyodide({
    indexURL, lockFileContents: runtime.lock, packageBaseUrl: indexURL, _loadSnapshot: snapshot.memory,
    fsInit: () => snapshot.filled.then(() => {}, () => never),
    stdout: () => {}, stderr: (/** @type {string} */ text) => problems.push(text),
  }), runtimeFailure(), snapshot.filled.then(() => never)]);
  // hash() and random repeat after every restore of the same memory; give random a new seed
  pyodide.runPython("import random, sys\nrandom.seed()\nassert 'calckit' in sys.modules");
  return pyodide;
}

/**
 * Python started the plain way: the wheels are fetched while it initialises, then unpacked.
 * @param {Function} loadPyodide
 * @param {string} indexURL
 * @param {import("./protocol.js").Runtime} runtime
 * @param {string[]} packages
 * @param {string[]} problems
 * @param {(url: string, init: RequestInit) => Promise<Response>} fetcher   one that counts the bytes
 */
export async function startPlainly(loadPyodide, indexURL, runtime, packages, problems, fetcher) {
  const wheels = wheelBytes(indexURL, runtime, packages, fetcher);
  wheels.catch(() => {});
  const lock = runtime.lock ? { lockFileContents: runtime.lock, packageBaseUrl: indexURL } : {};
  const pyodide = await Promise.race([loadPyodide({
    indexURL, ...lock,
    stdout: () => {},
    stderr: (/** @type {string} */ text) => problems.push(text),
  }), runtimeFailure()]);
  try {
    install(pyodide, await wheels);
  } catch (err) {
    problems.push(String(err && err.message || err));
  }
  return pyodide;
}

// Unpack the wheels into site-packages with Python's own zipfile (already imported at start):
// Pyodide's loadPackage would import about 600 KB of the standard library (email, http, tarfile,
// importlib.metadata…) that the calculators never use, and that the site's cut standard library
// leaves out (handbook/runtime/stdlib.py). make_snapshot.mjs installs them the same way.
const INSTALL_WHEELS = `
import importlib, io, site, zipfile
for _wheel in WHEELS:
    zipfile.ZipFile(io.BytesIO(_wheel.to_bytes())).extractall(site.getsitepackages()[0])
importlib.invalidate_caches()
del _wheel`;

/** @param {any} pyodide  @param {Uint8Array[]} wheels */
function install(pyodide, wheels) {
  pyodide.globals.set("WHEELS", wheels);
  pyodide.runPython(INSTALL_WHEELS);
  pyodide.globals.delete("WHEELS");
}

/**
 * An ask answered in the one reply shape (python/protocol.js AnswerMessage), with what to transfer:
 * the bytes Python made are handed over, not copied.
 * @callback Answerer
 * @param {import("./protocol.js").AskMessage} message
 * @returns {[import("./protocol.js").AnswerMessage, Transferable[]]}
 */

/** The handbook's own calculators package (the import its wheel gives; `calculators` in this repository). */
const HANDBOOK_DIST = "handbook-calculators";

/**
 * The import name of the handbook's calculators package, as the lock lists it.
 * @param {Record<string, any>} lock
 * @returns {string}
 */
export function handbookPackage(lock) {
  const entry = lock[HANDBOOK_DIST];
  return entry && entry.imports && entry.imports.length ? entry.imports[0] : "calculators";
}

/**
 * The calculators imported (and the other packages checked, without running them, by the import
 * names the lock gives), the parameters set: their one entry point (calckit/worker_api.py
 * `answer`, which answers the work's own failures), or an error naming what failed.
 * @param {any} pyodide
 * @param {string[]} packages
 * @param {string} paramsJson
 * @param {string[]} problems
 * @returns {Answerer}
 */
export function calculatorsIn(pyodide, packages, paramsJson, problems) {
  try {
    const lock = pyodide.lockfile && pyodide.lockfile.packages ? pyodide.lockfile.packages : {};
    pyodide.globals.set("NEEDED", packages.flatMap((name) =>
      lock[name] && lock[name].imports ? lock[name].imports : [name.replace(/-/g, "_")]));
    pyodide.globals.set("PACKAGE", handbookPackage(lock));
    pyodide.runPython(`
import importlib, importlib.util
importlib.import_module(PACKAGE)
for name in NEEDED.to_py():
    if importlib.util.find_spec(name) is None:
        raise ImportError(name)`);
  } catch (err) {
    throw new Error("计算器程序包未能加载" + (problems.length ? "：" + problems.join("；") : ""), { cause: err });
  }
  pyodide.globals.set("PARAMS_JSON", paramsJson);
  const answer = pyodide.runPython(`
from calckit import worker_api as _api
_api.set_params(PARAMS_JSON)
_api.answer`);
  return ({ id, kind, payload, data }) => {
    const t0 = performance.now();
    let reply;
    try {
      const [bytes, text] = answer(kind, JSON.stringify(payload), new Uint8Array(data || new ArrayBuffer(0))).toJs();
      reply = { ...JSON.parse(text), data: bytes };
    } catch (err) {   // not the work's own failure (worker_api answers those): Python itself broke
      reply = { ok: false, error: "计算出错：" + (err && err.message || err), data: new Uint8Array(0) };
    }
    const message = { type: "answer", id, ...reply, ms: performance.now() - t0 };
    return [message, reply.data.byteLength ? [reply.data.buffer] : []];
  };
}
