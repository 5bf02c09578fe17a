// What the worker fetched early, handed to Pyodide (python/worker.js): installed in a real worker
// only, never in a page (Python prerendered in a page leaves the page's own fetch alone).
//
// Files Python needs whichever way it starts are requested as the worker begins (worker.js
// fetchEarly); the response, unread, goes to the first later request for the same URL (Pyodide's
// own), so nothing is read twice. And the wasm is compiled as soon as its response starts (from the
// browser's cache of compiled code on later visits), not once Pyodide's loader is imported, which is
// when Pyodide would ask: Pyodide fetches the wasm and instantiates it with
// WebAssembly.instantiateStreaming(response, imports); its fetch gets a stand-in response, and
// instantiateStreaming, given the stand-in, instantiates the module compiled here (any other
// response goes to the browser's own). A failed compile fails there, as Pyodide's own would. A kept
// copy of the wasm (python/kept.js keptWasm) is compiled from its bytes instead; should they not
// compile, from the HTTP cache as on a first visit.

/**
 * @param {Map<string, Promise<Response>>} early   URL → a response requested early, not yet taken
 * @param {(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>} countedFetch
 * @param {Record<string, any>} marks   the worker's timings: wasm "kept" when the kept copy compiled
 */
export function handOver(early, countedFetch, marks) {
  /** @type {{url: string, module: Promise<WebAssembly.Module> | null, standIn: Response}} */
  const compiling = { url: "", module: null, standIn: new Response(null) };
  self.fetch = (input, init) => {
    const url = String(typeof input === "object" && "url" in input ? input.url : input);
    if (url === compiling.url && compiling.module) return Promise.resolve(compiling.standIn);
    const waiting = early.get(url);
    if (waiting) {
      early.delete(url);
      return waiting;
    }
    return countedFetch(input, init);
  };
  // (a browser without WebAssembly gets as far as "boot", which says so)
  const instantiateStreaming = self.WebAssembly && WebAssembly.instantiateStreaming;
  if (instantiateStreaming) {
    WebAssembly.instantiateStreaming = async (source, imports) => {
      if ((await source) !== compiling.standIn || !compiling.module) return instantiateStreaming(source, imports);
      const module = await compiling.module;
      return { module, instance: await WebAssembly.instantiate(module, imports) };
    };
  }

  /**
   * Compile the wasm now: from the kept copy's bytes when there is one, else from its early response.
   * @param {string} url
   * @param {Promise<Uint8Array> | null} keptBytes
   */
  function compile(url, keptBytes) {
    if (keptBytes) {
      compiling.url = url;
      compiling.module = keptBytes.then((bytes) => WebAssembly.compile(/** @type {BufferSource} */ (bytes))).then((module) => {
        marks.wasm = "kept";
        return module;
      }, () => WebAssembly.compileStreaming(countedFetch(url, { cache: "force-cache" })));
      compiling.module.catch(() => {});
      return;
    }
    const response = early.get(url);
    if (!response || !WebAssembly.compileStreaming) return;
    early.delete(url);
    compiling.url = url;
    compiling.module = WebAssembly.compileStreaming(response);
    compiling.module.catch(() => {});
  }
  return { compile };
}
