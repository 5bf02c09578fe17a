// node --test tests/js/: the 「我要申报」 task states (handbook/assets/apply/state.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { calculatorState, formState, materialsState, planState, readTicks } from "../../handbook/assets/apply/state.js";

test("a calculator task: 未开始, 进行中 with answers, 已完成 with a result whatever it found", () => {
  assert.equal(calculatorState(null, null).state, "todo");
  assert.equal(calculatorState({}, null).state, "todo");
  assert.equal(calculatorState({ education: "college" }, null).state, "doing");
  const failed = calculatorState({ education: "college" }, { status: "fail", text: "不符合申报条件（1项未满足）" });
  assert.equal(failed.state, "done");
  assert.equal(failed.detail, "结论：不符合申报条件（1项未满足）");   // the finding said in words
});

test("a plan counts only for its own procedure", () => {
  const result = { procedure: "zhejiang-senior-title:review", text: "按评审会议日期…" };
  assert.equal(planState({ procedure: "zhejiang-senior-title:review" }, result, "yangcheng-junior-title:application").state, "todo");
  assert.equal(planState({ procedure: "yangcheng-junior-title:application" }, result, "yangcheng-junior-title:application").state, "doing");
  assert.equal(planState(null, result, "zhejiang-senior-title:review").state, "done");
});

test("materials: counted once each, never more than the list", () => {
  assert.equal(materialsState([], 9).state, "todo");
  assert.deepEqual(materialsState(["a", "a", "b"], 9), { state: "doing", detail: "已准备 2 / 9 项" });
  assert.deepEqual(materialsState(["a", "b"], 2), { state: "done", detail: "已准备 2 / 2 项" });
  assert.equal(formState(true).state, "doing");
  assert.equal(formState(false).state, "todo");
});

test("ticks read back: unknown items and junk dropped", () => {
  assert.deepEqual(readTicks(JSON.stringify({ ticked: ["a", "gone", 3] }), ["a", "b"]), ["a"]);
  assert.deepEqual(readTicks(JSON.stringify({ ticked: ["a", 3] }), null), ["a"]);
  assert.deepEqual(readTicks("{broken", ["a"]), []);
  assert.deepEqual(readTicks(JSON.stringify({ ticked: "a" }), ["a"]), []);
});
