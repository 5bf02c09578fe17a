// A calculator's result shown in a page: the headline (green only when nothing failed), the
// formula, and the reasons, each with the clause it rests on, as the document prints its number.
// Shared by the calculator pages and the form pages that run a calculator (the 花名册's quota).
// What comes from Python is set as textContent only: it is data, never markup.

const STATUS_ICON = { pass: "✓", fail: "✗", info: "ℹ" };
const STATUS_LABEL = { pass: "符合", fail: "不符合", info: "说明" };
// the headline: green only when nothing failed (outcome.status from calculators.registry)
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
