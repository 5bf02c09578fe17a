// node --test tests/js/: what the search page asks the index for (docs/assets/search/query.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { core, cover, grams, longestShared, plan, variants } from "../../docs/assets/search/query.js";

const synonyms = [{ typed: "助工", means: "助理工程师" }, { typed: "正高", means: "正高级工程师" }];
const stops = ["吗", "能不能", "可以", "怎么", "几年", "请问", "我"];
const code = (s) => "g" + [...s].map((c) => c.codePointAt(0).toString(16)).join("");

test("pairs of characters, runs of digits, and a character next to a number alone", () => {
  assert.equal(grams("见习"), code("见习"));
  assert.equal(grams("满3年"), `${code("满")} 3 ${code("年")}`);
  assert.equal(grams("任职满3年"), `${code("任职")} ${code("职满")} ${code("满")} 3 ${code("年")}`);
  assert.equal(grams("20%以上"), `20% ${code("以上")} ${code("以")}`);
});

test("question words and punctuation are not what the reader asks about", () => {
  assert.equal(core("见习一年能不能申报助工？", stops), "见习一年 申报助工");
  assert.equal(core("请问怎么办吗", ["请问", "怎么办", "吗"]), "");
  assert.equal(core("不称职", stops), "不称职");
});

test("the plan asks in both spellings of a number, and the core of a question", () => {
  const p = plan("见习一年能申报助工吗", synonyms, stops);
  assert.ok(p.texts.includes("见习一年能申报助工吗"));
  assert.ok(p.texts.includes("见习一年能申报助理工程师"));
  assert.ok(p.asks.includes(grams("见习1年能申报助理工程师")));
  assert.ok(p.phrases.includes("见习1年能申报助理工程师"));
  assert.deepEqual(plan("吗", synonyms, stops).core, "");
  assert.ok(plan("百分之二十", [], []).asks.includes("20%"));
});

test("synonyms are not applied inside a longer word", () => {
  assert.deepEqual(variants("正高级工程师", synonyms), ["正高级工程师"]);
  assert.deepEqual(variants("正高", synonyms), ["正高", "正高级工程师"]);
});

test("cover counts the pairs a record holds; a character alone is held by a pair it starts", () => {
  const own = new Set(grams("任职满3年以上").split(" "));
  assert.equal(cover([grams("满3年").split(" ")], own), 1);
  assert.equal(cover([grams("年以").split(" ")], own), 1);
  assert.equal(cover([grams("满3年以下").split(" ")], own), 4 / 5);
  assert.equal(cover([[code("见习")]], own), 0);
});

test("the longest shared piece marks a partial match", () => {
  assert.equal(longestShared(["见习期满1年能申报"], "大学本科毕业，见习期满1年，考核合格"), "见习期满1年");
  assert.equal(longestShared(["完全不相干"], "见习期"), "");
});
