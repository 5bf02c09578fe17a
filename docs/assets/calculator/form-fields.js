// A calculator's form read and written: the values typed, as Python receives them; what was kept or
// shared written back; the answers in words (the check-answers list, the printed sheet); the ID-number
// fields; and each error shown next to the field it concerns. Works on the form the build generates
// (handbook/templates/_calc_form.j2) and keeps no state of its own; calculator/page.js wires it.

// --- rows: add and remove ----------------------------------------------------------------------
/** The 添加一行 and 删除 buttons of every repeated table; ``changed`` after a row is removed. */
export function wireRows(form, changed) {
  for (const field of form.querySelectorAll(".calc-rows-field")) {
    const body = field.querySelector("tbody");
    const template = field.querySelector("template.calc-row-template");
    const max = Number(field.dataset.maxRows || Infinity);
    const addButton = field.querySelector(".calc-add-row");
    const addRow = () => {
      if (body.rows.length >= max) return;
      body.appendChild(template.content.firstElementChild.cloneNode(true));
      addButton.disabled = body.rows.length >= max;
    };
    addButton.addEventListener("click", () => {
      addRow();
      body.rows[body.rows.length - 1].querySelector("input, select").focus();
    });
    body.addEventListener("click", (event) => {
      const button = event.target.closest(".calc-remove-row");
      if (!button) return;
      button.closest("tr").remove();
      addButton.disabled = body.rows.length >= max;
      changed();
    });
    addRow();
  }
}

/** A field filled before the page's script ran (a slow line shows the form well before its scripts;
 *  a reload keeps what the fields held): [control, value, checked] of each, to be put back after
 *  answers kept from an earlier visit fill the other fields. */
export function typedEarly(form) {
  const differs = (c) => (c.tagName === "SELECT"
    ? c.selectedIndex !== Math.max(0, [...c.options].findIndex((o) => o.defaultSelected))
    : c.type === "checkbox" || c.type === "radio" ? c.checked !== c.defaultChecked
      : c.value !== c.defaultValue);
  return [...form.querySelectorAll("input, select, textarea")].filter(differs).map((c) => [c, c.value, c.checked]);
}

// --- reading the form ----------------------------------------------------------------
export function valueOf(control) {
  const value = control.value.trim();
  if (value === "") return undefined;
  if (control.dataset.type === "yesno") return value === "true";
  return value;   // numbers stay text: Python validates them (and accepts full-width digits)
}

/** @param {HTMLFormElement} form */
export function readInputs(form) {
  const inputs = {};
  for (const field of form.querySelectorAll(".calc-field")) {
    const name = field.dataset.field;
    if (field.dataset.type === "rows") {
      const rows = [];
      for (const tr of field.querySelectorAll("tbody tr")) {
        const row = {};
        for (const td of tr.querySelectorAll("td[data-column]")) {
          const v = valueOf(td.querySelector("input, select"));
          if (v !== undefined) row[td.dataset.column] = v;
        }
        if (Object.keys(row).length) rows.push(row);   // a blank row is no row
      }
      if (rows.length) inputs[name] = rows;
    } else {
      const control = field.querySelector("input, select");
      const v = valueOf(control);
      if (v !== undefined) inputs[name] = v;
    }
  }
  return inputs;
}


// --- the answers in words ----------------------------------------------------------------
function labelOf(field) {
  const label = field.querySelector(":scope > label, :scope > .calc-label");
  return label ? label.textContent.replace(/\*$/, "").trim() : field.dataset.field;
}

function shownValue(control) {
  if (control.tagName === "SELECT") return control.selectedOptions[0]?.textContent.trim() || "";
  return control.value.trim();
}

