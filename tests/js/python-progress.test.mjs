// node --test tests/js/: the words of the progress bar while Python loads (handbook/assets/python/progress.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { describe, mb, MEANWHILE } from "../../handbook/assets/python/progress.js";

test("bytes received of bytes needed, in MB and per cent", () => {
  const d = describe({ loaded: 2_100_000, total: 5_300_000, ms: 500 });
  assert.equal(d.percent, 39);
  assert.match(d.text, /^正在下载 Python 运行环境：2\.1 \/ 5\.3 MB（39%）。可以先填写，结果会自动显示。$/);
});

test("on a slow line an estimate of the time left, in round figures", () => {
  // 1 MB in 5 s: 4.3 MB more takes about 21.5 s → 25 s
  const d = describe({ loaded: 1_000_000, total: 5_300_000, ms: 5000 });
  assert.match(d.text, /网络较慢，约还需 25 秒/);
  const long = describe({ loaded: 100_000, total: 5_300_000, ms: 10_000 });
  assert.match(long.text, /约还需 9 分钟/);
});

test("no estimate on a fast line, nor before the line is measured", () => {
  assert.doesNotMatch(describe({ loaded: 4_000_000, total: 5_300_000, ms: 2500 }).text, /约还需/);
  assert.doesNotMatch(describe({ loaded: 100, total: 5_300_000, ms: 300 }).text, /约还需/);
});

test("done, unknown total, and a reader who has already typed", () => {
  assert.equal(describe({ loaded: 5_300_000, total: 5_300_000, ms: 9000 }).percent, 100);
  assert.match(describe({ loaded: 6e6, total: 5.3e6, ms: 1 }).text, /^下载完成（5\.3 MB），正在启动 Python/);
  assert.equal(describe({ loaded: 0, total: 0, ms: 0 }).percent, null);
  assert.match(describe({ loaded: 1e6, total: 5e6, ms: 100 }, MEANWHILE.waiting).text, /已填写的内容不会丢失，下载完成后结果会自动显示/);
  assert.equal(mb(31_457_424), "31");
});
