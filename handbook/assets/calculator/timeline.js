// The procedure planner's steps as a timeline (calculators/procedure.py gives them): one item per
// step, the date first, then who acts, what is handed in, the time limit and its clause. A date
// that is only a bound (the notice sets no time for the step) says so in words: 不晚于 / 最早.
// A list, not a chart, so that it reads at 360 px, in a screen reader and on paper alike.

export function dateText(iso) {
  const [y, m, d] = String(iso).split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

export function spanText(step) {
  let when = dateText(step.first);
  if (step.last !== step.first) {
    const last = dateText(step.last);
    when += `至${step.first.slice(0, 4) === step.last.slice(0, 4) ? last.replace(/^\d+年/, "") : last}`;
  }
  return step.bound ? `${step.bound} ${when}` : when;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function renderTimeline(list, steps, siteRoot) {
  list.replaceChildren();
  const anchor = steps.find((s) => s.anchor);
  for (const step of steps) {
    const li = el("li", `tl-step${step.anchor ? " is-anchor" : ""}${step.bound ? " is-bound" : ""}`);
    li.append(el("p", "tl-date", spanText(step)));
    const title = el("p", "tl-title");
    title.append(el("strong", "", `${step.n}. ${step.title}`));
    if (step.anchor) title.append(el("span", "tl-anchor", "（推算的基准）"));
    li.append(title);
    li.append(el("p", "tl-meta", `办理：${step.actor}`));
    if (step.hands_in) li.append(el("p", "tl-meta", `材料：${step.hands_in}`));
    // whether the step counts toward the date the plan rests on: before it, it must be done by then
    if (anchor && step.before_anchor) li.append(el("p", "tl-meta", `须在“${anchor.title}”之前完成`));
    const limit = el("p", "tl-meta", `时限：${step.limit}　依据：`);
    const a = el("a", "", step.label);
    a.href = siteRoot + step.url;
    limit.append(a);
    li.append(limit);
    list.append(li);
  }
}
