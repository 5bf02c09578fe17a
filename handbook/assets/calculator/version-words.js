// Words that name a year follow 依据的文件（年度）. A calculator whose notice has several versions
// gets, at build time, each version's words for the fields that differ between them
// (<template class="calc-version-words">, written by _calc_form.j2 from describe()'s by_version):
// 申报当年（2024年度）考核等次 under 2024's notice, （2025年度） under 2025's. The chosen version's
// are shown; a year the site has no notice for keeps the current version's (it is answered with a
// message, never computed).

import { all, one } from "../browser/dom.js";

/**
 * The words of one version, by field name.
 * @param {HTMLTemplateElement} template
 * @returns {Map<string, {label: string, hint: string, value: string | null}>}
 */
function wordsOf(template) {
  const out = new Map();
  for (const p of all(template.content, "p[data-field]")) {
    out.set(p.dataset.field || "", {
      label: p.querySelector(".calc-label-text")?.textContent || "",
      hint: p.querySelector(".calc-hint")?.textContent || "",
      value: p.querySelector("data")?.getAttribute("value") ?? null,
    });
  }
  return out;
}

/**
 * Show the words of the version chosen in ``form``; returns the function that does it again
 * (after the form's values were written by a restore or a reset).
 * @param {HTMLFormElement} form
 * @returns {() => void}
 */
export function followVersion(form) {
  const select = form.querySelector('.calc-field[data-field="version"] > select');
  const templates = all(form, "template.calc-version-words").map((t) => /** @type {HTMLTemplateElement} */ (t));
  if (!(select instanceof HTMLSelectElement) || !templates.length) return () => {};
  const byKey = new Map(templates.map((t) => [t.dataset.version, wordsOf(t)]));
  const current = templates.find((t) => t.hasAttribute("data-current"))?.dataset.version;
  /** @type {Map<string, {label: string, hint: string, value: string | null}>} */
  let shown = byKey.get(current || "") || new Map();
  const show = () => {
    const words = byKey.get(select.value) || byKey.get(current || "");
    if (!words) return;
    for (const [name, w] of words) {
      const field = form.querySelector(`.calc-field[data-field="${CSS.escape(name)}"]`);
      if (!field) continue;
      const label = field.querySelector(":scope > label .calc-label-text");
      if (label) label.textContent = w.label;
      let hint = one(field, ":scope > .calc-hint");
      if (!hint && w.hint) {
        hint = document.createElement("p");
        hint.className = "calc-hint";
        field.querySelector(":scope > input, :scope > select")?.after(hint);
      }
      if (hint) {
        hint.textContent = w.hint;
        hint.hidden = !w.hint;
      }
      // a default that differs by version moves with it, unless the reader typed their own
      const control = field.querySelector(":scope > input");
      const before = shown.get(name)?.value;
      if (control instanceof HTMLInputElement && w.value !== null && (control.value === "" || control.value === before)) {
        control.value = w.value;
      }
    }
    shown = words;
  };
  select.addEventListener("change", show);
  show();
  return show;
}
