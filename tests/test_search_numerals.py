"""One rule for numbers in the index and in the query: handbook/search/numerals.py (build) and
handbook/assets/search/numerals.js (search page) give the same spelling, checked against the table of
pairs (tests/cases/search_numerals.yaml) and against each other over every record of the index."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from handbook.search import records
from handbook.search.build import grams, indexed_text
from handbook.search.numerals import chinese_value, normalize

from conftest import ROOT

PAIRS = yaml.safe_load((Path(__file__).parent / "cases" / "search_numerals.yaml").read_text("utf-8"))

# both modules applied to texts read from stdin, in Node
_NODE = """
import { normalize } from "./handbook/assets/search/numerals.js";
import { grams } from "./handbook/assets/search/query.js";
let input = "";
process.stdin.on("data", (d) => { input += d; });
process.stdin.on("end", () => {
  const texts = JSON.parse(input);
  process.stdout.write(JSON.stringify(texts.map((t) => [normalize(t), grams(t), grams(normalize(t))])));
});
"""


@pytest.mark.parametrize("pair", PAIRS, ids=[p[0] for p in PAIRS])
def test_pairs(pair):
    typed, canonical = (str(x) for x in pair)
    assert normalize(typed) == canonical
    assert normalize(canonical) == canonical


def test_chinese_values():
    assert chinese_value("十七") == "17"
    assert chinese_value("二〇二四") == "2024"
    assert chinese_value("千万") is None
    assert chinese_value("一" * 5000) == "1" * 5000      # no int() limit, never rounded
    assert chinese_value("九千九百万" * 4) is None


def _in_node(texts: list[str]) -> list[list[str]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is required (make test installs it)")
    proc = subprocess.run([node, "--input-type=module", "-e", _NODE], input=json.dumps(texts), cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


def test_build_and_search_page_agree_on_every_record(handbook):
    """Whatever the index holds, the page spells a query the same way: the texts of all the
    records, the table's words, and hostile input."""
    texts = [r.content for r in records(handbook, [])]
    texts += [str(p[0]) for p in PAIRS] + ["1e10000000", "10,5", "\t\t", "三分之" * 200 + "二", "％％", "ⅢⅣ"]
    assert len(texts) > 300
    for text, (js_normal, js_grams, js_normal_grams) in zip(texts, _in_node(texts), strict=True):
        assert js_normal == normalize(text), text[:80]
        assert js_grams == grams(text), text[:80]
        assert js_normal_grams == grams(normalize(text)), text[:80]


def test_the_index_holds_both_spellings():
    held = set(indexed_text("任职满三年，不得少于十七人，百分之二十").split("⁂")[1].split())
    for query in ("满3年", "满三年", "17人", "十七名", "20%", "百分之二十"):
        assert set(grams(normalize(query)).split()) <= held, query
