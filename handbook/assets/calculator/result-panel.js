// A calculator page's result box (calculator/page.js): a result shown with its outcome, days, plan
// and the answers it rests on (calculator/result-view.js), input errors next to their fields
// (calculator/form-fields.js), the printed sheet (calculator/sheet.js) filled, and the box's own
// buttons: 修改 (back to the field), the plan's calendar file, 打印.

import { download } from "../browser/download.js";
import * as kept from "./answers.js";
import * as fields from "./form-fields.js";
import { showAnswers, showDays, showOutcome, showPlan } from "./result-view.js";
import { renderSheet } from "./sheet.js";

/**
 * @param {HTMLElement} root   the calculator (.calc)
 * @param {HTMLFormElement} form
 * @param {{calculator: string, title: string, siteRoot: string}} page
 */
export function resultPanel(root, form, { calculator, title, siteRoot }) {
  const resultBox = /** @type {HTMLElement} */ (root.querySelector(".calc-result"));
  const sheetData = JSON.parse(document.querySelector("script.calc-sheet-data")?.textContent || "{}");
  const sheet = document.querySelector(".calc-sheet");
  /** @type {any} the planner's last plan, for its calendar file */
  let plan = null;

  /** @param {any} result  calculators.run()'s dict */
  function show(result) {
    fields.clearErrors(root);
    if (!result.ok) {
      resultBox.hidden = true;
      fields.showErrors(root, form, result.errors || []);
      return;
    }
    resultBox.hidden = false;
    showOutcome(resultBox, result, siteRoot);
    showDays(resultBox, result.values && result.values.days);
    plan = showPlan(resultBox, result.values || {}, siteRoot);
    const given = fields.describeAnswers(form);
    showAnswers(resultBox, given);
    if (sheet) {
      renderSheet(sheet, { title: result.title || title, result, answers: given, words: sheetData.words,
                           notices: sheetData.notices, address: location.origin + location.pathname, now: new Date() });
      sheet.classList.add("is-ready");
    }
    /** @type {HTMLElement} */ (resultBox.querySelector(".calc-values code")).textContent = JSON.stringify(result.values, null, 2);
    kept.saveResult(localStorage, calculator, result, fields.readInputs(form));
  }

  /** No result shown (the form emptied, or a run stopped). */
  function hide() {
    fields.clearErrors(root);
    resultBox.hidden = true;
    sheet?.classList.remove("is-ready");
  }

  resultBox.addEventListener("click", (event) => {
    const change = /** @type {HTMLElement} */ (event.target).closest(".calc-change");
    if (!(change instanceof HTMLElement)) return;
    event.preventDefault();
    const field = form.querySelector(`.calc-field[data-field="${CSS.escape(change.dataset.field || "")}"]`);
    const control = field && field.querySelector("input, select");
    if (field && control instanceof HTMLElement) {
      field.scrollIntoView({ block: "center" });
      control.focus();
    }
  });
  resultBox.querySelector(".calc-ics")?.addEventListener("click", () => {
    if (!plan) return;
    // DTSTAMP: when this copy was made (a calendar app compares it to tell an update from a copy)
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    download(plan.ics_file, plan.ics.replace(/^DTSTAMP:\d{8}T\d{6}Z$/gm, `DTSTAMP:${stamp}`),
             "text/calendar;charset=utf-8");
  });
  resultBox.querySelector(".calc-print")?.addEventListener("click", () => window.print());
  return { show, hide };
}
