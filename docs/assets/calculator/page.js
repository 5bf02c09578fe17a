// The calculator page: reads the generated form, runs the Python calculator in a Web Worker
// (Pyodide, served by this site) and shows the result, the reasons and the field errors.
// One module for every calculator page; nothing here is specific to a calculator.

import { download } from "../browser/download.js";
import * as kept from "./answers.js";
import { renderSheet } from "./sheet.js";
import { savedWhen } from "../forms/draft-time.js";
import { keepIdsLine, keepsIds, keptReminder } from "../browser/keeping.js";
import { hide as hideProgress, MEANWHILE, show as showProgress } from "../python/progress.js";
import { startPython } from "../python/client.js";
import { PYTHON_KEPT } from "../browser/storage-keys.js";
import { showAnswers, showDays, showOutcome, showPlan } from "./result-view.js";
import * as fields from "./form-fields.js";
import { followVersion } from "./version-words.js";
import { startThemeScripts } from "./theme-later.js";

const DEBOUNCE_MS = 250;
// A calculation takes milliseconds (every input is bounded, see calculators/bounds.py); one
// that has not answered in this time is stopped, and Python is started afresh.
const RUN_LIMIT_MS = 2000;
const SLOW_START_MS = 45000;   // then say that starting is taking unusually long
// where a reader whose browser cannot run the calculator goes: the rule on paper (calculator.md.j2)
const PAPER_WAY = "可使用本页下方的“纸面自查清单”：列出了本计算器核对的每一项条件及条款原文，可打印后逐项对照。";

