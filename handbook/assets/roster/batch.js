// Everyone's forms from the 花名册 (issue 19): each person's 自评表 and 考核登记表 as Word files, made by
// the form's Python worker (calculators/paperwork/) in steps of STEP people. Between steps the page
// shows how far it has got and a 取消 that stops before the next step; the files made so far are
// kept as Blob parts (the browser may hold them on disk), never one huge copy, and saved as one .zip.
// Or printed in batches of PRINT_BATCH people: the forms' own pages (fetched once) copied per person
// with what the list knows in their fields, printed, then the next batch on the reader's word.

const STEP = 100;
const PRINT_BATCH = 50;

/**
 * @typedef {object} Batch   the section's state, shared by making and printing
 * @property {HTMLElement} section
 * @property {any} api                   what the form page gives (forms/page.js): ask, readValues, download
 * @property {string[]} forms
 * @property {HTMLProgressElement} bar
 * @property {HTMLButtonElement} cancelButton
 * @property {HTMLButtonElement[]} buttons
 * @property {HTMLButtonElement | null} printButton
 * @property {HTMLButtonElement | null} nextButton
 * @property {(text: string, kind?: string) => void} say
 * @property {(payload: object, data?: ArrayBuffer) => Promise<any>} batch   asks the form's Python
 * @property {boolean} cancelled
 * @property {boolean} running
 * @property {HTMLFormElement[] | null} sheets   each form's sheet as its own page has it, fetched once
 * @property {number} printFrom
 * @property {number} printTotal
 * @property {HTMLElement | null} printing       the container of the batch on paper
 */

/** @param {HTMLElement} section @param {any} api */
export function setupBatch(section, api) {
  const line = /** @type {HTMLElement} */ (section.querySelector(".batch-message"));
  /** @type {Batch} */
  const st = {
    section, api, forms: (section.dataset.forms || "").split(" "),
    bar: /** @type {HTMLProgressElement} */ (section.querySelector(".batch-progress")),
    cancelButton: /** @type {HTMLButtonElement} */ (section.querySelector("[data-batch-cancel]")),
    buttons: [...section.querySelectorAll("[data-batch]")].map((b) => /** @type {HTMLButtonElement} */ (b)),
    printButton: section.querySelector("[data-batch-print]"),
    nextButton: section.querySelector("[data-batch-next]"),
    say: (text, kind = "info") => {
      line.textContent = text;
      line.dataset.kind = kind;
    },
    // the form page's Python (forms/checks.js ask); one that cannot run is said as before
    batch: (payload, data) => api.ask("batch", payload, data).catch((/** @type {any} */ err) => {
      throw err.unavailable ? new Error("Python 未能启动，请刷新页面重试") : err;
    }),
    cancelled: false, running: false, sheets: null, printFrom: 0, printTotal: 0, printing: null,
  };
  st.printButton?.addEventListener("click", () => {
    st.printFrom = 0;
    printBatch(st);
  });
  st.nextButton?.addEventListener("click", () => printBatch(st));
  window.addEventListener("afterprint", () => endPrint(st));
  for (const button of st.buttons) button.addEventListener("click", () => generate(st, button.dataset.batch || "zip"));
  st.cancelButton.addEventListener("click", () => {
    if (!st.running && st.printFrom) {   // between print batches: stop here
      st.say(`已停止分批打印（已送打印 ${st.printFrom} 人，共 ${st.printTotal} 人）。`);
      st.printFrom = 0;
      if (st.nextButton) st.nextButton.hidden = true;
      st.cancelButton.hidden = true;
      st.bar.hidden = true;
      return;
    }
    st.cancelled = true;
    st.say("正在取消……");
  });
}

/** The forms' templates as one buffer (one transfer), with their sizes. @param {HTMLElement} section */
async function templatesBlob(section) {
  const parts = [];
  for (const url of (section.dataset.templates || "").split(" ")) {
    const response = await fetch(url).catch(() => null);
    if (!response || !response.ok) throw new Error("无法取得表格模板，请刷新页面重试");
    parts.push(new Uint8Array(await response.arrayBuffer()));
  }
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  return { data, sizes: parts.map((p) => p.length) };
}

/** @param {Batch} st @param {boolean} busy */
function setBusy(st, busy) {
  st.running = busy;
  st.buttons.forEach((b) => { b.disabled = busy; });
}

/** Everyone's files, a step at a time, saved as one .zip. @param {Batch} st @param {string} mode */
async function generate(st, mode) {
  if (st.running) return;
  setBusy(st, true);
  st.cancelled = false;
  st.cancelButton.hidden = false;
  st.bar.hidden = false;
  st.bar.value = 0;
  const t0 = performance.now();
  try {
    st.say("正在准备……");
    const { data, sizes } = await templatesBlob(st.section);
    let { value: summary } = await st.batch({ action: "start", mode, forms: st.forms, sizes,
                                              values: st.api.readValues() }, data.buffer);
    if (!summary.total) throw new Error("名单中还没有人员");
    const parts = [];
    while (summary.done < summary.total) {
      if (st.cancelled) {
        await st.batch({ action: "cancel" });
        st.say(`已取消（已处理 ${summary.done} / ${summary.total} 人），未保存任何文件。`);
        return;
      }
      const step = await st.batch({ action: "step", count: STEP });
      if (step.data.byteLength) parts.push(step.data);
      summary = step.value;
      st.bar.value = Math.round((100 * summary.done) / summary.total);
      st.say(`正在生成：${summary.done} / ${summary.total} 人，已生成 ${summary.made} 个文件……`);
    }
    parts.push((await st.batch({ action: "finish" })).data);
    saveZip(st, mode, summary, new Blob(parts, { type: "application/zip" }), t0);
  } catch (err) {
    st.say(`未能生成：${err.message}`, "error");
  } finally {
    setBusy(st, false);
    st.cancelButton.hidden = true;
    st.bar.hidden = true;
  }
}

