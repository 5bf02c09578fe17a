// Python's files checked against the build's sha256 (python/worker.js): the memory snapshot,
// restored as it downloads, and the calculators' wheels. Each is named by its content, so a cached
// copy is always right and the server is never asked again. The check is crypto.subtle's where the
// page is a secure context (20 ms for the snapshot's 15 MB), else subresource integrity (the
// browser's own check while the file streams).

/** @param {ArrayBuffer} buffer */
const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** @param {string} sha256  hex */
function integrity(sha256) {
  return "sha256-" + btoa(String.fromCharCode(...(sha256.match(/../g) || []).map((h) => parseInt(h, 16))));
}

const subtle = () => self.crypto && self.crypto.subtle;

/**
 * Settles when the bytes are the ones the build made (at once where there is no crypto.subtle:
 * subresource integrity checked them as they came).
 * @param {Uint8Array} bytes
 * @param {string} sha256
 */
export const checkSha256 = (bytes, sha256) => !subtle() ? Promise.resolve()
  : subtle().digest("SHA-256", /** @type {BufferSource} */ (bytes)).then((digest) => {
    if (hex(digest) !== sha256) throw new Error("snapshot sha256 mismatch");
  });

/**
 * @param {string} url
 * @param {string} sha256
 * @param {boolean} cacheOnly   only from the HTTP cache (the line is slow, or the reader saves data)
 * @param {AbortSignal} [signal]
 * @param {(url: string, init: RequestInit) => Promise<Response>} [fetcher]   one that counts the bytes
 */
function snapshotResponse(url, sha256, cacheOnly, signal, fetcher = fetch) {
  return fetcher(url, {
    mode: "same-origin", cache: cacheOnly ? "only-if-cached" : "force-cache", signal,
    ...(subtle() ? {} : { integrity: integrity(sha256) }),
  }).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response;
  });
}

/**
 * The snapshot's bytes, checked: fetched after the first answer, for the next visit (a slow line
 * did not wait for it).
 * @param {string} url
 * @param {string} sha256
 */
export async function fetchSnapshot(url, sha256) {
  const bytes = new Uint8Array(await (await snapshotResponse(url, sha256, false)).arrayBuffer());
  await checkSha256(bytes, sha256);
  return bytes;
}

/**
 * The snapshot restored as it downloads: its memory, given to Pyodide at once, is written as the
 * bytes arrive (python/snapshot-file.js snapshotWriter), and Pyodide's own setup (its loader's outer
 * function, the wasm's instantiation and linking: about 0.1 s) runs meanwhile; it waits for `filled`
 * only where it copies the memory in. `filled` gives the file as it came (to keep, once checked);
 * `checked` settles once the sha256 is checked, in the browser's crypto thread while Python is
 * restored: a restore from bytes that fail it is thrown away.
 * @param {string} url
 * @param {{sha256: string, bytes: number, memory: number}} snapshot
 * @param {boolean} cacheOnly
 * @param {AbortSignal} signal
 * @param {Promise<typeof import("./snapshot-file.js")>} reader
 * @param {(url: string, init: RequestInit) => Promise<Response>} fetcher   one that counts the bytes
 */
export async function downloadSnapshot(url, snapshot, cacheOnly, signal, reader, fetcher) {
  const response = await snapshotResponse(url, snapshot.sha256, cacheOnly, signal, fetcher);
  const file = (await reader).snapshotWriter(snapshot.bytes, snapshot.memory);
  const body = response.body;
  if (!body) throw new Error("no body");
  const filled = (async () => {
    const stream = body.getReader();
    for (;;) {
      const { done, value } = await stream.read();
      if (done) break;
      file.write(value);
    }
    return file.finish();
  })();
  filled.catch(() => {});
  const checked = filled.then((packed) => checkSha256(packed, snapshot.sha256));
  checked.catch(() => {});
  return { memory: file.memory, filled, checked };
}

/**
 * The packages' wheels, checked against the lock's sha256.
 * @param {string} indexURL
 * @param {import("./protocol.js").Runtime} runtime
 * @param {string[]} packages
 * @param {(url: string, init: RequestInit) => Promise<Response>} fetcher   one that counts the bytes
 */
export async function wheelBytes(indexURL, runtime, packages, fetcher) {
  const lock = (runtime.lock && runtime.lock.packages) || {};
  const check = subtle();
  return Promise.all(packages.map(async (name) => {
    const entry = lock[name];
    if (!entry) throw new Error(`运行环境清单中没有 ${name}`);
    const response = await fetcher(indexURL + entry.file_name, {
      mode: "same-origin", cache: "force-cache", ...(check ? {} : { integrity: integrity(entry.sha256) }),
    });
    if (!response.ok) throw new Error(`${entry.file_name}：HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (check && hex(await check.digest("SHA-256", bytes)) !== entry.sha256) throw new Error(`${entry.file_name} 校验失败`);
    return bytes;
  }));
}
