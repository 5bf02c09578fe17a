"""Try a build of this handbook with Zensical, and print what works, with figures (issue 28).

    .venv/bin/python scripts/zensical_trial.py --zensical /path/to/venv/bin/zensical

Zensical (the successor of Material for MkDocs, by its makers) reads ``mkdocs.yml`` but runs no MkDocs
plugin, and this site's pages are made inside one (``handbook/mkdocs_adapter/plugin.py``). So the trial gives Zensical
what the plugin would: the generated Markdown pages written beside ``docs/``, the nav expanded, the
theme overrides' folder, in a temporary project; it builds that, and the same handbook is built by
MkDocs as ``make build`` does (runtime cached). Then the two sites are compared page by page: which
pages exist, whether a document page keeps its clause anchors, whether calculator and form pages keep
their forms and start Python, and whether what the plugin writes after the pages (search index,
Pyodide, Word/Excel files, open data) is there. Prints figures; asserts nothing; writes nothing here.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from handbook.mkdocs_adapter.site_files import ASSETS_DIR, STYLESHEET, THEME_DIR

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLES = {   # a page of each kind, and what shows it works
    "document": ("documents/xinzhou-annual-assessment/index.html", r' id="[a-z0-9-]+"'),   # clause anchors
    "document text": ("documents/xinzhou-annual-assessment/index.html", r'<p class="clause-text'),
    "calculator": ("calculators/zhejiang-committee-vote/index.html", r'class="calc-form"'),
    "form": ("forms/xinzhou-self-assessment/index.html", r'class="form-sheet'),
    "search page": ("search/index.html", r'class="hb-search"'),
}
AFTER_PAGES = {   # what the plugin writes once the pages are done
    "search index (Pagefind)": "pagefind/pagefind-entry.json",
    "Pyodide runtime": "assets/pyodide",
    "Word/Excel files": "forms/xinzhou-self-assessment/xinzhou-self-assessment.docx",
    "open data (JSON)": "data",
    "form layout CSS": "assets/form-layout.css",
}


def project_for_zensical(dest: Path) -> float:
    """The handbook as a plain MkDocs project (no plugin): docs/, the generated pages, the expanded
    nav. Returns the seconds the generator took."""
    from mkdocs.config import load_config

    t0 = time.perf_counter()
    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["policy-handbook"]
    plugin.config.pyodide = False
    config = plugin.on_config(config)
    shutil.copytree(ROOT / "docs", dest / "docs")
    for src, (_title, content) in plugin.generated.items():
        path = dest / "docs" / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, "utf-8")
    # the generator's browser code and stylesheet (with the declared colours), as on_files adds them
    shutil.copytree(ASSETS_DIR, dest / "docs" / "assets")
    stylesheet = plugin.palette_css + (ASSETS_DIR / "handbook.css").read_text("utf-8")
    (dest / "docs" / STYLESHEET).write_text(stylesheet, "utf-8")
    (dest / "docs" / "assets" / "form-layout.css").write_text(plugin.renderer.layout.css(), "utf-8")
    seconds = time.perf_counter() - t0
    raw = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    raw.pop("plugins", None)
    raw["strict"] = False
    raw["nav"] = config.nav
    raw["theme"]["custom_dir"] = str(THEME_DIR)
    raw["site_dir"] = str(dest / "site")
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    return seconds


def timed(command: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900)
    return time.perf_counter() - t0, proc


def pages(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("index.html")} if site.exists() else set()


HREF = re.compile(r'(?:href|src)="([^"#?:]+)(?:[#?][^"]*)?"')


def broken_links(site: Path) -> tuple[int, int, list[str]]:
    """Links from page to page or file within the site that lead nowhere: (broken, all, examples)."""
    broken, total, examples = 0, 0, []
    for page in site.rglob("*.html"):
        for target in HREF.findall(page.read_text("utf-8", errors="replace")):
            if target.startswith("/") or not target:
                continue
            total += 1
            path = (page.parent / target).resolve()
            if not (path.exists() or (path / "index.html").exists()):
                broken += 1
                if len(examples) < 3:
                    examples.append(f"{page.relative_to(site)} → {target}")
    return broken, total, examples


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--zensical", required=True, help="the zensical command (in a venv of its own)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        zen = tmp_path / "zensical"
        generate_s = project_for_zensical(zen)
        zen_s, zen_proc = timed([args.zensical, "build", "-f", str(zen / "mkdocs.yml")], zen)
        mk_site = tmp_path / "mkdocs-site"
        mk_s, mk_proc = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(mk_site)], ROOT)
        version = subprocess.run([args.zensical, "--version"], capture_output=True, text=True).stdout.strip()
        print(f"Zensical: {version}")
        print(f"MkDocs build (make build, runtime cached): {mk_s:.1f} s, exit {mk_proc.returncode}")
        print(f"Zensical build of the generated project:   {zen_s:.1f} s, exit {zen_proc.returncode} "
              f"(+ {generate_s:.1f} s for the generator to write the pages)")
        if zen_proc.returncode:
            print("Zensical said:", (zen_proc.stderr or zen_proc.stdout)[-600:])
        mk_pages, zen_pages = pages(mk_site), pages(zen / "site")
        print(f"pages: MkDocs {len(mk_pages)}, Zensical {len(zen_pages)}, in both {len(mk_pages & zen_pages)}, "
              f"only MkDocs {len(mk_pages - zen_pages)}, only Zensical {len(zen_pages - mk_pages)}")
        for name, site in (("MkDocs", mk_site), ("Zensical", zen / "site")):
            broken, total, examples = broken_links(site)
            print(f"{name}: links within the site {total}, leading nowhere {broken}" +
                  (f" (e.g. {'; '.join(examples)})" if examples else ""))
        article = re.compile(r"<article[^>]*>(.*?)</article>", re.S)
        same = []
        for page in sorted(mk_pages & zen_pages):
            bodies = [article.search((site / page).read_text("utf-8")) for site in (mk_site, zen / "site")]
            same.append(bool(bodies[0] and bodies[1] and bodies[0][1] == bodies[1][1]))
        print(f"pages whose article (the page's content) is byte-identical: {sum(same)} of {len(same)}")
        for kind, (page, mark) in SAMPLES.items():
            counts = []
            for site in (mk_site, zen / "site"):
                path = site / page
                text = path.read_text("utf-8") if path.exists() else ""
                counts.append(len(re.findall(mark, text)))
            early = [("python/early.js" in (s / page).read_text("utf-8")) if (s / page).exists() else False
                     for s in (mk_site, zen / "site")]
            print(f"{kind:13} {page}: marks MkDocs {counts[0]}, Zensical {counts[1]}; "
                  f"Python started from the head: MkDocs {early[0]}, Zensical {early[1]}")
        calc = "calculators/zhejiang-committee-vote/index.html"
        for name, site in (("MkDocs", mk_site), ("Zensical", zen / "site")):
            text = (site / calc).read_text("utf-8") if (site / calc).exists() else ""
            filled = "__HANDBOOK_RUNTIME__" not in text
            print(f"{name}: calculator page's runtime (lock, snapshot) filled in: {filled}; "
                  f"theme override (handbook/mkdocs_adapter/theme/main.html) applied: {'hb-search-q' in text}")
        for what, rel in AFTER_PAGES.items():
            print(f"{what:26} MkDocs {(mk_site / rel).exists()!s:5}  Zensical {(zen / 'site' / rel).exists()!s:5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
