// A calculator's result shown in a page: the headline (green only when nothing failed), the
// formula, and the reasons, each with the clause it rests on, as the document prints its number.
// Shared by the calculator pages and the form pages that run a calculator (the 花名册's quota).
// What comes from Python is set as textContent only: it is data, never markup.

import { renderTimeline } from "./timeline.js";

const STATUS_ICON = { pass: "✓", fail: "✗", info: "ℹ" };
const STATUS_LABEL = { pass: "符合", fail: "不符合", info: "说明" };
// the headline: green only when nothing failed (outcome.status from calckit.registry)
const OUTCOME_ICON = { pass: "✓ ", fail: "✗ ", partial: "⚠ ", info: "" };

export function showOutcome(box, result, siteRoot) {
  const status = result.outcome.status || "info";
  box.dataset.status = status;
  const outcome = box.querySelector(".calc-outcome");
  const icon = document.createElement("span");
  icon.className = "outcome-icon";
  icon.textContent = OUTCOME_ICON[status] || "";
  const text = document.createElement("span");
  text.className = "outcome-text";
  text.textContent = result.outcome.text;
  outcome.replaceChildren(icon, text);
  outcome.className = `calc-outcome is-${status}`;
  showNotice(box, outcome, result.notice, siteRoot);
  const formula = box.querySelector(".calc-formula");
  formula.hidden = !result.formula;
  formula.textContent = result.formula ? `计算式：${result.formula}` : "";
  const list = box.querySelector(".calc-reasons");
  list.replaceChildren();
  for (const reason of result.reasons) {
    const li = document.createElement("li");
    li.className = `reason reason-${reason.status}`;
    const mark = document.createElement("span");
    mark.className = "reason-icon";
    mark.textContent = STATUS_ICON[reason.status] || "";
    mark.title = STATUS_LABEL[reason.status] || "";
    const said = document.createElement("span");
    said.className = "sr-only";
    said.textContent = `${STATUS_LABEL[reason.status] || ""}：`;
    li.append(mark, said, " ", reason.text);
    if (reason.url) {
      const a = document.createElement("a");
      a.href = siteRoot + reason.url;
      a.textContent = reason.label || reason.clause;
      a.className = "reason-clause";
      li.append(" ", a);
    }
    list.appendChild(li);
  }
}

// The notice the result rests on (文号, 年度) and its status on the day the site was built, right
// under the headline: a result computed with a round that is over must say so.
function showNotice(box, outcome, notice, siteRoot) {
  let line = box.querySelector(".calc-notice");
  if (!notice) {
    if (line) line.hidden = true;
    return;
  }
  if (!line) {
    line = document.createElement("p");
    line.className = "calc-notice";
    outcome.after(line);
  }
  line.hidden = false;
  const named = [notice.number, notice.round].filter(Boolean).join("，");
  const link = document.createElement("a");
  link.href = siteRoot + notice.url;
  link.textContent = `《${notice.title}》`;
  line.replaceChildren("依据", link, named ? `（${named}）` : "", `；状态：${notice.status}。`);
  line.className = `calc-notice is-${notice.status_code}`;
}

/** The answers given, each with a 修改 link to its field. */
export function showAnswers(resultBox, given) {
  const list = resultBox.querySelector(".calc-answers");
  if (!list) return;
  list.replaceChildren();
  for (const a of given) {
    const dt = document.createElement("dt");
    dt.textContent = a.label;
    const dd = document.createElement("dd");
    dd.textContent = a.rows ? `${a.rows.rows.length} 行` : a.shown;
    const change = document.createElement("a");
    change.href = `#${a.rows ? `label-${a.name}` : `f-${a.name}`}`;
    change.className = "calc-change";
    change.dataset.field = a.name;
    change.textContent = "修改";
    const which = document.createElement("span");
    which.className = "sr-only";
    which.textContent = a.label;
    change.append(which);
    dd.append(" ", change);
    list.append(dt, dd);
  }
}


/** The planner's steps as a timeline; returns the plan (or null) for its calendar file. */
export function showPlan(resultBox, values, siteRoot) {
  const list = resultBox.querySelector(".calc-timeline");
  const ics = resultBox.querySelector(".calc-ics");
  const plan = Array.isArray(values.steps) && values.ics ? values : null;
  if (list) list.hidden = !plan;
  if (ics) ics.hidden = !plan;
  if (plan && list) renderTimeline(list, plan.steps, siteRoot);
  return plan;
}


// the days a working-day count went through, one by one
export function showDays(resultBox, days) {
  const box = resultBox.querySelector(".calc-days");
  if (!box) return;
  box.hidden = !Array.isArray(days) || !days.length;
  if (box.hidden) return;
  box.querySelector("summary").textContent = `逐日计数（${days.length} 天）`;
  const body = box.querySelector("tbody");
  body.replaceChildren();
  for (const day of days) {
    const tr = document.createElement("tr");
    tr.className = day.counted ? "day-counted" : "day-off";
    const [, month, date] = day.date.split("-").map(Number);
    tr.dataset.date = day.date;
    const cells = [`${month}月${date}日 ${day.weekday}`, day.label, day.counted ? `第 ${day.n} 个` : "不计"];
    for (const text of cells) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
}
