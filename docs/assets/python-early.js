// Calculator pages: start Python from the page's head, before the rest of the page is read
// (handbook/theme/main.html). The worker begins restoring or starting Python at once; calculator.js
// takes it over (window.__handbookWorker) and sends the parameters. If this fails, calculator.js
// starts a worker itself and says why if it cannot.
(() => {
  const el = document.currentScript;
  // the page's status shows its (indeterminate) progress bar from the first paint (handbook.css)
  document.documentElement.classList.add("hb-python-starting");
  try {
    const worker = new Worker(el.dataset.worker, { type: "module" });
    worker.postMessage({
      type: "boot",
      pyodide: new URL(el.dataset.pyodide, location.href).href,
      packages: el.dataset.packages.split(" "),
      runtime: JSON.parse(el.dataset.runtime || "{}"),
    });
    window.__handbookWorker = worker;
  } catch (err) {
    // no module workers here: calculator.js reports it
  }
})();
