// A fillable form page: drafts kept in this browser, export/import as a file, print blank or
// filled, and checks plus computed fields by the calculators' Python (calculators/forms.py),
// started in a Web Worker only once someone begins typing. Without Python the form still
// fills, saves and prints; only the checks and computed cells wait.
//
// A draft is never lost: every save merges field by field with what is stored (another tab of
// the same form may have saved since), a change made in another tab appears here at once unless
// this tab changed the same field (then both are named, and this tab's value is kept with the
// other's shown), fields a newer form no longer has are kept and offered for download, an import
// asks before it replaces what is typed, and a storage that refuses to save is said so.
//
// The values are data (`model`), the controls a view of them: a repeated table shows 100 rows at a
// time (a 花名册 may list thousands of people), and every row, as text, only when printing. On the
// 花名册, roster/list.js adds the list's import from Excel/CSV, its counts and the 统计表.
//
// What someone types is only ever set as a control's value or an element's textContent:
// it is data, never markup.

import { download as saveFile } from "../browser/download.js";
import { savedWhen } from "./draft-time.js";
import { differs, mergeForSave, mergeFromOtherTab } from "./draft.js";
import { hide as hideProgress, MEANWHILE, show as showProgress } from "../python/progress.js";
import { startPython as startPythonClient } from "../python/client.js";
import { missingFeatures } from "../browser/capability.js";
import { forStorage, keepIdsLine, keepsIds, keptReminder } from "../browser/keeping.js";
import { formDraft } from "../browser/storage-keys.js";

const FORMAT = "safety-handbook-form";
const VERSION = 1;
const SAVE_MS = 300;
const CHECK_MS = 300;
const MAX_ROWS = Number(document.querySelector("form.form-sheet").dataset.maxRows || 200);
const PAGE_ROWS = 100;
const TEXT_MAX = 5000;

const sheet = document.querySelector("form.form-sheet");
const formId = sheet.dataset.form;
const schema = JSON.parse(document.querySelector("script.form-schema").textContent);
const params = document.querySelector("script.calc-params").textContent;
const message = document.querySelector(".form-message");
const storageKey = formDraft(VERSION, formId);
const patterns = schema.fields.map((f) => ({
  spec: f,
  rx: new RegExp("^" + f.name.replace(/[.]/g, "\\.").replace("\\.*\\.", "\\.\\d+\\.") + "$"),
}));

// 依据的文件（年度）: the version of the form's document whose numbers the checks use (a quota, a
// 公示期, a maximum score); the current one unless the reader chooses another. Not form content.
const versionSelect = document.querySelector("select[data-form-version]");
const chosenVersions = () => (versionSelect && versionSelect.value
  ? { [versionSelect.dataset.document]: versionSelect.value } : {});

function say(text, kind = "info") {
  message.textContent = text;
  message.dataset.kind = kind;
}
say("");   // the words for a page without JavaScript (form.md.j2) go

// --- the values, and the controls that show them ---------------------------------------------
// What is typed lives in `model` (field name → text); the controls show it. The rows of a
// repeated table are shown PAGE_ROWS at a time (a 花名册 may hold thousands of people: a page of
// 45,000 inputs would take half a minute to open), all of them only for printing.
let model = {};
const repeats = {};
for (const body of sheet.querySelectorAll("tbody[data-repeat]")) {
  const name = body.dataset.repeat;
  [...body.rows].forEach((tr, i) => {
    tr.dataset.index = String(i);
    addDeleteButton(tr, i);
  });
  repeats[name] = {
    body,
    template: document.querySelector(`template[data-repeat="${name}"]`),
    count: Number(body.dataset.count || 0),     // rows of the printed form
    total: body.rows.length,                    // rows the list has now
    start: 0,                                   // first row shown
    all: false,                                 // every row shown (for printing)
  };
}

function controls() {
  return sheet.querySelectorAll(".ff");
}

function readValues() {
  return { ...model };
}

function take(control) {
  if (control.value === "") delete model[control.name];
  else model[control.name] = control.value;
  dirty.add(control.name);
}

// A text box's printed copy is the element right after it (_form_parts.j2): found without a search
// of the page, which made showing 5,000 rows for printing take two minutes.
function mirror(control) {
  const print = control.nextElementSibling;
  if (print && print.classList.contains("ff-print")) print.textContent = control.value;
}

