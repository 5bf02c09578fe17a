// “As in force on a date”: which version of a document governed a given day, on its page's
// version list (本文件的版本). The data are the versions' periods, written into the page at build
// time; the rule is handbook.versions.Series.in_force_on's: a version governs from its first day
// to its last (or with no end), and a later version that has started replaces an earlier one.
// inForceOn is pure (tested in Node: tests/js/versions.test.mjs); the rest wires the form.

export function inForceOn(versions, day) {
  let found = null;
  for (const v of versions) {
    if (v.binding && v.start && v.start <= day && (!v.end || day <= v.end)) found = v;
  }
  return found;
}

export function describe(versions, day) {
  const binding = versions.filter((v) => v.binding && v.start);
  if (!binding.length) return { text: "本文件不是正式文件，没有施行期间。" };
  const v = inForceOn(versions, day);
  if (v) return { version: v, text: `${day} 适用的是：${v.label}（适用期间：${v.period}）。` };
  if (day < binding[0].start) return { text: `${day} 早于本站收录的最早版本（${binding[0].label}，${binding[0].period}）。` };
  return { text: `${day} 不在本站收录的任何版本的适用期间内（各版本的期间见上表）；此后的通知本站可能尚未收录。` };
}

function wire(form) {
  const versions = JSON.parse(form.dataset.versions);
  const input = form.querySelector("input[type=date]");
  const out = form.querySelector("output");
  const show = () => {
    out.replaceChildren();
    if (!input.value) return;
    const found = describe(versions, input.value);
    out.append(found.text);
    if (found.version) {
      const a = document.createElement("a");
      a.href = found.version.url;
      a.textContent = "查看该版本原文";
      out.append(" ", a);
    }
  };
  form.addEventListener("submit", (event) => { event.preventDefault(); show(); });
  input.addEventListener("change", show);
  form.hidden = false;
}

if (typeof document !== "undefined") {
  for (const form of document.querySelectorAll("form.in-force-on")) wire(form);
}
