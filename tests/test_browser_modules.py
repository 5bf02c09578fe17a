"""A page asks for every module its script imports at once (handbook/browser_modules.py): the
static import graph read from the modules themselves, and each page's modulepreload links."""

from __future__ import annotations

import re

from handbook.browser_modules import ModuleGraph

from conftest import ROOT


def test_the_graph_follows_static_imports_only(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "page.js").write_text(
        '// import { no } from "./commented.js"; is a comment, not an import\n'
        'import {\n  one,\n  two,\n} from "./one.js";\n'
        'import "../b/side.js";\n'
        'export { three } from "../b/three.js";\n'
        'const later = () => import("./dynamic.js");\n', "utf-8")
    (tmp_path / "a" / "one.js").write_text('import { deep } from "../b/deep.js";\n'
                                           'import { p } from "./page.js";\n', "utf-8")
    for name in ("side", "three", "deep"):
        (tmp_path / "b" / f"{name}.js").write_text("export const x = 1;\n", "utf-8")
    graph = ModuleGraph(tmp_path)
    assert graph.closure("a/page.js") == ["a/one.js", "b/side.js", "b/three.js", "b/deep.js"]
    assert ModuleGraph(None).closure("a/page.js") == []


def test_each_page_preloads_exactly_what_its_script_imports(site_dir):
    graph = ModuleGraph(ROOT / "handbook" / "assets")
    pages = {"calculators/zhejiang-committee-vote/index.html": "calculator/page.js",
             "forms/xinzhou-roster/index.html": "forms/page.js",
             "search/index.html": "search/page.js", "storage/index.html": "storage/page.js"}
    for page, entry in pages.items():
        html = (site_dir / page).read_text("utf-8")
        preloaded = re.findall(r'<link rel="modulepreload" href="((?:\.\./)*)assets/([^"]+)"', html)
        assert [module for _up, module in preloaded] == graph.closure(entry), page
        assert len(preloaded) >= 3, page
        for up, module in preloaded:   # each one is there to be fetched, at the address the page gives
            assert (site_dir / page).parent.joinpath(up, "assets", module).resolve().is_file(), (page, module)
        assert f'assets/{entry}"></script>' in html
    # a policy page asks for no module of a calculator or a form
    assert "modulepreload" not in (site_dir / "documents/zhejiang-senior-title/index.html").read_text("utf-8")
