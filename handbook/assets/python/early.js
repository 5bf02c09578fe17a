// Calculator pages: start Python from the page's head, before the rest of the page is read
// (handbook/mkdocs_adapter/theme/main.html). The worker begins restoring or starting Python at once; calculator/page.js
// takes it over (window.__handbookWorker) and sends the parameters. If this fails, calculator/page.js
// starts a worker itself and says why if it cannot.
//
// A page prerendered because the reader pointed at a link to it (speculation rules on the other
// pages) gets no worker from Chrome until it is shown; there Python starts in the page itself
// (python/in-page.js), so that the click shows a page whose Python is ready. calculator/page.js is
// given a port at once: what it posts waits in port.pending until in-page.js is loaded. Should that
// fail, the port hands everything to a worker, which Chrome starts when the page is shown.
(() => {
  const KEPT_KEY = "hb-python-kept";
  const el = document.currentScript;
  // the page's status shows its (indeterminate) progress bar from the first paint (handbook.css)
  document.documentElement.classList.add("hb-python-starting");
  const workerURL = new URL(el.dataset.worker, location.href).href;
  const runtime = JSON.parse(el.dataset.runtime || "{}");
  let kept = null;   // the snapshot the worker said it kept (calculator/page.js remembers it)
  try {
    kept = localStorage.getItem(KEPT_KEY);
  } catch {
    // no storage: no hint
  }
  const boot = {
    type: "boot",
    pyodide: new URL(el.dataset.pyodide, location.href).href,
    packages: el.dataset.packages.split(" "),
    runtime,
    hint: runtime.snapshot && kept === runtime.snapshot.file ? "kept" : "",
  };
  // What the worker says before calculator/page.js listens (a failure above all) is kept for it
  // (python/client.js takes it over with the worker).
  const early = { messages: [], error: null };
  const listen = (target) => {
    target.early = early;
    target.onmessage = (event) => early.messages.push(event.data);
    target.onerror = (event) => {
      early.error = { message: event.message || "" };
      if (event.preventDefault) event.preventDefault();
    };
    return target;
  };
  if (document.prerendering) {
    const port = {
      onmessage: null, onerror: null, pending: [], stopped: false, early: null,
      postMessage(message) { this.pending.push(message); },
      terminate() { this.stopped = true; },
    };
    window.__handbookWorker = listen(port);
    import(new URL("in-page.js", workerURL).href)
      .then(({ startInPage }) => startInPage(port, workerURL, boot))
      .catch(() => {
        const worker = new Worker(workerURL, { type: "module" });
        worker.onmessage = (event) => port.onmessage(event);
        worker.onerror = (event) => port.onerror(event);
        port.postMessage = (message) => worker.postMessage(message);
        port.terminate = () => worker.terminate();
        for (const message of [boot, ...port.pending.splice(0)]) worker.postMessage(message);
      });
    return;
  }
  try {
    const worker = listen(new Worker(workerURL, { type: "module" }));
    worker.postMessage(boot);
    window.__handbookWorker = worker;
  } catch {
    // no module workers here: calculator/page.js reports it
  }
})();
