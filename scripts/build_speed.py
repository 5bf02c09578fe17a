"""How much slower the handbook builds than a plain mkdocs-material site with the same Markdown.

    .venv/bin/python scripts/build_speed.py [--docs 4 200] [--runs 3]

For each size, a temporary project holds the four real documents plus copies under new ids, each
with ``--versions`` versions (the same text a year apart: a page per version and a compare page).
Two builds are timed, ``--runs`` times each, alternating: the handbook (its plugin loads and
checks policy_data/, renders the pages, writes the Pagefind index; without the Pyodide bundle,
which does not depend on the number of documents), and a plain mkdocs-material site (theme and
its default search plugin, nothing else) built from the very Markdown the plugin generated.
Prints min, median and max seconds and the ratio of the medians. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))
from search_bytes import synthesise  # noqa: E402

from conftest import copy_project  # noqa: E402

PLAIN_CONFIG = """site_name: plain
docs_dir: docs
site_dir: site
theme:
  name: material
  language: zh
  font: false
markdown_extensions: [attr_list, admonition, md_in_html, toc]
"""


def plain_project(project: Path, dest: Path) -> Path:
    """A plain Material project whose docs/ are the pages the handbook plugin generates."""
    from handbook.export import calculator_params, describe_all
    from handbook.loader import load_handbook
    from handbook.render import Renderer

    handbook = load_handbook(project / "policy_data")
    params = calculator_params(handbook)
    pages = Renderer(handbook, calculators=describe_all(params), params=params).pages()
    docs = dest / "docs"
    for src, (_title, markdown) in pages.items():
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(markdown, "utf-8")
    for path in (project / "docs").rglob("*.md"):
        (docs / path.relative_to(project / "docs")).write_text(path.read_text("utf-8"), "utf-8")
    (dest / "mkdocs.yml").write_text(PLAIN_CONFIG, "utf-8")
    return dest / "mkdocs.yml"


def timed_build(config: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
                          cwd=config.parent, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(proc.stderr[-2000:])
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, nargs="+", default=[4, 200])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--versions", type=int, default=2, help="versions per document (default 2)")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"runs: {args.runs} each, alternating; {args.versions} versions per document; "
          f"load average at start {load:.2f}")
    print(f"{'documents':>9} {'handbook s (min/med/max)':>26} {'plain Material s':>24} {'ratio':>6}")
    for total in args.docs:
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_project(Path(tmp) / "handbook")
            synthesise(project, total, args.versions)
            plain = plain_project(project, Path(tmp) / "plain")
            ours, theirs = [], []
            for _ in range(args.runs):
                ours.append(timed_build(project / "mkdocs.yml"))
                theirs.append(timed_build(plain))
            o, t = statistics.median(ours), statistics.median(theirs)
            print(f"{total:>9} {min(ours):>8.2f} {o:>7.2f} {max(ours):>7.2f}   "
                  f"{min(theirs):>7.2f} {t:>7.2f} {max(theirs):>7.2f} {o / t:>6.2f}×")


if __name__ == "__main__":
    main()