function rowsNeeded(values) {
  const need = {};
  for (const key of Object.keys(values)) {
    const m = /^([a-z][a-z0-9_]*)\.(\d+)\./.exec(key);
    if (m) need[m[1]] = Math.max(need[m[1]] || 0, Number(m[2]) + 1);
  }
  return need;
}

// A button in the row's first cell (screen only) that takes the row out of the list.
function addDeleteButton(tr, index) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "form-row-delete";
  button.dataset.deleteRow = String(index);
  button.textContent = "删除";
  button.title = `删除第 ${index + 1} 行`;
  button.setAttribute("aria-label", `删除第 ${index + 1} 行`);
  tr.cells[0].prepend(button);
}

function makeRow(name, index) {
  const r = repeats[name];
  const row = r.template.content.firstElementChild.cloneNode(true);
  for (const el of row.querySelectorAll("[name], [id], [data-error-for], [data-mirror], [data-computed]")) {
    for (const attr of ["name", "id", "data-error-for", "data-mirror", "data-computed"]) {
      if (el.hasAttribute(attr)) el.setAttribute(attr, el.getAttribute(attr).replace("__i__", index));
    }
  }
  row.dataset.index = String(index);
  if (index >= r.count) row.classList.add("added-row");   // not in a blank print
  addDeleteButton(row, index);
  return row;
}

// A row for paper only: the template's cells with the values as text, no controls. A list longer
// than a page prints from these rows (5,000 rows of inputs and selects took seconds to lay out;
// and text longer than its cell wraps instead of being cut off).
function makePrintRow(name, index) {
  const r = repeats[name];
  const template = r.template.content.firstElementChild;
  const row = template.cloneNode(false);
  row.dataset.index = String(index);
  row.dataset.print = "true";
  if (index >= r.count) row.classList.add("added-row");
  for (const cell of template.children) {
    const td = cell.cloneNode(false);
    const control = cell.querySelector(".ff");
    if (control) {
      const text = document.createElement("span");
      text.className = "ff-text";
      text.textContent = model[control.getAttribute("name").replace("__i__", index)] || "";
      td.append(text);
    }
    const sign = cell.querySelector(".cell-sign");
    if (sign) td.append(sign.cloneNode(true));
    if (!control && !sign) td.textContent = cell.textContent;
    row.append(td);
  }
  return row;
}

function shownRange(r) {
  if (r.all) return [0, r.total];
  return [r.start, Math.min(r.total, r.start + PAGE_ROWS)];
}

// Show the rows of the table's current page; rows already shown are kept as they are (a control
// being typed in keeps its focus and caret).
function renderRows(name) {
  const r = repeats[name];
  r.start = Math.max(0, Math.min(r.start, Math.max(0, r.total - 1)));
  const [from, to] = shownRange(r);
  const shown = [...r.body.rows];
  const same = shown.length === to - from &&
    shown.every((tr, k) => Number(tr.dataset.index) === from + k && r.all === Boolean(tr.dataset.print));
  if (!same) {
    // rows of the same kind are kept (live on screen; for paper while printing a long list)
    const existing = new Map(shown.filter((tr) => r.all === Boolean(tr.dataset.print))
      .map((tr) => [Number(tr.dataset.index), tr]));
    const rows = [];
    const fresh = [];
    for (let i = from; i < to; i += 1) {
      let tr = existing.get(i);
      if (!tr && r.all) {
        tr = makePrintRow(name, i);
      } else if (!tr) {
        tr = makeRow(name, i);
        fresh.push(tr);
      }
      rows.push(tr);
    }
    r.body.replaceChildren(...rows);
    for (const tr of fresh) {
      for (const control of tr.querySelectorAll(".ff")) {
        control.value = model[control.name] || "";
        mirror(control);
      }
    }
    if (fresh.length) showFieldState(fresh);
  }
  updatePager(name);
}

