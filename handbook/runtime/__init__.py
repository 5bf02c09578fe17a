"""The calculators' runtime in the browser: Pyodide, served by the site itself, started fast.

At build time, in a process of its own while mkdocs renders the pages (``job``): the calculators
become a wheel and the Pyodide files are copied from ``node_modules/pyodide`` (``bundle``); a
memory snapshot of an interpreter that has already imported every calculator is made with Node
(``snapshot``), so a page restores Python in a few hundred milliseconds instead of starting it;
and the large files get precompressed ``.gz``/``.br`` twins for the web server (``compress``).
All of it is keyed by its inputs and cached under ``build/runtime/``, so a rebuild with the same
calculators and the same Pyodide costs nothing. The pages learn the file names and sha256 sums
(the lock and the snapshot) from the job's manifest; the worker checks both before using them.
"""

from __future__ import annotations

from .bundle import BROWSER_PACKAGES, BundleError, content_version, pyodide_version
from .job import RuntimeJob

__all__ = ["BROWSER_PACKAGES", "BundleError", "RuntimeJob", "content_version", "pyodide_version"]
