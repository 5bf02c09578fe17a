// node --test tests/js/: a draft's save time in words (handbook/assets/forms/draft-time.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { savedWhen } from "../../handbook/assets/forms/draft-time.js";

test("a save time as the page writes it, in the reader's local time", () => {
  const saved = new Date(2026, 11, 2, 8, 5, 9);          // local time
  assert.equal(savedWhen(saved.toISOString()), "2026年12月2日 08:05");
  assert.equal(savedWhen(saved.getTime()), "2026年12月2日 08:05");
});

test("no save time, or one that is not a time, says nothing (never Invalid Date)", () => {
  for (const value of [undefined, null, "", "昨天", "not a date", {}, [], true, NaN]) {
    assert.equal(savedWhen(value), "", String(value));
  }
});