// the pager under a table with more rows than one page shows
function updatePager(name) {
  const r = repeats[name];
  let pager = sheet.querySelector(`.form-pager[data-repeat="${name}"]`);
  if (!pager) {
    pager = document.createElement("div");
    pager.className = "form-pager screen-only";
    pager.dataset.repeat = name;
    pager.innerHTML = '<button type="button" class="md-button" data-page="prev">上一页</button> ' +
      '<span class="form-pager-range"></span> <button type="button" class="md-button" data-page="next">下一页</button> ' +
      '<label>转到第 <input type="text" inputmode="numeric" class="form-pager-goto" aria-label="转到第几行" size="6"> 行</label>' +
      '<span class="form-pager-errors"></span>';
    r.body.closest("table").after(pager);
  }
  const [from, to] = shownRange(r);
  pager.hidden = r.total <= PAGE_ROWS || r.all;
  pager.querySelector(".form-pager-range").textContent = `第 ${from + 1}–${to} 行，共 ${r.total} 行`;
  pager.querySelector('[data-page="prev"]').disabled = from === 0;
  pager.querySelector('[data-page="next"]').disabled = to >= r.total;
  const outside = errorRows(name).filter((i) => i < from || i >= to);
  const note = pager.querySelector(".form-pager-errors");
  note.textContent = outside.length ? `　其他页有 ${outside.length} 行需更正，如第 ${outside.slice(0, 5).map((i) => i + 1).join("、")} 行` : "";
  sheet.dataset.rowsShown = `${from}-${to}`;
}

function showPage(name, start) {
  repeats[name].start = start;
  renderRows(name);
}

function addRow(name) {
  const r = repeats[name];
  if (!r || r.total >= MAX_ROWS) return null;
  r.total += 1;
  const index = r.total - 1;
  const [from, to] = shownRange(r);
  if (index < from || index >= to) r.start = Math.floor(index / PAGE_ROWS) * PAGE_ROWS;
  renderRows(name);
  return r.body.querySelector(`tr[data-index="${index}"]`);
}

// Take row `index` out of the list: the rows below move up one (their values, not their cells),
// and the list is one row shorter (never shorter than the printed form). A row with something in it
// is only deleted once the reader confirms.
function deleteRow(name, index) {
  const r = repeats[name];
  const prefix = `${name}.`;
  const inRow = Object.keys(model).filter((key) => key.startsWith(`${prefix}${index}.`));
  const who = model[`${prefix}${index}.name`];
  if (inRow.length && !window.confirm(`删除第 ${index + 1} 行${who ? `（${who}）` : ""}？下面的行将上移一行。`)) return;
  const values = {};
  for (const [key, value] of Object.entries(model)) {
    const m = key.startsWith(prefix) ? /^[a-z][a-z0-9_]*\.(\d+)\.(.+)$/.exec(key) : null;
    if (!m) values[key] = value;
    else if (Number(m[1]) < index) values[key] = value;
    else if (Number(m[1]) > index) values[`${prefix}${Number(m[1]) - 1}.${m[2]}`] = value;
  }
  r.total = Math.max(r.count, r.total - 1);
  writeValues(values, { mine: true });
  renderRows(name);
  saveDraft();
  scheduleCheck();
  say(`已删除第 ${index + 1} 行${who ? `（${who}）` : ""}。`);
}

// Every row in the page, for printing; and back to one page of rows.
function showAllRows(all) {
  for (const [name, r] of Object.entries(repeats)) {
    if (r.all === all || r.total <= PAGE_ROWS) continue;
    r.all = all;
    renderRows(name);
  }
}

// The model becomes `values`; only the controls whose value changes are touched (a control being
// typed in keeps its caret). `reset` forgets rows added by hand that hold nothing (clear, import);
// `mine` marks what changes as changed in this tab (to be saved), as typing does.
function writeValues(values, { reset = false, mine = false } = {}) {
  const before = model;
  model = {};
  for (const [key, value] of Object.entries(values)) if (typeof value === "string" && value !== "") model[key] = value;
  if (mine) {
    for (const key of Object.keys(before)) if (before[key] !== model[key]) dirty.add(key);
    for (const key of Object.keys(model)) if (before[key] !== model[key]) dirty.add(key);
  }
  const need = rowsNeeded(model);
  for (const [name, r] of Object.entries(repeats)) {
    const wanted = Math.min(MAX_ROWS, Math.max(r.count, need[name] || 0));
    r.total = reset ? wanted : Math.max(r.total, wanted);
    renderRows(name);
  }
  for (const control of controls()) {
    const value = model[control.name] || "";
    if (control.value !== value) {
      control.value = value;
      mirror(control);
    }
  }
}

