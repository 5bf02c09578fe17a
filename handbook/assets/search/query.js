// What the search page asks the index for, made from what the reader typed (pure: tested in Node,
// tests/js/search-query.test.mjs).
//
// A query is asked as typed, as the documents would say it (synonyms: 助工 → 助理工程师), with its
// numbers in the index's spelling (numerals.js: 三年 → 3年), and without its question words
// (吗, 能不能, 怎么…: policy_data/search_synonyms.yaml, stop_words). Each is also asked as pairs of
// characters written as ASCII words (见习 → g89c14e60), made exactly as handbook/search/build.py
// makes them for the index, so a query matches however Pagefind would segment the sentence.

import { normalize } from "./numerals.js";

export const GRAMS_MARK = "⁂";   // between a record's text and its pairs (handbook/search/build.py)
const RUNS = /[\u3400-\u9fff]+|[0-9A-Za-z%％./]+/g;
const cjk = (c) => c >= "\u3400" && c <= "\u9fff";
const code = (chars) => "g" + [...chars].map((c) => c.codePointAt(0).toString(16)).join("");

// Pairs of characters, runs of digits and letters, and a character next to a number alone
// (满 and 年 in 满3年), as handbook/search/build.py grams().
export function grams(text) {
  const out = [];
  const runs = [...text.matchAll(RUNS)];
  runs.forEach((m, i) => {
    const run = m[0];
    if (!cjk(run[0])) {
      out.push(run.toLowerCase().replaceAll("/", "of"));   // 2/3 → 2of3: Pagefind splits at "/"
      return;
    }
    for (let j = 0; j < Math.max(1, run.length - 1); j += 1) out.push(code(run.slice(j, j + 2)));
    const before = runs[i - 1];
    const after = runs[i + 1];
    if (run.length > 1 && before && before.index + before[0].length === m.index && !cjk(before[0][0])) out.push(code(run[0]));
    if (run.length > 1 && after && after.index === m.index + run.length && !cjk(after[0][0])) out.push(code(run[run.length - 1]));
  });
  return out.join(" ");
}

