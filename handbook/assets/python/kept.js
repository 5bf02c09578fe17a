// The copies of Python's runtime this browser keeps for its next visit (python/worker.js): the
// memory snapshot, and the wasm it belongs to. Imported by the worker as it starts.
//
// The kept snapshot lives in the origin private file system, read in one call through a sync
// access handle (about 30 ms for its 31 MB, where Cache Storage took 100–200 ms); a browser without
// it (WebKitGTK) keeps it in IndexedDB (python/kept-db.js). Another tab holding the file open, a
// half-written file (its size is checked) or a full storage only mean no kept copy: the HTTP cache
// still has it. One entry: the current snapshot (older ones go when a new one is kept). A copy is
// kept only once it has passed its sha256 check.

import { SNAPSHOT_FOLDER } from "../browser/storage-keys.js";
import { checkSha256, fetchSnapshot } from "./verified.js";

const KEPT = SNAPSHOT_FOLDER;
// the kept snapshot where there is no private file system (WebKitGTK): only imported there
const keptDatabase = () => import("./kept-db.js");

/** @type {Promise<FileSystemDirectoryHandle | null> | null} */
let folder = null;
function keptFolder() {
  folder = folder || (async () => {
    if (!self.navigator || !navigator.storage || !navigator.storage.getDirectory) return null;
    try {
      return await (await navigator.storage.getDirectory()).getDirectoryHandle(KEPT, { create: true });
    } catch {
      return null;
    }
  })();
  return folder;
}

/** @param {string} url */
export const fileName = (url) => url.split("/").pop() || "";

// The runtime's wasm is kept beside the snapshot it belongs to, under the snapshot's name: the
// HTTP cache holds it compressed, and reading it from there (brotli-decoded again, 9.6 MB) took
// 60–80 ms of a later visit's start where the kept copy is read in under 10 ms and compiled in
// about 20 (V8 compiles a module's functions when they are first called). Kept only where a worker
// can read it at once (a sync access handle in the private file system), after the first answer.
/** @param {string} snapshotFile */
const wasmCopyName = (snapshotFile) => snapshotFile.replace(/\.bin$/, "") + ".wasm";

/**
 * The kept wasm's bytes, or null.
 * @param {import("./protocol.js").Runtime} runtime
 */
export async function keptWasm(runtime) {
  const size = ((runtime.sizes || {})["pyodide.asm.wasm"] || [])[0];
  const dir = size && runtime.snapshot ? await keptFolder() : null;
  if (!dir || !runtime.snapshot) return null;
  try {
    const handle = await (await dir.getFileHandle(wasmCopyName(runtime.snapshot.file))).createSyncAccessHandle();
    try {
      const bytes = new Uint8Array(size);
      return handle.getSize() === size && handle.read(bytes, { at: 0 }) === size ? bytes : null;
    } finally {
      handle.close();
    }
  } catch {
    return null;   // not kept yet, or open in another tab
  }
}

/**
 * After the first answer: the wasm, from the HTTP cache, checked against the build's sha256.
 * @param {(url: string) => Promise<ArrayBuffer>} cached   the bytes of a URL from the HTTP cache
 * @param {string} indexURL
 * @param {import("./protocol.js").Runtime} runtime
 */
export async function keepWasm(cached, indexURL, runtime) {
  const dir = await keptFolder();
  const expected = runtime.snapshot && runtime.snapshot.wasm;
  if (!dir || !expected || !runtime.snapshot || !(self.crypto && crypto.subtle)) return;
  const name = wasmCopyName(runtime.snapshot.file);
  try {
    const bytes = new Uint8Array(await cached(indexURL + "pyodide.asm.wasm"));
    await checkSha256(bytes, expected);
    await writeKept(dir, name, bytes);
  } catch {
    // not as the build made it, half written, or a full storage: not kept
  }
}

/**
 * One file of the kept folder written whole, through a sync access handle; removed if that fails.
 * @param {FileSystemDirectoryHandle} dir
 * @param {string} name
 * @param {Uint8Array} bytes
 */
async function writeKept(dir, name, bytes) {
  try {
    const handle = await (await dir.getFileHandle(name, { create: true })).createSyncAccessHandle();
    try {
      handle.truncate(0);
      handle.write(bytes, { at: 0 });
      handle.flush();
    } finally {
      handle.close();
    }
  } catch (err) {
    await dir.removeEntry(name).catch(() => {});
    throw err;
  }
}

