// When a form's draft was saved, in words for the message that restores it (forms/page.js). A draft made
// by hand, by an older version of the page or by another program may carry no save time, or one that
// is not a time: then nothing is said of it, never “Invalid Date”. Pure: tested in Node
// (tests/js/draft-time.test.mjs).

export function savedWhen(savedAt) {
  if (typeof savedAt !== "string" && typeof savedAt !== "number") return "";
  const date = new Date(savedAt);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleString("zh-CN", { hour12: false });
}
