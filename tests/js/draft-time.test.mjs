// node --test tests/js/: a draft's save time in words (docs/assets/forms/draft-time.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { savedWhen } from "../../docs/assets/forms/draft-time.js";

test("a save time as the page writes it", () => {
  assert.match(savedWhen("2026-12-02T08:30:00.000Z"), /2026/);
});

test("no save time, or one that is not a time, says nothing (never Invalid Date)", () => {
  for (const value of [undefined, null, "", "昨天", "not a date", {}, [], true, NaN]) {
    assert.equal(savedWhen(value), "", String(value));
  }
});