/**
 * The kept copy's memory, whole (python/snapshot-file.js), or null. Read from a sync access handle
 * straight into the memory, run by run; a page (Python prerendered in it) has no sync access handle
 * and reads the file as a whole.
 * @param {string} url
 * @param {number} size
 * @param {Promise<typeof import("./snapshot-file.js")>} reader
 * @param {boolean} inWorker
 */
export async function keptSnapshot(url, size, reader, inWorker) {
  // a prerendered page's storage waits for the page to be shown (Chrome defers it): the HTTP cache
  // holds the snapshot too, if it was fetched before
  if (!inWorker && document.prerendering) return null;
  const dir = await keptFolder();
  if (dir) {
    try {
      const file = await dir.getFileHandle(fileName(url));
      if (!inWorker) {
        const bytes = new Uint8Array(await (await file.getFile()).arrayBuffer());
        if (bytes.length === size) return (await reader).expandSnapshot(bytes);
        throw new Error("cut short");
      }
      const handle = await file.createSyncAccessHandle();
      try {
        if (handle.getSize() === size) {
          const { readSnapshot } = await reader;
          return readSnapshot((view, at) => handle.read(view, { at }), size);
        }
      } finally {
        handle.close();
      }
    } catch {
      // not kept here, damaged, or open in another tab: the HTTP cache may have it
    }
    return null;
  }
  // no private file system here: IndexedDB (python/kept-db.js)
  try {
    const bytes = await (await keptDatabase()).readKept(fileName(url));
    return bytes && bytes.length === size ? (await reader).expandSnapshot(bytes) : null;
  } catch {
    return null;
  }
}

/**
 * Keep the verified bytes for the next visit; older snapshots go. Returns the URL when kept.
 * @param {string} url
 * @param {Uint8Array} bytes
 * @returns {Promise<string | undefined>}
 */
export async function keepSnapshot(url, bytes) {
  const dir = await keptFolder();
  if (dir) {
    try {
      const current = [fileName(url), wasmCopyName(fileName(url))];
      // (a directory handle's keys() is not in TypeScript's DOM types yet)
      for await (const name of /** @type {any} */ (dir).keys()) if (!current.includes(name)) await dir.removeEntry(name);
      await writeKept(dir, fileName(url), bytes);
      if (self.caches) await caches.delete(KEPT).catch(() => {});   // a copy kept the older way
      return url;
    } catch {
      return undefined;   // half written, or a full storage: not kept here
    }
  }
  try {
    await (await keptDatabase()).writeKept(fileName(url), bytes);
    if (self.caches) await caches.delete(KEPT).catch(() => {});   // a copy kept the older way
    return url;
  } catch {
    return undefined;   // a full storage (QuotaExceededError) or a private window: the HTTP cache has it
  }
}

/**
 * After the first answer, with the line free: keep the snapshot verified on this visit, or fetch
 * the one a slow line did not wait for (the next visit then restores it), and the wasm beside it.
 * Returns the kept snapshot's file name for the page to remember (also when it was found kept
 * without the page knowing: an earlier visit left before it was told), else undefined.
 * @param {object} visit
 * @param {string} visit.indexURL
 * @param {import("./protocol.js").Runtime} visit.runtime
 * @param {[string, Uint8Array] | null} visit.toKeep   a snapshot verified on this visit
 * @param {string | undefined} visit.fetchLater          a snapshot to fetch now
 * @param {(url: string) => Promise<ArrayBuffer>} visit.cached
 * @param {string} visit.how                            how this visit had its snapshot
 * @param {string | undefined} visit.wasm               "kept" when the kept wasm compiled
 */
export async function keepForNextVisit({ indexURL, runtime, toKeep, fetchLater, cached, how, wasm }) {
  try {
    const snapshot = runtime.snapshot;
    let url = undefined;
    if (toKeep) url = await keepSnapshot(...toKeep);
    else if (fetchLater && snapshot) url = await keepSnapshot(fetchLater, await fetchSnapshot(fetchLater, snapshot.sha256));
    if ((url || how === "kept") && wasm !== "kept") await keepWasm(cached, indexURL, runtime);
    if (url) return fileName(url);
    if (how === "kept" && snapshot) return snapshot.file;
  } catch {
    // the next visit will start plainly again
  }
  return undefined;
}
