// How far Python's start has got, for the calculator and form pages: the worker counts the bytes
// received of the bytes needed (python/worker.js, from the sizes the build gives); this module
// says it in words and in a bar. describe() is pure (tested in Node: tests/js/python-progress.test.mjs);
// show() puts it in the page.

const SLOW_AFTER_MS = 2000;    // an estimate of the time left once the line has been measured this long
const WORTH_SAYING_S = 5;      // …and only when it is more than a few seconds

export function mb(bytes) {
  return (bytes / 1e6).toFixed(bytes >= 1e7 ? 0 : 1);
}

// What the reader can do meanwhile, after the figures.
export const MEANWHILE = {
  calculator: "可以先填写，结果会自动显示。",
  waiting: "已填写的内容不会丢失，下载完成后结果会自动显示。",
  form: "表格可照常填写，核对结果会自动显示。",
};

// {loaded, total, ms} → {percent, text}: the most important line first (how much, how long), then
// what the reader can do meanwhile.
export function describe({ loaded, total, ms }, then = MEANWHILE.calculator) {
  if (!total) return { percent: null, text: `正在启动 Python……${then}` };
  const share = Math.max(0, Math.min(1, loaded / total));
  const percent = Math.floor(share * 100);
  if (share >= 1) return { percent: 100, text: `下载完成（${mb(total)} MB），正在启动 Python……` };
  let text = `正在下载 Python 运行环境：${mb(loaded)} / ${mb(total)} MB（${percent}%）`;
  if (ms >= SLOW_AFTER_MS && loaded > 0) {
    const left = ((total - loaded) / (loaded / ms)) / 1000;
    if (left > WORTH_SAYING_S) text += `，网络较慢，约还需 ${left >= 90 ? `${Math.round(left / 60)} 分钟` : `${Math.ceil(left / 5) * 5} 秒`}`;
  }
  return { percent, text: `${text}。${then}` };
}

// The bar and its words in `box` (made on first use: a <progress> before the text element).
export function show(box, textElement, bytes, then = MEANWHILE.calculator) {
  const { percent, text } = describe(bytes, then);
  let bar = box.querySelector("progress.py-progress");
  if (!bar) {
    bar = document.createElement("progress");
    bar.className = "py-progress";
    bar.max = 100;
    bar.setAttribute("aria-label", "Python 运行环境下载进度");
    box.insertBefore(bar, textElement);
  }
  if (percent === null) bar.removeAttribute("value");
  else bar.value = percent;
  bar.hidden = false;
  textElement.textContent = text;
  box.dataset.loaded = String(bytes.loaded || 0);
  box.dataset.total = String(bytes.total || 0);
}

export function hide(box) {
  const bar = box.querySelector("progress.py-progress");
  if (bar) bar.hidden = true;
}
