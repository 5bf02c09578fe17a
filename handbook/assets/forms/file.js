// A form's values as a file of their own (forms/page.js): exported as JSON, and imported only once
// the whole file has been checked and the reader has agreed to replace what is typed.

import { differs } from "./draft-merge.js";
import { saveDraft } from "./drafts.js";
import { readValues, writeValues } from "./rows.js";
import { download, fieldLabel, FORMAT, formId, isKnown, MAX_ROWS, say, sheet, TEXT_MAX, VERSION } from "./sheet.js";

export function exportFile() {
  const data = { format: FORMAT, version: VERSION, form: formId, title: sheet.dataset.title,
                 savedAt: new Date().toISOString(), values: readValues() };
  download(`${sheet.dataset.title}.json`, JSON.stringify(data, null, 2));
  say("已导出填写内容。该文件只包含本表的填写内容，可用“导入文件”恢复。");
}

function invalidValues(values) {
  if (!values || typeof values !== "object" || Array.isArray(values)) return "内容不是本站表格的格式";
  for (const [key, value] of Object.entries(values)) {
    if (!isKnown(key)) return `含有本表没有的栏目“${key.slice(0, 40)}”`;
    if (typeof value !== "string") return `栏目“${key}”的内容不是文字`;
    if (value.length > TEXT_MAX) return `栏目“${key}”的内容过长`;
    const m = /\.(\d+)\./.exec(key);
    if (m && Number(m[1]) >= MAX_ROWS) return "行数过多";
  }
  return null;
}


/** @param {File} file  @param {() => void} scheduleCheck  the checks, once the values are in */
export function importFile(file, scheduleCheck) {
  const reader = new FileReader();
  reader.onload = () => {
    let data;
    try {
      data = JSON.parse(String(reader.result));
    } catch {
      say("导入失败：文件不是有效的 JSON 文件，未作任何更改。", "error");
      return;
    }
    if (!data || data.format !== FORMAT) {
      say("导入失败：这不是本站导出的表格文件，未作任何更改。", "error");
      return;
    }
    if (data.form !== formId) {
      say(`导入失败：该文件属于另一张表格（${String(data.title || data.form).slice(0, 60)}），未作任何更改。`, "error");
      return;
    }
    const problem = invalidValues(data.values);
    if (problem) {
      say(`导入失败：${problem}，未作任何更改。`, "error");
      return;
    }
    const typed = readValues();
    const replaced = Object.keys(typed).filter((k) => differs(typed, data.values, k));
    if (replaced.length && !window.confirm(
      `导入将替换页面上已填写的 ${replaced.length} 项内容（如“${fieldLabel(replaced[0])}”）。确定导入吗？`)) {
      say("已取消导入，页面上的内容未作更改。");
      return;
    }
    writeValues(data.values, { reset: true, mine: true });   // only now, when the whole file has been checked
    if (!saveDraft()) {
      say("已把文件内容填入页面，但浏览器拒绝保存草稿（本地存储已满或被禁止）：关闭页面前请用“导出为文件”保存。", "error");
      scheduleCheck();
      return;
    }
    scheduleCheck();
    say("已导入文件中的填写内容。");
  };
  reader.onerror = () => say("导入失败：无法读取该文件，未作任何更改。", "error");
  reader.readAsText(file);
}
