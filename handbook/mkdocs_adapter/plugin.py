"""The mkdocs plugin that puts the policy data into the site: the hooks by which MkDocs reaches the generator.

- ``on_config``: load and check ``policy_data/`` (a bad file stops the build
  with file, path and line) and expand the nav entries ``documents/index.md`` and
  ``overview/index.md`` into sections listing every generated page, so adding a
  document needs no edit to ``mkdocs.yml``;
- ``on_files``: add the generated Markdown pages (never written to ``docs/``);
- ``on_serve``: watch ``policy_data/`` too, so a data edit rebuilds and reloads the page;
- build the calculator pages from each calculator's ``describe()`` (so the forms
  follow the code's input schema) with the parameters embedded;
- ``on_post_build``: write the search index (``pagefind/``, see :mod:`handbook.search`),
  put Pyodide, the calculators wheel and the memory snapshot into ``assets/pyodide/`` (made
  while the pages render, see :mod:`handbook.runtime`), and write compressed twins of the
  static assets;
- ``on_post_page``: give calculator and form pages the runtime's lock and snapshot (names and
  sha256), known once the runtime job is done;
- ``on_page_markdown``: fill the ``<!-- handbook:documents -->`` marker of
  hand-written pages with the list of documents, and keep the generated pages' HTML away from
  Python-Markdown (``on_page_content`` puts it back; see :mod:`handbook.raw_html`).
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path

from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..export import calculator_params, describe_all
from ..layout_css import CSS_PATH as LAYOUT_CSS
from ..loader import DataErrors, Handbook, load_handbook
from ..office import write_office_files
from ..open_data import write_open_data
from ..package import DEFAULT as DEFAULT_PACKAGE
from ..palette import PaletteError, palette_css
from ..raw_html import HtmlStash
from ..render import ALL_CLAUSES_SRC, APPLY_DIR, CALC_DIR, DOCS_DIR, FORMS_DIR, OVERVIEW_DIR, Renderer, doc_src
from ..runtime import BundleError, RuntimeJob, pyodide_version
from ..runtime.bundle import CALCULATORS_DIST, KIT_DIST
from ..runtime.compress import candidates, precompress
from ..search import IndexJob, SearchBuildError
from ..search import records as search_records
from .site_files import (
    ASSETS_DIR,
    add_generator_assets,
    build_cache,
    find_pyodide,
    use_generator_theme,
)

DOCUMENTS_MARKER = "<!-- handbook:documents -->"
RUNTIME_MARKER = "__HANDBOOK_RUNTIME__"   # in calculator and form pages: see on_post_page


class HandbookConfig(Config):
    """What a handbook declares in its ``mkdocs.yml`` (``plugins: - policy-handbook: ...``)."""

    data_dir = c.Type(str, default="policy_data")      # its policy data: documents, forms, holidays, rules
    calculators = c.Type(str, default=DEFAULT_PACKAGE)  # its calculators package (a folder; the name is the import)
    colours = c.Type(dict, default={})                 # its colours (handbook/palette.py)
    holidays = c.Optional(c.Type(str))                 # its holiday schedules (default: <data_dir>/holidays)
    national_rules = c.Optional(c.Type(str))           # rules it cites (default: <data_dir>/rules/national.yaml)
    pyodide_dir = c.Optional(c.Type(str))   # npm's Pyodide (default: node_modules/pyodide here, else the generator's)
    pyodide = c.Type(bool, default=True)  # False: pages only, no Pyodide bundle (faster tests)
    stash_html = c.Type(bool, default=True)  # False: Python-Markdown parses the generated HTML too


class HandbookPlugin(BasePlugin[HandbookConfig]):
    def __init__(self) -> None:
        self.handbook: Handbook | None = None
        self.renderer: Renderer | None = None
        self.generated: dict[str, tuple[str, str]] = {}
        self.search_job: IndexJob | None = None
        self.runtime_job: RuntimeJob | None = None
        self.stash = HtmlStash()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").parent
        use_generator_theme(config)
        data_dir = (root / self.config.data_dir).resolve()
        self.data_dir = data_dir
        self.package_dir = (root / self.config.calculators).resolve()
        try:
            self.palette_css = palette_css(self.config.colours)
            self.handbook = load_handbook(data_dir, self.package_dir, **{
                key: (root / value).resolve() for key in ("holidays", "national_rules")
                if (value := self.config[key]) is not None})
        except PaletteError as exc:
            raise PluginError(f"mkdocs.yml: plugins.policy-handbook.colours: {exc}") from None
        except DataErrors as exc:
            raise PluginError(str(exc)) from None
        self.root = root
        self.cache = build_cache(root)
        self.params = calculator_params(self.handbook)
        pyodide_dir = root / self.config.pyodide_dir if self.config.pyodide_dir else find_pyodide(root)
        self.pyodide_version = pyodide_version(pyodide_dir)
        self.renderer = Renderer(self.handbook, config.use_directory_urls,
                                 calculators=describe_all(self.params), params=self.params,
                                 pyodide_version=self.pyodide_version,
                                 assets_dir=ASSETS_DIR)
        # mkdocs serve guesses types from the extension; module scripts and wasm need these
        mimetypes.add_type("text/javascript", ".mjs")
        mimetypes.add_type("application/wasm", ".wasm")
        if self.search_job is not None:   # a rebuild under mkdocs serve
            self.search_job.cancel()
        if self.runtime_job is not None:
            self.runtime_job.cancel()
        self.runtime_job = (RuntimeJob(self.package_dir, pyodide_dir, self.pyodide_version, self.cache)
                            if self.config.pyodide else None)
        # the index needs only the data: start it first, so it runs while the pages render
        docs_dir = Path(config.docs_dir)
        self.search_job = IndexJob(search_records(self.handbook, self.renderer.calculators, docs_dir))
        self.generated = self.renderer.pages()
        if config.nav:
            config.nav = self._expand_nav(config.nav)
        return config

    def _expand_nav(self, nav: list) -> list:
        assert self.renderer is not None
        sections = {
            f"{DOCS_DIR}/index.md": [
                f"{DOCS_DIR}/index.md", *(doc_src(d.id) for d in self.renderer.sorted_documents()), ALL_CLAUSES_SRC],
            f"{OVERVIEW_DIR}/index.md": [
                f"{OVERVIEW_DIR}/index.md", *self.renderer.overview_pages()],
            f"{CALC_DIR}/index.md": [f"{CALC_DIR}/index.md", *self.renderer.calculator_pages()],
            f"{FORMS_DIR}/index.md": [f"{FORMS_DIR}/index.md", *self.renderer.form_pages()],
            f"{APPLY_DIR}/index.md": self.renderer.apply_pages(),
        }
        out = []
        for entry in nav:
            if isinstance(entry, dict) and len(entry) == 1:
                (title, target), = entry.items()
                if isinstance(target, str) and target in sections:
                    if sections[target]:   # a section with no pages (no notice sets a procedure) is left out
                        out.append({title: sections[target]})
                    continue
            out.append(entry)
        return out

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        add_generator_assets(files, config, self.palette_css)
        for src_uri, (_title, content) in self.generated.items():
            if files.get_file_from_path(src_uri):
                raise PluginError(f"docs/{src_uri} 与自动生成的页面同名，请删除该文件")
            files.append(File.generated(config, src_uri, content=content))
        if self.renderer is not None:   # the classes the form pages use, known once they are rendered
            files.append(File.generated(config, LAYOUT_CSS, content=self.renderer.layout.css()))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        generated = self.generated.get(page.file.src_uri)
        if page.file.src_uri.startswith(f"{CALC_DIR}/") and page.file.src_uri != f"{CALC_DIR}/index.md":
            calc_id = page.file.src_uri[len(CALC_DIR) + 1:-len(".md")]
            page.meta["calculator"] = calc_id
            if self.renderer is not None and self.config.pyodide:
                calc = next((c for c in self.renderer.calculators if c["id"] == calc_id), {})
                page.meta["python_boot"] = {   # for the theme's head (handbook/mkdocs_adapter/theme/main.html)
                    "pyodide": f"assets/pyodide/{self.pyodide_version}/",
                    "packages": " ".join([KIT_DIST, CALCULATORS_DIST, *calc.get("packages", [])])}
        if page.file.src_uri.startswith(f"{FORMS_DIR}/") and page.file.src_uri != f"{FORMS_DIR}/index.md":
            page.meta["form"] = True
            # the form takes the table of contents' width too: a landscape form's nine columns
            # showed 中 for 中级 and 基本 for 基本称职 at 1280 px
            page.meta["hide"] = ["toc"]
        if generated:
            # mkdocs would take the title from the h1's *unescaped* text and themes print
            # it raw into <title> and the nav; give it the data's title, HTML-escaped.
            page.meta["title"] = str(escape(generated[0]))
        if DOCUMENTS_MARKER in markdown and self.renderer is not None:
            table = self.renderer.documents_table(page.file.src_uri)
            markdown = markdown.replace(DOCUMENTS_MARKER, table)
        if generated and self.config.stash_html:
            markdown = self.stash.stash(markdown)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.stash.restore(html) if self.stash.blocks else html

    def on_build_error(self, *, error: Exception) -> None:
        if self.search_job is not None:   # the build stopped before on_post_build
            self.search_job.cancel()
            self.search_job = None
        if self.runtime_job is not None:
            self.runtime_job.cancel()
            self.runtime_job = None

    def on_shutdown(self) -> None:
        self.on_build_error(error=Exception("shutdown"))

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """``make serve`` rebuilds and reloads the page when a file under policy_data/ changes,
        as it does for docs/ (mkdocs watches only docs/ and mkdocs.yml by itself)."""
        server.watch(str(self.data_dir))
        server.watch(str(self.package_dir))
        server.watch(str(ASSETS_DIR))
        return server

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if RUNTIME_MARKER not in output:
            return output
        runtime = {}
        if self.runtime_job is not None:
            try:
                manifest = self.runtime_job.manifest()
            except BundleError as exc:
                raise PluginError(f"计算器运行环境（Pyodide）打包失败：{exc}") from None
            runtime = {"lock": manifest["lock"], "snapshot": manifest["snapshot"], "sizes": manifest.get("sizes", {})}
        return output.replace(RUNTIME_MARKER, str(escape(json.dumps(runtime, ensure_ascii=False,
                                                                     separators=(",", ":")))))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.search_job is not None
        job, self.search_job = self.search_job, None
        try:
            job.finish(Path(config.site_dir))
        except SearchBuildError as exc:
            raise PluginError(f"站内搜索索引生成失败：{exc}") from None
        site = Path(config.site_dir)
        if self.runtime_job is not None:
            try:
                self.runtime_job.install(site, f"assets/pyodide/{self.pyodide_version}")
            except BundleError as exc:
                raise PluginError(f"计算器运行环境（Pyodide）打包失败：{exc}") from None
        if self.handbook is not None:   # every version as data (JSON) at its fixed address
            write_open_data(self.handbook, site)
        if self.handbook is not None:   # Word and Excel files of the forms (handbook/office/)
            years = {sid: s.current.year for sid, s in self.handbook.series.items() if s.current.year}
            write_office_files(self.handbook.forms, site, cache=self.cache / "office", years=years)
        # the runtime's twins come made (and cached) with it; the theme's and ours are made here
        precompress((p for p in candidates(site, ["assets", "pagefind"]) if "pyodide" not in p.parts),
                    cache=self.cache / "runtime" / "compressed")
