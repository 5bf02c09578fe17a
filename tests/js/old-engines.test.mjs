// node --test tests/js/: every browser module parses in an old engine. WeChat's Android browser
// (XWeb) shipped Chrome 86, which knows ES2021's syntax but not ES2022's (top-level await, class
// static blocks): a module it cannot parse runs nothing — not even the message that says Python
// cannot run here — so every page would sit on its first words. Parsed with acorn as ES2021.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "acorn";

const ASSETS = new URL("../../handbook/assets/", import.meta.url).pathname;
// the head's script and the theme's two are classic scripts; everything else is a module
const CLASSIC = new Set(["python/early.js", "theme/scope.js", "theme/content.js"]);

const files = readdirSync(ASSETS, { withFileTypes: true }).filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(ASSETS, d.name)).filter((f) => f.endsWith(".js")).map((f) => `${d.name}/${f}`));

test("there are browser modules to check", () => {
  assert.ok(files.length > 30, String(files.length));
});

for (const file of files) {
  test(`${file} parses as ES2021 (Chrome 86)`, () => {
    const source = readFileSync(join(ASSETS, file), "utf8");
    assert.doesNotThrow(() => parse(source, { ecmaVersion: 2021, sourceType: CLASSIC.has(file) ? "script" : "module" }));
  });
}
