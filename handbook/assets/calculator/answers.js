// A calculator's answers kept, moved and shared — the pure part, tested in Node
// (tests/js/calc-answers.test.mjs); calculator/page.js reads and writes the form.
//
// Answers are what the reader typed, as the form sends them to Python: {name: text | true/false,
// rows: [{column: text}]}. They are kept in this browser (localStorage, one key per calculator),
// written to a file (导出) and read back (导入), and — only when the reader asks — put in a link's
// fragment (#a=…), which the browser never sends to the server. An ID number never goes into a link.
// Anything read back (a file, a link, a stored copy from an older page) is checked here: a wrong
// file or a broken link gets a message in words, never a half-filled form.

import { calcAnswers, calcResult } from "../browser/storage-keys.js";

export const FILE_KIND = "handbook-calculator-answers";
export const SHARE_PREFIX = "a=";
const LIMITS = { fileBytes: 1_000_000, text: 2000, rows: 500, names: 100 };

export const storageKey = calcAnswers;

// A copy without the ID-number fields (top-level names, or row columns "rows.column").
export function withoutIds(inputs, idFields) {
  const out = {};
  for (const [name, value] of Object.entries(inputs || {})) {
    if (idFields.includes(name)) continue;
    if (Array.isArray(value)) {
      out[name] = value.map((row) => Object.fromEntries(
        Object.entries(row).filter(([column]) => !idFields.includes(`${name}.${column}`))));
    } else {
      out[name] = value;
    }
  }
  return out;
}

// Answers as read back: plain values only, bounded; an error in words otherwise.
export function clean(inputs) {
  if (!inputs || typeof inputs !== "object" || Array.isArray(inputs)) return { error: "内容不是一组填写项" };
  const names = Object.keys(inputs);
  if (names.length > LIMITS.names) return { error: "填写项过多" };
  const plain = (v) => (typeof v === "string" && v.length <= LIMITS.text) || typeof v === "boolean"
    || (typeof v === "number" && Number.isFinite(v));
  // a number written by hand into a file is typed text to the form, as Python reads it
  const asTyped = (v) => (typeof v === "number" ? String(v) : v);
  const out = {};
  for (const name of names) {
    const value = inputs[name];
    if (Array.isArray(value)) {
      if (value.length > LIMITS.rows) return { error: `“${name}”的行数过多` };
      if (!value.every((row) => row && typeof row === "object" && !Array.isArray(row)
          && Object.values(row).every(plain))) return { error: `“${name}”的内容格式不正确` };
      out[name] = value.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, asTyped(v)])));
    } else if (plain(value)) {
      out[name] = asTyped(value);
    } else {
      return { error: `“${name}”的内容格式不正确` };
    }
  }
  return { inputs: out };
}

function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

// The fragment of a share link (without "#"): the calculator and the answers, ID numbers removed.
export function encodeShare(calculator, inputs, idFields) {
  return SHARE_PREFIX + toBase64Url(JSON.stringify({ c: calculator, i: withoutIds(inputs, idFields) }));
}

// null: the fragment is not a share link (an anchor such as #f-start); else {inputs} or {error}.
export function decodeShare(hash, calculator) {
  const fragment = String(hash || "").replace(/^#/, "");
  if (!fragment.startsWith(SHARE_PREFIX)) return null;
  let data;
  try {
    data = JSON.parse(fromBase64Url(fragment.slice(SHARE_PREFIX.length)));
  } catch {
    return { error: "链接中的填写内容不完整或已损坏（可能复制时被截断），未能载入。" };
  }
  if (!data || data.c !== calculator) return { error: "此链接的填写内容属于另一个计算器，未载入。" };
  return clean(data.i);
}

// The file 导出 writes: named for the calculator and the day, readable JSON.
export function fileOf(calculator, title, inputs, now = new Date()) {
  const day = `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, "0")}${String(now.getDate()).padStart(2, "0")}`;
  const name = `${String(title).replace(/[\\/:*?"<>|（）()\s]+/g, "")}-填写内容-${day}.json`;
  const body = { kind: FILE_KIND, version: 1, calculator, title, saved: now.toISOString(), inputs };
  return { name, text: JSON.stringify(body, null, 2) };
}

// A file chosen for 导入: {inputs} or {error} in words.
export function readFile(text, size, calculator, title) {
  if (size > LIMITS.fileBytes) return { error: "文件过大，不是本计算器导出的填写内容文件。" };
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: "所选文件不是本站导出的填写内容文件（应为 .json 文件）。" };
  }
  if (!data || data.kind !== FILE_KIND) return { error: "所选文件不是本站导出的填写内容文件。" };
  if (data.calculator !== calculator) {
    return { error: `所选文件是“${String(data.title || data.calculator).slice(0, 40)}”的填写内容，不是“${title}”的。` };
  }
  return clean(data.inputs);
}

// Keep in this browser; a full or blocked storage is said, never thrown.
export function save(storage, calculator, inputs, now = new Date()) {
  try {
    if (!inputs || !Object.keys(inputs).length) storage.removeItem(storageKey(calculator));
    else storage.setItem(storageKey(calculator), JSON.stringify({ saved: now.toISOString(), inputs }));
    return { ok: true };
  } catch {
    return { error: "本机浏览器存储已满或不可用，填写内容未能保存（本页仍可正常计算；可用“导出”保存为文件）。" };
  }
}

export function load(storage, calculator) {
  let raw;
  try {
    raw = storage.getItem(storageKey(calculator));
  } catch {
    return null;
  }
  if (!raw) return null;
  let data;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  const cleaned = clean(data && data.inputs);
  return cleaned.inputs ? { inputs: cleaned.inputs, saved: data.saved } : null;
}

// The last result's headline, for the 「我要申报」 page (apply/state.js): status and text only.
export const resultKey = calcResult;

export function saveResult(storage, calculator, result, inputs, now = new Date()) {
  try {
    const kept = { status: result.outcome.status, text: result.outcome.text, at: now.toISOString() };
    if (inputs && typeof inputs.procedure === "string") kept.procedure = inputs.procedure;
    storage.setItem(resultKey(calculator), JSON.stringify(kept));
  } catch {
    // a full storage: the answers' own message already says so
  }
}

export function loadResult(storage, calculator) {
  try {
    const data = JSON.parse(storage.getItem(resultKey(calculator)));
    return data && typeof data.text === "string" ? data : null;
  } catch {
    return null;
  }
}

export function forgetResult(storage, calculator) {
  try {
    storage.removeItem(resultKey(calculator));
  } catch {
    // nothing kept, nothing to forget
  }
}
