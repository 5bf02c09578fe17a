// node --test tests/js/: the line's speed for the worker's start, not slowed by a busy CPU
// (handbook/assets/python/line.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { absenceMeter, CONFIRM_BYTES, lineMbps, PROBE_BYTES, settled, SLOW_MBPS, TICK_MS }
  from "../../handbook/assets/python/line.js";

test("bytes over the time the thread was there to read them", () => {
  // 256 KB in 1.3 s on an idle thread: 1.6 Mbit/s, slow
  assert.equal(Math.round(lineMbps(262_144, 1300) * 10) / 10, 1.6);
  // 256 KB read in 120 ms of which the thread was away 100 ms: a fast line under a busy CPU
  assert.ok(lineMbps(262_144, 120, 100) > SLOW_MBPS);
  assert.ok(lineMbps(262_144, 120, 0) < SLOW_MBPS);
  // everything at once: no time to measure
  assert.equal(lineMbps(262_144, 0), null);
});

test("a slow line stays slow however busy the CPU: at most 90% of the time is taken off", () => {
  // 1.6 Mbit/s: 1.3 s for 256 KB; even with the thread away nine tenths of it, 16 Mbit/s < 25
  assert.ok(lineMbps(262_144, 1300, 5000) < SLOW_MBPS);
  assert.equal(lineMbps(262_144, 1000, 5000), lineMbps(262_144, 1000, 900));
});

// a made-up clock and timers
function clock() {
  let t = 0;
  const timers = [];
  return {
    now: () => t,
    schedule: (fn, ms) => { const h = { at: t + ms, fn }; timers.push(h); return h; },
    cancel: (h) => { const i = timers.indexOf(h); if (i >= 0) timers.splice(i, 1); },
    // run time forward; `busy` ms at a time the thread is kept away (timers fire late)
    run(ms, busy = 0) {
      const end = t + ms;
      while (timers.length) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (next.at > end) break;
        timers.shift();
        t = Math.max(t, next.at) + busy;
        next.fn();
      }
      t = Math.max(t, end);
    },
  };
}

test("an idle thread is never away; a busy one is away by what its timers are late", () => {
  const idle = clock();
  const meter = absenceMeter(idle.now, idle.schedule, idle.cancel);
  idle.run(1000);
  assert.equal(meter.absent(), 0);
  meter.stop();

  const busy = clock();
  const m = absenceMeter(busy.now, busy.schedule, busy.cancel);
  busy.run(1000, 30);   // each tick runs 30 ms late: away about 26 ms of every 40
  const away = m.absent();
  assert.ok(away > 550 && away < 700, String(away));
  m.stop();
  busy.run(1000, 30);
  assert.ok(m.absent() >= away);   // stopped: no more ticks, an overdue one still counts
});

test("the tick is short enough to notice a 25 Mbit/s line's 84 ms for 256 KB", () => {
  assert.ok(TICK_MS * 4 < (262_144 * 8) / 25_000);
});

test("a reading near the threshold is taken again on more bytes; a clear one settles at once", () => {
  assert.equal(settled(100, PROBE_BYTES - 1), false);        // not enough bytes yet
  assert.equal(settled(100, PROBE_BYTES), true);             // clearly fast
  assert.equal(settled(1.6, PROBE_BYTES), true);             // a weak line, told at once
  assert.equal(settled(null, PROBE_BYTES), true);            // everything at once
  assert.equal(settled(20, PROBE_BYTES), false);             // 20 Mbit/s: read on
  assert.equal(settled(SLOW_MBPS / 4, PROBE_BYTES), false);
  assert.equal(settled(20, CONFIRM_BYTES), true);            // and then decided, whatever it says
});
