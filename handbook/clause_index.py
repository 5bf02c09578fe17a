"""Every addressable element of one document (a clause, a block, a preamble) by its id, with its text.

The loader builds one :class:`ClauseIndex` per version to check cross-references (a parameter's
clause, a quote in its clause); versions, the importer, search and the open data read it. It lives
apart from the loader so that those can use it without importing the loader.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .schema import Document, Node, Part
from .yaml_source import SourcedYaml


@dataclass
class ClauseIndex:
    """Every addressable element of one document: id → plain text."""

    texts: dict[str, str] = field(default_factory=dict)
    paths: dict[str, tuple[str | int, ...]] = field(default_factory=dict)



def node_text(node: Node) -> str:
    return "".join(x for x in (node.num, node.title, node.text) if x)


def walk_nodes(nodes: list[Node], path: tuple) -> Iterator[tuple[Node, tuple]]:
    for i, node in enumerate(nodes):
        p = (*path, i)
        yield node, p
        yield from walk_nodes(node.children, (*p, "children"))


def index_document(doc: Document, src: SourcedYaml) -> ClauseIndex:
    """Collect ids and texts; report duplicate ids with the line of each."""
    index = ClauseIndex()

    def add(anchor: str, text: str, path: tuple) -> None:
        if anchor in index.paths:
            first = src.line_of(index.paths[anchor])
            src.errors.append(src.error(path, f"id“{anchor}”重复（第 {first} 行已使用）"))
            return
        index.texts[anchor] = text
        index.paths[anchor] = path

    for pi, part in enumerate(doc.parts):
        ppath = ("parts", pi)
        add(part.id, part_heading_text(part), (*ppath, "id"))
        if part.preamble:
            add(f"{part.id}-preamble", part.preamble, (*ppath, "preamble"))
        if part.closing:
            add(f"{part.id}-closing", part.closing, (*ppath, "closing"))
        for node, npath in walk_nodes(part.sections, (*ppath, "sections")):
            add(node.id, node_text(node), (*npath, "id"))
        for bi, block in enumerate(part.blocks):
            add(block.id, block_text(block), (*ppath, "blocks", bi, "id"))
    for ai, att in enumerate(doc.named_attachments):
        add(att.id, att.title, ("named_attachments", ai, "id"))
    return index


def part_heading_text(part: Part) -> str:
    return "".join(x for x in (part.num, part.title, part.subtitle) if x)


def block_text(block) -> str:
    if block.text is not None:
        return block.text
    cells = []
    for row in block.rows or []:
        for cell in row:
            cells.append(cell if isinstance(cell, str) else cell.text)
    return "".join(cells)
