// The calculator page: reads the generated form, runs the Python calculator in a Web Worker
// (Pyodide, served by this site) and shows the result, the reasons and the field errors.
// One module for every calculator page; nothing here is specific to a calculator. Here the page is
// wired; its parts, one concern each:
//   calculator/python-session.js  Python started, its progress and failure, asked for each answer
//   calculator/result-panel.js    the result box and the printed sheet
//   calculator/keeping-panel.js   answers kept in this browser, moved as a file, shared by a link
//   calculator/form-fields.js     the form read and written, its rows, its errors
//   calculator/version-words.js   the field words of the version chosen

import * as fields from "./form-fields.js";
import { keepingPanel } from "./keeping-panel.js";
import { pythonSession } from "./python-session.js";
import { resultPanel } from "./result-panel.js";
import { followVersion } from "./version-words.js";

const DEBOUNCE_MS = 250;

/** @param {HTMLElement} root  a calculator (.calc[data-calculator]) */
function setup(root) {
  const calculator = root.dataset.calculator || "";
  const form = /** @type {HTMLFormElement} */ (root.querySelector(".calc-form"));
  // the page's title without the heading's permalink mark
  const heading = /** @type {HTMLElement | undefined} */ (document.querySelector(".md-content h1")?.cloneNode(true));
  heading?.querySelector(".headerlink")?.remove();
  const title = heading?.textContent?.trim() || calculator;
  const params = document.querySelector("script.calc-params")?.textContent || "{}";

  const result = resultPanel(root, form, { calculator, title, siteRoot: root.dataset.siteRoot || "./" });
  const python = pythonSession(root, {
    calculator, params, readInputs: () => fields.readInputs(form),
    onResult: (answer) => {
      result.show(answer);
      root.dispatchEvent(new CustomEvent("calc:result", { detail: answer }));
    },
    onStuck: (text) => {
      result.hide();
      /** @type {HTMLElement} */ (root.querySelector(".calc-form-error")).textContent = text;
    },
  });
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const schedule = () => {
    python.touch();
    clearTimeout(timer);
    timer = setTimeout(python.run, DEBOUNCE_MS);
  };
  const panel = keepingPanel(root, form, { calculator, title, schedule });
  fields.wireRows(form, () => { schedule(); panel.keep(); });

  // what was typed before this script ran wins over answers kept from an earlier visit
  const typedEarly = fields.typedEarly(form);
  const showVersionWords = followVersion(form);
  panel.restore();
  for (const [control, value, checked] of typedEarly) {
    control.value = value;
    control.checked = checked;
  }
  showVersionWords();   // the version kept, shared or typed early

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    python.run();
  });
  const changed = () => {
    schedule();
    panel.keep();
    panel.refreshShare();
  };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  if (typedEarly.length) changed();
  form.addEventListener("reset", () => {
    setTimeout(() => {
      showVersionWords();
      result.hide();
      python.untouch();
      panel.forget();
    });
  });
}

for (const root of document.querySelectorAll(".calc[data-calculator]")) setup(/** @type {HTMLElement} */ (root));
