"""Import a notice from the file a maintainer has (.txt, .md or .docx) into ``policy_data/documents/``.

The path is ``sources`` (bytes → lines, refusing what is not a text document) → ``cleanup``
(markup removed, line breaks that extraction put inside sentences joined, every non-whitespace
change logged) → ``structure`` (the parts of a Chinese official document: 发文机关标志, 文号, title,
主送机关, preamble, the numbered tree, 附件 list, signature, attachments, 印发 line) → ``draft``
(meta read from the text, candidate numbers of policy, suspected OCR errors as suggestions) →
``writer`` (YAML in the loader's schema, written atomically). ``fidelity`` checks that every
sentence of the source landed in the file; ``compare`` measures a file against a hand-made one.
Nothing is reworded: the importer only places the source's words.
"""

from __future__ import annotations

from .errors import ImportFailure
from .run import ImportResult, import_source

__all__ = ["ImportFailure", "ImportResult", "import_source"]