// --- drafts in this browser ---------------------------------------------------------------
// A save writes only what this tab changed (`dirty`) on top of what is stored. What is stored is
// read as text and parsed only when another tab has written since this one (a 花名册 of 5,000
// people is 1.5 MB of draft: parsing, comparing and showing it all again took 110 ms a save).
let saveTimer = null;
let base = {};        // the stored draft's values as this tab last saw them
let savedText = null; // the stored draft's text as this tab last wrote or read it
let unknown = {};     // fields of the stored draft this form does not have (kept, never dropped)
const dirty = new Set();   // fields changed in this tab since its last save

// An ID number (a field of type idcard, in a table's rows too) is kept in the draft only when the
// reader ticked 在本机保存身份证号码 (browser/keeping.js); the page itself keeps showing it.
const personalKeys = new Map();
function isPersonal(key) {
  if (!personalKeys.has(key)) personalKeys.set(key, patterns.some((p) => p.rx.test(key) && p.spec.type === "idcard"));
  return personalKeys.get(key);
}
const hasPersonal = schema.fields.some((f) => f.type === "idcard");

const knownKeys = new Map();   // isKnown's answers: a 花名册 of thousands of rows asks often
function isKnown(key) {
  if (!knownKeys.has(key)) knownKeys.set(key, patterns.some((p) => p.rx.test(key) && p.spec.type !== "computed"));
  return knownKeys.get(key);
}

function storedText() {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

function parseDraft(text) {
  try {
    const draft = JSON.parse(text || "null");
    return draft && draft.values && typeof draft.values === "object" && !Array.isArray(draft.values) ? draft : null;
  } catch {
    return null;
  }
}

const shorten = (text) => (text.length > 30 ? text.slice(0, 30) + "……" : text);
function fieldLabel(key) {
  const control = sheet.querySelector(`[name="${CSS.escape(key)}"]`);
  return (control && control.getAttribute("aria-label")) || key;
}

// Store this tab's changes on top of what is stored; true when the browser kept it.
function saveDraft() {
  const text = storedText();
  const foreign = text !== savedText;                  // another tab saved since
  if (!foreign && !dirty.size) return true;
  const stored = foreign ? parseDraft(text) : null;
  const theirs = foreign ? (stored ? stored.values : {}) : base;
  const { merged, clashes } = mergeForSave({ base, mine: model, theirs, dirty, foreign, isKnown });
  const next = JSON.stringify({ savedAt: new Date().toISOString(),
                                values: forStorage(merged, isPersonal, keepsIds(localStorage)) });
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // base is still what is stored: nothing to undo (mergeForSave wrote into a copy)
    say("浏览器拒绝保存草稿（本地存储已满或被禁止），页面上的内容尚未保存：请用“导出为文件”保存。", "error");
    return false;
  }
  savedText = next;
  dirty.clear();
  if (clashes.length) {
    say(`另一个标签页也修改了：${clashes.map(([k, v]) => `“${fieldLabel(k)}”（那边为“${shorten(v)}”）`).join("、")}。` +
        "已保存本页的内容。", "error");
  }
  if (foreign) {
    // what the other tab changed and this one did not, now shown here too
    const shown = {};
    for (const [key, value] of Object.entries(merged)) if (isKnown(key)) shown[key] = value;
    writeValues(shown);
  }
  base = merged;
  return true;
}

// Another tab saved: take its changes to fields this tab has not changed since.
window.addEventListener("storage", (event) => {
  if (event.key !== storageKey) return;
  const text = storedText();
  const stored = parseDraft(text);
  const theirs = stored ? stored.values : {};
  const { next, taken, clashes } = mergeFromOtherTab({ base, mine: readValues(), theirs, dirty, isKnown });
  writeValues(next);
  base = { ...theirs };
  savedText = text;
  if (clashes.length) {
    say(`另一个标签页修改了本页也在修改的：${clashes.map((k) => `“${fieldLabel(k)}”`).join("、")}。` +
        "本页的内容未被覆盖；保存时以本页为准。", "error");
  } else if (taken.length) {
    say(`已同步另一个标签页中的修改：${taken.slice(0, 5).map((k) => `“${fieldLabel(k)}”`).join("、")}。`);
  }
  if (ready) check();
  sheet.dispatchEvent(new CustomEvent("form:changed"));
});

