// The build's memory snapshot as the site serves it (handbook/runtime/snapshot.py pack): "HBS1",
// the memory's size, the number of runs of non-zero pages, each run's offset and length (u32,
// little-endian), then the runs' bytes. Half of the memory is zero pages, left out of the file;
// expandSnapshot gives Pyodide the memory whole. Imported by python/worker.js only when it restores
// a snapshot, and by the Node tests that restore one.

const MAGIC = [0x48, 0x42, 0x53, 0x31];   // "HBS1"

export function expandSnapshot(packed) {
  const bytes = packed instanceof Uint8Array ? packed : new Uint8Array(packed);
  if (bytes.length < 12 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error("not a packed snapshot");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getUint32(4, true);
  const count = view.getUint32(8, true);
  const memory = new Uint8Array(size);
  let at = 12 + 8 * count;
  for (let i = 0; i < count; i++) {
    const offset = view.getUint32(12 + 8 * i, true);
    const length = view.getUint32(16 + 8 * i, true);
    if (offset + length > size || at + length > bytes.length) throw new Error("packed snapshot cut short");
    memory.set(bytes.subarray(at, at + length), offset);
    at += length;
  }
  if (at !== bytes.length) throw new Error("packed snapshot has bytes left over");
  return memory;
}
