"""The thin adapter between the generator and MkDocs with mkdocs-material: the only code that knows them.

- :mod:`.plugin`: the plugin's hooks — load the handbook (``on_config``), add the generated pages and
  the generator's browser code (``on_files``), keep the generated HTML away from Python-Markdown,
  fill in the runtime's names (``on_post_page``), write the search index, Pyodide, the Word/Excel
  files and the open data (``on_post_build``);
- :mod:`.site_files`: what a handbook's build takes from the generator (browser code, theme
  overrides, Pyodide, caches);
- ``theme/``: the overrides of Material's templates (the head that starts Python, the header's search).

Everything else — the data, the pages (:mod:`handbook.render`), the runtime, search, office files —
is the generator's own and does not import MkDocs. When Material's fixes stop (2027-05-05), this
package is what changes (ARCHITECTURE.md, “When Material's fixes stop”).
"""
