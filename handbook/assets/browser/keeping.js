// What the site keeps on this computer, as the reader decides: an ID number (身份证号码) is kept in
// the browser only when the reader ticks it for this computer (an office computer is shared: a
// 60-person 花名册 kept unasked would leave 60 ID numbers behind); everything else a page keeps as
// before. And a reminder that a draft lives in this browser only — Safari and every iPhone browser
// delete all of a site's storage after 7 days of use without a visit. The choice and the reminder
// are pure (the storage is passed in), tested in Node (tests/js/keeping.test.mjs); the last two
// functions make the tick and the link for a page.

import { KEEP_IDS } from "./storage-keys.js";

export const KEEP_IDS_KEY = KEEP_IDS;
export const REMIND_AFTER_DAYS = 3;
const DAY_MS = 24 * 3600 * 1000;

/** @param {Storage} storage  whether this computer's reader chose to keep ID numbers */
export function keepsIds(storage) {
  try {
    return storage.getItem(KEEP_IDS_KEY) === "1";
  } catch {
    return false;
  }
}

/** @param {Storage} storage @param {boolean} on */
export function setKeepIds(storage, on) {
  try {
    if (on) storage.setItem(KEEP_IDS_KEY, "1");
    else storage.removeItem(KEEP_IDS_KEY);
  } catch {
    // no storage: nothing is kept either way
  }
}

/**
 * A copy of `values` without the personal fields (`personal(key)` true), unless the reader chose
 * to keep them on this computer.
 * @template T
 * @param {Record<string, T>} values
 * @param {(key: string) => boolean} personal
 * @param {boolean} keep
 * @returns {Record<string, T>}
 */
export function forStorage(values, personal, keep) {
  if (keep) return values;
  const out = {};
  for (const [key, value] of Object.entries(values)) if (!personal(key)) out[key] = value;
  return out;
}

/** Safari, and every browser on an iPhone or iPad (all are WebKit there). */
export function deletesAfterAWeek(userAgent) {
  const ua = String(userAgent || "");
  return /iPhone|iPad|iPod/.test(ua) || (/Safari\//.test(ua) && /Version\//.test(ua) && !/Chrome|Chromium|Android/.test(ua));
}

export const WEEK_NOTE = "Safari 及 iPhone、iPad 上的浏览器在 7 天未访问本站后，可能删除本站在本机保存的全部内容。";

/**
 * What a page says of a draft or kept answers restored from this browser: nothing while they are
 * fresh; after REMIND_AFTER_DAYS, that they are only here and to export them; on Safari and iPhones,
 * that the browser may delete them.
 * @param {string | undefined} savedAt  ISO time
 * @param {Date} now
 * @param {string} userAgent
 */
export function keptReminder(savedAt, now, userAgent) {
  const at = Date.parse(String(savedAt || ""));
  const days = Number.isFinite(at) ? Math.floor((now.getTime() - at) / DAY_MS) : 0;
  const old = days >= REMIND_AFTER_DAYS;
  const week = deletesAfterAWeek(userAgent);
  if (!old && !week) return "";
  const parts = [];
  if (old) parts.push(`这份内容已在本机保存 ${days} 天，只存在于本浏览器中，建议导出为文件另存一份。`);
  if (week) parts.push(WEEK_NOTE);
  return parts.join("");
}

/**
 * The tick 在本机保存身份证号码 (with a link to the page that lists what is kept), as a calculator or
 * a form shows it where it has an ID-number field; `changed(on)` once the choice is stored.
 * @param {Storage} storage
 * @param {string} className
 * @param {(on: boolean) => void} changed
 */
export function keepIdsLine(storage, className, changed) {
  const line = document.createElement("p");
  line.className = className;
  const label = document.createElement("label");
  const box = document.createElement("input");
  box.type = "checkbox";
  box.checked = keepsIds(storage);
  label.append(box, " 在本机保存身份证号码（仅限本人使用的电脑；共用电脑请勿勾选）");
  line.append(label, " ", storageLink());
  box.addEventListener("change", () => {
    setKeepIds(storage, box.checked);
    changed(box.checked);
  });
  return line;
}

/** A link to the page that lists what the site keeps here (storage.md.j2), from any page. */
export function storageLink() {
  const a = document.createElement("a");
  a.href = new URL("../../storage/", import.meta.url).href;
  a.textContent = "查看或删除本机保存的内容";
  return a;
}
