// A calculator's form read and written: the values typed, as Python receives them; what was kept or
// shared written back; the answers in words (the check-answers list, the printed sheet); the ID-number
// fields; and each error shown next to the field it concerns. Works on the form the build generates
// (handbook/templates/_calc_form.j2) and keeps no state of its own; calculator/page.js wires it.

import { all, closest, one } from "../browser/dom.js";

/** @typedef {import("../browser/dom.js").Control} Control */

/** A repeated table's new row, from its template. @param {HTMLElement} field */
const newRow = (field) => /** @type {HTMLTableRowElement} */ (
  /** @type {HTMLTemplateElement} */ (one(field, "template.calc-row-template")).content.firstElementChild?.cloneNode(true));

// --- rows: add and remove ----------------------------------------------------------------------
/**
 * The 添加一行 and 删除 buttons of every repeated table; ``changed`` after a row is removed.
 * @param {HTMLFormElement} form @param {() => void} changed
 */
export function wireRows(form, changed) {
  for (const field of all(form, ".calc-rows-field")) {
    const body = /** @type {HTMLTableSectionElement} */ (one(field, "tbody"));
    const max = Number(field.dataset.maxRows || Infinity);
    const addButton = /** @type {HTMLButtonElement} */ (one(field, ".calc-add-row"));
    const addRow = () => {
      if (body.rows.length >= max) return;
      body.appendChild(newRow(field));
      addButton.disabled = body.rows.length >= max;
    };
    addButton.addEventListener("click", () => {
      addRow();
      one(body.rows[body.rows.length - 1], "input, select")?.focus();
    });
    body.addEventListener("click", (event) => {
      const button = closest(event, ".calc-remove-row");
      if (!button) return;
      button.closest("tr")?.remove();
      addButton.disabled = body.rows.length >= max;
      changed();
    });
    addRow();
  }
}

/** A field filled before the page's script ran (a slow line shows the form well before its scripts;
 *  a reload keeps what the fields held): [control, value, checked] of each, to be put back after
 *  answers kept from an earlier visit fill the other fields.
 *  @param {HTMLFormElement} form
 *  @returns {[HTMLInputElement, string, boolean][]} */
export function typedEarly(form) {
  const differs = (/** @type {Control} */ c) => (c instanceof HTMLSelectElement
    ? c.selectedIndex !== Math.max(0, [...c.options].findIndex((o) => o.defaultSelected))
    : c instanceof HTMLInputElement && (c.type === "checkbox" || c.type === "radio") ? c.checked !== c.defaultChecked
      : c.value !== c.defaultValue);
  const controls = /** @type {HTMLInputElement[]} */ (all(form, "input, select, textarea"));
  return controls.filter(differs).map((c) => [c, c.value, c.checked]);
}

// --- reading the form ----------------------------------------------------------------
/** @param {Control} control */
export function valueOf(control) {
  const value = control.value.trim();
  if (value === "") return undefined;
  if (control.dataset.type === "yesno") return value === "true";
  return value;   // numbers stay text: Python validates them (and accepts full-width digits)
}

/** @param {HTMLFormElement} form */
export function readInputs(form) {
  /** @type {Record<string, any>} */
  const inputs = {};
  for (const field of all(form, ".calc-field")) {
    const name = field.dataset.field;
    if (field.dataset.type === "rows") {
      const rows = [];
      for (const tr of all(field, "tbody tr")) {
        /** @type {Record<string, any>} */
        const row = {};
        for (const td of all(tr, "td[data-column]")) {
          const v = valueOf(/** @type {Control} */ (one(td, "input, select")));
          if (v !== undefined) row[td.dataset.column || ""] = v;
        }
        if (Object.keys(row).length) rows.push(row);   // a blank row is no row
      }
      if (rows.length) inputs[name || ""] = rows;
    } else {
      const v = valueOf(/** @type {Control} */ (one(field, "input, select")));
      if (v !== undefined) inputs[name || ""] = v;
    }
  }
  return inputs;
}


// --- the answers in words ----------------------------------------------------------------
/** @param {HTMLElement} field */
function labelOf(field) {
  const label = field.querySelector(":scope > label, :scope > .calc-label");
  return label ? (label.textContent || "").replace(/\*$/, "").trim() : field.dataset.field;
}

/** @param {Control} control */
function shownValue(control) {
  if (control instanceof HTMLSelectElement) return control.selectedOptions[0]?.textContent?.trim() || "";
  return control.value.trim();
}

