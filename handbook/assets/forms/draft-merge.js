// A form's draft shared by the tabs of one browser: the three-way merges forms/page.js runs when it saves
// and when another tab has saved. Pure (values in, values out): tested in Node
// (tests/js/form-draft.test.mjs) and, through the form pages, in chromium (tests/test_form_pages.py).
//
// `base` is the stored draft as this tab last saw it, `mine` this tab's values, `theirs` what is
// stored now; a key is a field's name, a value its text ("" or absent: empty). Only fields this form
// knows (`isKnown`) are merged; the others are kept as they are stored, never dropped.

export const differs = (a, b, key) => (a[key] || "") !== (b[key] || "");

// Saving: this tab's changes (`dirty`) written on top of what is stored. `foreign`: another tab has
// saved since `base` was read. Returns what to store, the keys this tab changed, and the clashes —
// fields both tabs changed to different values (this tab's value is stored; the page says so).
export function mergeForSave({ base, mine, theirs, dirty, foreign, isKnown }) {
  const merged = foreign ? { ...theirs } : { ...base };
  const changed = [];
  const clashes = [];
  for (const key of dirty) {
    if (!isKnown(key) || !differs(mine, base, key)) continue;   // not a field here, or not changed here
    if (foreign && differs(theirs, base, key) && differs(theirs, mine, key)) clashes.push([key, theirs[key] || ""]);
    changed.push(key);
  }
  for (const key of changed) {
    if (mine[key]) merged[key] = mine[key]; else delete merged[key];
  }
  return { merged, changed, clashes };
}

// Another tab saved: take its changes to fields this tab has not changed since. Returns the values
// to show, the keys taken from the other tab, and the clashes (this tab's value kept on screen).
export function mergeFromOtherTab({ base, mine, theirs, dirty, isKnown }) {
  const next = { ...mine };
  const clashes = [];
  for (const key of new Set([...Object.keys(theirs), ...Object.keys(base)])) {
    if (!isKnown(key) || !differs(theirs, base, key)) continue;
    if (dirty.has(key) && differs(mine, base, key)) {
      if (differs(mine, theirs, key)) clashes.push(key);
      continue;
    }
    if (theirs[key]) next[key] = theirs[key]; else delete next[key];
  }
  const taken = [...new Set(Object.keys(next).concat(Object.keys(mine)).filter((k) => differs(next, mine, k)))];
  return { next, taken, clashes };
}
