// node --test tests/js/: a form's draft merged between tabs (handbook/assets/forms/draft-merge.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mergeForSave, mergeFromOtherTab } from "../../handbook/assets/forms/draft-merge.js";

const isKnown = (key) => !key.startsWith("old_");

test("saving alone writes this tab's changes, empties removed, unknown fields kept", () => {
  const base = { name: "张三", unit: "甲", old_field: "kept" };
  const mine = { name: "张三丰", unit: "" };
  const out = mergeForSave({ base, mine, theirs: base, dirty: new Set(["name", "unit", "old_field"]), foreign: false, isKnown });
  assert.deepEqual(out.merged, { name: "张三丰", old_field: "kept" });
  assert.deepEqual(out.changed, ["name", "unit"]);
  assert.deepEqual(out.clashes, []);
  assert.deepEqual(base, { name: "张三", unit: "甲", old_field: "kept" });   // a copy: nothing to undo on failure
});

test("saving after another tab: its changes kept, a field both changed is a clash, mine stored", () => {
  const base = { name: "张三", unit: "甲", year: "2023" };
  const theirs = { name: "李四", unit: "甲", year: "2024" };
  const mine = { name: "王五", unit: "乙", year: "2023" };
  const out = mergeForSave({ base, mine, theirs, dirty: new Set(["name", "unit"]), foreign: true, isKnown });
  assert.deepEqual(out.merged, { name: "王五", unit: "乙", year: "2024" });
  assert.deepEqual(out.clashes, [["name", "李四"]]);
});

test("another tab saved: take what this tab did not change, keep what it did", () => {
  const base = { name: "张三", unit: "甲", remark: "x" };
  const theirs = { name: "李四", unit: "丙" };                 // remark emptied there
  const mine = { name: "张三", unit: "乙", remark: "x" };       // unit changed here, not yet saved
  const out = mergeFromOtherTab({ base, mine, theirs, dirty: new Set(["unit"]), isKnown });
  assert.deepEqual(out.next, { name: "李四", unit: "乙" });
  assert.deepEqual(out.taken.sort(), ["name", "remark"]);
  assert.deepEqual(out.clashes, ["unit"]);
});

test("a field this form no longer has is never merged", () => {
  const out = mergeFromOtherTab({ base: {}, mine: {}, theirs: { old_x: "1" }, dirty: new Set(), isKnown });
  assert.deepEqual(out.next, {});
});
