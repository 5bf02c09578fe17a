// The build's memory snapshot as the site serves it (handbook/runtime/snapshot.py pack): "HBS1",
// the memory's size, the number of runs of non-zero pages, each run's offset and length (u32,
// little-endian), then the runs' bytes. More than half of the memory is zero pages, left out of the file;
// Pyodide is given the memory whole. Imported by python/worker.js when it restores a snapshot,
// and by the Node tests that restore one.
//
// readSnapshot reads through readAt(view, at), which fills view from the file's byte at: a kept
// copy is read straight into the memory, run by run (no second buffer of the file's 13 MB to copy and collect).
// snapshotWriter takes a download as it arrives: each chunk's runs go into the memory at once, so
// the memory is whole when the last chunk is in (Pyodide is given it before, and waits for it).
// expandSnapshot does the same from bytes already in hand.

const MAGIC = [0x48, 0x42, 0x53, 0x31];   // "HBS1"
const HEAD = 12;

export function readSnapshot(readAt, fileSize) {
  const head = new Uint8Array(HEAD);
  if (fileSize < HEAD || readAt(head, 0) !== HEAD || MAGIC.some((b, i) => head[i] !== b)) {
    throw new Error("not a packed snapshot");
  }
  const view = new DataView(head.buffer);
  const size = view.getUint32(4, true);
  const count = view.getUint32(8, true);
  const table = new Uint8Array(8 * count);
  if (HEAD + table.length > fileSize || readAt(table, HEAD) !== table.length) throw new Error("packed snapshot cut short");
  const runs = new DataView(table.buffer);
  const memory = new Uint8Array(size);
  let at = HEAD + table.length;
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

// The file's bytes (packed, its first `received` of them in) written into a memory of memorySize,
// as far as they go; write(chunk) adds the next ones, finish() says the file is whole and right.
function writer(packed, memorySize, received) {
  const fileSize = packed.length;
  const memory = new Uint8Array(memorySize);
  let runs = null;    // the run table, once it is in
  let count = 0;
  let run = 0;        // the run being copied, which starts at the file's byte runAt
  let runAt = 0;
  let copied = 0;     // the file's bytes copied into the memory so far
  function advance() {
    if (!runs) {
      if (received < HEAD) return;
      if (MAGIC.some((b, i) => packed[i] !== b)) throw new Error("not a packed snapshot");
      const head = new DataView(packed.buffer, packed.byteOffset, HEAD);
      if (head.getUint32(4, true) !== memorySize) throw new Error("packed snapshot of another size");
      count = head.getUint32(8, true);
      if (HEAD + 8 * count > fileSize) throw new Error("packed snapshot cut short");
      if (received < HEAD + 8 * count) return;
      runs = new DataView(packed.buffer, packed.byteOffset + HEAD, 8 * count);
      runAt = copied = HEAD + 8 * count;
    }
    for (; run < count; run++) {
      const offset = runs.getUint32(8 * run, true);
      const length = runs.getUint32(8 * run + 4, true);
      if (offset + length > memorySize || runAt + length > fileSize) throw new Error("packed snapshot cut short");
      const end = Math.min(received, runAt + length);
      if (end > copied) {
        memory.set(packed.subarray(copied, end), offset + copied - runAt);
        copied = end;
      }
      if (copied < runAt + length) return;
      runAt += length;
    }
  }
  advance();
  return {
    memory,
    packed,
    write(chunk) {
      if (received + chunk.length > fileSize) throw new Error("packed snapshot has bytes left over");
      packed.set(chunk, received);
      received += chunk.length;
      advance();
    },
    finish() {
      advance();
      if (received < fileSize || !runs || run < count) throw new Error("packed snapshot cut short");
      if (runAt !== fileSize) throw new Error("packed snapshot has bytes left over");
      return packed;
    },
  };
}

// a download of fileSize bytes that the build says holds a memory of memorySize
export function snapshotWriter(fileSize, memorySize) {
  return writer(new Uint8Array(fileSize), memorySize, 0);
}

export function expandSnapshot(packed) {
  const bytes = packed instanceof Uint8Array ? packed : new Uint8Array(packed);
  if (bytes.length < HEAD || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error("not a packed snapshot");
  const size = new DataView(bytes.buffer, bytes.byteOffset, HEAD).getUint32(4, true);
  const whole = writer(bytes, size, bytes.length);
  whole.finish();
  return whole.memory;
}