function restoreDraft() {
  savedText = storedText();
  const draft = parseDraft(savedText);
  if (!draft) return;
  const known = {};
  unknown = {};
  for (const [key, value] of Object.entries(draft.values)) {
    if (typeof value !== "string") continue;
    if (isKnown(key) && value.length <= TEXT_MAX) known[key] = value; else unknown[key] = value;
  }
  writeValues(known);
  base = { ...draft.values };
  const when = savedWhen(draft.savedAt);
  if (Object.keys(unknown).length) {
    say(`已恢复本机保存的草稿${when ? `（${when}）` : ""}。草稿中还有 ${Object.keys(unknown).length} 项本表已没有的栏目，` +
        "已原样保留在草稿中，可下载保存：", "error");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "form-unknown-download";
    button.textContent = "下载这些栏目";
    button.addEventListener("click", () => download(`${sheet.dataset.title}（本表已没有的栏目）.json`,
      JSON.stringify({ format: FORMAT, version: VERSION, form: formId, title: sheet.dataset.title,
                       savedAt: draft.savedAt, values: unknown }, null, 2)));
    message.append(" ", button);
    return;
  }
  const from = draft.filledFrom;
  if (from && window.location.hash === "#from-roster") {
    say(`已按花名册的名单（共 ${from.people} 人）填写本表的人数，其余栏目保持原样。请核对后打印，或导出为 Word/Excel。`);
    return;
  }
  const notIds = !hasPersonal || keepsIds(localStorage) ? ""
    : `身份证号码未保存在本机，请重新填写${document.querySelector(".roster-panel") ? "（或重新导入名单文件）" : ""}。`;
  say(`已恢复本机保存的草稿${when ? `（${when}）` : ""}。${notIds}${keptReminder(draft.savedAt, new Date(), navigator.userAgent)}`);
}

// 在本机保存身份证号码: off unless the reader ticks it (one choice for this computer, every page)
if (hasPersonal) {
  document.querySelector(".form-toolbar").after(keepIdsLine(localStorage, "form-keep-ids screen-only", (on) => {
    for (const key of Object.keys(model)) if (isPersonal(key)) dirty.add(key);
    saveDraft();   // written with them, or again without them
    say(on ? "本机草稿将保存身份证号码。" : "已从本表的本机草稿中删除身份证号码；以后也不保存。");
  }));
}

// --- export and import --------------------------------------------------------------------
// a draft's file is JSON unless said otherwise
const download = (name, data, type = "application/json") => saveFile(name, data, type);

function exportFile() {
  const data = { format: FORMAT, version: VERSION, form: formId, title: sheet.dataset.title,
                 savedAt: new Date().toISOString(), values: readValues() };
  download(`${sheet.dataset.title}.json`, JSON.stringify(data, null, 2));
  say("已导出填写内容。该文件只包含本表的填写内容，可用“导入文件”恢复。");
}

function invalidValues(values) {
  if (!values || typeof values !== "object" || Array.isArray(values)) return "内容不是本站表格的格式";
  for (const [key, value] of Object.entries(values)) {
    if (!isKnown(key)) return `含有本表没有的栏目“${key.slice(0, 40)}”`;
    if (typeof value !== "string") return `栏目“${key}”的内容不是文字`;
    if (value.length > TEXT_MAX) return `栏目“${key}”的内容过长`;
    const m = /\.(\d+)\./.exec(key);
    if (m && Number(m[1]) >= MAX_ROWS) return "行数过多";
  }
  return null;
}

