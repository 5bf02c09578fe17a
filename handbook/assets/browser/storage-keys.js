// Every name under which the site keeps something in this browser — localStorage keys, the
// IndexedDB database, the private-file-system folder — defined once. The modules that write them
// import them from here, and the 本机保存的内容 page (storage/entries.js) reads each back in words.
// One place cannot import (python/early.js is a classic script in the page's head): it spells
// PYTHON_KEPT itself, and tests/js/storage-keys.test.mjs checks that it agrees.

/** The ticked box “在本机保存身份证号码” (browser/keeping.js). */
export const KEEP_IDS = "hb-keep-ids";
/** The name of the kept Python snapshot file (python/early.js, calculator/page.js). */
export const PYTHON_KEPT = "hb-python-kept";
/** The private-file-system folder of the kept snapshot (python/kept.js). */
export const SNAPSHOT_FOLDER = "handbook-python-snapshot";
/** The IndexedDB database of the kept snapshot where there is no private file system (python/kept-db.js). */
export const PYTHON_DB = "handbook-python";

/** A calculator's answers (calculator/answers.js). @param {string} calculator */
export const calcAnswers = (calculator) => `hb-calc:${calculator}`;
/** A calculator's latest result, for the 我要申报 page. @param {string} calculator */
export const calcResult = (calculator) => `hb-calc-result:${calculator}`;
/** A 材料清单's ticks (apply/checklist.js). @param {string} doc */
export const materials = (doc) => `hb-materials:${doc}`;
/** A form's draft (forms/page.js), by the draft format's version. @param {number|string} version @param {string} form */
export const formDraft = (version, form) => `handbook-form:v${version}:${form}`;

/** Each kind of key read back: its pattern, and the id it holds (group 1). */
export const PATTERNS = {
  calcAnswers: /^hb-calc:(.+)$/,
  calcResult: /^hb-calc-result:(.+)$/,
  formDraft: /^handbook-form:v\d+:(.+)$/,
  materials: /^hb-materials:(.+)$/,
};

/** Whether a key is one this site writes. @param {string} key */
export const isOurs = (key) => key.startsWith("hb-") || key.startsWith("handbook-");
