// The values of a form and the controls that show them (forms/page.js). What is typed lives in
// `model` (field name → text); the controls show it. The rows of a repeated table are shown
// PAGE_ROWS at a time (a 花名册 may hold thousands of people: a page of 45,000 inputs would take
// half a minute to open), all of them only for printing.

import { all, one } from "../browser/dom.js";
import { MAX_ROWS, PAGE_ROWS, sheet } from "./sheet.js";

/** @typedef {import("../browser/dom.js").Control} Control */

/** @type {Record<string, string>} */
export let model = {};
/** fields changed in this tab since its last save (forms/drafts.js) */
export const dirty = new Set();
/** What the checks (forms/checks.js) add to rows as they are shown: their errors and computed cells. */
export const rowHooks = {
  /** @type {(rows: Element[]) => void} */ shown: () => {},
  /** @type {(name: string) => number[]} rows with an error */ errorRows: () => [],
};
/** @type {Record<string, {body: HTMLTableSectionElement, template: HTMLTemplateElement, count: number, total: number, start: number, all: boolean}>} */
export const repeats = {};
for (const body of all(sheet, "tbody[data-repeat]").map((b) => /** @type {HTMLTableSectionElement} */ (b))) {
  const name = body.dataset.repeat || "";
  [...body.rows].forEach((tr, i) => {
    tr.dataset.index = String(i);
    addDeleteButton(tr, i);
  });
  repeats[name] = {
    body,
    template: /** @type {HTMLTemplateElement} */ (one(document, `template[data-repeat="${name}"]`)),
    count: Number(body.dataset.count || 0),     // rows of the printed form
    total: body.rows.length,                    // rows the list has now
    start: 0,                                   // first row shown
    all: false,                                 // every row shown (for printing)
  };
}

/** @returns {Control[]} */
export function controls() {
  return all(sheet, ".ff");
}

export function readValues() {
  return { ...model };
}

/** @param {Control} control */
export function take(control) {
  if (control.value === "") delete model[control.name];
  else model[control.name] = control.value;
  dirty.add(control.name);
}

// A text box's printed copy is the element right after it (_form_parts.j2): found without a search
// of the page, which made showing 5,000 rows for printing take two minutes.
export function mirror(control) {
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

/** @param {string} name @param {number} index */
function makeRow(name, index) {
  const r = repeats[name];
  const row = /** @type {HTMLTableRowElement} */ (r.template.content.firstElementChild?.cloneNode(true));
  for (const el of row.querySelectorAll("[name], [id], [data-error-for], [data-mirror], [data-computed]")) {
    for (const attr of ["name", "id", "data-error-for", "data-mirror", "data-computed"]) {
      if (el.hasAttribute(attr)) el.setAttribute(attr, (el.getAttribute(attr) || "").replace("__i__", String(index)));
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
/** @param {string} name @param {number} index */
function makePrintRow(name, index) {
  const r = repeats[name];
  const template = /** @type {HTMLTableRowElement} */ (r.template.content.firstElementChild);
  const row = /** @type {HTMLTableRowElement} */ (template.cloneNode(false));
  row.dataset.index = String(index);
  row.dataset.print = "true";
  if (index >= r.count) row.classList.add("added-row");
  for (const cell of template.children) {
    const td = /** @type {HTMLTableCellElement} */ (cell.cloneNode(false));
    const control = cell.querySelector(".ff");
    if (control) {
      const text = document.createElement("span");
      text.className = "ff-text";
      text.textContent = model[(control.getAttribute("name") || "").replace("__i__", String(index))] || "";
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
export function renderRows(name) {
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
    if (fresh.length) rowHooks.shown(fresh);
  }
  updatePager(name);
}

// the pager under a table with more rows than one page shows
export function updatePager(name) {
  const r = repeats[name];
  let pager = one(sheet, `.form-pager[data-repeat="${name}"]`);
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
  /** @type {HTMLButtonElement} */ (one(pager, '[data-page="prev"]')).disabled = from === 0;
  /** @type {HTMLButtonElement} */ (one(pager, '[data-page="next"]')).disabled = to >= r.total;
  const outside = rowHooks.errorRows(name).filter((i) => i < from || i >= to);
  const note = pager.querySelector(".form-pager-errors");
  note.textContent = outside.length ? `　其他页有 ${outside.length} 行需更正，如第 ${outside.slice(0, 5).map((i) => i + 1).join("、")} 行` : "";
  sheet.dataset.rowsShown = `${from}-${to}`;
}

export function showPage(name, start) {
  repeats[name].start = start;
  renderRows(name);
}

export function addRow(name) {
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
// is only deleted once the reader confirms. Returns the words naming the row deleted, or null.
export function deleteRow(name, index) {
  const r = repeats[name];
  const prefix = `${name}.`;
  const inRow = Object.keys(model).filter((key) => key.startsWith(`${prefix}${index}.`));
  const who = model[`${prefix}${index}.name`];
  const row = `第 ${index + 1} 行${who ? `（${who}）` : ""}`;
  if (inRow.length && !window.confirm(`删除${row}？下面的行将上移一行。`)) return null;
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
  return row;
}

// Every row in the page, for printing; and back to one page of rows.
export function showAllRows(all) {
  for (const [name, r] of Object.entries(repeats)) {
    if (r.all === all || r.total <= PAGE_ROWS) continue;
    r.all = all;
    renderRows(name);
  }
}

// The model becomes `values`; only the controls whose value changes are touched (a control being
// typed in keeps its caret). `reset` forgets rows added by hand that hold nothing (clear, import);
// `mine` marks what changes as changed in this tab (to be saved), as typing does.
export function writeValues(values, { reset = false, mine = false } = {}) {
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

