// The search page: queries the Pagefind index that the build writes to pagefind/ (see
// handbook/search/). Pagefind loads only the index chunks and result fragments a query
// needs. Results are clauses (浙江 四（三）6 → documents/…/#s4-3-6) first, then pages,
// calculators and forms; readers' words are also searched as the documents' words
// (policy_data/search_synonyms.yaml).

const KIND_ORDER = { "条款": 0, "页面": 1, "计算器": 2, "表格": 3 };
const PER_QUERY = 30;   // index pages (chunks of up to 8 records) of each query variant considered
const SHOWN = 10;
const DEBOUNCE_MS = 200;

const root = document.querySelector(".hb-search");
const input = root.querySelector("#hb-search-input");
const status = root.querySelector(".hb-search-status");
const list = root.querySelector(".hb-search-results");
const synonyms = JSON.parse(document.querySelector("script.hb-search-synonyms").textContent);
const siteRoot = new URL(root.dataset.siteRoot || "./", location.href);

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

// The query as typed, then as the documents would say it: 助工 → 助理工程师, 职称 ↔ 专业技术职务.
// A word is not replaced inside a longer one (正高 in 正高级 stays).
export function variants(query) {
  const out = [query];
  for (const s of synonyms) {
    const pairs = [[s.typed, s.means]];
    if (s.both_ways) pairs.push([s.means, s.typed]);
    for (const [from, to] of pairs) {
      const at = query.indexOf(from);
      if (at < 0 || query.includes(to)) continue;
      const rest = query.slice(at);
      if (to.startsWith(from) && rest.startsWith(to.slice(0, from.length + 1))) continue;
      out.push(query.slice(0, at) + to + query.slice(at + from.length));
    }
  }
  return [...new Set(out)];
}

const compact = (text) => text.replace(/\s+/g, "");
const GRAMS_MARK = "⁂";
const RECORD_MARK = "⁑";   // before each record of an index page (handbook/search/build.py)
const RUNS = /[\u3400-\u9fff]+|[0-9A-Za-z%％.]+/g;

// The query as pairs of characters written as ASCII words (见习 → g89c14e60), made exactly as
// handbook/search/build.py makes them for the index, so a query matches however Pagefind
// would segment the sentence it occurs in.
export function grams(text) {
  const code = (chars) => "g" + [...chars].map((c) => c.codePointAt(0).toString(16)).join("");
  const out = [];
  for (const run of text.match(RUNS) || []) {
    if (/[\u3400-\u9fff]/.test(run[0])) {
      for (let i = 0; i < Math.max(1, run.length - 1); i += 1) out.push(code(run.slice(i, i + 2)));
    } else {
      out.push(run.toLowerCase());
    }
  }
  return out.join(" ");
}

// the record's own text, without the pairs indexed after it
const text = (data) => (data.content || "").split(GRAMS_MARK)[0];

// a short passage around the first place the query (or its first word) occurs, marked
function excerpt(data, phrases) {
  const body = text(data).replace(/\s+/g, " ").trim();
  const flat = compact(body);
  let at = -1;
  let found = "";
  for (const p of phrases) {
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
  return meta.map(([url, title, kind, source, table, status, statusCode], i) => ({
    rank, hits: hits.get(i) || 0,
    data: { url, content: texts[i] || "",
            meta: { url, title, kind, source, table: table ? "1" : "", status: status || "", statusCode: statusCode || "" } },
  }));
}

async function search(query) {
  const pf = await load();
  const ranked = new Map();   // index page id → {result, rank}
  let rank = 0;
  const asked = [];
  for (const q of variants(query)) asked.push(grams(q), q);
  for (const q of [...new Set(asked)]) {
    const found = await pf.search(q);
    for (const result of found.results.slice(0, PER_QUERY)) {
      if (!ranked.has(result.id)) ranked.set(result.id, { result, rank: rank });
      rank += 1;
    }
  }
  const top = [...ranked.values()].sort((a, b) => a.rank - b.rank).slice(0, PER_QUERY);
  const pages = await Promise.all(top.map(async (x) => recordsOf(await x.result.data(), x.rank)));
  // Pagefind matches the words of a query; a record that has the whole query as written
  // (三分之二, 不称职, 17人) comes before one that has its words apart. Spaces are ignored,
  // as the sources print “满 2 年”.
  const phrases = variants(query).map(compact);
  const has = (d) => phrases.some((p) => compact(text(d)).includes(p));
  const data = pages.flat().filter((x) => x.hits > 0 || has(x.data));
  const whole = (d) => (has(d) ? 0 : 1);
  // then the records that hold more of the query's character pairs (退回 as well as 申报材料):
  // a page of the index ranks as a whole, its records by what each of them holds
  const wanted = variants(query).map((q) => grams(q).split(" ").filter(Boolean));
  for (const x of data) {
    const own = new Set((x.data.content.split(GRAMS_MARK)[1] || "").split(/\s+/));
    x.cover = Math.max(...wanted.map((w) => (w.length ? w.filter((g) => own.has(g)).length / w.length : 0)));
  }
  // then prose before an attachment's table (a form's grid repeats the words of the rule)
  const table = (d) => (d.meta.table ? 1 : 0);
  data.sort((a, b) => kind(a.data) - kind(b.data) || whole(a.data) - whole(b.data)
    || b.cover - a.cover || table(a.data) - table(b.data) || a.rank - b.rank || b.hits - a.hits);
  // records in index pages not fetched are counted once each (at least one record matches)
  const total = data.length + Math.max(0, ranked.size - top.length);
  return { total, items: data.map((x) => x.data), phrases };
}

// the clause, calculator or form a record stands for, under the site root
function target(data) {
  const url = new URL(data.meta.url.replace(/^\//, ""), siteRoot);
  return url.pathname + url.hash;
}

function show(query, found) {
  list.replaceChildren();
  for (const data of found.items.slice(0, SHOWN)) {
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
    li.append(a, passage);
    list.appendChild(li);
  }
  status.textContent = found.total
    ? `“${query}”：找到 ${found.total} 条结果${found.total > SHOWN ? `，显示前 ${SHOWN} 条` : ""}。`
    : `没有找到“${query}”。请换一个词，或减少字数再试。`;
  root.dataset.query = query;
  root.dataset.results = String(Number(root.dataset.results || 0) + 1);
}

async function run() {
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

let timer = null;
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, DEBOUNCE_MS); });
root.querySelector("form").addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); run(); });
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run();
}
input.focus();
