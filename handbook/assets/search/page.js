// The search page: queries the Pagefind index that the build writes to pagefind/ (see
// handbook/search/). Pagefind loads only the index chunks and result fragments a query
// needs. Results are clauses (四（三）6 → documents/…/#s4-3-6) first, then pages,
// calculators and forms. What is asked for a query (its synonyms, its numbers in the index's
// spelling, without its question words) is made by search/query.js. When no record holds the
// whole query, the records that hold most of it are shown, and the page says so.

import { adviceFor, missingFeatures } from "../browser/capability.js";
import { one } from "../browser/dom.js";
import { compact, cover, GRAMS_MARK, longestShared, partialMatches, plan } from "./query.js";
import { normalize } from "./numerals.js";

const KIND_ORDER = { "条款": 0, "页面": 1, "计算器": 2, "表格": 3 };
const PER_QUERY = 30;   // index pages (chunks of up to 8 records) of each query variant considered
const SHOWN = 10;
const DEBOUNCE_MS = 200;
const MAX_PARTS = 24;   // pairs of a long question (and of its synonyms) asked one by one when nothing holds them all
const MIN_PART = 0.5;   // beside a whole match, a record holding half the query's pairs is shown
const FEW = 3;          // a question (question words left out) with fewer whole matches also gets
                        // the records that hold most of it, after them (search/query.js partialMatches)

const root = /** @type {HTMLElement} */ (one(document, ".hb-search"));
const input = /** @type {HTMLInputElement} */ (one(root, "#hb-search-input"));
const status = /** @type {HTMLElement} */ (one(root, ".hb-search-status"));
const list = /** @type {HTMLElement} */ (one(root, ".hb-search-results"));
const words = JSON.parse(one(document, "script.hb-search-synonyms")?.textContent || "{}");
const synonyms = words.synonyms || [];
const stops = words.stop_words || [];
const weak = words.weak_characters || "";
const siteRoot = new URL(root.dataset.siteRoot || "./", location.href);

const RECORD_MARK = "⁑";   // before each record of an index page (handbook/search/build.py)

let pagefind = null;
let latest = 0;

async function load() {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
    // record URLs start at the site root; under a sub-path (/handbook/) they must too
    await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 40 });
  }
  return pagefind;
}

// the record's own text, without the pairs indexed after it
const text = (data) => (data.content || "").split(GRAMS_MARK)[0];

// a short passage around the first place the query (or its first word) occurs, marked
function excerpt(data, phrases) {
  const body = text(data).replace(/\s+/g, " ").trim();
  const flat = compact(body);
  let at = -1;
  let found = "";
  for (const p of [...phrases, longestShared(phrases, flat)].filter(Boolean)) {
    at = flat.indexOf(p);
    if (at >= 0) { found = p; break; }
  }
  const fragment = document.createDocumentFragment();
  if (at < 0) {
    fragment.append(body.slice(0, 80) + (body.length > 80 ? "……" : ""));
    return fragment;
  }
  // map the position in the text without spaces back to the text
  let seen = -1;
  let start = 0;
  for (let i = 0; i < body.length; i += 1) {
    if (!/\s/.test(body[i])) seen += 1;
    if (seen === at) { start = i; break; }
  }
  let end = start;
  for (let n = 0; end < body.length && n < found.length; end += 1) if (!/\s/.test(body[end])) n += 1;
  const from = Math.max(0, start - 30);
  const to = Math.min(body.length, end + 50);
  const mark = document.createElement("mark");
  mark.textContent = body.slice(start, end);
  fragment.append((from > 0 ? "……" : "") + body.slice(from, start), mark, body.slice(end, to) + (to < body.length ? "……" : ""));
  return fragment;
}
const kind = (data) => KIND_ORDER[data.meta.kind] ?? KIND_ORDER["页面"];
// a replaced or finished version comes after the version its series' address shows, and the
// 范例 (sample texts, not binding) after the notices, where they match as well
const older = (data) => (data.meta.older || data.meta.statusCode === "sample" ? 1 : 0);
// an attachment's table comes after prose that has the same words (a form's grid repeats the rule)
const table = (data) => (data.meta.table ? 1 : 0);

