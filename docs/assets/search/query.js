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
  return { core: kept, texts, asks, wanted, phrases, parts: kept ? grams(spell(kept)).split(" ").filter(Boolean) : [] };
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

// How rare each pair is, from how many index pages hold it: log(1 + pages / (1 + holding)).
export function rarity(counts, pages) {
  return new Map([...counts].map(([g, n]) => [g, Math.log(1 + pages / (1 + n))]));
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