/** @param {Batch} st @param {string} mode @param {any} summary @param {Blob} zip @param {number} t0 */
function saveZip(st, mode, summary, zip, t0) {
  const unit = (st.api.readValues().unit || "").replace(/[\\/:*?"<>|]/g, "");
  st.api.download(`${unit ? `${unit}_` : ""}${mode === "zip" ? "每人表格" : "合并表格"}（${summary.total}人）.zip`, zip);
  st.section.dataset.seconds = ((performance.now() - t0) / 1000).toFixed(1);
  st.section.dataset.files = String(summary.made);
  st.say(`已生成 ${summary.made} 个文件（${summary.total} 人${summary.skipped ? `，${summary.skipped} 行缺少姓名未生成` : ""}` +
         `${summary.warned ? `，${summary.warned} 个文件有提示` : ""}），用时 ${st.section.dataset.seconds} 秒；详见压缩包内“清单.csv”。`,
         summary.skipped || summary.warned ? "error" : "info");
}

// --- printing in batches ---------------------------------------------------------------------
/** @param {Batch} st */
async function formSheets(st) {
  if (st.sheets) return st.sheets;
  const sheets = [];
  for (const url of (st.section.dataset.pages || "").split(" ").filter(Boolean)) {
    const response = await fetch(url).catch(() => null);
    if (!response || !response.ok) throw new Error("无法取得表格页面，请刷新页面重试");
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const sheet = page.querySelector("form.form-sheet");
    if (!sheet) throw new Error("表格页面中没有表格");
    sheets.push(/** @type {HTMLFormElement} */ (sheet));
  }
  st.sheets = sheets;
  return sheets;
}

/** A copy of a form's sheet with one person's values. @param {HTMLFormElement} template @param {Record<string, string>} values */
function filled(template, values) {
  const sheet = /** @type {HTMLFormElement} */ (template.cloneNode(true));
  sheet.removeAttribute("data-worker");
  sheet.removeAttribute("data-runtime");
  for (const el of sheet.querySelectorAll("[id]")) el.removeAttribute("id");
  for (const control of sheet.querySelectorAll("input[name], textarea[name], select[name]")) {
    const value = values[control.getAttribute("name") || ""] || "";
    if (control instanceof HTMLTextAreaElement) control.textContent = value;
    else if (control instanceof HTMLSelectElement) {
      for (const option of control.options) option.toggleAttribute("selected", option.value === value);
    } else control.setAttribute("value", value);
    control.classList.toggle("is-empty", value === "");   // an empty field prints as blank space
    control.removeAttribute("name");
    control.setAttribute("tabindex", "-1");
  }
  return sheet;
}

/** @param {Batch} st */
function endPrint(st) {
  st.printing?.remove();
  st.printing = null;
  document.body.classList.remove("printing-batch");
}

/** The next PRINT_BATCH people's forms, printed; the next batch on the reader's word. @param {Batch} st */
async function printBatch(st) {
  if (st.running) return;
  setBusy(st, true);
  if (st.printButton) st.printButton.disabled = true;
  if (st.nextButton) st.nextButton.hidden = true;
  try {
    st.say(`正在准备第 ${st.printFrom + 1}–${st.printFrom + PRINT_BATCH} 人……`);
    const templates = await formSheets(st);
    const { value: people } = await st.batch({ action: "values", values: st.api.readValues(), forms: st.forms,
                                               start: st.printFrom, count: PRINT_BATCH });
    st.printTotal = people.total;
    if (!st.printTotal) throw new Error("名单中还没有人员");
    endPrint(st);
    const printing = document.createElement("div");
    printing.className = "batch-print";
    for (const person of people.people) {
      st.forms.forEach((form, i) => printing.append(filled(templates[i], person.forms[form] || {})));
    }
    st.printing = printing;
    st.section.closest(".md-typeset")?.append(printing);
    document.body.classList.add("printing-batch");
    const last = Math.min(st.printFrom + PRINT_BATCH, st.printTotal);
    st.section.dataset.printed = String(people.people.length);
    st.bar.hidden = false;
    st.bar.value = Math.round((100 * last) / st.printTotal);
    window.print();
    st.printFrom = last;
    afterBatch(st);
  } catch (err) {
    st.say(`未能打印：${err.message}`, "error");
    endPrint(st);
  } finally {
    setBusy(st, false);
    if (st.printButton) st.printButton.disabled = false;
  }
}

/** After a batch went to the printer: the next one offered, or all done. @param {Batch} st */
function afterBatch(st) {
  if (st.printFrom < st.printTotal && st.nextButton) {
    st.nextButton.hidden = false;
    st.cancelButton.hidden = false;
    st.nextButton.textContent = `打印下一批（第 ${st.printFrom + 1}–${Math.min(st.printFrom + PRINT_BATCH, st.printTotal)} 人）`;
    st.say(`已送打印第 ${st.printFrom - PRINT_BATCH + 1}–${st.printFrom} 人（共 ${st.printTotal} 人）。`);
  } else {
    st.say(`已送打印全部 ${st.printTotal} 人。`);
    st.printFrom = 0;
    st.bar.hidden = true;
  }
}
