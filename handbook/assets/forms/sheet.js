// The form page's ground (forms/page.js): its sheet and schema from the page, the draft's key, which
// fields exist and which hold an ID number, the chosen version, and the one message line.

import { download as saveFile } from "../browser/download.js";
import { formDraft } from "../browser/storage-keys.js";

export const FORMAT = "safety-handbook-form";
export const VERSION = 1;
export const PAGE_ROWS = 100;
export const TEXT_MAX = 5000;

/** @type {HTMLFormElement} */
export const sheet = /** @type {HTMLFormElement} */ (document.querySelector("form.form-sheet"));
export const MAX_ROWS = Number(sheet.dataset.maxRows || 200);
export const formId = sheet.dataset.form || "";
export const schema = JSON.parse(document.querySelector("script.form-schema")?.textContent || "{}");
export const params = document.querySelector("script.calc-params")?.textContent || "{}";
const message = /** @type {HTMLElement} */ (document.querySelector(".form-message"));
export const storageKey = formDraft(VERSION, formId);
const patterns = schema.fields.map((/** @type {{name: string, type: string}} */ f) => ({
  spec: f,
  rx: new RegExp("^" + f.name.replace(/[.]/g, "\\.").replace("\\.*\\.", "\\.\\d+\\.") + "$"),
}));

// 依据的文件（年度）: the version of the form's document whose numbers the checks use (a quota, a
// 公示期, a maximum score); the current one unless the reader chooses another. Not form content.
/** @type {HTMLSelectElement | null} */
export const versionSelect = document.querySelector("select[data-form-version]");
export const chosenVersions = () => (versionSelect && versionSelect.value
  ? { [versionSelect.dataset.document || ""]: versionSelect.value } : {});

/** The page's one message line. @param {string} text @param {"info" | "error"} [kind] */
export function say(text, kind = "info") {
  message.textContent = text;
  message.dataset.kind = kind;
}

/** The message line, for a button after the words. */
export const messageLine = () => message;

// An ID number (a field of type idcard, in a table's rows too) is kept in the draft only when the
// reader ticked 在本机保存身份证号码 (browser/keeping.js); the page itself keeps showing it.
/** @type {Map<string, boolean>} */
const personalKeys = new Map();
/** @param {string} key */
export function isPersonal(key) {
  if (!personalKeys.has(key)) personalKeys.set(key, patterns.some((p) => p.rx.test(key) && p.spec.type === "idcard"));
  return Boolean(personalKeys.get(key));
}
export const hasPersonal = schema.fields.some((/** @type {{type: string}} */ f) => f.type === "idcard");

/** @type {Map<string, boolean>} isKnown's answers: a 花名册 of thousands of rows asks often */
const knownKeys = new Map();
/** A field of this form that someone types (not computed). @param {string} key */
export function isKnown(key) {
  if (!knownKeys.has(key)) knownKeys.set(key, patterns.some((p) => p.rx.test(key) && p.spec.type !== "computed"));
  return Boolean(knownKeys.get(key));
}

/** @param {string} text */
export const shorten = (text) => (text.length > 30 ? text.slice(0, 30) + "……" : text);
/** A field's words as the form prints them. @param {string} key */
export function fieldLabel(key) {
  const control = sheet.querySelector(`[name="${CSS.escape(key)}"]`);
  return (control && control.getAttribute("aria-label")) || key;
}

/** a draft's file is JSON unless said otherwise @param {string} name @param {Blob | string | ArrayBuffer | ArrayBufferView} data @param {string} [type] */
export const download = (name, data, type = "application/json") => saveFile(name, data, type);
