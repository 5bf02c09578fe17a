// node --test tests/js/: the numeral rule of the search page (handbook/assets/search/numerals.js)
// against the table of pairs its Python twin is tested with (tests/cases/search_numerals.yaml,
// passed as JSON by tests/test_search_numerals.py through SEARCH_NUMERALS_JSON, or read here).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { chineseValue, normalize } from "../../handbook/assets/search/numerals.js";

// the YAML table is a list of two-item lists of plain words: read it without a YAML library
function pairs() {
  const text = readFileSync(new URL("../cases/search_numerals.yaml", import.meta.url), "utf8");
  return text.split("\n").filter((l) => l.startsWith("- [")).map((l) => {
    const [left, right] = l.slice(3, l.lastIndexOf("]")).split(", ");
    return [left, right.replace(/^"|"$/g, "")];
  });
}

test("every pair of the table", () => {
  const table = pairs();
  assert.ok(table.length >= 30);
  for (const [left, right] of table) assert.equal(normalize(left), right, left);
});

test("the canonical spelling is a fixed point", () => {
  for (const [, right] of pairs()) assert.equal(normalize(right), right, right);
});

test("Chinese numerals by value", () => {
  assert.equal(chineseValue("十七"), "17");
  assert.equal(chineseValue("二〇二四"), "2024");
  assert.equal(chineseValue("〇〇"), "0");
  assert.equal(chineseValue("千万"), null);
  assert.equal(chineseValue("一".repeat(40)), "1".repeat(40));   // never rounded
  assert.equal(chineseValue("九千九百万".repeat(4)), null);        // too long to be a number of policy
});

test("hostile input gives an answer, not a hang", { timeout: 10000 }, () => {
  assert.equal(typeof normalize("三分之".repeat(5000) + "二"), "string");
  assert.equal(typeof normalize("百分之".repeat(5000)), "string");
  assert.equal(normalize("1e10000000"), "1e10000000");
});
