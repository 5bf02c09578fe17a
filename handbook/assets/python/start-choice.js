// The worker's choice of how Python starts (python/worker.js boot), apart from the browser: pure, so
// that each way through it is tested in Node (tests/js/start-choice.test.mjs) with stand-ins for the
// kept copy, the line and the download.
//
// Two ways to start (handbook/runtime/): restore the build's memory snapshot of an interpreter that
// has already imported the calculators (about 0.5 s of work, 4 MB more to download), or start Python
// and load the wheel (about 2 s of work). Which one, in this order:
//  1. a snapshot this browser verified before is kept (python/kept.js): restore it;
//  2. the reader asked to save data: restore a snapshot only if the HTTP cache has it;
//  3. otherwise the line is measured on the runtime's first bytes (python/line.js): on a fast line
//     the snapshot is fetched and restored; on a slow one Python starts plainly, and the snapshot
//     is fetched after the first answer, for the next visit (so a weak line spends nothing on it
//     before the first answer).
// Looking for a kept copy takes 50–150 ms on a first visit; unless the page's hint says one is
// kept, the line is measured meanwhile, and a download begun is dropped if a copy turns up after all.

/**
 * Whether to leave the snapshot to the HTTP cache (true) or fetch it (false), once the line is
 * measured. `mbps`: the line's speed; null when everything came at once (no line to speak of);
 * undefined when nothing was measured in time (slow, or stalled). `counting` false: the page said a
 * copy was kept and it is gone, so the HTTP cache likely has it.
 * @param {{saveData: boolean, counting: boolean, mbps: number | null | undefined, slowMbps: number}} line
 * @returns {boolean}
 */
export function cacheOnlyFor({ saveData, counting, mbps, slowMbps }) {
  if (saveData) return true;
  if (!counting) return false;
  if (mbps === undefined) return true;
  return mbps !== null && mbps < slowMbps;
}

/**
 * @template M  the snapshot's memory, as the worker holds it
 * @template D  a download of it, restored as it comes
 * @typedef {{how: "kept", memory: M}
 *   | {how: "fetched" | "cached", snapshot: D}
 *   | {how: "none", fetchLater: boolean}} SnapshotChoice
 */

/**
 * How the snapshot is had: kept, downloaded (or read from the HTTP cache) as it is restored, or not
 * at all (Python starts plainly; `fetchLater`: fetch it after the first answer, for the next visit).
 * @template M, D
 * @param {object} ways
 * @param {string} ways.hint              "kept" when the page was told a copy is kept
 * @param {Promise<M | null>} ways.keptCopy   the kept copy's memory, or null (never rejects)
 * @param {() => Promise<boolean>} ways.decideLine   cache only (true) or fetch (false); asked once
 * @param {(cacheOnly: boolean) => {fetched: Promise<D>, abort: () => void}} ways.download
 * @param {boolean} ways.saveData
 * @returns {Promise<SnapshotChoice<M, D>>}
 */
export async function chooseSnapshot({ hint, keptCopy, decideLine, download, saveData }) {
  if (hint === "kept") {
    const kept = await keptCopy;
    if (kept) return { how: "kept", memory: kept };
  }
  const line = decideLine();
  const first = await Promise.race([keptCopy.then((memory) => ({ memory })), line.then(() => ({ memory: null }))]);
  if (first.memory) return { how: "kept", memory: first.memory };
  const cacheOnly = await line;
  const fetching = download(cacheOnly);
  fetching.fetched.catch(() => {});
  const kept = await keptCopy;
  if (kept) {
    fetching.abort();
    return { how: "kept", memory: kept };
  }
  try {
    return { how: cacheOnly ? "cached" : "fetched", snapshot: await fetching.fetched };
  } catch {
    return { how: "none", fetchLater: cacheOnly && !saveData };
  }
}
