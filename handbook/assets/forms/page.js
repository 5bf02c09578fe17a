// A fillable form page: drafts kept in this browser, export/import as a file, print blank or
// filled, and checks plus computed fields by the calculators' Python, started only once someone
// begins typing. Without Python the form still fills, saves and prints; only the checks and
// computed cells wait. Here the page is wired; its parts, one concern each:
//   forms/sheet.js      the page's sheet, schema, draft key, fields, the message line
//   forms/rows.js       the values (`model`) and the controls that show them, 100 rows a page
//   forms/drafts.js     drafts in this browser, merged with other tabs' (forms/draft-merge.js, pure)
//   forms/file.js       the values as a JSON file, exported and imported
//   forms/checks.js     Python: the checks, computed cells, and what else the page asks it
//   forms/office.js     Word and Excel with the values in place
//   forms/print-fit.js  long text shrunk to its printed box, or a warning before printing
// On the 花名册, roster/list.js adds the list's import from Excel/CSV, its counts and the 统计表;
// roster/batch.js everyone's forms at once.
//
// What someone types is only ever set as a control's value or an element's textContent:
// it is data, never markup.

import { missingFeatures } from "../browser/capability.js";
import { closest, one } from "../browser/dom.js";
import { ask, check, errorRows, scheduleCheck, showFieldState, startPython } from "./checks.js";
import { clearDraft, draftHooks, restoreDraft, saveDraft } from "./drafts.js";
import { exportFile, importFile } from "./file.js";
import { exportOffice } from "./office.js";
import { confirmPages, fitLongText, unfitLongText } from "./print-fit.js";
import {
  addRow, controls, deleteRow, mirror, model, readValues, renderRows, repeats, rowHooks, showAllRows, showPage, take,
  writeValues,
} from "./rows.js";
import {
  chosenVersions, download, isKnown, MAX_ROWS, PAGE_ROWS, say, schema, sheet, storageKey, VERSION, versionSelect,
} from "./sheet.js";

const SAVE_MS = 300;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let saveTimer;

say("");   // the words for a page without JavaScript (form.md.j2) go
rowHooks.shown = showFieldState;
rowHooks.errorRows = errorRows;
draftHooks.otherTab = check;

versionSelect?.addEventListener("change", () => {
  startPython();
  check();
  sheet.dispatchEvent(new CustomEvent("form:changed"));   // the 花名册's quota follows the chosen year too
});

/** @param {Event} event */
const controlOf = (event) => /** @type {import("../browser/dom.js").Control} */ (event.target);
sheet.addEventListener("input", (event) => {
  if (controlOf(event).classList.contains("ff")) {
    take(controlOf(event));
    mirror(controlOf(event));
  }
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveDraft, SAVE_MS);
  scheduleCheck();
});
sheet.addEventListener("change", (event) => {
  if (controlOf(event).classList.contains("ff")) take(controlOf(event));
  saveDraft();
  scheduleCheck();
});
sheet.addEventListener("submit", (event) => event.preventDefault());
sheet.addEventListener("click", (event) => {
  const pageButton = closest(event, ".form-pager [data-page]");
  if (pageButton) {
    const name = pageButton.closest(".form-pager")?.getAttribute("data-repeat") || "";
    showPage(name, repeats[name].start + (pageButton.dataset.page === "next" ? PAGE_ROWS : -PAGE_ROWS));
    return;
  }
  const remove = closest(event, "[data-delete-row]");
  if (remove) {
    const table = remove.closest("tbody[data-repeat]")?.getAttribute("data-repeat") || "";
    const row = deleteRow(table, Number(remove.dataset.deleteRow));
    if (row === null) return;
    saveDraft();
    scheduleCheck();
    say(`已删除${row}。`);
    return;
  }
  const button = closest(event, "[data-add-row]");
  if (!button) return;
  const row = addRow(button.dataset.addRow || "");
  if (row) one(row, ".ff")?.focus();
  else say(`本表最多 ${MAX_ROWS} 行。`, "error");
});
// "转到第 N 行": the page holding that row, with the row's first field focused
sheet.addEventListener("keydown", (event) => {
  const input = /** @type {HTMLInputElement | null} */ (closest(event, ".form-pager-goto"));
  if (!input || event.key !== "Enter") return;
  event.preventDefault();
  const name = input.closest(".form-pager")?.getAttribute("data-repeat") || "";
  const n = Number(input.value.replace(/[^0-9]/g, ""));
  if (!n || n > repeats[name].total) {
    say(`请输入 1 到 ${repeats[name].total} 之间的行号。`, "error");
    return;
  }
  showPage(name, Math.floor((n - 1) / PAGE_ROWS) * PAGE_ROWS);
  const row = repeats[name].body.querySelector(`tr[data-index="${n - 1}"]`);
  if (row) one(row, ".ff")?.focus();
});
window.addEventListener("pagehide", saveDraft);