/** The answers in words, as the form shows them: {name, label, shown} or {name, label, rows}. @param {HTMLFormElement} form */
export function describeAnswers(form) {
  const out = [];
  for (const field of form.querySelectorAll(".calc-field")) {
    const name = field.dataset.field;
    if (field.dataset.type === "rows") {
      const columns = [...field.querySelectorAll("thead th")].slice(0, -1)
        .map((th) => th.childNodes[0]?.textContent.trim() || "");
      const rows = [];
      for (const tr of field.querySelectorAll("tbody tr")) {
        const cells = [...tr.querySelectorAll("td[data-column]")].map((td) => shownValue(td.querySelector("input, select")));
        if (cells.some((c) => c && c !== "（不填）" && c !== "（请选择）")) rows.push(cells);
      }
      if (rows.length) out.push({ name, label: labelOf(field), rows: { columns, rows } });
    } else {
      const control = field.querySelector(":scope > input, :scope > select");
      if (!control || control.value.trim() === "") continue;
      out.push({ name, label: labelOf(field), shown: shownValue(control) });
    }
  }
  return out;
}


/** The names of the ID-number fields (rows' columns as field.column). @param {HTMLFormElement} form */
export function idFields(form) {
  const names = [...form.querySelectorAll('.calc-field[data-type="idcard"]')].map((f) => f.dataset.field);
  for (const td of form.querySelectorAll('template.calc-row-template')) {
    const field = td.closest(".calc-field").dataset.field;
    for (const cell of td.content.querySelectorAll('td[data-type="idcard"]')) names.push(`${field}.${cell.dataset.column}`);
  }
  return names;
}

const YES = ["true", "是", "有", "yes", "1"];
const NO = ["false", "否", "无", "no", "0"];
export function setControl(control, value) {
  if (!control) return;
  let text = String(value).trim();
  if (control.dataset.type === "yesno") {   // a file written by hand may say 是 / 否
    text = YES.includes(text.toLowerCase()) ? "true" : NO.includes(text.toLowerCase()) ? "false" : text;
  }
  if (control.tagName === "SELECT" && ![...control.options].some((o) => o.value === text)) return;
  control.value = text;
}

/** @param {HTMLFormElement} form */
export function writeInputs(form, inputs) {
  for (const field of form.querySelectorAll(".calc-field")) {
    const name = field.dataset.field;
    const value = inputs[name];
    if (field.dataset.type === "rows") {
      const body = field.querySelector("tbody");
      const template = field.querySelector("template.calc-row-template");
      const max = Number(field.dataset.maxRows || Infinity);
      const rows = Array.isArray(value) ? value.slice(0, max) : [];
      body.replaceChildren();
      for (const row of rows.length ? rows : [{}]) {
        const tr = template.content.firstElementChild.cloneNode(true);
        for (const td of tr.querySelectorAll("td[data-column]")) {
          if (row[td.dataset.column] !== undefined) setControl(td.querySelector("input, select"), row[td.dataset.column]);
        }
        body.append(tr);
      }
      field.querySelector(".calc-add-row").disabled = body.rows.length >= max;
    } else {
      const control = field.querySelector(":scope > input, :scope > select");
      if (value === undefined) {
        if (control.tagName === "SELECT") control.selectedIndex = [...control.options].findIndex((o) => o.defaultSelected);
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

function errorTarget(root, form, fieldName) {
  const m = /^([^[]+)\[(\d+)\](?:\.(.+))?$/.exec(fieldName);
  if (m) {
    const field = form.querySelector(`.calc-field[data-field="${CSS.escape(m[1])}"]`);
    const tr = field && field.querySelectorAll("tbody tr")[Number(m[2])];
    const td = tr && m[3] && tr.querySelector(`td[data-column="${CSS.escape(m[3])}"]`);
    if (td) return { box: td.querySelector(".calc-error"), control: td.querySelector("input, select") };
    if (field) return { box: field.querySelector(`[data-error-for="${CSS.escape(m[1])}"]`) };
  }
  const field = form.querySelector(`.calc-field[data-field="${CSS.escape(fieldName)}"]`);
  if (field) {
    return { box: field.querySelector(`[data-error-for="${CSS.escape(fieldName)}"]`),
             control: field.querySelector(":scope > input, :scope > select") };
  }
  return { box: root.querySelector(".calc-form-error") };
}

/** Each error next to the field it names (a row's cell, or the form's own line). */
export function showErrors(root, form, errors) {
  for (const error of errors) {
    const { box, control } = errorTarget(root, form, error.field);
    if (box) box.textContent = box.textContent ? `${box.textContent}；${error.message}` : error.message;
    if (control) control.setAttribute("aria-invalid", "true");
  }
}
