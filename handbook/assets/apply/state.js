// The state of each task on a 「我要申报」 page (未开始 / 进行中 / 已完成), from what this browser kept:
// a calculator's answers and last result (calculator/answers.js), the materials ticked
// (apply/checklist.js), a form's draft (forms/page.js). Pure: tested in Node (tests/js/apply-state.test.mjs).
// A task is 已完成 only when there is a result or every item is ticked; a failed result is still a
// finished check, and its conclusion is said in words beside it, never in green.

import { materials } from "../browser/storage-keys.js";

export const STATE_WORD = { todo: "未开始", doing: "进行中", done: "已完成" };

export const materialsKey = materials;

export function calculatorState(answers, result) {
  if (result && result.text) return { state: "done", detail: `结论：${result.text}` };
  if (answers && Object.keys(answers).length) return { state: "doing", detail: "已填写，尚无结果" };
  return { state: "todo", detail: "" };
}

// The planner is one calculator for every procedure: only answers and a result for this one count.
export function planState(answers, result, procedure) {
  const mine = (x) => x && x.procedure === procedure;
  if (mine(result) && result.text) return { state: "done", detail: result.text };
  if (answers && answers.procedure === procedure) return { state: "doing", detail: "已填写，尚无结果" };
  return { state: "todo", detail: "" };
}

export function materialsState(ticked, total) {
  const n = Array.isArray(ticked) ? new Set(ticked).size : 0;
  if (!n) return { state: "todo", detail: "" };
  return { state: n >= total ? "done" : "doing", detail: `已准备 ${Math.min(n, total)} / ${total} 项` };
}

export function formState(hasDraft) {
  return hasDraft ? { state: "doing", detail: "本机有草稿" } : { state: "todo", detail: "" };
}

// Ticks as kept: a list of item ids, only those the page lists when it knows them (a renamed item
// drops out); anything else read back is no tick.
export function readTicks(raw, ids) {
  try {
    const data = JSON.parse(raw);
    const ticked = Array.isArray(data && data.ticked) ? data.ticked.filter((id) => typeof id === "string") : [];
    return ids ? ticked.filter((id) => ids.includes(id)) : ticked;
  } catch {
    return [];
  }
}
