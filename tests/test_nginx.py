"""The site as deployers serve it: nginx with deploy/README.md's configuration (deploy/nginx-handbook.conf).

Compressed twins are served to browsers that accept them, versioned files are cached for a year,
pages are revalidated, and the Content-Security-Policy deploy/README.md recommends holds on every kind of
page: nothing is blocked (no inline script or style, no eval), the forms keep their column
widths, and Python still starts. The browser tests of calculators and forms run on this server
too (the ``base_url`` fixture).
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT

PAGES = {
    "home": "",
    "document": "documents/xinzhou-annual-assessment/",
    "overview": "overview/deadlines/",
    "holidays": "overview/holidays/",
    "calculator": "calculators/zhejiang-committee-vote/",
    "form": "forms/xinzhou-self-assessment/",
    "search": "search/?q=三分之二",
}


def fetch(url: str, encoding: str | None = None) -> tuple[int, dict, bytes]:
    headers = {"Accept-Encoding": encoding} if encoding else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as r:
        return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()


def runtime_files(site_dir: Path) -> dict[str, str]:
    folder = next((site_dir / "assets" / "pyodide").iterdir())
    snapshot = next(folder.glob("snapshot-*.bin"))
    return {"wasm": f"assets/pyodide/{folder.name}/pyodide.asm.wasm",
            "snapshot": f"assets/pyodide/{folder.name}/{snapshot.name}",
            "stdlib": f"assets/pyodide/{folder.name}/python_stdlib.zip"}


@pytest.mark.parametrize("kind", ["wasm", "snapshot", "stdlib"])
def test_large_runtime_files_are_sent_compressed_and_cached_for_a_year(base_url, site_dir, kind):
    path = runtime_files(site_dir)[kind]
    raw = (site_dir / path).stat().st_size
    status, headers, body = fetch(base_url + path, "br, gzip")
    assert status == 200 and headers["content-encoding"] == "br"
    assert len(body) < raw * 0.35, (len(body), raw)
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    _, headers, gz = fetch(base_url + path, "gzip")
    assert headers["content-encoding"] == "gzip" and len(body) < len(gz) < raw
    _, headers, plain = fetch(base_url + path)
    assert "content-encoding" not in headers and len(plain) == raw


def test_what_does_not_compress_gets_no_twin(site_dir, base_url):
    """The wheels are deflated already: no twin. The cut standard library is a stored zip, which
    brotli compresses across its files (handbook/runtime/stdlib.py): a twin that pays."""
    assert not list((site_dir / "assets" / "pyodide").rglob("*.whl.*"))
    stdlib = site_dir / runtime_files(site_dir)["stdlib"]
    assert Path(f"{stdlib}.br").stat().st_size < 0.3 * stdlib.stat().st_size


def test_pages_are_revalidated_compressed_and_carry_the_policy(base_url):
    status, headers, _body = fetch(base_url + PAGES["calculator"], "gzip")
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert headers["cache-control"] == "no-cache"
    csp = headers["content-security-policy"]
    assert "script-src 'self' 'wasm-unsafe-eval'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval'" not in csp.replace("wasm-unsafe-eval'", "")
    assert headers["x-content-type-options"] == "nosniff"


def test_module_scripts_have_a_javascript_type(base_url, site_dir):
    folder = next((site_dir / "assets" / "pyodide").iterdir()).name
    _, headers, _ = fetch(f"{base_url}assets/pyodide/{folder}/pyodide.mjs")
    assert headers["content-type"].startswith("text/javascript")


def test_the_deploy_guide_gives_the_configuration_the_tests_use():
    readme = (ROOT / "deploy" / "README.md").read_text("utf-8")
    conf = (ROOT / "deploy" / "nginx-handbook.conf").read_text("utf-8")
    block = re.search(r"```nginx\n(.*?)```", readme, re.S)
    assert block, "deploy/README.md has no ```nginx block"
    assert block.group(1).strip() == conf.strip()


@pytest.fixture
def strict_page(browser, base_url):
    """A page that records every Content-Security-Policy violation the browser reports."""
    context = browser.new_context()
    page = context.new_page()
    page.violations = []
    page.on("console", lambda m: page.violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script("""document.addEventListener('securitypolicyviolation',
        (e) => (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI));""")
    yield page
    context.close()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_page_breaks_the_content_security_policy(strict_page, base_url, name):
    page = strict_page
    page.goto(base_url + PAGES[name])
    if name == "calculator":
        page.wait_for_selector(".calc[data-ready=true]", timeout=60_000)
        page.fill("#f-attending", "17")
        page.wait_for_function("() => document.querySelector('.calc').dataset.firstResultMs")
    elif name == "search":
        page.wait_for_function("() => Number(document.querySelector('.hb-search').dataset.results || 0) > 0")
    else:
        page.wait_for_load_state("networkidle")
    assert page.violations == [] and page.evaluate("window.__csp || []") == []


def test_form_columns_keep_their_widths_under_the_policy(strict_page, base_url):
    """Column widths are classes from assets/form-layout.css, not blocked style attributes."""
    page = strict_page
    page.goto(base_url + PAGES["form"])
    cols = page.locator("col")
    assert cols.count() > 3
    widths = page.evaluate("[...document.querySelectorAll('col')].map(c => getComputedStyle(c).width)")
    assert len({w for w in widths}) > 1 and all(w.endswith("px") for w in widths)
    classes = page.evaluate("[...document.querySelectorAll('col')].map(c => c.className)")
    assert all(re.fullmatch(r"fl-w-\d+(_\d+)?", c) for c in classes)
    assert page.violations == []


def test_no_page_has_an_inline_script_or_style(site_dir):
    """What the policy would block, found in the files themselves (JSON data blocks are not scripts)."""
    found = []
    for path in site_dir.rglob("*.html"):
        html = path.read_text("utf-8")
        for m in re.finditer(r"<script(?![^>]*\bsrc=)([^>]*)>", html):
            # speculation rules are data the policy admits by name ('inline-speculation-rules')
            if not any(kind in m.group(1) for kind in ("application/json", "text/plain", "speculationrules")):
                found.append((str(path.relative_to(site_dir)), m.group(0)))
        found += [(str(path.relative_to(site_dir)), m.group(0)) for m in re.finditer(r"<[^>]+\sstyle=\"[^>]*>", html)]
        found += [(str(path.relative_to(site_dir)), "<style>") for _ in re.finditer(r"<style[\s>]", html)]
        found += [(str(path.relative_to(site_dir)), m.group(0)) for m in re.finditer(r"\son[a-z]+=\"", html)]
    assert found == [], found[:10]


def test_theme_scripts_from_files_still_say_what_the_theme_says():
    """Material's two inline scripts are served as files (assets/theme/scope.js, theme/content.js);
    if a Material update changes them, this fails so the files can be brought up to date."""
    import material

    partials = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    base = (partials / "base.html").read_text("utf-8")
    content = (partials / "content.html").read_text("utf-8")

    def code(text: str) -> str:
        return re.sub(r"\s+", "", re.sub(r"^//.*$", "", text, flags=re.M))

    ours = code((ROOT / "handbook/assets/theme/scope.js").read_text("utf-8")).rstrip(";")
    theirs = code(re.search(r"<script>(.*?)</script>", base).group(1)).replace(
        'newURL("{{config.extra.scope|d(base_url)}}",location)',
        "newURL(document.currentScript.dataset.scope,location)")
    assert theirs == ours
    assert code(re.findall(r"<script>(.*?)</script>", content)[-1]) == code(
        (ROOT / "handbook/assets/theme/content.js").read_text("utf-8")).rstrip(";")
