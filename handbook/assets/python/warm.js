// The browser keeps the compiled code of a script it has loaded twice (V8's code cache: made on the
// second load, used from the third). Pyodide's loader is 1.2 MB of JavaScript whose compiling took
// 90 ms of a second visit here and 25 ms once cached; so a first visit, once its answer is shown,
// loads it a second time in a short-lived worker of its own (python/worker.js, told "warm"), which
// imports it and runs its outer function far enough to compile it, with a stand-in that starts
// nothing. Done when a visit did not restore a kept snapshot, i.e. on the first visits; about 0.1 s
// of idle work, nothing downloaded. Browsers without such a cache only lose that 0.1 s once.

import { spawn } from "./client.js";

const WARM_LIMIT_MS = 10000;

/** Started by the worker that answered: a helper, stopped once it has said "warmed". @param {string} indexURL */
export function warmCodeCache(indexURL) {
  try {
    const helper = spawn(self.location.href);
    const stop = () => helper.terminate();
    const timer = setTimeout(stop, WARM_LIMIT_MS);
    helper.onmessage = helper.onerror = () => { clearTimeout(timer); stop(); };
    helper.postMessage({ type: "warm", pyodide: indexURL });
  } catch {
    // no nested workers here: the next visit compiles as this one did
  }
}

/** The helper's work. @param {string} indexURL */
export async function warm(indexURL) {
  const { default: createPyodideModule } = await import(indexURL + "pyodide.asm.mjs");
  // instantiateWasm answers nothing, so nothing is compiled or run past the outer function
  createPyodideModule({ noInitialRun: true, instantiateWasm: () => ({}), locateFile: (/** @type {string} */ path) => path,
                        preRun: [], print: () => {}, printErr: () => {}, API: { config: {} } }).catch(() => {});
}