/** The answers in words, as the form shows them: {name, label, shown} or {name, label, rows}. @param {HTMLFormElement} form */
export function describeAnswers(form) {
  const out = [];
  for (const field of all(form, ".calc-field")) {
    const name = field.dataset.field;
    if (field.dataset.type === "rows") {
      const columns = all(field, "thead th").slice(0, -1)
        .map((th) => th.childNodes[0]?.textContent?.trim() || "");
      const rows = [];
      for (const tr of all(field, "tbody tr")) {
        const cells = all(tr, "td[data-column]").map((td) => shownValue(/** @type {Control} */ (one(td, "input, select"))));
        if (cells.some((c) => c && c !== "（不填）" && c !== "（请选择）")) rows.push(cells);
      }
      if (rows.length) out.push({ name, label: labelOf(field), rows: { columns, rows } });
    } else {
      const control = /** @type {Control | null} */ (one(field, ":scope > input, :scope > select"));
      if (!control || control.value.trim() === "") continue;
      out.push({ name, label: labelOf(field), shown: shownValue(control) });
    }
  }
  return out;
}


/** The names of the ID-number fields (rows' columns as field.column). @param {HTMLFormElement} form */
export function idFields(form) {
  const names = all(form, '.calc-field[data-type="idcard"]').map((f) => f.dataset.field || "");
  for (const td of all(form, "template.calc-row-template")) {
    const field = td.closest(".calc-field")?.getAttribute("data-field");
    const cells = all(/** @type {HTMLTemplateElement} */ (td).content, 'td[data-type="idcard"]');
    for (const cell of cells) names.push(`${field}.${cell.dataset.column}`);
  }
  return names;
}

const YES = ["true", "是", "有", "yes", "1"];
const NO = ["false", "否", "无", "no", "0"];
/** A value put in a control, as the control can hold it (a select's option, 是/否). @param {Control | null} control @param {any} value */
export function setControl(control, value) {
  if (!control) return;
  let text = String(value).trim();
  if (control.dataset.type === "yesno") {   // a file written by hand may say 是 / 否
    text = YES.includes(text.toLowerCase()) ? "true" : NO.includes(text.toLowerCase()) ? "false" : text;
  }
  if (control instanceof HTMLSelectElement && ![...control.options].some((o) => o.value === text)) return;
  control.value = text;
}

/** @param {HTMLFormElement} form @param {Record<string, any>} inputs */
export function writeInputs(form, inputs) {
  for (const field of all(form, ".calc-field")) {
    const value = inputs[field.dataset.field || ""];
    if (field.dataset.type === "rows") {
      const body = /** @type {HTMLTableSectionElement} */ (one(field, "tbody"));
      const max = Number(field.dataset.maxRows || Infinity);
      const rows = Array.isArray(value) ? value.slice(0, max) : [];
      body.replaceChildren();
      for (const row of rows.length ? rows : [{}]) {
        const tr = newRow(field);
        for (const td of all(tr, "td[data-column]")) {
          const cell = row[td.dataset.column || ""];
          if (cell !== undefined) setControl(one(td, "input, select"), cell);
        }
        body.append(tr);
      }
      /** @type {HTMLButtonElement} */ (one(field, ".calc-add-row")).disabled = body.rows.length >= max;
    } else {
      const control = /** @type {Control} */ (one(field, ":scope > input, :scope > select"));
      if (value === undefined) {
        if (control instanceof HTMLSelectElement) control.selectedIndex = [...control.options].findIndex((o) => o.defaultSelected);
        else control.value = control.defaultValue;
      } else {
        setControl(control, value);
      }
    }
  }
}


// --- field errors, next to the field -----------------------------------------------------
/** @param {HTMLElement} root the calculator */
export function clearErrors(root) {
  for (const p of root.querySelectorAll(".calc-error:not(.calc-keep-error)")) p.textContent = "";   // the keep line has its own
  for (const c of root.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
}

/**
 * @param {HTMLElement} root @param {HTMLFormElement} form @param {string} fieldName
 * @returns {{box: HTMLElement | null, control?: Element | null}}
 */
function errorTarget(root, form, fieldName) {
  const m = /^([^[]+)\[(\d+)\](?:\.(.+))?$/.exec(fieldName);
  if (m) {
    const field = one(form, `.calc-field[data-field="${CSS.escape(m[1])}"]`);
    const tr = field && field.querySelectorAll("tbody tr")[Number(m[2])];
    const td = tr && m[3] && tr.querySelector(`td[data-column="${CSS.escape(m[3])}"]`);
    if (td) return { box: one(td, ".calc-error"), control: td.querySelector("input, select") };
    if (field) return { box: one(field, `[data-error-for="${CSS.escape(m[1])}"]`) };
  }
  const field = one(form, `.calc-field[data-field="${CSS.escape(fieldName)}"]`);
  if (field) {
    return { box: one(field, `[data-error-for="${CSS.escape(fieldName)}"]`),
             control: field.querySelector(":scope > input, :scope > select") };
  }
  return { box: one(root, ".calc-form-error") };
}

/**
 * Each error next to the field it names (a row's cell, or the form's own line).
 * @param {HTMLElement} root @param {HTMLFormElement} form @param {{field: string, message: string}[]} errors
 */
export function showErrors(root, form, errors) {
  for (const error of errors) {
    const { box, control } = errorTarget(root, form, error.field);
    if (box) box.textContent = box.textContent ? `${box.textContent}；${error.message}` : error.message;
    if (control) control.setAttribute("aria-invalid", "true");
  }
}