// An index page holds a few records of one page of the site, each a section of its own:
// its texts come in order after RECORD_MARK, its links and titles in the "records" meta, and
// Pagefind's sub_results say which sections (#r0, #r1 …) hold the query's words.
function recordsOf(data, rank) {
  const meta = JSON.parse(data.meta.records || "[]");
  const texts = (data.content || "").split(RECORD_MARK).slice(1);
  const hits = new Map();
  for (const sub of data.sub_results || []) {
    const m = /#r(\d+)$/.exec(sub.url || "");
    if (m) hits.set(Number(m[1]), (sub.locations || []).length);
  }
  return meta.map(([url, title, kind, source, table, status, statusCode, old], i) => ({
    rank, hits: hits.get(i) || 0,
    data: { url, content: texts[i] || "",
            meta: { url, title, kind, source, table: table ? "1" : "", status: status || "", statusCode: statusCode || "",
                    older: old ? "1" : "" } },
  }));
}

async function ask(pf, queries, counts = null) {
  const ranked = new Map();   // index page id → {result, rank}
  let rank = 0;
  for (const q of queries) {
    const found = await pf.search(q);
    if (counts) counts.set(q, found.results.length);
    for (const result of found.results.slice(0, PER_QUERY)) {
      if (!ranked.has(result.id)) ranked.set(result.id, { result, rank });
      rank += 1;
    }
  }
  return ranked;
}

async function recordsFound(ranked) {
  const top = [...ranked.values()].sort((a, b) => a.rank - b.rank).slice(0, PER_QUERY);
  const pages = await Promise.all(top.map(async (x) => recordsOf(await x.result.data(), x.rank)));
  return { records: pages.flat(), unread: Math.max(0, ranked.size - top.length) };
}

// a record's pairs, as a set
const ownGrams = (data) => new Set((data.content.split(GRAMS_MARK)[1] || "").split(/\s+/));

async function search(query) {
  const pf = await load();
  const asked = plan(query, synonyms, stops);
  if (!asked.core) return { total: 0, items: [], phrases: [], onlyStops: true };
  // Pagefind matches the words of a query; a record that has the whole query as written
  // (三分之二, 不称职, 17人) comes before one that has its words apart. Spaces are ignored,
  // as the sources print “满 2 年”; numbers in either spelling (三年 = 3年).
  const has = (d) => { const t = normalize(compact(text(d))); return asked.phrases.some((p) => t.includes(normalize(p))); };
  const measure = (x) => { x.cover = cover(asked.wanted, ownGrams(x.data)); x.whole = has(x.data) || x.cover === 1; };
  const { records, unread } = await recordsFound(await ask(pf, asked.asks));
  // numbers ask for short words (2, 3, 20%) that many records hold: keep what holds the query
  let data = records.filter((x) => x.hits > 0 || has(x.data));
  data.forEach(measure);
  const wholes = data.filter((x) => x.whole).length;
  if (wholes) data = data.filter((x) => x.whole || x.cover >= MIN_PART);
  // then the records that hold more of the query's character pairs (退回 as well as 申报材料):
  // a page of the index ranks as a whole, its records by what each of them holds;
  // then prose before an attachment's table (a form's grid repeats the words of the rule)
  const whole = (x) => (x.whole ? 0 : 1);
  data.sort((a, b) => kind(a.data) - kind(b.data) || whole(a) - whole(b) || older(a.data) - older(b.data)
    || b.cover - a.cover || table(a.data) - table(b.data) || a.rank - b.rank || b.hits - a.hits);
  // No record, or few for a question, holds the whole query: add the records that hold most
  // of its pairs, after the whole ones (never a dead end while a clause holds most of the words)
  let some = [];
  const question = asked.core !== query.trim();
  if (asked.parts.length > 1 && (!wholes || (wholes < FEW && question))) {
    if (!wholes) data = [];
    const seen = new Set(data.map((x) => x.data.url));
    some = (await partly(pf, asked.partLists)).filter((x) => !seen.has(x.data.url));
  }
  // records in index pages not fetched are counted once each (at least one record matches)
  const total = data.length + (wholes ? unread : 0);
  return { total, some: some.length, items: [...data, ...some].map((x) => x.data), phrases: asked.phrases };
}

// How many pages the index has (Pagefind's entry file), for how rare a pair is; null if unknown.
let indexPages;
async function pageCount() {
  if (indexPages === undefined) {
    try {
      const entry = await (await fetch(new URL("pagefind/pagefind-entry.json", siteRoot))).json();
      indexPages = Object.values(entry.languages || {})[0]?.page_count || null;
    } catch {
      indexPages = null;
    }
  }
  return indexPages;
}

