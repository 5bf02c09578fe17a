// node --test tests/js/: how the worker's Python starts (handbook/assets/python/start-choice.js), each way
// through it with stand-ins for the kept copy, the line and the download.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cacheOnlyFor, chooseSnapshot } from "../../handbook/assets/python/start-choice.js";

const SLOW = 25;

test("the line decides: a fast line fetches the snapshot, a slow or silent one leaves it to the cache", () => {
  const line = (mbps, more = {}) => cacheOnlyFor({ saveData: false, counting: true, mbps, slowMbps: SLOW, ...more });
  assert.equal(line(80), false);
  assert.equal(line(SLOW), false);
  assert.equal(line(1.6), true);
  assert.equal(line(undefined), true);            // nothing measured in time: slow, or stalled
  assert.equal(line(null), false);                // everything at once: this browser had it
  assert.equal(line(80, { saveData: true }), true);   // the reader saves data: never a download
  assert.equal(line(1.6, { counting: false }), false);  // a kept copy expected and gone: the cache has it
});

const later = (value, ms) => new Promise((resolve) => setTimeout(() => resolve(value), ms));

/** a made-up start: what the worker would be given, and what was asked of it */
function ways({ hint = "", kept = null, keptMs = 0, cacheOnly = false, lineMs = 0, fails = false, saveData = false }) {
  const asked = { line: 0, downloads: [], aborted: 0 };
  return {
    asked,
    options: {
      hint, saveData,
      keptCopy: later(kept, keptMs),
      decideLine: () => { asked.line += 1; return later(cacheOnly, lineMs); },
      download: (only) => {
        asked.downloads.push(only);
        const fetched = fails ? later(null, 1).then(() => { throw new Error("HTTP 504"); })
          : later({ memory: "downloaded", filled: Promise.resolve() }, 5);
        return { fetched, abort: () => { asked.aborted += 1; } };
      },
    },
  };
}

test("a copy kept, as the page said: restored, the line never measured", async () => {
  const { asked, options } = ways({ hint: "kept", kept: "kept memory", keptMs: 5 });
  assert.deepEqual(await chooseSnapshot(options), { how: "kept", memory: "kept memory" });
  assert.deepEqual(asked, { line: 0, downloads: [], aborted: 0 });
});

test("the page said kept but it is gone: the line decides, as on a first visit", async () => {
  const { asked, options } = ways({ hint: "kept", kept: null, cacheOnly: false });
  const choice = await chooseSnapshot(options);
  assert.equal(choice.how, "fetched");
  assert.equal(choice.snapshot.memory, "downloaded");
  assert.deepEqual(asked.downloads, [false]);
});

test("a copy found before the line is measured: restored, nothing downloaded", async () => {
  const { asked, options } = ways({ kept: "kept memory", keptMs: 1, lineMs: 50 });
  assert.deepEqual(await chooseSnapshot(options), { how: "kept", memory: "kept memory" });
  assert.equal(asked.line, 1);
  assert.deepEqual(asked.downloads, []);
});

test("a copy found after the download began: the download is dropped", async () => {
  const { asked, options } = ways({ kept: "kept memory", keptMs: 20, lineMs: 1 });
  assert.deepEqual(await chooseSnapshot(options), { how: "kept", memory: "kept memory" });
  assert.deepEqual(asked.downloads, [false]);
  assert.equal(asked.aborted, 1);
});

test("a slow line: only the HTTP cache is asked; when it has nothing, Python starts plainly and fetches later", async () => {
  const { asked, options } = ways({ cacheOnly: true, fails: true });
  assert.deepEqual(await chooseSnapshot(options), { how: "none", fetchLater: true });
  assert.deepEqual(asked.downloads, [true]);
  const cached = ways({ cacheOnly: true });
  assert.equal((await chooseSnapshot(cached.options)).how, "cached");
});

test("saving data: nothing fetched later either", async () => {
  const { options } = ways({ cacheOnly: true, fails: true, saveData: true });
  assert.deepEqual(await chooseSnapshot(options), { how: "none", fetchLater: false });
});

test("a fast line whose download fails: Python starts plainly, and does not fetch it again", async () => {
  const { options } = ways({ cacheOnly: false, fails: true });
  assert.deepEqual(await chooseSnapshot(options), { how: "none", fetchLater: false });
});