const toolbar = /** @type {HTMLElement} */ (one(document, ".form-toolbar"));
/** @type {ReturnType<typeof setTimeout> | null} */
let clearArmed = null;
toolbar.addEventListener("click", (event) => {
  const button = closest(event, "button[data-action]");
  if (!button) return;
  const action = button.dataset.action;
  if (action === "print-filled" || action === "print-blank") {
    const blank = action === "print-blank";
    document.body.classList.toggle("print-blank", blank);
    showAllRows(true);
    if (!blank && !confirmPages(fitLongText())) {
      showAllRows(false);
      unfitLongText();
      say("已取消打印。超出格子的内容可删减，或另加附页。", "error");
      return;
    }
    window.print();
  } else if (action === "export") {
    exportFile();
  } else if (action === "export-docx" || action === "export-xlsx") {
    exportOffice(action === "export-docx" ? "docx" : "xlsx");
  } else if (action === "clear") {
    if (!clearArmed) {   // two clicks, so a stray one cannot wipe a day's work
      button.textContent = "再次点击以确认清除";
      clearArmed = setTimeout(() => { button.textContent = "清除本机草稿"; clearArmed = null; }, 5000);
      return;
    }
    clearTimeout(clearArmed);
    clearArmed = null;
    button.textContent = "清除本机草稿";
    clearDraft();
    check();
    sheet.dispatchEvent(new CustomEvent("form:changed"));
    say("已清除本机草稿和页面上的填写内容。");
  }
});
one(toolbar, "input[data-action=import]")?.addEventListener("change", (event) => {
  const input = /** @type {HTMLInputElement} */ (event.target);
  const file = input.files && input.files[0];
  if (file) importFile(file, scheduleCheck);
  input.value = "";
});
// Empty controls print as blank space (a date input would otherwise print its placeholder).
window.addEventListener("beforeprint", () => {
  showAllRows(true);
  for (const control of controls()) control.classList.toggle("is-empty", control.value === "");
  if (!document.body.classList.contains("print-blank")) fitLongText();   // also for the browser's own 打印
});
window.addEventListener("afterprint", () => {
  document.body.classList.remove("print-blank");
  unfitLongText();
  showAllRows(false);
});

restoreDraft();
if (Object.keys(readValues()).length) scheduleCheck();
// a browser that cannot run Python is told so at once, not when the reader first types
if (missingFeatures(globalThis, "python").length) startPython();
const batchSection = one(document, ".roster-batch");
// (no top-level await: an engine before it — WeChat's Chrome 86 — would not run this page at all)
const parts = [];
if (batchSection) {
  parts.push(import("../roster/batch.js").then(({ setupBatch }) =>
    setupBatch(batchSection, { ask, readValues, download: (name, blob) => download(name, blob, "application/zip") })));
}
const rosterPanel = one(document, ".roster-panel");
if (rosterPanel) parts.push(import("../roster/list.js").then(({ setupRoster }) => {
  setupRoster(rosterPanel, {
    sheet, schema, ask, say, readValues, isKnown, saveDraft, scheduleCheck, storageKey, VERSION, chosenVersions,
    replaceRows: (name, rows) => {
      const values = {};
      for (const [key, value] of Object.entries(model)) if (!key.startsWith(`${name}.`)) values[key] = value;
      rows.forEach((row, i) => {
        for (const [column, value] of Object.entries(row)) values[`${name}.${i}.${column}`] = value;
      });
      writeValues(values, { reset: true, mine: true });
      repeats[name].start = 0;
      renderRows(name);
    },
  });
}));
Promise.all(parts).then(() => { sheet.dataset.ready = "true"; },
  (err) => say(`本页的花名册功能未能加载（${err && err.message || err}），请刷新页面重试。表格仍可填写和打印。`, "error"));
