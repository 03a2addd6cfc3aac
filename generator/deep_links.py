"""The data a topic page carries for its copy-link buttons and old-anchor forwarding.

The Markdown stays readable: one hidden marker element at the end of the page lists the
page's linkable items (id -> title), its absolute address and the renamed ids. The page
script (docs/javascripts/deep-links.js) adds the buttons next to those items.
"""

from __future__ import annotations

import json

from markupsafe import escape

from .content import LoadedTopic
from .previous_ids import moved_ids

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def page_url(md_path: str) -> str:
    """Site-relative URL of a generated page: 'slug/faq.md' -> '/slug/faq/', 'index.md' -> '/'."""
    stem = md_path.removesuffix(".md")
    if stem == "index":
        return "/"
    return "/" + stem.removesuffix("/index") + "/"


def absolute(site_url: str | None, url: str) -> str:
    """A site-relative URL ('/slug/#id') under the deployed site_url."""
    return (site_url or DEFAULT_SITE_URL).rstrip("/") + url


def linkable_ids(loaded: LoadedTopic, page: str) -> list[str]:
    """Ids that are published links on `page`: every item of the guide and the FAQ; on other
    pages (self-check, diary...) only the page's own section and the self-check outcomes, so
    questionnaires and form options stay uncluttered and free to change."""
    ids = [item_id for item_id, on_page in loaded.pages_by_id.items() if on_page == page]
    if page in ("guide", "faq"):
        return ids
    sections = {part["id"] for part in loaded.topic.model_dump().values() if isinstance(part, dict) and isinstance(part.get("id"), str)}
    self_check = loaded.topic.self_check
    outcomes = {outcome.id for outcome in self_check.outcomes} if page == "self-check" and self_check else set()
    return [item_id for item_id in ids if item_id in sections | outcomes]


def item_title(loaded: LoadedTopic, item_id: str) -> str:
    """The item's title for a button name; a source also names its publisher, since a source
    often has the same title as the section it supports."""
    for reference in loaded.topic.references.items:
        if reference.id == item_id:
            return f"Source: {reference.publisher}, {reference.title}"
    return loaded.titles_by_id[item_id]


def marker(loaded: LoadedTopic, page: str, md_path: str, site_url: str | None) -> str:
    """The hidden marker element (raw HTML block) for one topic page."""
    items = {item_id: item_title(loaded, item_id) for item_id in linkable_ids(loaded, page)}
    moved = {old: new for old, new in moved_ids(loaded.topic.model_dump()).items() if loaded.pages_by_id.get(new) == page}
    return (
        f'<div class="deep-links" data-deep-links hidden data-page-url="{escape(absolute(site_url, page_url(md_path)))}"'
        f' data-items="{_json(items)}" data-moved="{_json(moved)}"></div>\n'
    )


def _json(data: dict) -> str:
    # An attribute, not a <script>: Material's instant navigation drops script attributes.
    return str(escape(json.dumps(data, ensure_ascii=False, separators=(",", ":"))))
