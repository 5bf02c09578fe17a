// Long text in print (forms/page.js): shrunk to fit its box, or a warning before printing.
// A filled form prints on as many pages as the blank one: a text box keeps its printed height,
// and text longer than it is set smaller, down to MIN_PT; what does not fit even then is named
// before printing, with the pages it would take.

import { all } from "../browser/dom.js";
import { fieldLabel, sheet } from "./sheet.js";

const BASE_PT = 10.5;
const MIN_PT = 7;
const PRINT_WIDTH_MM = { portrait: 177, landscape: 269, register: 171 };   // A4 less the margins
const PAGE_HEIGHT_MM = 270;
const mmToPx = (mm) => (mm * 96) / 25.4;

/** Long text set smaller to fit its printed box: the boxes it still overflows, by how much (px). */
export function fitLongText() {
  const kind = sheet.classList.contains("binding-left-double-sided") ? "register"
    : sheet.classList.contains("orientation-landscape") ? "landscape" : "portrait";
  sheet.style.setProperty("--print-width", `${PRINT_WIDTH_MM[kind]}mm`);
  document.body.classList.add("measuring-print");
  const over = [];
  for (const box of all(sheet, ".ff-print")) {
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
    if (box.scrollHeight > limit + 1) over.push({ name: box.dataset.mirror || "", extra: box.scrollHeight - limit });
    else box.style.maxHeight = `${limit}px`;
  }
  document.body.classList.remove("measuring-print");
  return over;
}

export function unfitLongText() {
  for (const box of all(sheet, ".ff-print")) {
    box.style.fontSize = "";
    box.style.minHeight = "";
    box.style.maxHeight = "";
  }
}

// true when printing should go on: everything fits, or the reader accepts more pages
/** @param {{name: string, extra: number}[]} over */
export function confirmPages(over) {
  if (!over.length) return true;
  const pages = sheet.querySelectorAll(".form-page").length;
  const more = over.reduce((n, o) => n + Math.ceil(o.extra / mmToPx(PAGE_HEIGHT_MM)), 0);
  const names = over.map((o) => `“${fieldLabel(o.name)}”`).join("、");
  return window.confirm(`本表将打印为 ${pages + more} 页，原表为 ${pages} 页：${names}的内容在最小字号（${MIN_PT} 磅）` +
                        "下仍超出原表的格子。仍要打印吗？（可删减内容，或另加附页）");
}
