"""The mkdocs plugin that puts the policy data into the site.

- ``on_config``: load and check ``policy_data/`` (a bad file stops the build
  with file, path and line) and expand the nav entries ``documents/index.md`` and
  ``overview/index.md`` into sections listing every generated page, so adding a
  document needs no edit to ``mkdocs.yml``;
- ``on_files``: add the generated Markdown pages (never written to ``docs/``);
- load ``search_terms.txt`` into jieba, so that mkdocs-material's search (which
  segments Chinese with jieba) keeps policy terms such as 助理工程师 whole;
- ``on_page_markdown``: fill the ``<!-- handbook:documents -->`` marker of
  hand-written pages with the list of documents.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .loader import DataErrors, Handbook, load_handbook
from .render import DOCS_DIR, OVERVIEW_DIR, Renderer, doc_src

DOCUMENTS_MARKER = "<!-- handbook:documents -->"


class HandbookConfig(Config):
    data_dir = c.Type(str, default="policy_data")


class HandbookPlugin(BasePlugin[HandbookConfig]):
    def __init__(self) -> None:
        self.handbook: Handbook | None = None
        self.renderer: Renderer | None = None
        self.generated: dict[str, tuple[str, str]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").parent
        data_dir = (root / self.config.data_dir).resolve()
        try:
            self.handbook = load_handbook(data_dir)
        except DataErrors as exc:
            raise PluginError(str(exc)) from None
        _load_search_terms()
        self.renderer = Renderer(self.handbook, config.use_directory_urls)
        self.generated = self.renderer.pages()
        if config.nav:
            config.nav = self._expand_nav(config.nav)
        return config

    def _expand_nav(self, nav: list) -> list:
        assert self.renderer is not None
        sections = {
            f"{DOCS_DIR}/index.md": [
                f"{DOCS_DIR}/index.md", *(doc_src(d.id) for d in self.renderer.sorted_documents())],
            f"{OVERVIEW_DIR}/index.md": [
                f"{OVERVIEW_DIR}/index.md", *self.renderer.overview_pages()],
        }
        out = []
        for entry in nav:
            if isinstance(entry, dict) and len(entry) == 1:
                (title, target), = entry.items()
                if isinstance(target, str) and target in sections:
                    out.append({title: sections[target]})
                    continue
            out.append(entry)
        return out

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for src_uri, (_title, content) in self.generated.items():
            if files.get_file_from_path(src_uri):
                raise PluginError(f"docs/{src_uri} 与自动生成的页面同名，请删除该文件")
            files.append(File.generated(config, src_uri, content=content))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        generated = self.generated.get(page.file.src_uri)
        if generated:
            # mkdocs would take the title from the h1's *unescaped* text and themes print
            # it raw into <title> and the nav; give it the data's title, HTML-escaped.
            page.meta["title"] = str(escape(generated[0]))
        if DOCUMENTS_MARKER in markdown and self.renderer is not None:
            table = self.renderer.documents_table(page.file.src_uri)
            markdown = markdown.replace(DOCUMENTS_MARKER, table)
        return markdown


def _load_search_terms() -> None:
    try:
        import jieba
    except ImportError:  # search then indexes Chinese by whole phrases; nothing to do
        return
    jieba.load_userdict(str(Path(__file__).with_name("search_terms.txt")))
