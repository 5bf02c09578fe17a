// Starting Python in a worker (python/worker.js), as every page that talks to it does: the browser's
// abilities checked first (browser/capability.js), then the worker started (or the one the page's
// head started, python/early.js, taken over with whatever it already said), and every way a start
// can fail turned into one `onFailed(text)`, said once: a browser that lacks something, a worker
// that cannot be created, a worker script that does not load or dies (onerror), a message that
// cannot be read, the worker's own "failed", and a worker that says nothing at all. After a
// failure the worker is stopped and nothing more is delivered, so no later message hides it.

import { adviceFor, missingFeatures } from "../browser/capability.js";
import { startMessage } from "./start.js";

// A live worker says "progress" as soon as it has loaded (a 30 KB script): silence this long means
// it never started (blocked, or killed by its first line), whatever the line's speed.
export const SILENT_MS = 20000;

/**
 * @typedef {object} PythonStart
 * @property {HTMLElement} element     carries data-worker, data-pyodide, data-packages, data-runtime
 * @property {string} params           the policy parameters (JSON text) for "start"
 * @property {(message: any) => void} onMessage   every message but "failed" (progress, ready, results…)
 * @property {(text: string, browser: boolean) => void} onFailed  once, with words a reader understands;
 *                                     browser: this browser cannot run it (a reload will not help)
 * @property {string} [what]           what cannot run, for the advice ("计算器", "表格检查"…)
 * @property {any} [worker]            a worker started earlier (python/early.js), to take over
 */

/**
 * @typedef {object} PythonClient
 * @property {(message: any, transfer?: Transferable[]) => void} post
 * @property {() => void} terminate
 * @property {() => string | null} failure   the failure's words, once failed
 */

/**
 * @param {PythonStart} options
 * @returns {PythonClient}
 */
export function startPython({ element, params, onMessage, onFailed, what = "计算器", worker = null }) {
  /** @type {string | null} */
  let failed = null;
  let heard = false;
  let silence = 0;

  const fail = (text, browser = false) => {
    if (failed !== null) return;
    failed = text;
    clearTimeout(silence);
    try {
      if (worker) worker.terminate();
    } catch {
      // already gone
    }
    onFailed(text, browser);
  };

  const client = {
    post(message, transfer = []) {
      if (failed === null && worker) worker.postMessage(message, transfer);
    },
    terminate() {
      clearTimeout(silence);
      if (worker) worker.terminate();
      failed = failed ?? "";
    },
    failure: () => failed,
  };

  const missing = missingFeatures(globalThis, "python");
  if (missing.length) {
    setTimeout(() => fail(adviceFor(missing, navigator.userAgent, what), true));
    return client;
  }
  const early = worker && worker.early;   // what the head's worker said before this page listened
  try {
    worker = worker || new Worker(element.dataset.worker, { type: "module" });
  } catch (err) {
    setTimeout(() => fail(`${what}未能启动：此浏览器不能创建后台程序（${err && err.message || err}）。`, true));
    return client;
  }
  const receive = (message) => {
    if (failed !== null) return;
    heard = true;
    if (message && message.type === "failed") fail(`${what}未能启动：${message.text}。`);
    else onMessage(message);
  };
  const broke = (event) => {
    if (event && event.preventDefault) event.preventDefault();
    const detail = event && event.message ? `（${event.message}）` : "";
    fail(`${what}未能启动：运行 Python 的后台程序未能加载或已出错${detail}。`);
  };
  worker.onmessage = (event) => receive(event.data);
  worker.onerror = broke;
  worker.onmessageerror = () => fail(`${what}未能启动：无法读取后台程序的消息。`);
  if (early) {
    worker.early = null;
    for (const message of early.messages) receive(message);
    if (early.error) broke(early.error);
  }
  silence = setTimeout(() => {
    if (!heard) fail(`${what}未能启动：运行 Python 的后台程序在 ${SILENT_MS / 1000} 秒内没有任何响应。`);
  }, SILENT_MS);
  worker.postMessage(startMessage(element, params));
  return client;
}
