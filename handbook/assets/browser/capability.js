// What this browser can do, checked before a page starts Python (or Pagefind's WebAssembly), so
// that a reader whose browser lacks something is told at once which thing and what to do, instead
// of waiting for a start that cannot happen. Pure: every check takes the global scope it looks at,
// so Node tests give it a made-up one (tests/js/capability.test.mjs).
//
// Pyodide (since 0.28) is built with WebAssembly exception handling: Chrome and Android WebView 95,
// Firefox 100, Safari 15.2. WeChat's Android browser (XWeb) shipped Chrome 86 for a year; a
// browser run with --jitless has no WebAssembly at all.

// The smallest module that uses exception handling: one function `try … catch_all … end`.
// Validated, not compiled: nothing runs.
const EXCEPTION_HANDLING = Uint8Array.of(
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,         // \0asm, version 1
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00,                     // type section: () → ()
  0x03, 0x02, 0x01, 0x00,                                 // function section: one function of type 0
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x06, 0x40, 0x19, 0x0b, 0x0b,   // code: try, catch_all, end, end
);

/**
 * @typedef {{key: string, text: string}} Missing  what is missing, in words a reader understands
 */

/**
 * Whether `new Worker(url, {type: "module"})` is understood: an engine that knows module workers
 * reads the option's `type` (a getter notices it) before it parses the URL, which here is invalid,
 * so no worker is ever started and nothing is fetched.
 * @param {any} scope
 */
export function hasModuleWorkers(scope) {
  if (typeof scope.Worker !== "function") return false;
  let read = false;
  const options = { get type() { read = true; return "module"; } };
  try {
    new scope.Worker("http://[", options).terminate();
  } catch {
    // the invalid URL, as intended
  }
  return read;
}

/**
 * What a page needs to run Python in a worker (`needs` "python") or only WebAssembly ("wasm":
 * Pagefind's search), and this browser lacks. Empty when everything is there.
 * @param {any} scope  the global scope (window, or a worker's self)
 * @param {"python" | "wasm"} needs
 * @returns {Missing[]}
 */
export function missingFeatures(scope, needs = "python") {
  /** @type {Missing[]} */
  const missing = [];
  const wasm = scope.WebAssembly;
  if (!wasm || typeof wasm.validate !== "function") {
    missing.push({ key: "webassembly", text: "WebAssembly（浏览器运行程序的功能，可能已被关闭或不受支持）" });
  } else if (needs === "python") {
    let handled;
    try {
      handled = wasm.validate(EXCEPTION_HANDLING);
    } catch {
      handled = false;
    }
    if (!handled) missing.push({ key: "exceptions", text: "WebAssembly 异常处理（Chrome 95、Firefox 100、Safari 15.2 及以后的版本才有）" });
  }
  // (asked of a page only: a worker's own scope needs none)
  if (needs === "python" && scope.document && !hasModuleWorkers(scope)) {
    missing.push({ key: "module-worker", text: "模块化 Web Worker（后台运行程序的功能）" });
  }
  return missing;
}

/** WeChat's in-app browser (Android and iOS) names itself MicroMessenger. */
export const inWeChat = (userAgent) => /MicroMessenger/i.test(String(userAgent || ""));

/**
 * The sentence a page shows: what is missing, and what the reader can do.
 * @param {Missing[]} missing
 * @param {string} userAgent
 * @param {string} what  what cannot run, e.g. "计算器"
 */
export function adviceFor(missing, userAgent, what = "计算器") {
  const lacks = missing.map((m) => m.text).join("、");
  const todo = inWeChat(userAgent)
    ? "请点右上角“⋯”，选择“在浏览器中打开”，用手机自带的浏览器（或 Chrome、Firefox、Safari 的新版本）打开本页"
    : "请把浏览器更新到新版本，或换用新版本的 Chrome、Edge、Firefox、Safari 打开本页";
  return `此浏览器无法运行本页的${what}：缺少 ${lacks}。${todo}。`;
}