function importFile(file) {
  const reader = new FileReader();
  reader.onload = () => {
    let data;
    try {
      data = JSON.parse(String(reader.result));
    } catch {
      say("导入失败：文件不是有效的 JSON 文件，未作任何更改。", "error");
      return;
    }
    if (!data || data.format !== FORMAT) {
      say("导入失败：这不是本站导出的表格文件，未作任何更改。", "error");
      return;
    }
    if (data.form !== formId) {
      say(`导入失败：该文件属于另一张表格（${String(data.title || data.form).slice(0, 60)}），未作任何更改。`, "error");
      return;
    }
    const problem = invalidValues(data.values);
    if (problem) {
      say(`导入失败：${problem}，未作任何更改。`, "error");
      return;
    }
    const typed = readValues();
    const replaced = Object.keys(typed).filter((k) => differs(typed, data.values, k));
    if (replaced.length && !window.confirm(
      `导入将替换页面上已填写的 ${replaced.length} 项内容（如“${fieldLabel(replaced[0])}”）。确定导入吗？`)) {
      say("已取消导入，页面上的内容未作更改。");
      return;
    }
    writeValues(data.values, { reset: true, mine: true });   // only now, when the whole file has been checked
    if (!saveDraft()) {
      say("已把文件内容填入页面，但浏览器拒绝保存草稿（本地存储已满或被禁止）：关闭页面前请用“导出为文件”保存。", "error");
      scheduleCheck();
      return;
    }
    scheduleCheck();
    say("已导入文件中的填写内容。");
  };
  reader.onerror = () => say("导入失败：无法读取该文件，未作任何更改。", "error");
  reader.readAsText(file);
}

// --- checks and computed fields (Python, started when typing begins) ---------------------
/** @type {import("../python/client.js").PythonClient | null} */
let python = null;
let ready = false;
let pythonFailure = "";   // what failed, said again by whatever waits for Python
let pythonUnsupported = false;   // this browser cannot run it: a reload will not help
// where the checks' Python says how far its download has got, or that it failed (form.md.j2)
const pythonBox = document.querySelector(".form-python");
const pythonText = pythonBox && pythonBox.querySelector(".form-python-text");
let checkTimer = null;
let latest = 0;

function startPython() {
  if (python) return;
  python = startPythonClient({ element: sheet, params, what: "表格检查和导出", onMessage: heard, onFailed: failedPython });
}

// The form works without Python (typing, drafts, print, the blank Word/Excel files): a failure
// says so, and everything waiting for Python is answered.
function failedPython(text, browser) {
  pythonFailure = text;
  pythonUnsupported = browser;
  ready = false;
  sheet.dataset.pythonReady = "failed";
  if (pythonBox) {
    pythonBox.hidden = false;
    hideProgress(pythonBox);
    pythonBox.dataset.state = "failed";
    pythonText.textContent = `${text}表格仍可填写、保存草稿和打印，也可下载空白的 Word/Excel 表填写。`;
  }
  for (const wake of readyWaiting.splice(0)) wake();
  for (const [id, pending] of waiting) {
    waiting.delete(id);
    pending(null);
  }
}

function heard(m) {
  if (m.type === "progress" && m.bytes && pythonBox && !ready && sheet.dataset.pythonReady !== "failed") {
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
    for (const wake of readyWaiting.splice(0)) wake();
  } else if (m.type === "office" || m.type === "roster" || m.type === "batch") {
    const pending = waiting.get(m.id);
    waiting.delete(m.id);
    if (pending) pending(m);
  } else if (m.type === "result" && m.id === latest) {
    showCheck(m.result);
  }
}

// --- long text in print: shrunk to fit its box, or a warning before printing ----------------
// A filled form prints on as many pages as the blank one: a text box keeps its printed height,
// and text longer than it is set smaller, down to MIN_PT; what does not fit even then is named
// before printing, with the pages it would take.
const BASE_PT = 10.5;
const MIN_PT = 7;
const PRINT_WIDTH_MM = { portrait: 177, landscape: 269, register: 171 };   // A4 less the margins
const PAGE_HEIGHT_MM = 270;
const mmToPx = (mm) => (mm * 96) / 25.4;

function fitLongText() {
  const kind = sheet.classList.contains("binding-left-double-sided") ? "register"
    : sheet.classList.contains("orientation-landscape") ? "landscape" : "portrait";
  sheet.style.setProperty("--print-width", `${PRINT_WIDTH_MM[kind]}mm`);
  document.body.classList.add("measuring-print");
  const over = [];
  for (const box of sheet.querySelectorAll(".ff-print")) {
    box.style.fontSize = "";
    box.style.minHeight = "";
    box.style.maxHeight = "";
    if (!box.textContent) continue;
    const lines = Number(getComputedStyle(box).getPropertyValue("--lines")) || 1;
    const limit = (lines * 1.5 * BASE_PT * 96) / 72;     // the blank box's height, in px
    let pt = BASE_PT;
    box.style.fontSize = `${pt}pt`;
    while (box.scrollHeight > limit + 1 && pt > MIN_PT) {
      pt -= 0.5;
      box.style.fontSize = `${pt}pt`;
    }
    // the box keeps the blank form's height, whatever the size of its text
    box.style.minHeight = `${limit}px`;
    if (box.scrollHeight > limit + 1) over.push({ name: box.dataset.mirror, extra: box.scrollHeight - limit });
    else box.style.maxHeight = `${limit}px`;
  }
  document.body.classList.remove("measuring-print");
  return over;
}

