// The page's side of Python (python/worker.js): every page that talks to it starts it here and asks it
// questions here (the messages: python/protocol.js). Starting: the browser's
// abilities checked first (browser/capability.js), then the worker started (or the one the page's
// head started, python/early.js, taken over with whatever it already said), and every way a start
// can fail turned into one `onFailed(text)`, said once: a browser that lacks something, a worker
// that cannot be created, a worker script that does not load or dies (onerror), a message that
// cannot be read, the worker's own "failed", and a worker that says nothing at all. After a
// failure the worker is stopped and nothing more is delivered, so no later message hides it.
// Asking: `ask(kind, payload)` gives a promise of the answer's value (and bytes); it rejects with a
// PythonError when Python answered with an error, could not run, or the ask was cancelled (by a newer
// one of the same kind when `latest`, by `cancel`, or by `terminate`). Asks made while Python starts
// wait in the worker, which drops one cancelled before it began.

import { adviceFor, missingFeatures } from "../browser/capability.js";
import { PythonError } from "./protocol.js";
import { startMessage } from "./start.js";

/**
 * A module worker for Python: the only place (with python/early.js, a classic script in the page's
 * head that cannot import this) where one is created.
 * @param {string | URL} url
 * @returns {Worker}
 */
export function spawn(url) {
  return new Worker(url, { type: "module" });
}

// A live worker says "progress" as soon as it has loaded (a 30 KB script): silence this long means
// it never started (blocked, or killed by its first line), whatever the line's speed.
export const SILENT_MS = 20000;

/**
 * @typedef {object} PythonStart
 * @property {HTMLElement} element     carries data-worker, data-pyodide, data-packages, data-runtime
 * @property {string} params           the policy parameters (JSON text) for "start"
 * @property {(message: import("./protocol.js").Reply) => void} onMessage   progress, ready, kept (not
 *                                     "failed", which is onFailed, nor answers, which settle their ask)
 * @property {(text: string, browser: boolean) => void} onFailed  once, with words a reader understands;
 *                                     browser: this browser cannot run it (a reload will not help)
 * @property {string} [what]           what cannot run, for the advice ("计算器", "表格检查"…)
 * @property {any} [worker]            a worker started earlier (python/early.js), to take over
 */

/**
 * @typedef {object} AskOptions
 * @property {ArrayBuffer} [data]      bytes for Python (a template, files), transferred, not copied
 * @property {boolean} [latest]        only the newest ask of this kind matters: earlier ones waiting
 *                                     are cancelled
 */

/**
 * @typedef {object} Answer
 * @property {any} value               what Python returned (calckit/worker_api.py)
 * @property {Uint8Array} data         bytes Python made (empty when none)
 * @property {number} ms               how long Python worked on it
 */

/**
 * @typedef {object} PythonClient
 * @property {(kind: import("./protocol.js").AskKind, payload: object, options?: AskOptions) => Promise<Answer>} ask
 * @property {(kind?: string) => void} cancel   asks still waiting (of one kind, or all) cancelled
 * @property {() => void} terminate            Python stopped; asks waiting are cancelled
 * @property {() => string | null} failure     the failure's words, once failed
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

  const asks = askBook((message) => {
    const data = message.type === "ask" ? message.data : undefined;
    if (worker && failed === null) worker.postMessage(message, data ? [data] : []);
  });

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
    asks.settle(new PythonError(text, { unavailable: true }));
  };

  /** @type {PythonClient} */
  const client = {
    ask: (kind, payload, options) => failed !== null
      ? Promise.reject(new PythonError(failed, { unavailable: true })) : asks.ask(kind, payload, options),
    cancel: (kind = "") => asks.settle(new PythonError("已取消", { cancelled: true }), kind),
    terminate() {
      clearTimeout(silence);
      client.cancel();
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
    worker = worker || spawn(element.dataset.worker);
  } catch (err) {
    setTimeout(() => fail(`${what}未能启动：此浏览器不能创建后台程序（${err && err.message || err}）。`, true));
    return client;
  }
  const receive = (message) => {
    if (failed !== null) return;
    heard = true;
    if (message && message.type === "failed") fail(`${what}未能启动：${message.text}。`);
    else if (message && message.type === "answer") asks.answered(message);
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

/**
 * The asks waiting for their answers, by id: sent with `send`, settled by their answer, or all at
 * once (of one kind, or every one) by a cancel or a failure. A cancelled ask is also sent as
 * "cancel", so that the worker drops it if it has not begun.
 * @param {(message: import("./protocol.js").AskMessage | import("./protocol.js").CancelMessage) => void} send
 */
function askBook(send) {
  /** @type {Map<number, {kind: string, resolve: (a: Answer) => void, reject: (e: PythonError) => void}>} */
  const waiting = new Map();
  let lastId = 0;
  /** @param {PythonError} error @param {string} [kind] */
  const settle = (error, kind = "") => {
    for (const [id, pending] of waiting) {
      if (kind && pending.kind !== kind) continue;
      waiting.delete(id);
      if (error.cancelled) send({ type: "cancel", id });
      pending.reject(error);
    }
  };
  return {
    settle,
    /** @type {PythonClient["ask"]} */
    ask(kind, payload, { data, latest = false } = {}) {
      if (latest) settle(new PythonError("已取消", { cancelled: true }), kind);
      const id = ++lastId;
      return new Promise((resolve, reject) => {
        waiting.set(id, { kind, resolve, reject });
        send({ type: "ask", id, kind, payload, ...(data ? { data } : {}) });
      });
    },
    /** @param {import("./protocol.js").AnswerMessage} message */
    answered(message) {
      const pending = waiting.get(message.id);
      if (!pending) return;   // cancelled meanwhile
      waiting.delete(message.id);
      if (message.ok) pending.resolve({ value: message.value, data: message.data || new Uint8Array(0), ms: message.ms });
      else pending.reject(new PythonError(/** @type {import("./protocol.js").AnswerError} */ (message).error));
    },
  };
}
