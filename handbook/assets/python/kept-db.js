// Python's kept snapshot in IndexedDB, for a browser whose workers have no private file system
// (WebKitGTK 2.50: no navigator.storage). The worker used Cache Storage there, but in WebKitGTK a
// module worker's Cache Storage did not outlive the page: the copy written on a first visit was
// gone on the reload and on the next visit (every start a download again, 2.6–4.3 s), where an
// IndexedDB record written by the same worker was still there. One record per file, by name; the
// current snapshot only. Also read by the page that lists what the site keeps (storage/page.js).

import { PYTHON_DB } from "../browser/storage-keys.js";

export const DATABASE = PYTHON_DB;
const STORE = "kept";

/** @returns {Promise<IDBDatabase | null>} null where there is no IndexedDB (or it is refused) */
export function openKept() {
  return new Promise((resolve) => {
    if (!self.indexedDB) {
      resolve(null);
      return;
    }
    try {
      const request = indexedDB.open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null);   // a private window that refuses storage
    }
  });
}

/**
 * @param {IDBDatabase} db
 * @param {"readonly" | "readwrite"} mode
 * @param {(store: IDBObjectStore) => IDBRequest | void} work
 */
function within(db, mode, work) {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request ? request.result : undefined);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error || new Error("aborted"));
  });
}

/**
 * The kept bytes of `name`, or null.
 * @param {string} name
 * @returns {Promise<Uint8Array | null>}
 */
export async function readKept(name) {
  const db = await openKept();
  if (!db) return null;
  try {
    const value = await within(db, "readonly", (store) => store.get(name));
    return value instanceof ArrayBuffer ? new Uint8Array(value) : null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/**
 * Keep `bytes` as `name`, and nothing else. Throws when it cannot (a full storage).
 * @param {string} name
 * @param {Uint8Array} bytes
 */
export async function writeKept(name, bytes) {
  const db = await openKept();
  if (!db) throw new Error("no IndexedDB");
  try {
    const copy = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer
      : bytes.slice().buffer;
    await within(db, "readwrite", (store) => {
      store.clear();
      store.put(copy, name);
    });
  } finally {
    db.close();
  }
}

/** @returns {Promise<{name: string, bytes: number}[]>} what is kept, for the page that lists it */
export async function listKept() {
  const db = await openKept();
  if (!db) return [];
  try {
    const names = await within(db, "readonly", (store) => store.getAllKeys());
    const out = [];
    for (const name of names) {
      const value = await within(db, "readonly", (store) => store.get(name));
      out.push({ name: String(name), bytes: value ? value.byteLength : 0 });
    }
    return out;
  } catch {
    return [];
  } finally {
    db.close();
  }
}
