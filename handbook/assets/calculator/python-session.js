// A calculator page's Python (calculator/page.js): started at once — taking over the worker the
// page's head started (python/early.js) — with its progress and failure in the status line, and
// asked for every calculation. A run that does not answer in RUN_LIMIT_MS stops the worker (a busy
// worker cannot be interrupted otherwise), is said next to the form, and Python starts again.

import { PYTHON_KEPT } from "../browser/storage-keys.js";
import { startPython } from "../python/client.js";
import { hide as hideProgress, MEANWHILE, show as showProgress } from "../python/progress.js";
import { startThemeScripts } from "./theme-later.js";

// A calculation takes milliseconds (every input is bounded, see calckit/bounds.py); one
// that has not answered in this time is stopped, and Python is started afresh.
const RUN_LIMIT_MS = 2000;
const SLOW_START_MS = 45000;   // then say that starting is taking unusually long
// where a reader whose browser cannot run the calculator goes: the rule on paper (calculator.md.j2)
const PAPER_WAY = "可使用本页下方的“纸面自查清单”：列出了本计算器核对的每一项条件及条款原文，可打印后逐项对照。";
const SLOW_START = `Python 已启动 ${SLOW_START_MS / 1000} 秒仍未就绪，仍在继续……如长时间无响应，请刷新页面。${PAPER_WAY}`;

/**
 * @typedef {object} SessionPage
 * @property {string} calculator
 * @property {string} params            the policy parameters, JSON text
 * @property {() => Record<string, any>} readInputs
 * @property {(result: any) => void} onResult   a calculation's result (input errors included)
 * @property {(text: string) => void} onStuck    a run stopped: said next to the form
 */

/**
 * @param {HTMLElement} root   the calculator (.calc), whose data-* say how Python is doing
 * @param {SessionPage} page
 */
export function pythonSession(root, { calculator, params, readInputs, onResult, onStuck }) {
  const status = /** @type {HTMLElement} */ (root.querySelector(".calc-status"));
  const statusText = /** @type {HTMLElement} */ (root.querySelector(".calc-status-text"));
  const state = {
    ready: false,
    touched: false,   // the reader has asked: the first answer comes as soon as Python is ready
    /** @type {import("../python/protocol.js").Bytes | null} */ lastBytes: null,
    /** @type {ReturnType<typeof setTimeout> | null} */ watchdog: null,
  };
  /** @type {import("../python/client.js").PythonClient} */
  let python;
  let workerCreated = 0;
  const setStatus = (/** @type {string} */ text, /** @type {string} */ mode) => {
    statusText.textContent = text;
    status.dataset.state = mode;
  };
  const stopWatch = () => { clearTimeout(state.watchdog ?? undefined); state.watchdog = null; };

  // Python in a worker (python/client.js): the one the page's head started the first time, else a
  // new one. Every failure ends in `failed`, with what failed and the paper way.
  function start() {
    state.ready = false;
    root.dataset.ready = "false";
    setStatus("正在启动 Python……", "loading");
    const early = window.__handbookWorker;
    window.__handbookWorker = null;
    workerCreated = performance.now();
    python = startPython({ element: root, params, worker: early, what: "计算器", onMessage: heard,
                           onFailed: (text, browser) => { stopWatch(); failed(root, setStatus, text, browser); } });
  }

  function stuck() {
    state.watchdog = null;
    python.terminate();
    root.dataset.restarts = String(Number(root.dataset.restarts || 0) + 1);
    onStuck(`计算超过 ${RUN_LIMIT_MS / 1000} 秒仍未完成，已停止并重新启动计算器。请检查输入的数值是否过大或有误。`);
    state.touched = false;
    start();
  }

  /** @param {import("../python/protocol.js").Reply} message */
  function heard(message) {
    if (message.type === "progress") {
      showStarting(message, state, status, statusText, setStatus);
    } else if (message.type === "ready") {
      hideProgress(status);
      state.ready = true;
      markReady(root, message, workerCreated);
      setStatus("计算器已就绪。", "ready");
      // the reader's first answer before the theme's scripts (about 60 ms of work) start
      if (state.touched) run();
      else setTimeout(startThemeScripts);
    } else if (message.type === "kept") {
      keptHint(message.file);
    }
  }

  /** @param {import("../python/client.js").Answer | null} answer  @param {string} [error] */
  function answered(answer, error = "") {
    stopWatch();
    countAnswer(root, answer);
    onResult(answer ? answer.value : { ok: false, internal: true, errors: [{ field: "", message: error }] });
    setTimeout(startThemeScripts);
  }

  /** A calculation now, or as soon as Python is ready (the status says so meanwhile). */
  function run() {
    state.touched = true;
    if (status.dataset.state === "failed") return;   // the failure stays in view
    if (!state.ready) {   // the bar while the files download, else the words
      if (state.lastBytes && state.lastBytes.loaded < state.lastBytes.total) {
        showProgress(status, statusText, state.lastBytes, MEANWHILE.waiting);
      } else setStatus("Python 仍在启动，启动后将自动计算……", "loading");
      return;
    }
    python.ask("run", { calculator, inputs: readInputs() }, { latest: true }).then(
      (answer) => answered(answer),
      (err) => { if (!err.cancelled && !err.unavailable) answered(null, err.message); });   // a failure says itself
    if (!state.watchdog) state.watchdog = setTimeout(stuck, RUN_LIMIT_MS);
  }

  start();
  // A start with no download under way (the files came from this browser) that is still not done:
  // said as it is, without blaming the line; a download under way keeps its bar and estimate.
  setTimeout(() => {
    if (!state.ready && status.dataset.state === "loading" && !state.lastBytes) setStatus(SLOW_START, "loading");
  }, SLOW_START_MS);
  return {
    run,
    /** the reader has typed: an answer is wanted */ touch: () => { state.touched = true; },
    /** the form was emptied */ untouch: () => { state.touched = false; },
  };
}

