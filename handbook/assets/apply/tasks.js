// The 「我要申报」 page: each task's state from what this browser kept (apply/state.js says how).
// Reads only; nothing here writes to storage or leaves the browser.

import { all } from "../browser/dom.js";
import { load, loadResult } from "../calculator/answers.js";
import { PATTERNS } from "../browser/storage-keys.js";
import { STATE_WORD, calculatorState, formState, materialsKey, materialsState, readTicks,
  planState } from "./state.js";

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;   // storage blocked: every task shows 未开始
  }
}

function show(item, { state, detail }) {
  const mark = item.querySelector(".task-state");
  mark.dataset.state = state;
  mark.textContent = STATE_WORD[state];
  item.querySelector(".task-detail").textContent = detail ? `（${detail}）` : "";
}

const store = storage();
if (store) {
  for (const item of all(document, ".task-item[data-task]")) {
    const task = item.dataset.task;
    if (task === "calculator") {
      const id = item.dataset.calculator;
      show(item, calculatorState(load(store, id)?.inputs, loadResult(store, id)));
    } else if (task === "plan") {
      show(item, planState(load(store, "procedure-plan")?.inputs, loadResult(store, "procedure-plan"),
                           item.dataset.procedure));
    } else if (task === "materials") {
      // the ids on the checklist page are not known here: the count is capped at the list's length
      const raw = store.getItem(materialsKey(item.dataset.doc));
      show(item, materialsState(raw ? readTicks(raw, null) : [], Number(item.dataset.total)));
    } else if (task === "form") {
      let has = false;
      for (let i = 0; i < store.length; i += 1) {
        const key = store.key(i);
        if (key && PATTERNS.formDraft.exec(key)?.[1] === item.dataset.form) has = true;
      }
      show(item, formState(has));
    }
  }
}
