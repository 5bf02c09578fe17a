// When a form's draft was saved, in words for the message that restores it (forms/page.js). A draft made
// by hand, by an older version of the page or by another program may carry no save time, or one that
// is not a time: then nothing is said of it, never “Invalid Date”. Written out by hand (2026年12月2日
// 16:30, the reader's local time): toLocaleString's first use loads the browser's date formats, 20 ms of
// the page's start on a calculator page whose answers are restored. Pure: tested in Node
// (tests/js/draft-time.test.mjs).

const two = (n) => String(n).padStart(2, "0");

export function savedWhen(savedAt) {
  if (typeof savedAt !== "string" && typeof savedAt !== "number") return "";
  const date = new Date(savedAt);
  if (Number.isNaN(date.getTime())) return "";
  return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日 ${two(date.getHours())}:${two(date.getMinutes())}`;
}
