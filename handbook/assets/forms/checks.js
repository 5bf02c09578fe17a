// A form's checks and computed fields, and everything else it asks Python (forms/page.js): Python
// (calckit/forms.py, in a worker: python/client.js) is started only once someone begins typing,
// or asks for a Word/Excel file. Without Python the form still fills, saves and prints; a failure
// says so, and everything waiting for Python is answered.

import { hide as hideProgress, MEANWHILE, show as showProgress } from "../python/progress.js";
import { startPython as startClient } from "../python/client.js";
import { PythonError } from "../python/protocol.js";
import { model, repeats, updatePager } from "./rows.js";
import { chosenVersions, params, schema, sheet } from "./sheet.js";

const CHECK_MS = 300;
/** @type {import("../python/client.js").PythonClient | null} */
let python = null;
let ready = false;
// where the checks' Python says how far its download has got, or that it failed (form.md.j2)
const pythonBox = /** @type {HTMLElement | null} */ (document.querySelector(".form-python"));
const pythonText = /** @type {HTMLElement | null} */ (pythonBox && pythonBox.querySelector(".form-python-text"));
/** @type {ReturnType<typeof setTimeout> | undefined} */
let checkTimer;

/** Python, started once (the browser's lack of something is said at once, not at the first keystroke). */
export function startPython() {
  if (python) return python;
  python = startClient({ element: sheet, params, what: "表格检查和导出", onMessage: heard, onFailed: failed });
  return python;
}

/** @param {string} text @param {boolean} browser  this browser cannot run it: a reload will not help */
function failed(text, browser) {
  ready = false;
  sheet.dataset.pythonReady = "failed";
  sheet.dataset.pythonUnsupported = String(browser);
  if (pythonBox && pythonText) {
    pythonBox.hidden = false;
    hideProgress(pythonBox);
    pythonBox.dataset.state = "failed";
    pythonText.textContent = `${text}表格仍可填写、保存草稿和打印，也可下载空白的 Word/Excel 表填写。`;
  }
}

/** @param {import("../python/protocol.js").Reply} m */
function heard(m) {
  if (m.type === "progress" && m.bytes && pythonBox && pythonText && !ready && sheet.dataset.pythonReady !== "failed") {
    // the checks' Python loading: a bar while it downloads (the form works meanwhile)
    pythonBox.hidden = false;
    showProgress(pythonBox, pythonText, m.bytes, MEANWHILE.form);
  }
  if (m.type === "ready") {
    if (pythonBox) pythonBox.hidden = true;
    ready = true;
    sheet.dataset.pythonReady = "true";
    sheet.dataset.pythonStart = m.start;                 // "snapshot" or "plain"
    check();
  }
}

/**
 * Ask the form's Python (started if need be) and wait for its answer; rejects with a PythonError
 * (`unavailable` when Python cannot run here).
 * @param {import("../python/protocol.js").AskKind} kind
 * @param {object} payload
 * @param {ArrayBuffer} [data]
 */
export function ask(kind, payload, data) {
  return startPython().ask(kind, payload, data ? { data } : {});
}

/** The checks, now, if Python is ready (else they run when it is). */
export function check() {
  if (!ready || !python) return;
  python.ask("check-form", { fields: schema.fields, values: model, versions: chosenVersions() }, { latest: true })
    .then(({ value }) => showCheck(value), (err) => {
      if (err instanceof PythonError && !err.cancelled && !err.unavailable) {
        showCheck({ errors: [{ field: "", message: err.message }] });
      }
    });
}

/** After a change: the checks once typing pauses; Python started if it was not. */
export function scheduleCheck() {
  sheet.dispatchEvent(new CustomEvent("form:changed"));
  startPython();
  clearTimeout(checkTimer);
  checkTimer = setTimeout(check, CHECK_MS);
}

// The newest check, kept so that rows shown later (another page of the table) show it too.
/** @type {Map<string, string>} */
let lastErrors = new Map();
/** @type {Record<string, string>} */
let lastComputed = {};

export function errorRows(name) {
  const rows = new Set();
  for (const key of lastErrors.keys()) {
    const m = /^([a-z][a-z0-9_]*)\.(\d+)\./.exec(key);
    if (m && m[1] === name) rows.add(Number(m[2]));
  }
  return [...rows].sort((a, b) => a - b);
}

// errors and computed values on the given elements (rows just shown, or the whole form)
export function showFieldState(scopes) {
  for (const scope of scopes) {
    for (const box of scope.querySelectorAll(".ff-error")) box.textContent = lastErrors.get(box.dataset.errorFor) || "";
    for (const control of scope.querySelectorAll(".ff")) {
      if (lastErrors.has(control.name)) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
    for (const out of scope.querySelectorAll("output[data-computed]")) out.textContent = lastComputed[out.dataset.computed] || "";
  }
}

/** @param {{errors?: {field: string, message: string}[], computed?: Record<string, string>}} result */
function showCheck(result) {
  lastErrors = new Map();
  for (const error of result.errors || []) {
    lastErrors.set(error.field, lastErrors.has(error.field) ? `${lastErrors.get(error.field)}；${error.message}` : error.message);
  }
  lastComputed = result.computed || {};
  showFieldState([sheet]);
  for (const name of Object.keys(repeats)) updatePager(name);
  sheet.dataset.checks = String(Number(sheet.dataset.checks || 0) + 1);
}
