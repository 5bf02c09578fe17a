// node --test tests/js/: what the 本机保存的内容 page says of each kept thing
// (handbook/assets/storage/entries.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { describe, isOurs, ordered, size } from "../../handbook/assets/storage/entries.js";

const names = { calculators: { "yangcheng-assistant-engineer": "阳城 · 助理工程师申报资格" },
                forms: { "xinzhou-roster": "花名册" }, documents: { "yangcheng-junior-title": "阳城 · 评审" } };

test("every key the site writes is named, with its date and size; other sites' keys are not ours", () => {
  const calc = describe("hb-calc:yangcheng-assistant-engineer",
    JSON.stringify({ saved: "2026-12-01T08:00:00Z", inputs: { education: "college" } }), names);
  assert.equal(calc.kind, "计算器的填写内容");
  assert.equal(calc.title, "阳城 · 助理工程师申报资格");
  assert.equal(calc.when, "2026-12-01T08:00:00Z");
  assert.equal(calc.ids, false);
  assert.ok(calc.bytes > 40);
  const draft = describe("handbook-form:v3:xinzhou-roster",
    JSON.stringify({ savedAt: "2026-12-02T08:00:00Z", values: { "people.0.idcard": "11010519491231002X" } }), names);
  assert.equal(draft.kind, "表格草稿");
  assert.equal(draft.title, "花名册");
  assert.equal(draft.ids, true);
  assert.equal(describe("hb-materials:yangcheng-junior-title", JSON.stringify({ saved: "x", ticked: [] }), names).kind,
               "材料清单的勾选");
  assert.equal(describe("hb-calc-result:unknown-calc", "{}", names).title, "unknown-calc");
  assert.equal(describe("hb-python-kept", "snapshot-1.bin", names).title, "snapshot-1.bin");
  assert.equal(describe("hb-something-new", "1", names).kind, "其他（本站）");
  assert.equal(describe("other-site-key", "1", names), null);
  assert.equal(isOurs("handbook-form:v1:x"), true);
  // a broken value is still listed, to be forgotten
  assert.equal(describe("hb-calc:x", "{not json", names).when, "");
});

test("an ID number is noticed anywhere in a kept value, a phone number or a long count is not", () => {
  assert.equal(describe("hb-calc:x", '{"inputs":{"idcard":"110105194912310029"}}', names).ids, true);
  assert.equal(describe("hb-calc:x", '{"inputs":{"phone":"13800138000"}}', names).ids, false);
  assert.equal(describe("hb-calc:x", '{"inputs":{"n":"1234567890123456789012"}}', names).ids, false);
});

test("ID numbers first, then the newest; sizes in round figures", () => {
  const list = ordered([{ ids: false, when: "2026-12-01" }, { ids: true, when: "2026-11-01" }, { ids: false, when: "2026-12-02" }]);
  assert.deepEqual(list.map((e) => e.when), ["2026-11-01", "2026-12-02", "2026-12-01"]);
  assert.equal(size(1_234_567), "1.2 MB");
  assert.equal(size(35_400), "35 KB");
  assert.equal(size(120), "120 B");
});
