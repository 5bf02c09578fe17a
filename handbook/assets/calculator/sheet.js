// A calculator's result as a sheet to hand in (issue 18): built on each result, hidden on screen,
// the only thing printed. Title, the notice (文号, 年度), the answers given, the conclusion, every
// finding with its clause as printed, the words of each clause cited, the date it was made, the
// page's address and 「仅供自查，以评审机构审核为准」. Everything from Python or the form is set as
// text, never markup.

import { spanText } from "./timeline.js";

export const STATUS_WORD = { pass: "符合", fail: "不符合", info: "说明" };
export const OUTCOME_WORD = { pass: "符合", fail: "不符合", partial: "部分不符合", info: "结果" };
export const DISCLAIMER = "仅供自查，以评审机构审核为准";

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function madeOn(now = new Date()) {
  return `${now.getFullYear()}年${now.getMonth() + 1}月${now.getDate()}日`;
}

// The notices a result rests on: the one it names, else those whose clauses it cites.
export function noticesOf(result, notices) {
  if (result.notice) return [result.notice];
  const cited = new Set((result.reasons || []).map((r) => r.doc));
  return (notices || []).filter((n) => cited.has(n.doc));
}

// Each clause cited, once, in the order first cited: {label, words}; left out where a finding that
// cites it already quotes its words whole (the holiday notice's title).
export function citedClauses(reasons, words) {
  const seen = new Map();
  for (const r of reasons || []) {
    if (!r.url || seen.has(r.url)) continue;
    seen.set(r.url, { label: r.label || r.clause, words: (words || {})[r.url] || "" });
  }
  const quoted = (url, text) => text && (reasons || []).some((r) => r.url === url && (r.text || "").includes(text));
  return [...seen.entries()].filter(([url, c]) => !quoted(url, c.words)).map(([, c]) => c);
}

export function renderSheet(sheet, { title, result, answers, words, notices, address, now }) {
  sheet.replaceChildren();
  const head = el("header", "sheet-head");
  head.append(el("p", "sheet-kicker", "自查结果"), el("h2", "sheet-title", title));
  for (const n of noticesOf(result, notices)) {
    const named = [n.number, n.round].filter(Boolean).join("，");
    head.append(el("p", "sheet-notice", `依据：《${n.title}》${named ? `（${named}）` : ""}`));
  }
  sheet.append(head);

  const status = result.outcome.status || "info";
  const outcome = el("p", `sheet-outcome is-${status}`);
  outcome.append(el("strong", "", `结论（${OUTCOME_WORD[status] || "结果"}）：`), result.outcome.text);
  sheet.append(outcome);

  if (answers.length) {
    sheet.append(el("h3", "", "填写的内容"));
    const dl = el("dl", "sheet-answers");
    for (const a of answers) {
      dl.append(el("dt", "", a.label));
      const dd = el("dd");
      if (a.rows) {
        const table = el("table", "sheet-rows");
        const tr = el("tr");
        for (const c of a.rows.columns) tr.append(el("th", "", c));
        table.append(tr);
        for (const row of a.rows.rows) {
          const r = el("tr");
          for (const cell of row) r.append(el("td", "", cell));
          table.append(r);
        }
        dd.append(table);
      } else {
        dd.textContent = a.shown;
      }
      dl.append(dd);
    }
    sheet.append(dl);
  }

  const steps = result.values && result.values.steps;
  if (Array.isArray(steps) && steps.length && steps[0].first) {
    sheet.append(el("h3", "", "日程"));
    const table = el("table", "sheet-steps");
    const tr = el("tr");
    for (const c of ["日期", "步骤", "办理", "时限（依据）"]) tr.append(el("th", "", c));
    table.append(tr);
    for (const s of steps) {
      const r = el("tr");
      r.append(el("td", "", spanText(s)), el("td", "", `${s.n}. ${s.title}`), el("td", "", s.actor),
               el("td", "", `${s.limit}（${s.label}）`));
      table.append(r);
    }
    sheet.append(table);
  }

  sheet.append(el("h3", "", "逐项结果"));
  const list = el("ol", "sheet-reasons");
  for (const r of result.reasons || []) {
    const li = el("li", `sheet-reason is-${r.status}`);
    li.append(el("strong", "", `［${STATUS_WORD[r.status] || "说明"}］`), r.text);
    if (r.label || r.clause) li.append(el("span", "sheet-clause", `（${r.label || r.clause}）`));
    list.append(li);
  }
  sheet.append(list);

  const clauses = citedClauses(result.reasons, words);
  if (clauses.length) {
    sheet.append(el("h3", "", "所引条款原文"));
    const dl = el("dl", "sheet-words");
    for (const c of clauses) {
      dl.append(el("dt", "", c.label));
      dl.append(el("dd", "", c.words ? `“${c.words}”` : "（原文见本站该条款页面）"));
    }
    sheet.append(dl);
  }

  const foot = el("footer", "sheet-foot");
  foot.append(el("p", "sheet-disclaimer", `${DISCLAIMER}。`));
  const made = el("p", "sheet-address", `计算日期：${madeOn(now)}（按上列填写内容在本机浏览器中算出）　页面地址：${address}`);
  foot.append(made);
  sheet.append(foot);
}
