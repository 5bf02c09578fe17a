// Python in the page itself, for a calculator page that Chrome prerenders because the reader pointed
// at a link to it (the speculation rules on the other pages). Chrome creates no worker in a
// prerendered page until it is shown, so Python would only start at the click; here it starts at
// once, on the page's own thread (python/worker.js runs as well in a page as in a worker), and the
// click shows a page whose Python is ready.
//
// python/early.js gives calculator/page.js a port at once (what a Worker gives it: postMessage,
// onmessage, onerror, terminate; messages posted before this module is loaded wait in port.pending);
// startInPage makes it answer. A few seconds after the page is shown a real worker is started with
// the same "start" message and, once it is ready, takes over, and Python in the page is let go: a run
// that hangs can only be stopped in a worker (calculator/page.js's watchdog terminates it), and one
// interpreter is enough for a phone's memory. If Python in the page fails, the worker takes over as
// soon as the page is shown, and the reader sees the worker's start as on any other visit.
//
// <html data-python-in="page|worker"> says which one answers (for tests and for a curious reader).

import { spawn } from "./client.js";

const HANDOVER_MS = 3000;   // after the page is shown: meanwhile the first answers come from the page

export async function startInPage(port, workerURL, bootMessage) {
  const { inPage } = await import(workerURL);
  const root = document.documentElement;
  let worker = null;
  let workerReady = false;
  let pageReady = false;
  let pageFailed = null;     // the page's "failed" message, which only the worker's outcome replaces
  let startMessage = null;
  let stopped = false;
  const deliver = (message) => setTimeout(() => { if (!stopped && port.onmessage) port.onmessage({ data: message }); });

  const python = inPage((message) => {
    if (message.type === "failed") {
      pageFailed = message;
      if (!document.prerendering) handOver(0);
    } else if (!workerReady && !pageFailed) {
      if (message.type === "ready") pageReady = true;
      deliver(structuredClone(message));   // as a worker's message would arrive: a copy
    }
  });
  root.dataset.pythonIn = "page";

  function handOver(delay) {
    setTimeout(() => {
      if (worker || stopped || !startMessage) return;
      try {
        worker = spawn(workerURL);
      } catch {
        if (pageFailed) deliver(pageFailed);   // no worker either: the page says why
        return;
      }
      worker.onmessage = ({ data }) => {
        if (data.type === "ready" && !workerReady) {
          workerReady = true;
          root.dataset.pythonIn = "worker";
          python.release();
          if (!pageReady) deliver(data);   // else the page said so long ago
        } else if (workerReady || pageFailed) {
          deliver(data);   // its start is news only if Python in the page failed
        }
      };
      worker.onerror = (event) => {
        if (pageFailed && port.onerror) port.onerror(event);
      };
      worker.postMessage(startMessage);
    }, delay);
  }

  function postMessage(message) {
    if (message.type === "start") startMessage = message;
    if (workerReady) worker.postMessage(message);
    else if (!pageFailed) setTimeout(() => python.receive(structuredClone(message)));
    else if (worker) worker.postMessage(message);   // queued there until it is ready
  }

  // calculator/page.js's watchdog, when a run did not answer in time: whatever answers here is no
  // longer listened to (page.js then starts a worker of its own). A run in the page cannot be
  // stopped, but it has returned by the time a timer can call this.
  function terminate() {
    stopped = true;
    if (worker) worker.terminate();
    python.release();
  }

  const shown = () => handOver(pageFailed ? 0 : HANDOVER_MS);
  if (document.prerendering) document.addEventListener("prerenderingchange", shown, { once: true });
  else shown();
  python.receive(bootMessage);
  const pending = port.pending.splice(0);
  stopped = Boolean(port.stopped);
  Object.assign(port, { postMessage, terminate });
  for (const message of pending) postMessage(message);
}
