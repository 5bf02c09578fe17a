// The supervising office's totals page: many units' 统计表 and 花名册 read, checked and added up by the
// calculators' Python in a worker (calculators/paperwork/totals.py); the findings (file, cell, field,
// problem) and the 汇总 shown, the 汇总 workbook downloaded or printed. Files never leave the browser.
// What comes from a file or from Python is set as textContent only.

import { download } from "../browser/download.js";
import { startPython } from "../python/client.js";
import { one } from "../browser/dom.js";

const COLUMNS = [["no", "序号"], ["unit", "单位名称"], ["department", "主管部门"], ["professionals", "专业技术总人数"],
  ["participants", "参加考核人数"], ["all_total", "合计"], ["all_competent", "称职"], ["all_basic", "基本称职"],
  ["all_incompetent", "不称职"], ["excellent", "其中优秀"], ["quota", "优秀名额"], ["file", "来源文件"], ["note", "提示"]];
const MAX_BYTES = 50 * 1024 * 1024;   // all files together

const root = /** @type {HTMLElement} */ (one(document, ".totals"));
const status = /** @type {HTMLElement} */ (one(root, ".totals-status"));
const expect = JSON.parse(one(document, "script.totals-expect")?.textContent || "{}");
const params = one(document, "script.calc-params")?.textContent || "{}";
/** @type {Uint8Array | null} the 汇总 workbook made */
let workbook = null;
let asked = 0;   // answers so far

function say(text, kind = "info") {
  status.textContent = text;
  status.dataset.kind = kind;
}

// Python in a worker (python/client.js), started by the first files chosen. Its start's words are
// shown while it starts, and only over a line that says nothing else: a report that arrives after
// Python is ready (the worker keeps the snapshot in the background) must not hide a result.
/** @type {import("../python/client.js").PythonClient | null} */
let client = null;
let started = false;
function python() {
  client = client || startPython({
    element: root, params, what: "汇总程序",
    onFailed: (text) => { if (!asked) say(`${text}可逐个打开各单位的 Excel 文件手工汇总。`, "error"); },
    onMessage: (m) => {
      if (m.type === "ready") started = true;
      else if (m.type === "progress" && m.text && !started && !asked) say(m.text);
    },
  });
  return client;
}

/** @param {string} tag @param {string} text */
function cell(tag, text) {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

/** The findings and the 汇总 rows (calculators/paperwork/totals.py merge). @param {any} result */
function show(result) {
  const findings = /** @type {HTMLElement} */ (one(root, ".totals-findings"));
  const body = findings.querySelector("tbody");
  body.replaceChildren();
  for (const f of result.findings) {
    const tr = document.createElement("tr");
    tr.append(cell("td", f.file || "（全部文件）"), cell("td", f.cell || "—"), cell("td", f.field || "—"), cell("td", f.message));
    body.append(tr);
  }
  findings.hidden = !result.findings.length;
  const summary = /** @type {HTMLElement} */ (one(root, ".totals-summary"));
  summary.hidden = !result.rows.length;
  const head = summary.querySelector("thead tr");
  head.replaceChildren(...COLUMNS.map(([, label]) => cell("th", label)));
  const rows = summary.querySelector("tbody");
  rows.replaceChildren();
  for (const row of result.rows) {
    const tr = document.createElement("tr");
    tr.append(...COLUMNS.map(([key]) => cell("td", row[key] || "")));
    rows.append(tr);
  }
  const foot = summary.querySelector("tfoot tr");
  foot.replaceChildren(...COLUMNS.map(([key], i) => cell("td", i === 0 ? "合计" : (result.totals[key] || ""))));
  // which files the 合计 holds, and the rule for a unit sent twice
  const holds = summary.querySelector(".totals-holds");
  const left = result.left_out || [];
  holds.textContent = `合计包括 ${(result.counted || []).length} 个文件（每个单位一份，见各行“来源文件”）。`
    + (left.length ? `未计入：${left.join("、")}。` : "") + (result.rule ? `规则：${result.rule}。` : "");
}

async function add(files) {
  const list = [...files];
  if (!list.length) return;
  const size = list.reduce((n, f) => n + f.size, 0);
  if (size > MAX_BYTES) {
    say(`所选文件共 ${(size / 1e6).toFixed(0)} MB，超过 ${MAX_BYTES / 1e6} MB，请分批汇总。`, "error");
    return;
  }
  const t0 = performance.now();
  say(`正在读取 ${list.length} 个文件……`);
  try {
    const template = await fetch(root.dataset.template || "").then((r) => {
      if (!r.ok) throw new Error("无法取得汇总表模板，请刷新页面重试");
      return r.arrayBuffer();
    });
    const parts = [...await Promise.all(list.map((f) => f.arrayBuffer())), template].map((b) => new Uint8Array(b));
    const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      data.set(p, at);
      at += p.length;
    }
    const answer = await python().ask("totals", { names: list.map((f) => f.name), sizes: parts.map((p) => p.length),
                                                  expect }, { data: data.buffer });
    asked += 1;
    const result = answer.value;
    workbook = answer.data.byteLength ? answer.data : null;
    show(result);
    root.dataset.ms = String(Math.round(performance.now() - t0));
    const n = result.findings.length;
    say(`已汇总 ${result.units} 个单位（共选择 ${list.length} 个文件）${n ? `，有 ${n} 个问题需要核实，见下表` : "，未发现问题"}。`,
        n ? "error" : "info");
  } catch (err) {
    say(`未能汇总：${err.message}`, "error");
  }
}

one(root, ".totals-files")?.addEventListener("change", (event) => {
  const input = /** @type {HTMLInputElement} */ (event.target);
  add(input.files || []);
  input.value = "";
});
root.querySelector(".totals-download").addEventListener("click", () => {
  if (!workbook) return;
  download(`${root.dataset.title}（${expect.year || ""}年度）.xlsx`, workbook,
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
});
root.querySelector(".totals-print").addEventListener("click", () => window.print());
say("尚未选择文件。");
// Python starts while the reader chooses the files
setTimeout(python, 0);
