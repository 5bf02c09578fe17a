// Drafts of a form kept in this browser (forms/page.js). A draft is never lost: every save merges
// field by field with what is stored (another tab of the same form may have saved since, forms/draft-merge.js),
// a change made in another tab appears here at once unless this tab changed the same field (then both
// are named, and this tab's value is kept), fields a newer form no longer has are kept and offered for
// download, and a storage that refuses to save is said so.
//
// A save writes only what this tab changed (`dirty`) on top of what is stored. What is stored is
// read as text and parsed only when another tab has written since this one (a 花名册 of 5,000
// people is 1.5 MB of draft: parsing, comparing and showing it all again took 110 ms a save).

import { keepIdsLine, keepsIds, keptReminder, forStorage } from "../browser/keeping.js";
import { savedWhen } from "./draft-time.js";
import { mergeForSave, mergeFromOtherTab } from "./draft-merge.js";
import { dirty, model, readValues, writeValues } from "./rows.js";
import {
  download, fieldLabel, FORMAT, formId, hasPersonal, isKnown, isPersonal, messageLine, say, sheet, shorten,
  storageKey, TEXT_MAX, VERSION,
} from "./sheet.js";

/** @type {Record<string, string>} the stored draft's values as this tab last saw them */
let base = {};
/** @type {string | null} the stored draft's text as this tab last wrote or read it */
let savedText = null;
/** @type {Record<string, string>} fields of the stored draft this form does not have (kept, never dropped) */
let unknown = {};
/** What runs after another tab's changes are taken (the checks, again). */
export const draftHooks = { /** @type {() => void} */ otherTab: () => {} };

function storedText() {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

/** @param {string | null} text */
function parseDraft(text) {
  try {
    const draft = JSON.parse(text || "null");
    return draft && draft.values && typeof draft.values === "object" && !Array.isArray(draft.values) ? draft : null;
  } catch {
    return null;
  }
}

// Store this tab's changes on top of what is stored; true when the browser kept it.
export function saveDraft() {
  const text = storedText();
  const foreign = text !== savedText;                  // another tab saved since
  if (!foreign && !dirty.size) return true;
  const stored = foreign ? parseDraft(text) : null;
  const theirs = foreign ? (stored ? stored.values : {}) : base;
  const { merged, clashes } = mergeForSave({ base, mine: model, theirs, dirty, foreign, isKnown });
  const next = JSON.stringify({ savedAt: new Date().toISOString(),
                                values: forStorage(merged, isPersonal, keepsIds(localStorage)) });
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // base is still what is stored: nothing to undo (mergeForSave wrote into a copy)
    say("浏览器拒绝保存草稿（本地存储已满或被禁止），页面上的内容尚未保存：请用“导出为文件”保存。", "error");
    return false;
  }
  savedText = next;
  dirty.clear();
  if (clashes.length) {
    say(`另一个标签页也修改了：${clashes.map(([k, v]) => `“${fieldLabel(k)}”（那边为“${shorten(v)}”）`).join("、")}。` +
        "已保存本页的内容。", "error");
  }
  if (foreign) {
    // what the other tab changed and this one did not, now shown here too
    const shown = {};
    for (const [key, value] of Object.entries(merged)) if (isKnown(key)) shown[key] = value;
    writeValues(shown);
  }
  base = merged;
  return true;
}

// Another tab saved: take its changes to fields this tab has not changed since.
window.addEventListener("storage", (event) => {
  if (event.key !== storageKey) return;
  const text = storedText();
  const stored = parseDraft(text);
  const theirs = stored ? stored.values : {};
  const { next, taken, clashes } = mergeFromOtherTab({ base, mine: readValues(), theirs, dirty, isKnown });
  writeValues(next);
  base = { ...theirs };
  savedText = text;
  if (clashes.length) {
    say(`另一个标签页修改了本页也在修改的：${clashes.map((k) => `“${fieldLabel(k)}”`).join("、")}。` +
        "本页的内容未被覆盖；保存时以本页为准。", "error");
  } else if (taken.length) {
    say(`已同步另一个标签页中的修改：${taken.slice(0, 5).map((k) => `“${fieldLabel(k)}”`).join("、")}。`);
  }
  draftHooks.otherTab();
  sheet.dispatchEvent(new CustomEvent("form:changed"));
});

export function restoreDraft() {
  savedText = storedText();
  const draft = parseDraft(savedText);
  if (!draft) return;
  const known = {};
  unknown = {};
  for (const [key, value] of Object.entries(draft.values)) {
    if (typeof value !== "string") continue;
    if (isKnown(key) && value.length <= TEXT_MAX) known[key] = value; else unknown[key] = value;
  }
  writeValues(known);
  base = { ...draft.values };
  const when = savedWhen(draft.savedAt);
  if (Object.keys(unknown).length) {
    say(`已恢复本机保存的草稿${when ? `（${when}）` : ""}。草稿中还有 ${Object.keys(unknown).length} 项本表已没有的栏目，` +
        "已原样保留在草稿中，可下载保存：", "error");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "form-unknown-download";
    button.textContent = "下载这些栏目";
    button.addEventListener("click", () => download(`${sheet.dataset.title}（本表已没有的栏目）.json`,
      JSON.stringify({ format: FORMAT, version: VERSION, form: formId, title: sheet.dataset.title,
                       savedAt: draft.savedAt, values: unknown }, null, 2)));
    messageLine().append(" ", button);
    return;
  }
  const from = draft.filledFrom;
  if (from && window.location.hash === "#from-roster") {
    say(`已按花名册的名单（共 ${from.people} 人）填写本表的人数，其余栏目保持原样。请核对后打印，或导出为 Word/Excel。`);
    return;
  }
  const notIds = !hasPersonal || keepsIds(localStorage) ? ""
    : `身份证号码未保存在本机，请重新填写${document.querySelector(".roster-panel") ? "（或重新导入名单文件）" : ""}。`;
  say(`已恢复本机保存的草稿${when ? `（${when}）` : ""}。${notIds}${keptReminder(draft.savedAt, new Date(), navigator.userAgent)}`);
}


/** The stored draft removed (清除本机草稿), and the page emptied. */
export function clearDraft() {
  try {
    localStorage.removeItem(storageKey);
  } catch {
    // nothing stored to remove
  }
  writeValues({}, { reset: true });
  base = {};
  savedText = null;
  dirty.clear();
  unknown = {};
}

// 在本机保存身份证号码: off unless the reader ticks it (one choice for this computer, every page)
if (hasPersonal) {
  document.querySelector(".form-toolbar").after(keepIdsLine(localStorage, "form-keep-ids screen-only", (on) => {
    for (const key of Object.keys(model)) if (isPersonal(key)) dirty.add(key);
    saveDraft();   // written with them, or again without them
    say(on ? "本机草稿将保存身份证号码。" : "已从本表的本机草稿中删除身份证号码；以后也不保存。");
  }));
}