function setup(root) {
  const calculator = root.dataset.calculator;
  const siteRoot = root.dataset.siteRoot || "./";
  const form = root.querySelector(".calc-form");
  const status = root.querySelector(".calc-status");
  const statusText = root.querySelector(".calc-status-text");
  const resultBox = root.querySelector(".calc-result");
  const params = document.querySelector("script.calc-params").textContent;
  const sheetData = JSON.parse(document.querySelector("script.calc-sheet-data")?.textContent || "{}");
  const sheet = document.querySelector(".calc-sheet");
  // the page's title without the heading's permalink mark
  const heading = document.querySelector(".md-content h1")?.cloneNode(true);
  heading?.querySelector(".headerlink")?.remove();
  const title = heading?.textContent.trim() || calculator;

  let ready = false;
  let timer = null;
  let touched = false;
  let plan = null;       // the planner's last plan, for its calendar file

  fields.wireRows(form, () => { schedule(); keep(); });

  // the form read and written (calculator/form-fields.js)
  const readInputs = () => fields.readInputs(form);
  const writeInputs = (inputs) => fields.writeInputs(form, inputs);
  const idFields = () => fields.idFields(form);
  const describeAnswers = () => fields.describeAnswers(form);
  const clearErrors = () => fields.clearErrors(root);
  const showErrors = (errors) => fields.showErrors(root, form, errors);
  const setControl = fields.setControl;

  // --- the result ------------------------------------------------------------------------
  function showResult(result) {
    clearErrors();
    if (!result.ok) {
      resultBox.hidden = true;
      showErrors(result.errors || []);
      return;
    }
    resultBox.hidden = false;
    showOutcome(resultBox, result, siteRoot);
    showDays(resultBox, result.values && result.values.days);
    plan = showPlan(resultBox, result.values || {}, siteRoot);
    const given = describeAnswers();
    showAnswers(resultBox, given);
    if (sheet) {
      renderSheet(sheet, { title: result.title || title, result, answers: given, words: sheetData.words, notices: sheetData.notices,
                           address: location.origin + location.pathname, now: new Date() });
      sheet.classList.add("is-ready");
    }
    resultBox.querySelector(".calc-values code").textContent = JSON.stringify(result.values, null, 2);
    kept.saveResult(localStorage, calculator, result, readInputs());
  }

  resultBox.addEventListener("click", (event) => {
    const change = event.target.closest(".calc-change");
    if (!change) return;
    event.preventDefault();
    const field = form.querySelector(`.calc-field[data-field="${CSS.escape(change.dataset.field)}"]`);
    const control = field && field.querySelector("input, select");
    if (control) {
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

  // --- the worker --------------------------------------------------------------------------
  function setStatus(text, state) {
    statusText.textContent = text;
    status.dataset.state = state;
  }

  let python = null;
  let lastBytes = null;
  let watchdog = null;
  let workerCreated = 0;

  // Python in a worker (python/client.js): the one the page's head started (python/early.js) the
  // first time, else a new one. Every failure ends here, with what failed and the paper way.
  function startWorker() {
    ready = false;
    root.dataset.ready = "false";
    setStatus("正在启动 Python……", "loading");
    const early = window.__handbookWorker;
    window.__handbookWorker = null;
    workerCreated = performance.now();
    python = startPython({ element: root, params, worker: early, what: "计算器", onMessage: receive, onFailed: failed });
  }

  function failed(text, browser) {
    startThemeScripts();
    clearTimeout(watchdog);
    watchdog = null;
    hideProgress(status);
    root.dataset.ready = "failed";
    const retry = browser ? "" : "请刷新页面重试；如仍失败，请联系网站管理员（运行环境文件可能未完整部署）。";
    setStatus(`${text}${retry}${PAPER_WAY}`, "failed");
    // a browser that cannot run it is told first thing, under the title, with the way to the paper list
    const h1 = document.querySelector(".md-content h1");
    if (browser && h1 && !document.querySelector(".hb-cannot-run")) {
      const note = document.createElement("p");
      note.className = "hb-cannot-run";
      const link = document.createElement("a");
      link.href = "#paper";
      link.textContent = "纸面自查清单";
      note.append(`${text}可改用本页下方的`, link, "。");
      h1.after(note);
    }
  }

  // A run that does not answer in RUN_LIMIT_MS: stop the worker (a busy worker cannot be
  // interrupted otherwise), say so next to the form, and start Python again.
  function stuck() {
    watchdog = null;
    python.terminate();
    root.dataset.restarts = String(Number(root.dataset.restarts || 0) + 1);
    resultBox.hidden = true;
    clearErrors();
    const box = root.querySelector(".calc-form-error");
    box.textContent = `计算超过 ${RUN_LIMIT_MS / 1000} 秒仍未完成，已停止并重新启动计算器。请检查输入的数值是否过大或有误。`;
    touched = false;
    startWorker();
  }

  startWorker();

  function receive(message) {
    if (message.type === "progress") {
      if (ready || status.dataset.state === "failed") return;   // a report sent before the outcome
      if (message.bytes) {   // bytes received of bytes needed: a bar and an estimate on a slow line
        lastBytes = message.bytes;
        status.dataset.state = "loading";
        showProgress(status, statusText, lastBytes, touched ? MEANWHILE.waiting : MEANWHILE.calculator);
      } else if (!lastBytes || lastBytes.loaded >= lastBytes.total) {
        setStatus(message.text, "loading");
      }
    } else if (message.type === "ready") {
      hideProgress(status);
      ready = true;
      root.dataset.ready = "true";
      root.dataset.startMs = String(message.ms);          // worker start → ready
      root.dataset.pyodideMs = String(message.loadedMs);  // of which loadPyodide with our wheels
      root.dataset.pythonStart = message.start;            // "snapshot" or "plain"
      root.dataset.workerTimings = JSON.stringify(message.timings || {});
      root.dataset.workerCreatedMs = String(Math.round(workerCreated));
      setStatus("计算器已就绪。", "ready");
      // the reader's first answer before the theme's scripts (about 60 ms of work) start
      if (touched) run();
      else setTimeout(startThemeScripts);
    } else if (message.type === "kept") {
      // the next visit's python/early.js tells the worker a kept snapshot is there to read
      try {
        localStorage.setItem(PYTHON_KEPT, message.file);
      } catch {
        // a full storage: the next visit only starts a little later
      }
    }
  }

  /** @param {import("../python/client.js").Answer | null} answer  @param {string} [error] */
  function answered(answer, error = "") {
    clearTimeout(watchdog);
    watchdog = null;
    const result = answer ? answer.value : { ok: false, internal: true, errors: [{ field: "", message: error }] };
    if (answer) root.dataset.lastRunMs = answer.ms.toFixed(1);
    root.dataset.results = String(Number(root.dataset.results || 0) + 1);
    if (!root.dataset.firstResultMs) root.dataset.firstResultMs = performance.now().toFixed(0);
    showResult(result);
    root.dispatchEvent(new CustomEvent("calc:result", { detail: result }));
    setTimeout(startThemeScripts);
  }
  // A start with no download under way (the files came from this browser) that is still not done:
  // said as it is, without blaming the line; a download under way keeps its bar and estimate.
  setTimeout(() => {
    if (!ready && status.dataset.state === "loading" && !lastBytes) {
      setStatus(`Python 已启动 ${SLOW_START_MS / 1000} 秒仍未就绪，仍在继续……如长时间无响应，请刷新页面。${PAPER_WAY}`, "loading");
    }
  }, SLOW_START_MS);

  function run() {
    touched = true;
    if (status.dataset.state === "failed") return;   // the failure stays in view
    if (!ready) {
      if (lastBytes && lastBytes.loaded < lastBytes.total) showProgress(status, statusText, lastBytes, MEANWHILE.waiting);
      else setStatus("Python 仍在启动，启动后将自动计算……", "loading");
      return;
    }
    python.ask("run", { calculator, inputs: readInputs() }, { latest: true }).then(
      (answer) => answered(answer),
      (err) => { if (!err.cancelled && !err.unavailable) answered(null, err.message); });   // a failure says itself
    if (!watchdog) watchdog = setTimeout(stuck, RUN_LIMIT_MS);
  }

  function schedule() {
    touched = true;
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  // --- answers kept in this browser, moved as a file, shared by an opt-in link ------------------
  const keepBox = root.querySelector(".calc-keep");
  const keptLine = root.querySelector(".calc-kept");
  const keepError = root.querySelector(".calc-keep-error");

  // an ID number is kept with the answers only when the reader ticked it (browser/keeping.js)
  function keep() {
    const inputs = readInputs();
    const saved = kept.save(localStorage, calculator, keepsIds(localStorage) ? inputs : kept.withoutIds(inputs, idFields()));
    keepError.textContent = saved.error || "";
  }
  if (keepBox && idFields().length) {
    keepBox.prepend(keepIdsLine(localStorage, "calc-keep-ids", (on) => {
      keep();
      keptLine.textContent = on ? "本机保存的填写内容将包括身份证号码。" : "已从本机保存的填写内容中删除身份证号码；以后也不保存。";
    }));
  }

  // ?procedure=… in a link from another page (the 我要申报 page's planner link) chooses a field's
  // value over a kept one; only values the field offers are taken
  function preset() {
    let changed = false;
    for (const [name, value] of new URLSearchParams(location.search)) {
      const control = form.querySelector(`.calc-field[data-field="${CSS.escape(name)}"] > select, .calc-field[data-field="${CSS.escape(name)}"] > input`);
      if (!control || control.value === value) continue;
      setControl(control, value);
      changed = changed || control.value === value;
    }
    return changed;
  }

  function restore() {
    restoreKept();
    if (preset()) schedule();
  }

  function restoreKept() {
    const shared = kept.decodeShare(location.hash, calculator);
    if (shared) {
      history.replaceState(null, "", location.pathname + location.search);   // the answers leave the address bar
      if (shared.error) {
        keepError.textContent = shared.error;
      } else {
        writeInputs(shared.inputs);
        keptLine.textContent = "已载入分享链接中的填写内容（链接不含身份证号码）。";
        keep();
        schedule();
        return;
      }
    }
    const stored = kept.load(localStorage, calculator);
    if (stored) {
      writeInputs(stored.inputs);
      const when = savedWhen(stored.saved);
      const notIds = idFields().length && !keepsIds(localStorage) ? "身份证号码未保存在本机，如需要请重新填写。" : "";
      keptLine.textContent = `已恢复本机保存的填写内容${when ? `（${when}）` : ""}。${notIds}` +
        keptReminder(stored.saved, new Date(), navigator.userAgent);
      schedule();
    }
  }

  root.querySelector(".calc-export")?.addEventListener("click", () => {
    const file = kept.fileOf(calculator, title, readInputs());
    download(file.name, file.text, "application/json");
    keptLine.textContent = `已导出：${file.name}`;
  });
  const importInput = root.querySelector(".calc-import");
  root.querySelector(".calc-import-button")?.addEventListener("click", () => importInput.click());
  importInput?.addEventListener("change", async () => {
    const file = importInput.files[0];
    importInput.value = "";
    if (!file) return;
    let text;
    try {
      text = file.size > 1_000_000 ? "" : await file.text();
    } catch {
      text = "";
    }
    const read = kept.readFile(text, file.size, calculator, title);
    if (read.error) {
      keepError.textContent = read.error;
      return;
    }
    writeInputs(read.inputs);
    keptLine.textContent = `已导入：${file.name}`;
    keep();
    schedule();
  });

  const shareButton = root.querySelector(".calc-share");
  const shareBox = root.querySelector(".calc-share-box");
  const consent = root.querySelector(".calc-share-consent");
  const shareRow = root.querySelector(".calc-share-row");
  const shareUrl = root.querySelector(".calc-share-url");
  function refreshShare() {
    if (!consent || !consent.checked) {
      if (shareRow) shareRow.hidden = true;
      return;
    }
    shareRow.hidden = false;
    shareUrl.value = `${location.origin}${location.pathname}#${kept.encodeShare(calculator, readInputs(), idFields())}`;
  }
  shareButton?.addEventListener("click", () => {
    shareBox.hidden = !shareBox.hidden;
    shareButton.setAttribute("aria-expanded", String(!shareBox.hidden));
  });
  consent?.addEventListener("change", refreshShare);
  root.querySelector(".calc-share-copy")?.addEventListener("click", async () => {
    refreshShare();
    shareUrl.select();
    try {
      await navigator.clipboard.writeText(shareUrl.value);
      keptLine.textContent = "链接已复制。";
    } catch {
      keptLine.textContent = "请长按或按 Ctrl+C 复制上面选中的链接。";
    }
  });
  // what was typed before this script ran wins over answers kept from an earlier visit
  const typedEarly = fields.typedEarly(form);
  const showVersionWords = followVersion(form);
  if (keepBox) restore();
  for (const [control, value, checked] of typedEarly) {
    control.value = value;
    control.checked = checked;
  }
  showVersionWords();   // the version kept, shared or typed early

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  const changed = () => {
    schedule();
    keep();
    refreshShare();
  };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  if (typedEarly.length) changed();
  form.addEventListener("reset", () => {
    setTimeout(() => {
      showVersionWords();
      clearErrors();
      resultBox.hidden = true;
      sheet?.classList.remove("is-ready");
      touched = false;
      kept.save(localStorage, calculator, {});   // 清空 forgets what was kept, defaults included
      kept.forgetResult(localStorage, calculator);
      keptLine.textContent = "";
    });
  });
}

for (const root of document.querySelectorAll(".calc[data-calculator]")) setup(root);
