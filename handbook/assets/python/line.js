// How fast the line is, for the worker's choice between restoring the snapshot and starting Python
// plainly (python/worker.js lineDecision). Pure: tested in Node (tests/js/python-line.test.mjs).
//
// The worker counts the runtime's bytes as it reads them, on its own thread. A busy CPU (a cheap
// phone with other apps open, a machine running other work) keeps that thread off the processor:
// the bytes wait in the browser's pipe and are read late, so a fast line looks slow (seen: 20 Mbit/s
// read off loopback with two busy loops, and Python started plainly at 1.7× the time). So the
// thread's absences are measured too: a timer that should fire every TICK_MS and fires late says
// for how long the thread could not read, and that time is not held against the line. On an idle
// thread nothing is taken off; on a slow line the bytes are slow whoever reads them. And a reading
// near the threshold is taken again on more bytes (settled), where a moment's scheduling weighs less.

// Below this speed the snapshot costs more to download than it saves: it holds 5 MB more (brotli)
// and saves about 1.6 s of work, so it pays above 5 MB / 1.6 s ≈ 25 Mbit/s.
export const SLOW_MBPS = 25;
// The first reading is taken on PROBE_BYTES (84 ms at the threshold: a busy machine's scheduling
// can make it read low); one between a quarter of the threshold and the threshold is not trusted
// alone, and the line is read on to CONFIRM_BYTES. A weak line (under 6 Mbit/s) is told at once.
export const PROBE_BYTES = 256 * 1024;
export const CONFIRM_BYTES = 1024 * 1024;

/**
 * Whether a reading of `mbps` on `bytes` settles the line, or more bytes should be read first.
 * @param {number | null} mbps
 * @param {number} bytes
 */
export function settled(mbps, bytes) {
  if (bytes < PROBE_BYTES) return false;
  if (mbps === null || bytes >= CONFIRM_BYTES) return true;
  return mbps >= SLOW_MBPS || mbps < SLOW_MBPS / 4;
}
export const TICK_MS = 10;
// lateness a timer has on an idle thread (clamping, the event loop's own work) is not an absence
const SLACK_MS = 4;
// at least this share of the time is held against the line, whatever the timer says (at most 90%
// is taken off: a line is never read as more than ten times what the bytes show)
const MIN_PRESENT = 0.1;

/**
 * Mbit/s of a line that brought `bytes` in `elapsedMs`, of which the reading thread was away
 * `absentMs`; null when there is no time to measure (everything at once).
 * @param {number} bytes
 * @param {number} elapsedMs
 * @param {number} [absentMs]
 * @returns {number | null}
 */
export function lineMbps(bytes, elapsedMs, absentMs = 0) {
  if (!(elapsedMs > 0)) return null;
  const present = Math.max(elapsedMs - Math.max(0, absentMs), elapsedMs * MIN_PRESENT);
  return (bytes * 8) / 1000 / present;
}

/**
 * Measures how long a thread is kept from running: a timer every TICK_MS; whatever it is late by,
 * past SLACK_MS, is time away. `absent()` is the total so far; `stop()` ends it.
 * @param {() => number} now                        performance.now
 * @param {(fn: () => void, ms: number) => any} schedule   setTimeout
 * @param {(handle: any) => void} cancel            clearTimeout
 */
export function absenceMeter(now, schedule, cancel) {
  let away = 0;
  let last = now();
  let handle = null;
  const tick = () => {
    const t = now();
    away += Math.max(0, t - last - TICK_MS - SLACK_MS);
    last = t;
    handle = schedule(tick, TICK_MS);
  };
  handle = schedule(tick, TICK_MS);
  return {
    absent: () => away + Math.max(0, now() - last - TICK_MS - SLACK_MS),   // a tick overdue counts too
    stop: () => cancel(handle),
  };
}
