"""The static imports of the site's browser modules (``handbook/assets/``), so that a page asks for all
the modules its script needs at once.

A module's static imports are requested only once it has arrived and been parsed: a page whose script
imports a module that imports another waits a round trip per level (150 ms each on a weak line, where
the split of the calculator page into modules by concern put its progress figures 0.8 s later).
``<link rel="modulepreload">`` for every module the entry imports, however deep, has the browser fetch
them side by side. Dynamic imports (``import(...)``) are left out: they are fetched when needed.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

# import … from "./x.js";  export … from "./x.js";  import "./x.js";  (relative paths only)
STATIC_IMPORT = re.compile(r'^(?:import|export)\b[^;]*?\bfrom\s*"(\.\.?/[^"]+)"|^import\s*"(\.\.?/[^"]+)"', re.M)


class ModuleGraph:
    """The modules under ``assets_dir`` and what each imports, read once per build."""

    def __init__(self, assets_dir: Path | None):
        self.assets_dir = assets_dir
        self._imports: dict[str, list[str]] = {}

    def imports(self, module: str) -> list[str]:
        """``module``'s static imports, as paths under assets/ (``calculator/page.js`` → …)."""
        if module not in self._imports:
            path = self.assets_dir / module if self.assets_dir else None
            text = path.read_text("utf-8") if path and path.is_file() else ""
            found = (a or b for a, b in STATIC_IMPORT.findall(text))
            self._imports[module] = [posixpath.normpath(posixpath.join(posixpath.dirname(module), rel))
                                     for rel in found]
        return self._imports[module]

    def closure(self, entry: str) -> list[str]:
        """Every module ``entry`` imports, directly or not, in the order first met (``entry`` not
        included)."""
        seen: list[str] = []
        todo = list(self.imports(entry))
        while todo:
            module = todo.pop(0)
            if module in seen or module == entry:
                continue
            seen.append(module)
            todo.extend(self.imports(module))
        return seen
