// Calculator pages: start Python from the page's head, before the rest of the page is read
// (handbook/theme/main.html). The worker begins restoring or starting Python at once; calculator/page.js
// takes it over (window.__handbookWorker) and sends the parameters. If this fails, calculator/page.js
// starts a worker itself and says why if it cannot.
//
// A page prerendered because the reader pointed at a link to it (speculation rules on the other
// pages) gets no worker from Chrome until it is shown; meanwhile it fetches, into the HTTP cache,
// the files Python needs whichever way it starts (not the snapshot: on a slow line the worker
// would not use it), so that the click starts Python from the cache.
(() => {
  const el = document.currentScript;
  // the page's status shows its (indeterminate) progress bar from the first paint (handbook.css)
  document.documentElement.classList.add("hb-python-starting");
  const pyodide = new URL(el.dataset.pyodide, location.href).href;
  const runtime = JSON.parse(el.dataset.runtime || "{}");
  if (document.prerendering) {
    const wheels = Object.values((runtime.lock && runtime.lock.packages) || {}).map((p) => p.file_name);
    for (const name of ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", ...wheels]) {
      fetch(pyodide + name, { cache: "force-cache" }).then((r) => r.arrayBuffer()).catch(() => {});
    }
    return;   // calculator/page.js starts the worker, which Chrome creates once the page is shown
  }
  try {
    const worker = new Worker(el.dataset.worker, { type: "module" });
    worker.postMessage({ type: "boot", pyodide, packages: el.dataset.packages.split(" "), runtime });
    window.__handbookWorker = worker;
  } catch (err) {
    // no module workers here: calculator/page.js reports it
  }
})();
