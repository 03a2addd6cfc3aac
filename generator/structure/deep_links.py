"""The data a topic page carries for its copy-link buttons and old-anchor forwarding.

The Markdown stays readable: one hidden marker element at the end of the page lists the
page's linkable items (id -> title), the renamed ids and, on the guide's first page (the
topic's address), where the ids that moved to the guide's other pages went. Copy-link buttons
copy the address the reader opened the page on (location), so no site_url is needed here. The
page script (generator/components/deep-links/script.js) adds the buttons next to those items and forwards
old links. Which items are linkable is each page kind's link policy (routes.py).
"""

from __future__ import annotations

import json
import posixpath

from markupsafe import escape
from pydantic import BaseModel

from ..model import Topic
from ..model.loading import LoadedTopic
from .routes import GUIDE, PageKind, ids_on, page_of, page_url, pages_of, topic_page_path


def linkable_ids(loaded: LoadedTopic, page: PageKind) -> list[str]:
    """Ids that are published links on `page`, as its link policy says: every item it shows, or
    only the page's own section anchors and the policy's `also` (e.g. self-check outcomes)."""
    ids = ids_on(loaded, page)
    if page.links.every_item:
        return ids
    linkable = section_ids(loaded.topic) | set(page.links.also(loaded.topic))
    return [item_id for item_id in ids if item_id in linkable]


def section_ids(topic: Topic) -> set[str]:
    """The anchors of the topic's top-level parts (its sections: `faq`, `causes`...), read from
    the parts themselves: a dump of the whole topic for them was most of the links lock's time."""
    found = set()
    for name in type(topic).model_fields:
        part = getattr(topic, name)
        part_id = getattr(part, "id", None) if isinstance(part, BaseModel) else part.get("id") if isinstance(part, dict) else None
        if isinstance(part_id, str):
            found.add(part_id)
    return found


def forwarded(loaded: LoadedTopic) -> dict[str, str]:
    """Old links of the topic's address, `/slug/#id`, whose item now lives on another page of
    the guide: id (or a renamed item's old id) -> the item's site-relative URL.

    The guide was one page: a clinician's link to any of its items named the topic's address.
    The first page keeps that address and forwards those links (the links lock keeps them)."""
    moved = loaded.links.renamed_ids  # walked once, at loading
    slug = loaded.topic.slug
    links = {}
    for page in pages_of(loaded.topic):
        if not page.guide_part or page is GUIDE:
            continue
        url = page_url(topic_page_path(slug, page))
        for item_id in linkable_ids(loaded, page):
            links[item_id] = f"{url}#{item_id}"
        links.update({old: f"{url}#{new}" for old, new in moved.items() if new in loaded.parts_by_id and page_of(loaded, new) is page})
    return links


def item_title(loaded: LoadedTopic, item_id: str, words: dict[str, str]) -> str:
    """The item's title for a button name; a source also names its publisher, since a source
    often has the same title as the section it supports. `words`: the catalog's copy_link_script."""
    for reference in loaded.topic.references.items:
        if reference.id == item_id:
            return words["source"].format(publisher=reference.publisher, title=reference.title)
    return loaded.titles_by_id[item_id]


def marker(loaded: LoadedTopic, page: PageKind, words: dict[str, str]) -> str:
    """The hidden marker element (raw HTML block) for one topic page; `words`: the copy buttons'
    (the strings catalog's copy_link_script)."""
    items = {item_id: item_title(loaded, item_id, words) for item_id in linkable_ids(loaded, page)}
    moved = {old: new for old, new in loaded.links.renamed_ids.items() if new in loaded.parts_by_id and page_of(loaded, new) is page}
    here = page_url(topic_page_path(loaded.topic.slug, page))
    elsewhere = {old: _relative(url, here) for old, url in forwarded(loaded).items()} if page is GUIDE else {}
    return (
        f'<div class="deep-links" data-deep-links hidden'
        f' data-items="{_json(items)}" data-moved="{_json(moved)}" data-elsewhere="{_json(elsewhere)}" data-strings="{_json(words)}"></div>\n'
    )


def _relative(url: str, here: str) -> str:
    # Relative, so the forward works wherever the site is deployed (site_url with a path).
    path, _, anchor = url.partition("#")
    return posixpath.relpath(path, here) + "/#" + anchor


def _json(data: dict) -> str:
    # An attribute, not a <script>: Material's instant navigation drops script attributes.
    return str(escape(json.dumps(data, ensure_ascii=False, separators=(",", ":"))))
