// node --test tests/js/: what a browser lacks to run Python, and what the reader is told
// (handbook/assets/browser/capability.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { adviceFor, hasModuleWorkers, inWeChat, missingFeatures } from "../../handbook/assets/browser/capability.js";

// a page's scope: a document, and a Worker constructor that reads its options as a browser does
class ModuleWorker {
  constructor(url, options) {
    void options.type;
    throw new SyntaxError("invalid URL " + url);
  }
}
class ClassicWorker {
  constructor(url) {
    throw new SyntaxError("invalid URL " + url);
  }
}
const page = (extra) => ({ document: {}, WebAssembly, Worker: ModuleWorker, ...extra });

test("a current engine lacks nothing (Node's V8 validates the exception-handling module)", () => {
  assert.deepEqual(missingFeatures(page()), []);
  assert.deepEqual(missingFeatures(page(), "wasm"), []);
});

test("no WebAssembly (a --jitless engine): named, for Python and for search", () => {
  const keys = missingFeatures(page({ WebAssembly: undefined })).map((m) => m.key);
  assert.deepEqual(keys, ["webassembly"]);
  assert.deepEqual(missingFeatures(page({ WebAssembly: undefined }), "wasm").map((m) => m.key), ["webassembly"]);
});

test("WebAssembly without exception handling (Chrome 86, WeChat's old XWeb): named; search still works", () => {
  const old = { validate: () => false };
  assert.deepEqual(missingFeatures(page({ WebAssembly: old })).map((m) => m.key), ["exceptions"]);
  assert.deepEqual(missingFeatures(page({ WebAssembly: old }), "wasm"), []);
  const throwing = { validate: () => { throw new TypeError("bad"); } };
  assert.deepEqual(missingFeatures(page({ WebAssembly: throwing })).map((m) => m.key), ["exceptions"]);
});

test("module workers are detected without starting one", () => {
  assert.equal(hasModuleWorkers({ Worker: ModuleWorker }), true);
  assert.equal(hasModuleWorkers({ Worker: ClassicWorker }), false);
  assert.equal(hasModuleWorkers({}), false);
  assert.deepEqual(missingFeatures(page({ Worker: ClassicWorker })).map((m) => m.key), ["module-worker"]);
  // a worker's own scope has no document and is not asked about workers
  assert.deepEqual(missingFeatures({ WebAssembly }), []);
});

test("the advice names what is missing and, inside WeChat, how to leave it", () => {
  const missing = missingFeatures(page({ WebAssembly: { validate: () => false } }));
  const wechat = "Mozilla/5.0 (Linux; Android 10) Chrome/86.0.4240.99 XWEB/4317 MMWEBSDK/20220903 Mobile MicroMessenger/8.0.27";
  assert.equal(inWeChat(wechat), true);
  const there = adviceFor(missing, wechat);
  assert.match(there, /缺少 WebAssembly 异常处理/);
  assert.match(there, /右上角“⋯”.*在浏览器中打开/);
  const elsewhere = adviceFor(missing, "Mozilla/5.0 Firefox/91.0", "搜索");
  assert.match(elsewhere, /^此浏览器无法运行本页的搜索/);
  assert.match(elsewhere, /更新到新版本/);
  assert.doesNotMatch(elsewhere, /⋯/);
});
