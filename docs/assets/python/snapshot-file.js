// The build's memory snapshot as the site serves it (handbook/runtime/snapshot.py pack): "HBS1",
// the memory's size, the number of runs of non-zero pages, each run's offset and length (u32,
// little-endian), then the runs' bytes. Half of the memory is zero pages, left out of the file;
// Pyodide is given the memory whole. Imported by python/worker.js when it restores a snapshot,
// and by the Node tests that restore one.
//
// readSnapshot reads through readAt(view, at), which fills view from the file's byte at: a kept
// copy is read straight into the memory, run by run (no second 15 MB buffer to copy and collect);
// expandSnapshot does the same from bytes already in hand (a downloaded snapshot).

const MAGIC = [0x48, 0x42, 0x53, 0x31];   // "HBS1"

export function readSnapshot(readAt, fileSize) {
  const head = new Uint8Array(12);
  if (fileSize < 12 || readAt(head, 0) !== 12 || MAGIC.some((b, i) => head[i] !== b)) {
    throw new Error("not a packed snapshot");
  }
  const view = new DataView(head.buffer);
  const size = view.getUint32(4, true);
  const count = view.getUint32(8, true);
  const table = new Uint8Array(8 * count);
  if (12 + table.length > fileSize || readAt(table, 12) !== table.length) throw new Error("packed snapshot cut short");
  const runs = new DataView(table.buffer);
  const memory = new Uint8Array(size);
  let at = 12 + table.length;
  for (let i = 0; i < count; i++) {
    const offset = runs.getUint32(8 * i, true);
    const length = runs.getUint32(8 * i + 4, true);
    if (offset + length > size || at + length > fileSize) throw new Error("packed snapshot cut short");
    if (readAt(memory.subarray(offset, offset + length), at) !== length) throw new Error("packed snapshot cut short");
    at += length;
  }
  if (at !== fileSize) throw new Error("packed snapshot has bytes left over");
  return memory;
}

export function expandSnapshot(packed) {
  const bytes = packed instanceof Uint8Array ? packed : new Uint8Array(packed);
  return readSnapshot((view, at) => {
    const part = bytes.subarray(at, at + view.length);
    view.set(part);
    return part.length;
  }, bytes.length);
}
