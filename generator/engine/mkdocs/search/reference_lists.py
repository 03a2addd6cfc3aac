"""Weight down each topic's list of sources in the search index.

A bibliography names every condition the guide covers (an NHS page titled "Stroke", one
titled "Bell's palsy"...), so it matched most questions and, being one long entry, often
ranked first: "is it a stroke" opened the guide's sources, not the answer. It stays
searchable (a reader may look for a source), but below every section that says something.
"""

from __future__ import annotations

from ....model.loading import Content
from ....structure.routes import page_holding, topic_page_path
from .lay_terms import BuiltPage

# Far below the weakest content section's match: the theme multiplies a result's score by it.
REFERENCE_BOOST = 0.01


def reference_list_locations(content: Content, pages: list[BuiltPage]) -> set[str]:
    """Index locations ('slug/#references') of every topic's sources section."""
    url_of = {page.src: page.url for page in pages}
    holder = page_holding("references")
    return {f"{url_of[topic_page_path(loaded.topic.slug, holder)]}#{loaded.topic.references.id}" for loaded in content.topics}


def weight_down_reference_lists(index: dict, content: Content, pages: list[BuiltPage]) -> None:
    lists = reference_list_locations(content, pages)
    for doc in index["docs"]:
        if doc["location"] in lists:
            doc["boost"] = doc.get("boost", 1) * REFERENCE_BOOST
