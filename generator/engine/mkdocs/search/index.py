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


def improve(index_path: Path, content: Content, pages: list[BuiltPage]) -> None:
    index = json.loads(index_path.read_text(encoding="utf-8"))
    lay_terms.add_lay_terms(index, content, pages)
    section_labels.add_section_labels(index, pages)
    stop_words.drop_stop_words(index)
    reference_lists.weight_down_reference_lists(index, content, pages)
    for doc in index["docs"]:
        if "#" not in doc["location"]:
            doc["boost"] = doc.get("boost", 1) * PAGE_ENTRY_BOOST
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
