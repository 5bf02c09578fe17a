// Numbers as readers write them: one canonical spelling for the index and for the query.
//
// This is handbook/search/numerals.py line for line (the build indexes the pairs of the text's
// canonical spelling; the search page asks for the pairs of the query's): 满三年 → 满3年,
// 百分之二十 → 20%, 三分之二 → 2/3, 十七名 → 17人, 五个工作日 → 5工作日, ２０２４ → 2024.
// Both are tested against tests/cases/search_numerals.yaml and against each other over every
// record of the index (tests/test_search_numerals.py). Change both or neither.

const DIGITS = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
const UNITS = { "十": 10, "百": 100, "千": 1000 };
const NUMERAL = "零〇一二两三四五六七八九十百千万";
const FULL_FROM = "０１２３４５６７８９％／．";
const FULL_TO = "0123456789%/.";

const RUN = `[${NUMERAL}]+`;
const NUMBER = `(?:${RUN}|[0-9]+(?:\\.[0-9]+)?)`;
const BLANK = "[ \\t\\n\\r\\f\\v\\u00a0\\u3000]+";
const SPACE = new RegExp(`(?<=[\\u3400-\\u9fff0-9%])${BLANK}(?=[\\u3400-\\u9fff0-9%])`, "g");
const PERCENT = new RegExp(`百分之(${NUMBER})`, "g");
const FRACTION = new RegExp(`(${NUMBER})分之(${NUMBER})`, "g");
const RUNS = new RegExp(RUN, "g");
const PEOPLE = /(?<=[0-9])名/g;
const COUNTER = /(?<=[0-9])个(?=[\u3400-\u9fff])/g;
const LONGEST = 12;   // a longer run with 十百千万 is left as written (no number of policy is that long)

// The value of a Chinese numeral (十七 → 17, 二〇二四 → 2024, 两千 → 2000); null when the run
// holds no digit or 十 (千万 in 千万不要 is a word, not a number). Digit by digit as a string,
// so a long run is never rounded.
export function chineseValue(run) {
  const chars = [...run];
  if (!chars.some((c) => c in DIGITS || c === "十")) return null;
  if (!chars.some((c) => c in UNITS || c === "万")) return chars.map((c) => String(DIGITS[c])).join("").replace(/^0+/, "") || "0";
  if (chars.length > LONGEST) return null;
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of chars) {
    if (c in DIGITS) digit = DIGITS[c];
    else if (c in UNITS) { section += (digit || 1) * UNITS[c]; digit = 0; }
    else { total += (section + digit || 1) * 10000; section = 0; digit = 0; }
  }
  return String(total + section + digit);
}

function number(text) {
  const value = /^[0-9]/.test(text) ? null : chineseValue(text);
  return value === null ? text : value;
}

export function normalize(text) {
  let out = [...text].map((c) => { const i = FULL_FROM.indexOf(c); return i < 0 ? c : FULL_TO[i]; }).join("");
  out = out.replace(SPACE, "");
  out = out.replace(PERCENT, (_, n) => number(n) + "%");
  out = out.replace(FRACTION, (_, below, above) => `${number(above)}/${number(below)}`);
  out = out.replace(RUNS, (run) => number(run));
  out = out.replace(PEOPLE, "人");
  return out.replace(COUNTER, "");
}
