"""Site search with Pagefind: an index of clauses, built after the site, loaded in fragments.

Every clause of every document is a record of its own, so a result links to the clause
(``documents/zhejiang-senior-title/#s4-3-6``) and is titled with its number as printed
(浙江 四（三）6). Calculators and forms are records made from what they are (title,
summary, the labels and hints of their fields), not from the page's loading text; so are the
national rules, each year's holiday notice and the sections of the hand-written pages. All of
it comes from the data, so the index is built while mkdocs renders the pages. Pagefind's extended build
segments Chinese when indexing and when searching, and splits the index into chunks and
fragments that a query loads on demand, so what a reader downloads does not grow with
the number of documents the way a single index file would (``scripts/search_bytes.py``).

``records.py`` says what is indexed; ``build.py`` runs Pagefind (the ``pagefind[extended]``
wheel from PyPI, no download at build time) and writes ``site/pagefind/``; ``numerals.py`` gives
numbers one spelling (三年 = 3年, 百分之二十 = 20%), the same rule as the page's
``handbook/assets/search/numerals.js``. The page that queries it is ``search.md.j2`` with
``handbook/assets/search/page.js`` and ``handbook/assets/search/query.js`` (what is asked; the records holding
most of a query when none holds all of it); synonyms readers type (助工 → 助理工程师) and the
question words that do not count (吗, 能不能…) come from ``policy_data/search_synonyms.yaml``.
"""

from .build import IndexJob, SearchBuildError, write_index
from .records import Record, records

__all__ = ["IndexJob", "Record", "SearchBuildError", "records", "write_index"]
