// node --test tests/js/: a calculator's answers kept, moved and shared (handbook/assets/calculator/answers.js)
// and the planner's dates in words (handbook/assets/calculator/timeline.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as kept from "../../handbook/assets/calculator/answers.js";
import { spanText } from "../../handbook/assets/calculator/timeline.js";
import { citedClauses, noticesOf } from "../../handbook/assets/calculator/sheet.js";

const ANSWERS = { education: "college", idcard: "11010519491231002X", retired: false,
  candidates: [{ name: "甲", yes: "12", idcard: "110105194912310029" }, { name: "乙，“丙”", yes: "11" }] };

test("a share link round-trips the answers, Chinese included, without any ID number", () => {
  const fragment = kept.encodeShare("c1", ANSWERS, ["idcard", "candidates.idcard"]);
  assert.match(fragment, /^a=[A-Za-z0-9_-]+$/);       // URL-safe, nothing to escape
  const back = kept.decodeShare(`#${fragment}`, "c1");
  assert.deepEqual(back.inputs, { education: "college", retired: false,
    candidates: [{ name: "甲", yes: "12" }, { name: "乙，“丙”", yes: "11" }] });
  assert.ok(!JSON.stringify(back).includes("1101051949"));
});

test("an anchor is not a share link; a cut or foreign link is said in words", () => {
  assert.equal(kept.decodeShare("#f-start", "c1"), null);
  assert.equal(kept.decodeShare("", "c1"), null);
  const fragment = kept.encodeShare("c1", ANSWERS, []);
  assert.match(kept.decodeShare(`#${fragment.slice(0, 20)}`, "c1").error, /不完整|损坏/);
  assert.match(kept.decodeShare(`#${fragment}`, "c2").error, /另一个计算器/);
  assert.match(kept.decodeShare("#a=%%%", "c1").error, /损坏/);
});

test("a file written by 导出 is read back by 导入; a wrong file gets a message", () => {
  const file = kept.fileOf("c1", "阳城 · 助理工程师申报资格", ANSWERS, new Date(2026, 11, 2));
  assert.equal(file.name, "阳城·助理工程师申报资格-填写内容-20261202.json");
  assert.deepEqual(kept.readFile(file.text, file.text.length, "c1", "t").inputs, ANSWERS);
  assert.match(kept.readFile(file.text, file.text.length, "c2", "浙江").error, /不是“浙江”的/);
  assert.match(kept.readFile("姓名,性别\n张三,男", 20, "c1", "t").error, /不是本站导出/);
  assert.match(kept.readFile("{}", 2, "c1", "t").error, /不是本站导出/);
  assert.match(kept.readFile("x", 5_000_000, "c1", "t").error, /过大/);
  const odd = JSON.stringify({ kind: kept.FILE_KIND, calculator: "c1", inputs: { a: { nested: 1 } } });
  assert.match(kept.readFile(odd, odd.length, "c1", "t").error, /格式不正确/);
});

test("numbers written by hand become typed text; non-finite numbers and huge values are refused", () => {
  assert.deepEqual(kept.clean({ a: 12, rows: [{ x: 1.5 }] }).inputs, { a: "12", rows: [{ x: "1.5" }] });
  assert.ok(kept.clean({ a: "x".repeat(3000) }).error);
  assert.ok(kept.clean({ rows: Array.from({ length: 600 }, () => ({})) }).error);
  assert.ok(kept.clean([1, 2]).error);
  assert.ok(kept.clean(null).error);
});

function memoryStorage(limit = Infinity) {
  const data = new Map();
  return {
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => {
      if (v.length > limit) throw new DOMException("full", "QuotaExceededError");
      data.set(k, String(v));
    },
    removeItem: (k) => data.delete(k),
    data,
  };
}

test("kept in this browser; a full storage is said, never thrown; a broken copy is ignored", () => {
  const storage = memoryStorage();
  assert.deepEqual(kept.save(storage, "c1", ANSWERS, new Date("2026-12-02T08:00:00Z")), { ok: true });
  const back = kept.load(storage, "c1");
  assert.deepEqual(back.inputs, ANSWERS);
  assert.equal(back.saved, "2026-12-02T08:00:00.000Z");
  kept.save(storage, "c1", {});
  assert.equal(kept.load(storage, "c1"), null);
  assert.match(kept.save(memoryStorage(10), "c1", ANSWERS).error, /存储已满/);
  storage.setItem(kept.storageKey("c1"), "{not json");
  assert.equal(kept.load(storage, "c1"), null);
  storage.setItem(kept.storageKey("c1"), JSON.stringify({ inputs: { a: { b: 1 } } }));
  assert.equal(kept.load(storage, "c1"), null);
  const blocked = { getItem() { throw new Error("SecurityError"); } };
  assert.equal(kept.load(blocked, "c1"), null);
});

test("a step's dates in words, bounds said", () => {
  assert.equal(spanText({ first: "2024-12-13", last: "2024-12-19", bound: "" }), "2024年12月13日至12月19日");
  assert.equal(spanText({ first: "2024-12-30", last: "2025-01-03", bound: "" }), "2024年12月30日至2025年1月3日");
  assert.equal(spanText({ first: "2024-12-13", last: "2024-12-13", bound: "不晚于" }), "不晚于 2024年12月13日");
});

test("the sheet cites each clause once, with its words, and names the notices it rests on", () => {
  const reasons = [{ doc: "d", url: "u1", label: "阳城 五（一）" }, { doc: "d", url: "u1", label: "阳城 五（一）" },
                   { doc: "holidays", url: "u2", label: "放假安排 2024年" }, { text: "no clause" },
                   { doc: "holidays", url: "u3", label: "放假安排 2025年", text: "依据《通知》（国办发）。" }];
  assert.deepEqual(citedClauses(reasons, { u1: "公示期不少于5个工作日", u3: "《通知》（国办发）" }),
                   [{ label: "阳城 五（一）", words: "公示期不少于5个工作日" }, { label: "放假安排 2024年", words: "" }]);
  const notices = [{ doc: "d", title: "T" }, { doc: "e", title: "U" }];
  assert.deepEqual(noticesOf({ reasons }, notices), [{ doc: "d", title: "T" }]);
  assert.deepEqual(noticesOf({ notice: { title: "N" }, reasons }, notices), [{ title: "N" }]);
});
