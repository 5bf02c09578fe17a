// node --test tests/js/: the pure part of handbook/assets/documents/versions.js (“as in force on a date”).
import { test } from "node:test";
import assert from "node:assert/strict";
import { describe, inForceOn } from "../../handbook/assets/documents/versions.js";

const yearly = [
  { key: "2024", label: "2024年度评审", binding: true, start: "2024-11-19", end: "2024-12-20", period: "…", url: "2024/" },
  { key: "2025", label: "2025年度评审", binding: true, start: "2025-11-18", end: "2025-12-19", period: "…", url: "2025/" },
];
const revised = [
  { key: "2019", label: "2019年版", binding: true, start: "2019-12-04", end: null, period: "…", url: "2019/" },
  { key: "2023", label: "2023年版", binding: true, start: "2023-07-01", end: null, period: "…", url: "2023/" },
];

test("a day inside a round gives that round, first and last days included", () => {
  assert.equal(inForceOn(yearly, "2024-11-19").key, "2024");
  assert.equal(inForceOn(yearly, "2024-12-20").key, "2024");
  assert.equal(inForceOn(yearly, "2025-12-01").key, "2025");
});

test("between two rounds, before the first and after the last: none, said plainly", () => {
  assert.equal(inForceOn(yearly, "2025-03-01"), null);
  assert.match(describe(yearly, "2025-03-01").text, /不在本站收录的任何版本的适用期间内/);
  assert.match(describe(yearly, "2020-01-01").text, /早于本站收录的最早版本/);
  assert.match(describe(yearly, "2026-12-02").text, /此后的通知本站可能尚未收录/);
});

test("an open-ended version is replaced by the next one from its first day", () => {
  assert.equal(inForceOn(revised, "2023-06-30").key, "2019");
  assert.equal(inForceOn(revised, "2023-07-01").key, "2023");
  assert.equal(inForceOn(revised, "2030-01-01").key, "2023");
});

test("a compilation of samples has no period", () => {
  assert.match(describe([{ key: "v1", binding: false, start: null }], "2024-01-01").text, /不是正式文件/);
});
