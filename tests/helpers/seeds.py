"""The seeds' sentences, split as the importer's own check splits them."""

from __future__ import annotations

from handbook.importer.fidelity import source_units


def seed_units(text: str, corrections) -> list[str]:
    """The pieces of a seed, split as the importer's own check splits them (one definition)."""
    return [piece for _, piece in source_units(text, corrections)]
