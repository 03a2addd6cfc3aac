"""Improve the theme's built search index (search/search_index.json) after the build.

Each step is its own module; this one loads the index, runs them, and writes it back.
"""

from __future__ import annotations

import json
from pathlib import Path

from ....model.loading import Content
from . import lay_terms, reference_lists, section_labels, stop_words
from .lay_terms import BuiltPage

# A page's own entry (its title and opening text) is always shown above its sections in the
# results; weighting it down lets the section that answers the question rank first.
PAGE_ENTRY_BOOST = 0.1


def improve(index_path: Path, content: Content, pages: list[BuiltPage], hidden_anchors: dict[str, set[str]] | None = None) -> None:
    """`hidden_anchors`: page URL -> ids inside elements hidden when the page opens."""
    index = json.loads(index_path.read_text(encoding="utf-8"))
    drop_hidden_sections(index, hidden_anchors or {})
    lay_terms.add_lay_terms(index, content, pages)
    section_labels.add_section_labels(index, pages)
    stop_words.drop_stop_words(index)
    reference_lists.weight_down_reference_lists(index, content, pages)
    for doc in index["docs"]:
        if "#" not in doc["location"]:
            doc["boost"] = doc.get("boost", 1) * PAGE_ENTRY_BOOST
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def drop_hidden_sections(index: dict, hidden_anchors: dict[str, set[str]]) -> None:
    """A result must open on something the reader sees: the self-check's result area and the
    diary's summary are hidden until the reader acts, so their sections are not results."""

    def hidden(location: str) -> bool:
        url, _, anchor = location.partition("#")
        return bool(anchor) and anchor in hidden_anchors.get(url, ())

    index["docs"] = [doc for doc in index["docs"] if not hidden(doc["location"])]
