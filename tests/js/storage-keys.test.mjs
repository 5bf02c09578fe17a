// node --test tests/js/: every name the site keeps something under, defined once
// (handbook/assets/browser/storage-keys.js); the two places that cannot import it spell it the same.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as keys from "../../handbook/assets/browser/storage-keys.js";
import { describe } from "../../handbook/assets/storage/entries.js";

const asset = (path) => readFileSync(new URL(`../../handbook/assets/${path}`, import.meta.url), "utf8");
const names = { calculators: { c: "计算器C" }, forms: { f: "表格F" }, documents: { d: "文件D" } };

test("early.js spells the kept snapshot's name as storage-keys.js does; kept.js imports the folder's", () => {
  assert.match(asset("python/early.js"), new RegExp(`const KEPT_KEY = "${keys.PYTHON_KEPT}";`));
  assert.match(asset("python/kept.js"), /import \{ SNAPSHOT_FOLDER \} from "\.\.\/browser\/storage-keys\.js";/);
  assert.doesNotMatch(asset("python/worker.js"), /handbook-python/);
});

test("every key the site writes is read back in words on the 本机保存的内容 page", () => {
  const written = [keys.KEEP_IDS, keys.PYTHON_KEPT, keys.calcAnswers("c"), keys.calcResult("c"),
                   keys.materials("d"), keys.formDraft(3, "f")];
  for (const key of written) {
    assert.ok(keys.isOurs(key), key);
    assert.notEqual(describe(key, "{}", names).kind, "其他（本站）", key);
  }
  assert.equal(describe(keys.formDraft(3, "f"), "{}", names).title, "表格F");
  assert.equal(describe(keys.calcResult("c"), "{}", names).title, "计算器C");
});

test("no other module spells a key itself", () => {
  const modules = ["calculator/page.js", "calculator/answers.js", "forms/page.js", "roster/list.js",
                   "apply/tasks.js", "apply/state.js", "apply/checklist.js", "browser/keeping.js",
                   "storage/page.js", "storage/entries.js", "python/kept-db.js", "python/kept.js",
                   "forms/sheet.js", "forms/drafts.js"];
  for (const path of modules) {
    assert.doesNotMatch(asset(path), /["`](hb-(keep-ids|python-kept|calc|calc-result|materials)|handbook-(form|python))[:"`]/, path);
  }
});
