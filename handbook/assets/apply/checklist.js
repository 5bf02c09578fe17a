// The 材料清单 page: ticks kept in this browser like a form's draft, counted, cleared and printed.
// A full or blocked storage is said next to the list; the ticks on screen are never lost by it.

import { all, one } from "../browser/dom.js";
import { materialsKey, readTicks } from "./state.js";

const list = /** @type {HTMLOListElement} */ (one(document, "ol.materials"));
const count = document.querySelector(".materials-count");
const error = document.querySelector(".materials-error");
const boxes = /** @type {HTMLInputElement[]} */ (all(list, ".material-check"));
const ids = boxes.map((b) => b.value);
const key = materialsKey(list.dataset.doc || "");

function update() {
  const n = boxes.filter((b) => b.checked).length;
  count.textContent = `已准备 ${n} / ${boxes.length} 项`;
}

function save() {
  try {
    const ticked = boxes.filter((b) => b.checked).map((b) => b.value);
    if (ticked.length) localStorage.setItem(key, JSON.stringify({ saved: new Date().toISOString(), ticked }));
    else localStorage.removeItem(key);
    error.textContent = "";
  } catch {
    error.textContent = "本机浏览器存储已满或不可用，勾选未能保存（本页仍可勾选和打印）。";
  }
}

let raw;
try {
  raw = localStorage.getItem(key);
} catch {
  raw = null;
}
const ticked = raw ? readTicks(raw, ids) : [];
for (const box of boxes) box.checked = ticked.includes(box.value);
update();

list.addEventListener("change", () => {
  update();
  save();
});
// another tab ticked an item: show it here too
window.addEventListener("storage", (event) => {
  if (event.key !== key) return;
  const now = event.newValue ? readTicks(event.newValue, ids) : [];
  for (const box of boxes) box.checked = now.includes(box.value);
  update();
});
document.querySelector(".materials-clear").addEventListener("click", () => {
  for (const box of boxes) box.checked = false;
  update();
  save();
});
const today = new Date();
document.querySelector(".materials-date").textContent = `${today.getFullYear()}年${today.getMonth() + 1}月${today.getDate()}日`;
document.querySelector(".materials-print").addEventListener("click", () => window.print());
