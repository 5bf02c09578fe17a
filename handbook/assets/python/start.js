// The message that starts Python in python/worker.js, the same for calculator and form pages:
// the element's data attributes give the versioned Pyodide folder, the packages, and the runtime
// the build made (the lock, and the snapshot's name and sha256). The worker chooses how to start.

export function startMessage(element, params) {
  return {
    type: "start",
    params,
    pyodide: new URL(element.dataset.pyodide, location.href).href,
    packages: element.dataset.packages.split(" "),
    runtime: JSON.parse(element.dataset.runtime || "{}"),
  };
}
