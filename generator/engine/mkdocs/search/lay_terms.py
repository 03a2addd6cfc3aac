"""Feed each item's lay terms (the words patients search with) into the built search index.

The terms are shown nowhere on the page, so screen readers never read them out: they are
added to the index entry of the section that holds the item (its own heading, or the
nearest heading above it), in a separate field that the search indexes but never displays.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from ....model.common import Linkable
from ....model.loading import Content
from ....structure.routes import GUIDE, page_of, topic_page_path
from .outline import Outline, outline_of

FIELD = "lay_terms"
# Titles weigh 1000 and body text 1 in the theme's index: a patient's own words for an item
# name it as surely as its title does.
BOOST = 1000.0


@dataclass(frozen=True)
class BuiltPage:
    src: str  # docs-relative path of the generated Markdown, e.g. facial-twitching/faq.md
    url: str  # site-relative URL as the index uses it, e.g. facial-twitching/faq/
    html_path: Path

    @functools.cached_property
    def outline(self) -> Outline:
        """The built page's heading outline, parsed once per build (two index steps use it)."""
        return outline_of(self.html_path.read_text(encoding="utf-8"))


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


def add_lay_terms(index: dict, content: Content, pages: list[BuiltPage]) -> None:
    """Add to the theme's search index (parsed JSON) each item's lay terms, on the entry that shows it."""
    docs = {doc["location"]: doc for doc in index["docs"]}
    by_src = {page.src: page for page in pages}
    for src, terms_by_anchor in lay_terms_by_page(content).items():
        page = by_src[src]
        outline = page.outline
        for anchor, terms in terms_by_anchor.items():
            location = _location(page, outline, anchor)
            if location not in docs:
                raise LookupError(f"search index has no entry {location!r} for the lay terms of '{anchor or src}'")
            doc = docs[location]
            words = [doc[FIELD]] if doc.get(FIELD) else []
            doc[FIELD] = ", ".join(words + [html.escape(term, quote=False) for term in terms])
    index["config"]["fields"][FIELD] = {"boost": BOOST}


def _location(page: BuiltPage, outline, anchor: str) -> str:
    if not anchor:
        return page.url
    heading = outline.heading_holding(anchor)
    if heading is None:
        raise LookupError(f"anchor '#{anchor}' is not inside any heading's section of {page.src}")
    return f"{page.url}#{heading.id}" if heading.id else page.url


def _linkables(node: object) -> Iterator[Linkable]:
    if isinstance(node, Linkable):
        yield node
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _linkables(getattr(node, name))
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _linkables(value)
