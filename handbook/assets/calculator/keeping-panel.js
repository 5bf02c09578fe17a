// A calculator's answers kept in this browser, moved as a file, and shared by an opt-in link
// (calculator/page.js): the panel under the form. What is kept and how is calculator/answers.js
// (pure); an ID number is kept only when the reader ticked it (browser/keeping.js), and a shared
// link never holds one.

import { download } from "../browser/download.js";
import { keepIdsLine, keepsIds, keptReminder } from "../browser/keeping.js";
import { savedWhen } from "../forms/draft-time.js";
import * as kept from "./answers.js";
import * as fields from "./form-fields.js";
import { one } from "../browser/dom.js";

/**
 * @param {HTMLElement} root   the calculator (.calc)
 * @param {HTMLFormElement} form
 * @param {{calculator: string, title: string, schedule: () => void}} page
 *   schedule: a calculation once typing pauses
 */
export function keepingPanel(root, form, { calculator, title, schedule }) {
  const readInputs = () => fields.readInputs(form);
  const writeInputs = (/** @type {Record<string, any>} */ inputs) => fields.writeInputs(form, inputs);
  const idFields = () => fields.idFields(form);
  const keepBox = root.querySelector(".calc-keep");
  const keptLine = root.querySelector(".calc-kept");
  const keepError = root.querySelector(".calc-keep-error");

  // an ID number is kept with the answers only when the reader ticked it (browser/keeping.js)
  function keep() {
    const inputs = readInputs();
    const saved = kept.save(localStorage, calculator, keepsIds(localStorage) ? inputs : kept.withoutIds(inputs, idFields()));
    keepError.textContent = saved.error || "";
  }
  if (keepBox && idFields().length) {
    keepBox.prepend(keepIdsLine(localStorage, "calc-keep-ids", (on) => {
      keep();
      keptLine.textContent = on ? "本机保存的填写内容将包括身份证号码。" : "已从本机保存的填写内容中删除身份证号码；以后也不保存。";
    }));
  }

  // ?procedure=… in a link from another page (the 我要申报 page's planner link) chooses a field's
  // value over a kept one; only values the field offers are taken
  function preset() {
    let changed = false;
    for (const [name, value] of new URLSearchParams(location.search)) {
      const field = `.calc-field[data-field="${CSS.escape(name)}"]`;
      const control = /** @type {HTMLInputElement | null} */ (one(form, `${field} > select, ${field} > input`));
      if (!control || control.value === value) continue;
      fields.setControl(control, value);
      changed = changed || control.value === value;
    }
    return changed;
  }

  function restore() {
    restoreKept();
    if (preset()) schedule();
  }

  function restoreKept() {
    const shared = kept.decodeShare(location.hash, calculator);
    if (shared) {
      history.replaceState(null, "", location.pathname + location.search);   // the answers leave the address bar
      if (shared.error) {
        keepError.textContent = shared.error;
      } else {
        writeInputs(shared.inputs);
        keptLine.textContent = "已载入分享链接中的填写内容（链接不含身份证号码）。";
        keep();
        schedule();
        return;
      }
    }
    const stored = kept.load(localStorage, calculator);
    if (stored) {
      writeInputs(stored.inputs);
      const when = savedWhen(stored.saved);
      const notIds = idFields().length && !keepsIds(localStorage) ? "身份证号码未保存在本机，如需要请重新填写。" : "";
      keptLine.textContent = `已恢复本机保存的填写内容${when ? `（${when}）` : ""}。${notIds}` +
        keptReminder(stored.saved, new Date(), navigator.userAgent);
      schedule();
    }
  }

  const line = /** @type {{keptLine: HTMLElement, keepError: HTMLElement}} */ ({ keptLine, keepError });
  fileButtons(root, { calculator, title, readInputs, writeInputs, ...line, keep, schedule });
  const refreshShare = shareBox(root, { calculator, readInputs, idFields, keptLine });
  return {
    keep, refreshShare, restore: () => { if (keepBox) restore(); },
    forget() {
      kept.save(localStorage, calculator, {});   // 清空 forgets what was kept, defaults included
      kept.forgetResult(localStorage, calculator);
      keptLine.textContent = "";
    },
  };
}

/**
 * 导出为文件 / 导入文件: the answers as a file of their own.
 * @param {HTMLElement} root
 * @param {any} panel
 */
function fileButtons(root, { calculator, title, readInputs, writeInputs, keptLine, keepError, keep, schedule }) {
  root.querySelector(".calc-export")?.addEventListener("click", () => {
    const file = kept.fileOf(calculator, title, readInputs());
    download(file.name, file.text, "application/json");
    keptLine.textContent = `已导出：${file.name}`;
  });
  const importInput = /** @type {HTMLInputElement} */ (one(root, ".calc-import"));
  root.querySelector(".calc-import-button")?.addEventListener("click", () => importInput.click());
  importInput?.addEventListener("change", async () => {
    const file = importInput.files && importInput.files[0];
    importInput.value = "";
    if (!file) return;
    let text;
    try {
      text = file.size > 1_000_000 ? "" : await file.text();
    } catch {
      text = "";
    }
    const read = kept.readFile(text, file.size, calculator, title);
    if (read.error) {
      keepError.textContent = read.error;
      return;
    }
    writeInputs(read.inputs);
    keptLine.textContent = `已导入：${file.name}`;
    keep();
    schedule();
  });
}

/**
 * 分享链接: the answers in a link's #fragment, made only once the reader agrees; never an ID number.
 * Returns what brings the link up to date with the form.
 * @param {HTMLElement} root
 * @param {any} panel
 */
function shareBox(root, { calculator, readInputs, idFields, keptLine }) {
  const shareButton = /** @type {HTMLElement | null} */ (one(root, ".calc-share"));
  const shareBox = /** @type {HTMLElement} */ (one(root, ".calc-share-box"));
  const consent = /** @type {HTMLInputElement | null} */ (one(root, ".calc-share-consent"));
  const shareRow = /** @type {HTMLElement} */ (one(root, ".calc-share-row"));
  const shareUrl = /** @type {HTMLInputElement} */ (one(root, ".calc-share-url"));
  function refreshShare() {
    if (!consent || !consent.checked) {
      if (shareRow) shareRow.hidden = true;
      return;
    }
    shareRow.hidden = false;
    shareUrl.value = `${location.origin}${location.pathname}#${kept.encodeShare(calculator, readInputs(), idFields())}`;
  }
  shareButton?.addEventListener("click", () => {
    shareBox.hidden = !shareBox.hidden;
    shareButton.setAttribute("aria-expanded", String(!shareBox.hidden));
  });
  consent?.addEventListener("change", refreshShare);
  root.querySelector(".calc-share-copy")?.addEventListener("click", async () => {
    refreshShare();
    shareUrl.select();
    try {
      await navigator.clipboard.writeText(shareUrl.value);
      keptLine.textContent = "链接已复制。";
    } catch {
      keptLine.textContent = "请长按或按 Ctrl+C 复制上面选中的链接。";
    }
  });
  return refreshShare;
}
