"""Read the visible text of a built page, the way the fidelity and search tests need it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

_SKIP_CLASSES = {"headerlink"}


class _ArticleText(HTMLParser):
    """Collect the text inside ``<article>``, leaving out permalink marks (¶)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0          # >0 while inside <article>
        self.skip = 0           # >0 while inside an element we do not read
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "article":
            self.depth += 1
        elif self.depth and (self.skip or classes & _SKIP_CLASSES):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        elif self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def article_text(html_file: Path) -> str:
    parser = _ArticleText()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return "".join(parser.parts)


def squash(text: str) -> str:
    """Remove all whitespace (including the full-width space U+3000)."""
    return re.sub(r"\s+", "", text)
