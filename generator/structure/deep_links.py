"""The data a topic page carries for its copy-link buttons and old-anchor forwarding.

The Markdown stays readable: one hidden marker element at the end of the page lists the
page's linkable items (id -> title) and the renamed ids; copy-link buttons copy the address the
reader opened the page on (location), so no site_url is needed here. The page
script (docs/javascripts/deep-links.js) adds the buttons next to those items. Which items are
linkable is each page kind's link policy (routes.py).
"""

from __future__ import annotations

import json

from markupsafe import escape

from ..model.loading import LoadedTopic
from ..model.previous_ids import moved_ids
from .routes import PageKind, ids_on, page_of


def linkable_ids(loaded: LoadedTopic, page: PageKind) -> list[str]:
    """Ids that are published links on `page`, as its link policy says: every item it shows, or
    only the page's own section anchors and the policy's `also` (e.g. self-check outcomes)."""
    ids = ids_on(loaded, page)
    if page.links.every_item:
        return ids
    sections = {part["id"] for part in loaded.topic.model_dump().values() if isinstance(part, dict) and isinstance(part.get("id"), str)}
    return [item_id for item_id in ids if item_id in sections | set(page.links.also(loaded.topic))]


def item_title(loaded: LoadedTopic, item_id: str) -> str:
    """The item's title for a button name; a source also names its publisher, since a source
    often has the same title as the section it supports."""
    for reference in loaded.topic.references.items:
        if reference.id == item_id:
            return f"Source: {reference.publisher}, {reference.title}"
    return loaded.titles_by_id[item_id]


def marker(loaded: LoadedTopic, page: PageKind) -> str:
    """The hidden marker element (raw HTML block) for one topic page."""
    items = {item_id: item_title(loaded, item_id) for item_id in linkable_ids(loaded, page)}
    moved = {old: new for old, new in moved_ids(loaded.topic.model_dump()).items() if new in loaded.parts_by_id and page_of(loaded, new) is page}
    return (
        f'<div class="deep-links" data-deep-links hidden'
        f' data-items="{_json(items)}" data-moved="{_json(moved)}"></div>\n'
    )


def _json(data: dict) -> str:
    # An attribute, not a <script>: Material's instant navigation drops script attributes.
    return str(escape(json.dumps(data, ensure_ascii=False, separators=(",", ":"))))
