// The 花名册's list of people: imported from an Excel/CSV file, summed up by 聘任职务 and 考核等次,
// checked against the 优秀 quota by the calculators' Python, and written into the 统计表 (附件3).
//
// Reading the file and counting are done by Python in the form's worker (calckit/table_import.py,
// calckit/forms.py roster_summary): the file never leaves this computer. A file with one bad
// cell is refused whole, with every bad cell named by its row and column; nothing is half-imported.
// What comes from a file or from Python is set as textContent only: it is data, never markup.

import { showOutcome } from "../calculator/result-view.js";
import { formDraft } from "../browser/storage-keys.js";
import { one } from "../browser/dom.js";

const SUMMARY_MS = 400;

/**
 * The 花名册 panel wired: its file import, its counts and quota as the list changes, its 统计表.
 * @param {HTMLElement} panel
 * @param {any} api   what the form page gives (forms/page.js): its sheet, schema, ask, readValues…
 */
export function setupRoster(panel, api) {
  const fillButton = /** @type {HTMLButtonElement} */ (panel.querySelector("[data-roster-fill]"));
  const ctx = {
    panel, api, table: panel.dataset.table || "", required: (panel.dataset.required || "").split(" "),
    formId: api.sheet.dataset.form,
    /** @type {any} the newest summary */ latest: null,
    tell: (/** @type {string} */ text, kind = "info", /** @type {string[]} */ items = []) =>
      tell(/** @type {HTMLElement} */ (panel.querySelector(".roster-message")), text, kind, items),
  };
  let asked = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  async function summarize() {
    const id = ++asked;
    const answer = await api.ask("roster", { action: "summary", form: ctx.formId, values: api.readValues(),
                                             versions: api.chosenVersions() }).catch(() => null);
    if (!answer || id !== asked) return;       // a newer one is on its way
    if (!answer.value.ok) return;
    ctx.latest = answer.value;
    showSummary(panel, fillButton, answer.value);
  }

  panel.querySelector("input[data-roster-import]")?.addEventListener("change", (event) => {
    const input = /** @type {HTMLInputElement} */ (event.target);
    const file = input.files && input.files[0];
    input.value = "";
    if (file) importRoster(file, ctx);
  });
  api.sheet.addEventListener("form:changed", () => {
    clearTimeout(timer);
    timer = setTimeout(summarize, SUMMARY_MS);
  });
  if (rowCount(api.readValues(), ctx.table)) summarize();
  // the 统计表, filled from the list
  fillButton.addEventListener("click", async () => {
    clearTimeout(timer);
    await summarize();
    fillStatistics(ctx);
  });
}

/**
 * @param {HTMLElement} message @param {string} text @param {string} [kind] @param {string[]} [items]
 */
function tell(message, text, kind = "info", items = []) {
  message.replaceChildren();
  const p = document.createElement("p");
  p.textContent = text;
  message.append(p);
  if (items.length) {
    const list = document.createElement("ul");
    for (const item of items) {
      const li = document.createElement("li");
      li.textContent = item;
      list.append(li);
    }
    message.append(list);
  }
  message.dataset.kind = kind;
}

/** rows of the list with something in them @param {Record<string, string>} values @param {string} table */
function rowCount(values, table) {
  const rows = new Set();
  for (const key of Object.keys(values)) {
    const m = /^([a-z][a-z0-9_]*)\.(\d+)\.([a-z_]+)$/.exec(key);
    if (m && m[1] === table && m[3] !== "no") rows.add(m[2]);
  }
  return rows.size;
}

// --- importing a file ---------------------------------------------------------------------
/** @param {File} file @param {any} ctx */
async function importRoster(file, { panel, api, table, required, tell }) {
  const had = rowCount(api.readValues(), table);
  if (had && !window.confirm(`导入将替换名单中已填写的 ${had} 行。确定导入吗？`)) {
    tell("已取消导入，名单未作更改。");
    return;
  }
  tell(`正在读取“${file.name}”……`);
  const data = await file.arrayBuffer().catch(() => null);
  if (!data) {
    tell("导入失败：无法读取该文件，名单未作更改。", "error");
    return;
  }
  let result;
  try {
    ({ value: result } = await api.ask("roster", { action: "read", name: file.name, fields: api.schema.fields,
                                                   table, required, max_rows: Number(panel.dataset.maxRows) }, data));
  } catch (err) {
    tell(err.unavailable ? "Python 未能启动，无法读取文件；请刷新页面重试。名单未作更改。"
      : `导入失败：${err.message}。名单未作更改。`, "error");
    return;
  }
  if (!result.ok) {
    const more = result.total > result.problems.length ? `（共 ${result.total} 处，以下列出前 ${result.problems.length} 处）` : "";
    tell(`未导入：“${file.name}”有 ${result.total} 处不符合要求${more}，整个文件都未导入，名单未作更改。请在文件中改正后重新导入：`,
         "error", result.problems.map((p) => p.message));
    return;
  }
  const numbered = result.columns.includes("序号");
  api.replaceRows(table, result.rows.map((row, i) => (numbered || row.no ? row : { no: String(i + 1), ...row })));
  const saved = api.saveDraft();
  api.scheduleCheck();
  const where = [result.sheet ? `工作表“${result.sheet}”` : "", `第 ${result.header_row} 行为表头`].filter(Boolean).join("，");
  const ignored = result.ignored.length ? `；未导入的列：${result.ignored.map((c) => `“${c}”`).join("、")}` : "";
  if (!saved) {
    tell(`已把 ${result.rows.length} 人填入下表（${where}${ignored}），但浏览器拒绝保存草稿（本地存储已满或被禁止）：关闭页面前请用“导出为文件”或“导出为 Excel”保存。`, "error");
    return;
  }
  tell(`已导入 ${result.rows.length} 人（${where}${ignored}）。`);
}