function unfitLongText() {
  for (const box of sheet.querySelectorAll(".ff-print")) {
    box.style.fontSize = "";
    box.style.minHeight = "";
    box.style.maxHeight = "";
  }
}

// true when printing should go on: everything fits, or the reader accepts more pages
function confirmPages(over) {
  if (!over.length) return true;
  const pages = sheet.querySelectorAll(".form-page").length;
  const more = over.reduce((n, o) => n + Math.ceil(o.extra / mmToPx(PAGE_HEIGHT_MM)), 0);
  const names = over.map((o) => `“${fieldLabel(o.name)}”`).join("、");
  return window.confirm(`本表将打印为 ${pages + more} 页，原表为 ${pages} 页：${names}的内容在最小字号（${MIN_PT} 磅）` +
                        "下仍超出原表的格子。仍要打印吗？（可删减内容，或另加附页）");
}

// Ask the worker's Python for something and wait for its answer (Python is started if need be);
// null when Python cannot run in this browser.
const waiting = new Map();
const readyWaiting = [];
let askId = 0;

async function ask(message, transfer = []) {
  startPython();
  if (!ready && sheet.dataset.pythonReady !== "failed") await new Promise((wake) => readyWaiting.push(wake));
  if (!ready) return null;
  const id = `ask-${++askId}`;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    python.post({ ...message, id }, transfer);
  });
}

// --- Word and Excel with the values in place (the build's template, filled by Python) --------
const OFFICE_TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

async function exportOffice(kind) {
  const name = kind === "docx" ? "Word" : "Excel";
  say(`正在生成 ${name} 文件……`);
  startPython();
  const response = await fetch(`${formId}.template.${kind}`).catch(() => null);
  if (!response || !response.ok) {
    say(`无法取得 ${name} 模板文件，请刷新页面重试。`, "error");
    return;
  }
  const template = await response.arrayBuffer();
  const result = await ask({ type: "fill-office", kind, template, values: readValues() }, [template]);
  if (!result) {
    say(`无法生成 ${name} 文件：${pythonFailure || "Python 未能启动。"}${pythonUnsupported ? "" : "可刷新页面重试，或"}可下载空白的 Word/Excel 表填写。`, "error");
    return;
  }
  if (result.error) {
    say(`生成 ${name} 文件失败：${result.error}`, "error");
    return;
  }
  download(`${sheet.dataset.title}（已填写）.${kind}`, result.data, OFFICE_TYPES[kind]);
  say(result.left.length
    ? `已导出为 ${name} 文件。另有 ${result.left.length} 项在文件中没有位置，未写入文件，请另加附页。`
    : `已导出为 ${name} 文件，填写内容已在表中相应位置。`, result.left.length ? "error" : "info");
}

versionSelect?.addEventListener("change", () => {
  startPython();
  check();
  sheet.dispatchEvent(new CustomEvent("form:changed"));   // the 花名册's quota follows the chosen year too
});

function check() {
  if (!ready) return;
  latest += 1;
  python.post({ type: "check-form", id: latest, fields: schema.fields, values: model,   // cloned by postMessage
                       versions: chosenVersions() });
}

function scheduleCheck() {
  sheet.dispatchEvent(new CustomEvent("form:changed"));
  startPython();
  clearTimeout(checkTimer);
  checkTimer = setTimeout(check, CHECK_MS);
}

// The newest check, kept so that rows shown later (another page of the table) show it too.
let lastErrors = new Map();
let lastComputed = {};

function errorRows(name) {
  const rows = new Set();
  for (const key of lastErrors.keys()) {
    const m = /^([a-z][a-z0-9_]*)\.(\d+)\./.exec(key);
    if (m && m[1] === name) rows.add(Number(m[2]));
  }
  return [...rows].sort((a, b) => a - b);
}

