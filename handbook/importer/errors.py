"""The one exception the importer raises: a Chinese message for the maintainer, exit status 2."""

from __future__ import annotations


class ImportFailure(Exception):
    """A source that cannot be imported; ``str(exc)`` is the whole message shown."""