// --- the summary: counts by level and grade, and the quota check ----------------------------
/** @param {HTMLElement} panel @param {HTMLButtonElement} fillButton @param {any} result */
function showSummary(panel, fillButton, result) {
  const summaryBox = /** @type {HTMLElement} */ (panel.querySelector(".roster-summary"));
  summaryBox.hidden = result.participants === 0 && !result.skipped.length;
  fillButton.disabled = result.participants === 0;
  // levels and grades as Python counted them (the handbook package's ROSTER_SUMMARIES), in their order
  const LEVELS = Object.keys(result.counts);
  const GRADES = Object.keys(result.counts[LEVELS[0]]);
  const head = summaryBox.querySelector(".roster-counts thead tr");
  head.replaceChildren();
  for (const text of ["聘任职务", "合计", ...GRADES]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    head.append(th);
  }
  const body = summaryBox.querySelector(".roster-counts tbody");
  body.replaceChildren();
  const totals = Object.fromEntries(GRADES.map((g) => [g, 0]));
  for (const level of [...LEVELS, "总计"]) {
    const counts = level === "总计" ? totals : result.counts[level];
    if (level !== "总计") for (const g of GRADES) totals[g] += counts[g];
    const tr = document.createElement("tr");
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = level;
    tr.append(th);
    for (const n of [GRADES.reduce((sum, g) => sum + counts[g], 0), ...GRADES.map((g) => counts[g])]) {
      const td = document.createElement("td");
      td.textContent = String(n);
      tr.append(td);
    }
    body.append(tr);
  }
  const quota = /** @type {HTMLElement} */ (one(summaryBox, ".roster-quota"));
  let skipped = one(summaryBox, ".roster-skipped");
  if (!skipped) {
    skipped = document.createElement("p");
    skipped.className = "roster-skipped";
    quota.before(skipped);
  }
  skipped.hidden = !result.skipped.length;
  skipped.textContent = result.skipped.length
    ? `✗ 有 ${result.skipped.length} 行未计入统计（缺少聘任职务或考核等次）：` +
      result.skipped.slice(0, 10).map((s) => `第 ${s.row} 行${s.name ? `（${s.name}）` : ""}缺少${s.missing.join("、")}`).join("；") +
      (result.skipped.length > 10 ? "……" : "")
    : "";
  // a year chosen on the page that the site has no notice for: said, not hidden
  let yearError = one(summaryBox, ".roster-year-error");
  if (!yearError) {
    yearError = document.createElement("p");
    yearError.className = "roster-year-error";
    yearError.setAttribute("role", "alert");
    quota.before(yearError);
  }
  const versionErrors = result.quota.ok ? [] : (result.quota.errors || []).filter((e) => e.field === "version");
  yearError.hidden = !versionErrors.length;
  yearError.textContent = versionErrors.length ? `✗ 优秀名额未核对：${versionErrors[0].message}` : "";
  if (result.quota.ok) {
    quota.hidden = false;
    showOutcome(quota, result.quota, panel.dataset.siteRoot);
  } else {
    quota.hidden = true;
  }
  panel.dataset.summaries = String(Number(panel.dataset.summaries || 0) + 1);
  panel.dataset.participants = String(result.participants);
}

// --- the 统计表, filled from the list ----------------------------------------------------------
/** @param {any} ctx */
function fillStatistics({ panel, api, formId, latest, tell }) {
  if (!latest || !latest.participants) {
    tell("名单中还没有可统计的人员（每行须有聘任职务和考核等次）。", "error");
    return;
  }
  const key = formDraft(api.VERSION, panel.dataset.statistics || "");
  let stored;
  try {
    stored = JSON.parse(localStorage.getItem(key) || "null");
  } catch {
    stored = null;
  }
  const theirs = stored && stored.values && typeof stored.values === "object" ? stored.values : {};
  const replaced = Object.keys(latest.statistics).filter((k) => theirs[k] && theirs[k] !== latest.statistics[k]);
  if (replaced.length && !window.confirm(`统计表中已填写的 ${replaced.length} 项将按名单改写。确定吗？`)) {
    tell("已取消，统计表未作更改。");
    return;
  }
  const draft = { savedAt: new Date().toISOString(), values: { ...theirs, ...latest.statistics },
                  filledFrom: { form: formId, people: latest.participants } };
  try {
    localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    tell("浏览器拒绝保存（本地存储已满或被禁止），无法把统计结果带到统计表；请清除其他表格的本机草稿后重试。", "error");
    return;
  }
  window.location.href = `${panel.dataset.statisticsUrl}#from-roster`;
}