// errors and computed values on the given elements (rows just shown, or the whole form)
function showFieldState(scopes) {
  for (const scope of scopes) {
    for (const box of scope.querySelectorAll(".ff-error")) box.textContent = lastErrors.get(box.dataset.errorFor) || "";
    for (const control of scope.querySelectorAll(".ff")) {
      if (lastErrors.has(control.name)) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
    for (const out of scope.querySelectorAll("output[data-computed]")) out.textContent = lastComputed[out.dataset.computed] || "";
  }
}

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

// --- wiring ---------------------------------------------------------------------------------
sheet.addEventListener("input", (event) => {
  if (event.target.classList.contains("ff")) {
    take(event.target);
    mirror(event.target);
  }
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveDraft, SAVE_MS);
  scheduleCheck();
});
sheet.addEventListener("change", (event) => {
  if (event.target.classList.contains("ff")) take(event.target);
  saveDraft();
  scheduleCheck();
});
sheet.addEventListener("submit", (event) => event.preventDefault());
sheet.addEventListener("click", (event) => {
  const pageButton = event.target.closest(".form-pager [data-page]");
  if (pageButton) {
    const name = pageButton.closest(".form-pager").dataset.repeat;
    showPage(name, repeats[name].start + (pageButton.dataset.page === "next" ? PAGE_ROWS : -PAGE_ROWS));
    return;
  }
  const remove = event.target.closest("[data-delete-row]");
  if (remove) {
    deleteRow(remove.closest("tbody[data-repeat]").dataset.repeat, Number(remove.dataset.deleteRow));
    return;
  }
  const button = event.target.closest("[data-add-row]");
  if (!button) return;
  const row = addRow(button.dataset.addRow);
  if (row) row.querySelector(".ff").focus();
  else say(`本表最多 ${MAX_ROWS} 行。`, "error");
});
// "转到第 N 行": the page holding that row, with the row's first field focused
sheet.addEventListener("keydown", (event) => {
  const input = event.target.closest(".form-pager-goto");
  if (!input || event.key !== "Enter") return;
  event.preventDefault();
  const name = input.closest(".form-pager").dataset.repeat;
  const n = Number(input.value.replace(/[^0-9]/g, ""));
  if (!n || n > repeats[name].total) {
    say(`请输入 1 到 ${repeats[name].total} 之间的行号。`, "error");
    return;
  }
  showPage(name, Math.floor((n - 1) / PAGE_ROWS) * PAGE_ROWS);
  const row = repeats[name].body.querySelector(`tr[data-index="${n - 1}"]`);
  if (row) row.querySelector(".ff").focus();
});
window.addEventListener("pagehide", saveDraft);

const toolbar = document.querySelector(".form-toolbar");
let clearArmed = null;
toolbar.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
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
    exportOffice(action.slice("export-".length));
  } else if (action === "clear") {
    if (!clearArmed) {   // two clicks, so a stray one cannot wipe a day's work
      button.textContent = "再次点击以确认清除";
      clearArmed = setTimeout(() => { button.textContent = "清除本机草稿"; clearArmed = null; }, 5000);
      return;
    }
    clearTimeout(clearArmed);
    clearArmed = null;
    button.textContent = "清除本机草稿";
    try {
      localStorage.removeItem(storageKey);
    } catch {
      // nothing stored to remove
    }
    writeValues({}, { reset: true });
    base = {};
    savedText = null;
    dirty.clear();
    unknown = {};
    if (ready) check();
    sheet.dispatchEvent(new CustomEvent("form:changed"));
    say("已清除本机草稿和页面上的填写内容。");
  }
});
toolbar.querySelector("input[data-action=import]").addEventListener("change", (event) => {
  const file = event.target.files[0];
  if (file) importFile(file);
  event.target.value = "";
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
const batchSection = document.querySelector(".roster-batch");
// (no top-level await: an engine before it — WeChat's Chrome 86 — would not run this page at all)
const parts = [];
if (batchSection) {
  parts.push(import("../roster/batch.js").then(({ setupBatch }) =>
    setupBatch(batchSection, { ask, readValues, download: (name, blob) => download(name, blob, "application/zip") })));
}
const rosterPanel = document.querySelector(".roster-panel");
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
