// Word and Excel with the values in place (forms/page.js): the build's template, filled by the
// form's Python (calckit/office_fill.py).

import { ask, startPython } from "./checks.js";
import { readValues } from "./rows.js";
import { download, formId, say, sheet } from "./sheet.js";

const OFFICE_TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** @param {"docx" | "xlsx"} kind */
export async function exportOffice(kind) {
  const name = kind === "docx" ? "Word" : "Excel";
  say(`正在生成 ${name} 文件……`);
  startPython();
  const response = await fetch(`${formId}.template.${kind}`).catch(() => null);
  if (!response || !response.ok) {
    say(`无法取得 ${name} 模板文件，请刷新页面重试。`, "error");
    return;
  }
  try {
    const { value, data } = await ask("fill-office", { kind, values: readValues() }, await response.arrayBuffer());
    download(`${sheet.dataset.title}（已填写）.${kind}`, data, OFFICE_TYPES[kind]);
    say(value.left.length
      ? `已导出为 ${name} 文件。另有 ${value.left.length} 项在文件中没有位置，未写入文件，请另加附页。`
      : `已导出为 ${name} 文件，填写内容已在表中相应位置。`, value.left.length ? "error" : "info");
  } catch (err) {
    if (!err.unavailable) {
      say(`生成 ${name} 文件失败：${err.message}`, "error");
      return;
    }
    const retry = sheet.dataset.pythonUnsupported === "true" ? "" : "可刷新页面重试，或";
    say(`无法生成 ${name} 文件：${err.message || "Python 未能启动。"}${retry}可下载空白的 Word/Excel 表填写。`, "error");
  }
}
