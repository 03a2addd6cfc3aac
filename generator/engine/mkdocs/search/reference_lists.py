"""Where each topic's list of sources is, so the search index weights it down (pagefind_pages.py).

A bibliography names every condition the guide covers (an NHS page titled "Stroke", one
titled "Bell's palsy"...), so it matched most questions and, being one long entry, often
ranked first: "is it a stroke" opened the guide's sources, not the answer. It stays
searchable (a reader may look for a source), but below every section that says something.
"""

from __future__ import annotations

from ....model.loading import Content
from ....structure.routes import page_holding, topic_page_path
from .lay_terms import BuiltPage


def reference_list_locations(content: Content, pages: list[BuiltPage]) -> set[str]:
    """Index locations ('slug/#references') of every topic's sources section."""
    url_of = {page.src: page.url for page in pages}
    holder = page_holding("references")
    return {f"{url_of[topic_page_path(loaded.topic.slug, holder)]}#{loaded.topic.references.id}" for loaded in content.topics}

