// The 本机保存的内容 page: everything this site keeps in this browser — drafts, answers, checklists,
// the ID-number choice (localStorage, described by storage/entries.js) and Python's copies (the
// private file system, IndexedDB, Cache Storage of older versions) — with dates and sizes, each
// forgotten on its own or all at once. Nothing here is sent anywhere.

import { deletesAfterAWeek, WEEK_NOTE } from "../browser/keeping.js";
import { one } from "../browser/dom.js";
import { SNAPSHOT_FOLDER } from "../browser/storage-keys.js";
import { savedWhen } from "../forms/draft-time.js";
import { DATABASE, listKept } from "../python/kept-db.js";
import { describe, ordered, size } from "./entries.js";


const root = /** @type {HTMLElement} */ (one(document, ".storage"));
const status = /** @type {HTMLElement} */ (one(root, ".storage-status"));
const body = /** @type {HTMLElement} */ (one(root, ".storage-table tbody"));
const names = JSON.parse(one(document, "script.storage-names")?.textContent || "{}");

function say(text) {
  status.textContent = text;
}

function localEntries() {
  const out = [];
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      const entry = key && describe(key, localStorage.getItem(key) || "", names);
      if (entry) out.push({ ...entry, forget: async () => localStorage.removeItem(key) });
    }
  } catch {
    say("此浏览器不允许本站读取本机存储（可能处于无痕模式或已禁用存储）：本站也无法在本机保存任何内容。");
  }
  return ordered(out);
}

async function pythonEntries() {
  const out = [];
  try {
    if (navigator.storage && navigator.storage.getDirectory) {
      const top = await navigator.storage.getDirectory();
      const folder = await top.getDirectoryHandle(SNAPSHOT_FOLDER).catch(() => null);
      if (folder) {
        for await (const [name, handle] of folder.entries()) {
          const file = handle.kind === "file" ? await handle.getFile().catch(() => null) : null;
          out.push({ kind: "Python 运行环境副本（加快下次启动）", title: name, bytes: file ? file.size : 0,
                     when: file ? new Date(file.lastModified).toISOString() : "", ids: false,
                     forget: () => folder.removeEntry(name) });
        }
      }
    }
  } catch {
    // no private file system here
  }
  for (const kept of await listKept()) {
    out.push({ kind: "Python 运行环境副本（加快下次启动）", title: kept.name, bytes: kept.bytes, when: "", ids: false,
               forget: () => new Promise((/** @type {(value?: unknown) => void} */ resolve) => {
                 const request = indexedDB.deleteDatabase(DATABASE);
                 request.onsuccess = request.onerror = request.onblocked = () => resolve();
               }) });
  }
  if (self.caches) {
    try {
      if (await caches.has(SNAPSHOT_FOLDER)) {
        out.push({ kind: "Python 运行环境副本（旧版本保存的）", title: SNAPSHOT_FOLDER, bytes: 0, when: "", ids: false,
                   forget: () => caches.delete(SNAPSHOT_FOLDER) });
      }
    } catch {
      // no Cache Storage here
    }
  }
  return out;
}

const LABELS = ["内容", "名称", "保存时间", "大小", "身份证号码", ""];   // a phone shows each cell with its label
function cell(text, i) {
  const td = document.createElement("td");
  td.textContent = text;
  if (LABELS[i]) td.dataset.label = LABELS[i];
  return td;
}

async function show() {
  const entries = [...localEntries(), ...await pythonEntries()];
  body.replaceChildren();
  for (const entry of entries) {
    const tr = document.createElement("tr");
    if (entry.ids) tr.className = "storage-has-ids";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button storage-forget";
    button.textContent = "删除";
    button.setAttribute("aria-label", `删除：${entry.kind} ${entry.title}`);
    button.addEventListener("click", async () => {
      await entry.forget();
      say(`已删除：${entry.kind}（${entry.title}）。`);
      await show();
    });
    const action = document.createElement("td");
    action.append(button);
    tr.append(cell(entry.kind, 0), cell(entry.title, 1), cell(entry.when ? savedWhen(entry.when) || entry.when : "—", 2),
              cell(size(entry.bytes), 3), cell(entry.ids ? "含身份证号码" : "—", 4), action);
    body.append(tr);
  }
  /** @type {HTMLElement} */ (one(root, ".storage-table")).hidden = !entries.length;
  /** @type {HTMLButtonElement} */ (one(root, ".storage-forget-all")).disabled = !entries.length;
  const withIds = entries.filter((e) => e.ids).length;
  root.dataset.entries = String(entries.length);
  root.dataset.withIds = String(withIds);
  if (!status.dataset.said) {
    say(entries.length
      ? `本站在此浏览器中保存了 ${entries.length} 项内容${withIds ? `，其中 ${withIds} 项含身份证号码` : ""}。`
      : "本站没有在此浏览器中保存任何内容。");
  }
  status.dataset.said = "";
}

root.querySelector(".storage-forget-all").addEventListener("click", async () => {
  const entries = [...localEntries(), ...await pythonEntries()];
  for (const entry of entries) await Promise.resolve(entry.forget()).catch(() => {});
  say(`已删除本站在此浏览器中保存的全部 ${entries.length} 项内容。`);
  status.dataset.said = "1";
  await show();
});

if (deletesAfterAWeek(navigator.userAgent)) root.querySelector(".storage-week").textContent = WEEK_NOTE;
show();