// The records holding most of the query's pairs, asked for one by one, best first. A rare pair
// (见习) counts for more than a common one (工程), a pair across a question's joining character
// (了处 in 受了处分) for less, and a pair no record holds does not count, as Pagefind leaves out a
// word it does not know. Never a dead end: when nothing holds enough of the query, the records
// holding one of its rare pairs are shown (处分 in 受了处分还能评职称吗).
async function partly(pf, lists) {
  const counts = new Map();
  const ranked = await ask(pf, [...new Set(lists.flat())].slice(0, MAX_PARTS), counts);
  const { records } = await recordsFound(ranked);
  const known = lists.map((parts) => parts.filter((g) => counts.get(g))).filter((k) => k.length);
  if (!known.length) return [];
  const pages = (await pageCount()) || Math.max(ranked.size, ...counts.values());
  for (const x of records) x.own = ownGrams(x.data);
  return partialMatches(records, known, counts, pages, weak)
    .sort((a, b) => b.cover - a.cover || older(a.data) - older(b.data) || kind(a.data) - kind(b.data)
      || table(a.data) - table(b.data) || a.rank - b.rank);
}

// the clause, calculator or form a record stands for, under the site root
function target(data) {
  const url = new URL(data.meta.url.replace(/^\//, ""), siteRoot);
  return url.pathname + url.hash;
}

function show(query, found) {
  list.replaceChildren();
  found.items.slice(0, SHOWN).forEach((data, i) => {
    const li = document.createElement("li");
    li.className = "hb-result";
    li.dataset.kind = data.meta.kind || "页面";
    const a = document.createElement("a");
    a.href = target(data);
    const title = document.createElement("strong");
    title.textContent = data.meta.title || data.url;
    const source = document.createElement("span");
    source.className = "hb-result-source";
    source.textContent = `${data.meta.kind || "页面"}${data.meta.source ? " · " + data.meta.source : ""}`;
    a.append(title, " ", source);
    if (data.meta.status) {   // a clause of a notice whose round is over must say so in the list
      const badge = document.createElement("span");
      badge.className = `hb-result-status is-${data.meta.statusCode}`;
      badge.textContent = data.meta.status;
      a.append(" ", badge);
    }
    const passage = document.createElement("p");
    passage.className = "hb-result-excerpt";
    passage.append(excerpt(data, found.phrases));
    if (i >= found.items.length - found.some) {   // holds only part of the query: say so on it
      li.classList.add("is-partial");
      const part = document.createElement("span");
      part.className = "hb-result-partial";
      part.textContent = "部分词语";
      a.append(" ", part);
    }
    li.append(a, passage);
    list.appendChild(li);
  });
  const all = found.total + found.some;
  const shown = all > SHOWN ? `，显示前 ${SHOWN} 条` : "";
  if (found.onlyStops) {
    status.textContent = `“${query}”只有疑问词或语气词。请输入要查的内容，如：见习期、三分之二、继续教育、公示几天。`;
  } else if (!all) {
    status.textContent = `没有找到“${query}”。请换一个词，或减少字数再试。`;
  } else if (!found.total) {
    status.textContent = `未找到完全匹配“${query}”；以下结果包含其中部分词语（${found.some} 条${shown}），请核对是否所需。`;
  } else if (found.some) {
    status.textContent = `“${query}”：找到 ${found.total} 条结果；另有 ${found.some} 条包含其中部分词语，列在其后${shown}。`;
  } else {
    status.textContent = `“${query}”：找到 ${found.total} 条结果${shown}。`;
  }
  root.dataset.partial = found.total ? "" : found.some ? "1" : "";
  root.dataset.query = query;
  root.dataset.results = String(Number(root.dataset.results || 0) + 1);
}

async function run() {
  if (missing.length) return;   // said above, once
  const query = input.value.trim();
  const id = ++latest;
  const url = new URL(location.href);
  if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
  history.replaceState(null, "", url);
  if (!query) {
    list.replaceChildren();
    status.textContent = "输入词语即可搜索。";
    return;
  }
  status.textContent = "正在搜索……";
  try {
    const found = await search(query);
    if (id === latest) show(query, found);
  } catch (err) {
    status.textContent = `搜索未能完成：${err && err.message || err}。请刷新页面重试。`;
  }
}

// Pagefind runs WebAssembly: a browser without it is told so, and where every clause is listed
const missing = missingFeatures(globalThis, "wasm");
const allClauses = one(root, ".hb-search-all");
if (missing.length) {
  status.textContent = `${adviceFor(missing, navigator.userAgent, "搜索")}也可在“全部条款”页按文件浏览每一条，用浏览器的“在页面中查找”查找。`;
  root.dataset.unsupported = missing.map((m) => m.key).join(" ");
  if (allClauses) allClauses.hidden = false;
}

let timer = null;
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, DEBOUNCE_MS); });
one(root, "form")?.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); run(); });
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run();
}
input.focus();
