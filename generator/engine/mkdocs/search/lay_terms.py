"""Each item's lay terms (the words patients search with), by the page that shows the item.

The terms are shown nowhere on the page, so screen readers never read them out: the search
index gets them under the heading of the section that holds the item (its own heading, or the
nearest heading above it; pagefind_pages.py). BuiltPage: a generated page as built.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from ....model.common import Linkable
from ....model.loading import Content
from ....structure.routes import GUIDE, page_of, topic_page_path


@dataclass(frozen=True)
class BuiltPage:
    src: str  # docs-relative path of the generated Markdown, e.g. facial-twitching/faq.md
    url: str  # site-relative URL as the index uses it, e.g. facial-twitching/faq/
    html_path: Path


def lay_terms_by_page(content: Content) -> dict[str, dict[str, list[str]]]:
    """Markdown path -> {anchor id ('' for the page itself) -> lay terms}."""
    found: dict[str, dict[str, list[str]]] = {}
    for loaded in content.topics:
        topic = loaded.topic
        if topic.lay_terms:
            found.setdefault(topic_page_path(topic.slug, GUIDE), {})[""] = list(topic.lay_terms)
        for item in _linkables(topic):
            if item.lay_terms:
                page = topic_page_path(topic.slug, page_of(loaded, item.id))
                found.setdefault(page, {}).setdefault(item.id, []).extend(item.lay_terms)
    return found


def _linkables(node: object) -> Iterator[Linkable]:
    if isinstance(node, Linkable):
        yield node
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _linkables(getattr(node, name))
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _linkables(value)