// The query as typed, then as the documents would say it: 助工 → 助理工程师, 职称 ↔ 专业技术职务.
// A word is not replaced inside a longer one (正高 in 正高级 stays).
export function variants(query, synonyms) {
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

// The query without its question words and particles (longest first, so 能不能 goes whole), and
// without punctuation: what the reader is asking about. "" when nothing is left.
export function core(query, stops) {
  let out = query.replace(/[？?！!，,。.、；;：:“”"'‘’（）()《》\s]+/g, " ");
  for (const word of [...stops].sort((a, b) => b.length - a.length)) out = out.split(word).join(" ");
  return out.replace(/\s+/g, " ").trim();
}

// Everything asked for one query: the texts (as typed and their variants, then the core's), the
// Pagefind queries (pairs and text of each, numbers in both spellings), and for each text the
// pairs a record must hold to match it whole.
export function plan(query, synonyms, stops) {
  const kept = core(query, stops);
  const texts = [...new Set([...variants(query, synonyms), ...(kept && kept !== query ? variants(kept, synonyms) : [])])];
  const spelled = [...new Set(texts.flatMap((t) => [t, spell(t)]))];
  const asks = [...new Set(spelled.flatMap((t) => [grams(t), t]))].filter(Boolean);
  const wanted = spelled.map((t) => grams(t).split(" ").filter(Boolean)).filter((w) => w.length);
  const phrases = [...new Set(spelled.map(compact))].filter(Boolean);
  // the core as typed and as the documents would say it (处罚 → 处分), each as its pairs: what a
  // record that holds part of the question is measured against
  const partTexts = kept ? variants(kept, synonyms) : [];
  const partLists = partTexts.map((t) => grams(spell(t)).split(" ").filter(Boolean)).filter((w) => w.length);
  return { core: kept, texts, asks, wanted, phrases, parts: partLists[0] || [], partLists };
}

// numbers in the index's spelling, each piece of the query apart (a question word left out
// separates what was on either side of it: 本科毕业 | 能评)
const spell = (text) => text.split(" ").map(normalize).join(" ");

export const compact = (text) => text.replace(/\s+/g, "");

// How much of one text's pairs a record holds (0…1), the best over the texts. A character alone
// (g5e74) is held by a pair that starts with it, as Pagefind matches words by their beginning.
// With weights (a pair → how rare it is), a rare pair (见习) counts for more than a common one
// (申报), as in a question only some of whose words are in the text.
export function cover(wanted, own, weights = null) {
  let best = 0;
  const weight = (g) => (weights && weights.has(g) ? weights.get(g) : 1);
  for (const w of wanted) {
    const held = w.filter((g) => own.has(g) || (g.length === 5 && [...own].some((o) => o.startsWith(g))));
    const sum = (list) => list.reduce((total, g) => total + weight(g), 0);
    best = Math.max(best, sum(held) / sum(w));
  }
  return best;
}

// The characters of a pair word (g53d74e86 → 受了); "" for a run of digits or letters.
export function pairText(g) {
  if (!/^g(?:[0-9a-f]{4,5})+$/.test(g)) return "";
  return String.fromCodePoint(...(g.slice(1).match(/[0-9a-f]{4}/g) || []).map((h) => parseInt(h, 16)));
}

export const WEAK_SHARE = 1 / 3;   // what a pair holding a weak character (了, 还) counts for
export const RARE_SHARE = 0.15;    // a pair held by at most this share of the index's pages is rare

// How rare each pair is, from how many index pages hold it: log(1 + pages / (1 + holding)). A pair
// holding one of the characters that join a question's words (``weak``: 了 in 受了处分, 还 in 还能:
// policy_data/search_synonyms.yaml) is less likely a word of the documents and counts for a third.
export function rarity(counts, pages, weak = "") {
  const isWeak = (g) => [...pairText(g)].some((c) => weak.includes(c));
  return new Map([...counts].map(([g, n]) => [g, Math.log(1 + pages / (1 + n)) * (isWeak(g) ? WEAK_SHARE : 1)]));
}

// The pairs of a question that few of the index's pages hold (处分, 见习): a record holding one is
// worth showing when nothing holds more of the question.
export function rarePairs(counts, pages) {
  return new Set([...counts].filter(([, n]) => n > 0 && n <= Math.max(1, pages * RARE_SHARE)).map(([g]) => g));
}

// The longest piece of any phrase (two characters at least) found in the text, for the excerpt's
// mark when the text holds only part of the query.
export function longestShared(phrases, text) {
  let best = "";
  for (const p of phrases) {
    for (let len = Math.min(p.length, 24); len > Math.max(1, best.length); len -= 1) {
      let hit = "";
      for (let at = 0; at + len <= p.length && !hit; at += 1) if (text.includes(p.slice(at, at + len))) hit = p.slice(at, at + len);
      if (hit) { best = hit; break; }
    }
  }
  return best;
}

const NEAR_BEST = 0.4;  // records holding at least 0.4 of what the best holds are shown with it
const MIN_BEST = 0.25;  // …when the best holds a quarter of the query (weighted by rarity)

// Which records that hold part of a query are shown, each with its ``cover``: those near the best
// when the best holds enough of the query; otherwise — never a dead end — every record holding one
// of the query's rare pairs (处分 in 受了处分还能评职称吗). ``records`` carry ``own``, their pairs;
// ``known`` the query's pairs (one list per way of writing it) that some record holds; ``counts``
// how many of the index's ``pages`` hold each pair.
export function partialMatches(records, known, counts, pages, weak = "") {
  const weights = rarity(counts, pages, weak);
  for (const x of records) x.cover = cover(known, x.own, weights);
  const best = Math.max(0, ...records.map((x) => x.cover));
  if (best >= MIN_BEST) return records.filter((x) => x.cover > 0 && x.cover >= best * NEAR_BEST);
  const rare = rarePairs(counts, pages);
  return records.filter((x) => x.cover > 0 && [...rare].some((g) => x.own.has(g)));
}