/**
 * Python did not start: said in the status line with the paper way, and — when this browser cannot
 * run it (a reload will not help) — first thing under the title.
 * @param {HTMLElement} root
 * @param {(text: string, mode: string) => void} setStatus
 * @param {string} text
 * @param {boolean} browser
 */
function failed(root, setStatus, text, browser) {
  startThemeScripts();
  hideProgress(/** @type {HTMLElement} */ (root.querySelector(".calc-status")));
  root.dataset.ready = "failed";
  const retry = browser ? "" : "请刷新页面重试；如仍失败，请联系网站管理员（运行环境文件可能未完整部署）。";
  setStatus(`${text}${retry}${PAPER_WAY}`, "failed");
  const h1 = document.querySelector(".md-content h1");
  if (browser && h1 && !document.querySelector(".hb-cannot-run")) {
    const note = document.createElement("p");
    note.className = "hb-cannot-run";
    const link = document.createElement("a");
    link.href = "#paper";
    link.textContent = "纸面自查清单";
    note.append(`${text}可改用本页下方的`, link, "。");
    h1.after(note);
  }
}

/**
 * Python's start in the status line: a bar and an estimate while its files download on a slow line,
 * else the step it is at. A report sent before the outcome is not shown over it.
 * @param {import("../python/protocol.js").ProgressMessage} message
 * @param {{ready: boolean, touched: boolean, lastBytes: import("../python/protocol.js").Bytes | null}} state
 * @param {HTMLElement} status @param {HTMLElement} statusText
 * @param {(text: string, mode: string) => void} setStatus
 */
function showStarting(message, state, status, statusText, setStatus) {
  if (state.ready || status.dataset.state === "failed") return;
  if (message.bytes) {
    state.lastBytes = message.bytes;
    status.dataset.state = "loading";
    showProgress(status, statusText, message.bytes, state.touched ? MEANWHILE.waiting : MEANWHILE.calculator);
  } else if (!state.lastBytes || state.lastBytes.loaded >= state.lastBytes.total) {
    setStatus(message.text, "loading");
  }
}

/** The next visit's python/early.js tells the worker a kept snapshot is there to read. @param {string} file */
function keptHint(file) {
  try {
    localStorage.setItem(PYTHON_KEPT, file);
  } catch {
    // a full storage: the next visit only starts a little later
  }
}

/**
 * How Python started, on the calculator's data-* (for tests, the bench and a curious reader).
 * @param {HTMLElement} root @param {import("../python/protocol.js").ReadyMessage} message @param {number} created
 */
function markReady(root, message, created) {
  Object.assign(root.dataset, {
    ready: "true", startMs: String(message.ms),                 // worker start → ready
    pyodideMs: String(message.loadedMs),                        // of which loadPyodide with our wheels
    pythonStart: message.start,                                 // "snapshot" or "plain"
    workerTimings: JSON.stringify(message.timings || {}), workerCreatedMs: String(Math.round(created)),
  });
}

/** @param {HTMLElement} root @param {import("../python/client.js").Answer | null} answer */
function countAnswer(root, answer) {
  if (answer) root.dataset.lastRunMs = answer.ms.toFixed(1);
  root.dataset.results = String(Number(root.dataset.results || 0) + 1);
  if (!root.dataset.firstResultMs) root.dataset.firstResultMs = performance.now().toFixed(0);
}
