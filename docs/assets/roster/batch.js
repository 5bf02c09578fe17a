// Everyone's forms from the 花名册 (issue 19): each person's 自评表 and 考核登记表 as Word files, made by
// the form's Python worker (calculators/paperwork/) in steps of STEP people. Between steps the page
// shows how far it has got and a 取消 that stops before the next step; the files made so far are
// kept as Blob parts (the browser may hold them on disk), never one huge copy, and saved as one .zip.
// Or printed in batches of PRINT_BATCH people: the forms' own pages (fetched once) copied per person
// with what the list knows in their fields, printed, then the next batch on the reader's word.

const STEP = 100;
const PRINT_BATCH = 50;

export function setupBatch(section, api) {
  const forms = section.dataset.forms.split(" ");
  const templates = section.dataset.templates.split(" ");
  const bar = section.querySelector(".batch-progress");
  const line = section.querySelector(".batch-message");
  const cancelButton = section.querySelector("[data-batch-cancel]");
  const buttons = [...section.querySelectorAll("[data-batch]")];
  let cancelled = false;
  let running = false;

  function say(text, kind = "info") {
    line.textContent = text;
    line.dataset.kind = kind;
  }

  async function templatesBlob() {
    const parts = [];
    for (const url of templates) {
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

  // the form page's Python (forms/checks.js ask); one that cannot run is said as before
  const batch = (payload, data) => api.ask("batch", payload, data).catch((err) => {
    throw err.unavailable ? new Error("Python 未能启动，请刷新页面重试") : err;
  });

  async function generate(mode) {
    if (running) return;
    running = true;
    cancelled = false;
    buttons.forEach((b) => { b.disabled = true; });
    cancelButton.hidden = false;
    bar.hidden = false;
    bar.value = 0;
    const t0 = performance.now();
    try {
      say("正在准备……");
      const { data, sizes } = await templatesBlob();
      let { value: summary } = await batch({ action: "start", mode, forms, sizes, values: api.readValues() },
                                           data.buffer);
      if (!summary.total) throw new Error("名单中还没有人员");
      const parts = [];
      while (summary.done < summary.total) {
        if (cancelled) {
          await batch({ action: "cancel" });
          say(`已取消（已处理 ${summary.done} / ${summary.total} 人），未保存任何文件。`);
          return;
        }
        const step = await batch({ action: "step", count: STEP });
        if (step.data.byteLength) parts.push(step.data);
        summary = step.value;
        bar.value = Math.round((100 * summary.done) / summary.total);
        say(`正在生成：${summary.done} / ${summary.total} 人，已生成 ${summary.made} 个文件……`);
      }
      const end = await batch({ action: "finish" });
      parts.push(end.data);
      const zip = new Blob(parts, { type: "application/zip" });
      const unit = (api.readValues().unit || "").replace(/[\\/:*?"<>|]/g, "");
      api.download(`${unit ? `${unit}_` : ""}${mode === "zip" ? "每人表格" : "合并表格"}（${summary.total}人）.zip`, zip);
      section.dataset.seconds = ((performance.now() - t0) / 1000).toFixed(1);
      section.dataset.files = String(summary.made);
      say(`已生成 ${summary.made} 个文件（${summary.total} 人${summary.skipped ? `，${summary.skipped} 行缺少姓名未生成` : ""}` +
          `${summary.warned ? `，${summary.warned} 个文件有提示` : ""}），用时 ${section.dataset.seconds} 秒；详见压缩包内“清单.csv”。`,
          summary.skipped || summary.warned ? "error" : "info");
    } catch (err) {
      say(`未能生成：${err.message}`, "error");
    } finally {
      running = false;
      buttons.forEach((b) => { b.disabled = false; });
      cancelButton.hidden = true;
      bar.hidden = true;
    }
  }

  // --- printing in batches ---------------------------------------------------------------------
  const printButton = section.querySelector("[data-batch-print]");
  const nextButton = section.querySelector("[data-batch-next]");
  const pages = (section.dataset.pages || "").split(" ").filter(Boolean);
  let sheets = null;      // each form's sheet as its own page has it, fetched once
  let printFrom = 0;
  let printTotal = 0;
  let printing = null;    // the container of the batch on paper

  async function formSheets() {
    if (sheets) return sheets;
    sheets = [];
    for (const url of pages) {
      const response = await fetch(url).catch(() => null);
      if (!response || !response.ok) throw new Error("无法取得表格页面，请刷新页面重试");
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const sheet = page.querySelector("form.form-sheet");
      if (!sheet) throw new Error("表格页面中没有表格");
      sheets.push(sheet);
    }
    return sheets;
  }

  function filled(template, values) {
    const sheet = template.cloneNode(true);
    sheet.removeAttribute("data-worker");
    sheet.removeAttribute("data-runtime");
    for (const el of sheet.querySelectorAll("[id]")) el.removeAttribute("id");
    for (const control of sheet.querySelectorAll("input[name], textarea[name], select[name]")) {
      const value = values[control.name] || "";
      if (control.tagName === "TEXTAREA") control.textContent = value;
      else if (control.tagName === "SELECT") {
        for (const option of control.options) option.toggleAttribute("selected", option.value === value);
      } else control.setAttribute("value", value);
      control.classList.toggle("is-empty", value === "");   // an empty field prints as blank space
      control.removeAttribute("name");
      control.setAttribute("tabindex", "-1");
    }
    return sheet;
  }

  function endPrint() {
    printing?.remove();
    printing = null;
    document.body.classList.remove("printing-batch");
  }

  async function printBatch() {
    if (running) return;
    running = true;
    buttons.forEach((b) => { b.disabled = true; });
    printButton.disabled = true;
    nextButton.hidden = true;
    try {
      say(`正在准备第 ${printFrom + 1}–${printFrom + PRINT_BATCH} 人……`);
      const templates = await formSheets();
      const { value: people } = await batch({ action: "values", values: api.readValues(), forms,
                                              start: printFrom, count: PRINT_BATCH });
      printTotal = people.total;
      if (!printTotal) throw new Error("名单中还没有人员");
      endPrint();
      printing = document.createElement("div");
      printing.className = "batch-print";
      for (const person of people.people) {
        forms.forEach((form, i) => printing.append(filled(templates[i], person.forms[form] || {})));
      }
      section.closest(".md-typeset").append(printing);
      document.body.classList.add("printing-batch");
      const last = Math.min(printFrom + PRINT_BATCH, printTotal);
      section.dataset.printed = String(people.people.length);
      bar.hidden = false;
      bar.value = Math.round((100 * last) / printTotal);
      window.print();
      printFrom = last;
      if (printFrom < printTotal) {
        nextButton.hidden = false;
        cancelButton.hidden = false;
        nextButton.textContent = `打印下一批（第 ${printFrom + 1}–${Math.min(printFrom + PRINT_BATCH, printTotal)} 人）`;
        say(`已送打印第 ${printFrom - PRINT_BATCH + 1}–${printFrom} 人（共 ${printTotal} 人）。`);
      } else {
        say(`已送打印全部 ${printTotal} 人。`);
        printFrom = 0;
        bar.hidden = true;
      }
    } catch (err) {
      say(`未能打印：${err.message}`, "error");
      endPrint();
    } finally {
      running = false;
      buttons.forEach((b) => { b.disabled = false; });
      printButton.disabled = false;
    }
  }

  printButton?.addEventListener("click", () => {
    printFrom = 0;
    printBatch();
  });
  nextButton?.addEventListener("click", printBatch);
  window.addEventListener("afterprint", endPrint);

  for (const button of buttons) button.addEventListener("click", () => generate(button.dataset.batch));
  cancelButton.addEventListener("click", () => {
    if (!running && printFrom) {   // between print batches: stop here
      say(`已停止分批打印（已送打印 ${printFrom} 人，共 ${printTotal} 人）。`);
      printFrom = 0;
      nextButton.hidden = true;
      cancelButton.hidden = true;
      bar.hidden = true;
      return;
    }
    cancelled = true;
    say("正在取消……");
  });
}
