// node --test tests/js/: what the search page asks the index for (handbook/assets/search/query.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { core, cover, grams, longestShared, pairText, partialMatches, plan, rarePairs, rarity, variants } from "../../handbook/assets/search/query.js";

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

test("a pair word reads back as its characters; digits are not a pair", () => {
  assert.equal(pairText(code("处分")), "处分");
  assert.equal(pairText("20%"), "");
});

test("a pair across a question's joining character counts for a third", () => {
  const counts = new Map([[code("了处"), 1], [code("处分"), 1]]);
  const w = rarity(counts, 64, "了还");
  assert.ok(Math.abs(w.get(code("了处")) * 3 - w.get(code("处分"))) < 1e-9);
});

test("rare pairs: held by few of the index's pages, and by some", () => {
  const counts = new Map([[code("处分"), 2], [code("职称"), 15], [code("受了"), 0]]);
  assert.deepEqual([...rarePairs(counts, 64)].map(pairText), ["处分"]);
});

test("never a dead end: when nothing holds enough of a question, the records holding a rare pair", () => {
  // 受了处分还能评职称: every pair but 职称 is rare, and no record holds more than one of them
  const pairs = ["受了", "了处", "处分", "分还", "还能", "能评", "评职", "职称"].map(code);
  const counts = new Map(pairs.map((g) => [g, g === code("职称") ? 15 : 1]));
  const records = [
    { url: "s2-2-3", own: new Set(grams("受到记过以上处分且在受处分期间的").split(" ")) },
    { url: "elsewhere", own: new Set(grams("职称评审工作").split(" ")) },
    { url: "nothing", own: new Set(grams("公示期不少于5个工作日").split(" ")) },
  ];
  const shown = partialMatches(records, [pairs], counts, 64, "");
  assert.ok(Math.max(...records.map((x) => x.cover)) < 0.25);   // below what a partial match needs
  assert.deepEqual(shown.map((x) => x.url), ["s2-2-3"]);
  // where the best holds enough, those near it are shown, as before
  const enough = partialMatches(records, [[code("处分"), code("职称")]], counts, 64, "");
  assert.deepEqual(enough.map((x) => x.url).sort(), ["elsewhere", "s2-2-3"]);
});

test("the parts of a question are measured as typed and as the documents would say it", () => {
  const p = plan("受过处罚能申报吗", [{ typed: "处罚", means: "处分" }], ["吗"]);
  assert.deepEqual(p.partLists.map((list) => list.map(pairText).join(",")),
                   ["受过,过处,处罚,罚能,能申,申报", "受过,过处,处分,分能,能申,申报"]);
});
