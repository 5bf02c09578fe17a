"""Keep the HTML the templates generate away from Python-Markdown, and put it back after.

A generated page is Markdown headings (for the table of contents and the permalinks) between
blocks of HTML that the templates have already escaped and laid out. Python-Markdown would parse
every one of those blocks with ``html.parser`` only to emit it unchanged — most of the time of a
build (at 200 documents, about 5 s of 11). Each block is replaced by a placeholder paragraph
before conversion and restored in ``on_page_content``; the headings still go through Markdown.
The test ``test_site.py::test_pages_are_the_same_with_and_without_stashing`` builds the site both
ways and compares every page.
"""

from __future__ import annotations

import re
import secrets

_HEADING = re.compile(r"^#{1,6} ")


class HtmlStash:
    """Placeholders for one build: a nonce no source text can contain, one block per key."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(6)
        self.blocks: dict[str, str] = {}
        self._pattern = re.compile(rf"<p>(hbraw{self.nonce}x\d+)</p>")

    def stash(self, markdown: str) -> str:
        """``markdown`` with every run of HTML chunks (blank-line separated, starting with a tag)
        replaced by one placeholder paragraph; headings and plain paragraphs stay Markdown."""
        out: list[str] = []
        run: list[str] = []

        def flush() -> None:
            if run:
                key = f"hbraw{self.nonce}x{len(self.blocks)}"
                self.blocks[key] = "\n\n".join(run)
                out.append(key)
            run.clear()

        for chunk in re.split(r"\n\s*\n", markdown):
            chunk = chunk.strip("\n")
            if not chunk.strip():
                continue
            if chunk.lstrip().startswith("<") and not any(_HEADING.match(line) for line in chunk.split("\n")):
                run.append(chunk)
            else:
                flush()
                out.append(chunk)
        flush()
        return "\n\n".join(out) + "\n"

    def restore(self, html: str) -> str:
        """The converted page with each placeholder paragraph replaced by its block."""
        return self._pattern.sub(lambda m: self.blocks.pop(m.group(1)), html)
