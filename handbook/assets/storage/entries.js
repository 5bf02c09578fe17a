// What the site keeps in this browser's localStorage, in words (the 本机保存的内容 page,
// storage/page.js). Pure: tested in Node (tests/js/storage-entries.test.mjs). Every key the site
// writes is named here — a new kind of kept thing is added here too, or the page shows it as
// 其他（本站） so that it can still be seen and forgotten.

import { isOurs, KEEP_IDS, PATTERNS, PYTHON_KEPT } from "../browser/storage-keys.js";

/**
 * @typedef {{calculators: Record<string, string>, forms: Record<string, string>,
 *            documents: Record<string, string>}} Names  titles by id, from the build
 * @typedef {{key: string, kind: string, title: string, when: string, bytes: number, ids: boolean}} Entry
 */

// a mainland ID number (18 characters, the last may be X) anywhere in the kept text
const ID_NUMBER = /(^|[^0-9])[1-9]\d{16}[\dXx]([^0-9A-Za-z]|$)/;

export { isOurs };

const parse = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/**
 * @param {string} key
 * @param {string} text  the stored value
 * @param {Names} names
 * @returns {Entry | null}  null for a key that is not this site's
 */
export function describe(key, text, names) {
  if (!isOurs(key)) return null;
  const data = parse(text);
  const bytes = new TextEncoder().encode(key + text).length;
  const ids = ID_NUMBER.test(text);
  const entry = (kind, title, when = "") => ({ key, kind, title, when: typeof when === "string" ? when : "", bytes, ids });
  let m;
  if ((m = PATTERNS.calcAnswers.exec(key))) return entry("计算器的填写内容", names.calculators[m[1]] || m[1], data && data.saved);
  if ((m = PATTERNS.calcResult.exec(key))) {
    return entry("计算器的最近结果（供“我要申报”页显示）", names.calculators[m[1]] || m[1], data && data.at);
  }
  if ((m = PATTERNS.formDraft.exec(key))) return entry("表格草稿", names.forms[m[1]] || m[1], data && data.savedAt);
  if ((m = PATTERNS.materials.exec(key))) return entry("材料清单的勾选", names.documents[m[1]] || m[1], data && data.saved);
  if (key === PYTHON_KEPT) return entry("Python 运行环境副本的名称", text);
  if (key === KEEP_IDS) return entry("设置：在本机保存身份证号码", "已勾选");
  return entry("其他（本站）", key);
}

/** Entries in the order the page lists them: ID numbers first, then newest first. */
export function ordered(entries) {
  return [...entries].sort((a, b) => Number(b.ids) - Number(a.ids) || (b.when || "").localeCompare(a.when || ""));
}

/** 1.2 MB, 35 KB, 120 B */
export function size(bytes) {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${bytes} B`;
}
