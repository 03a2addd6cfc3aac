"""The "Links for clinicians" page: every linkable item of a topic with its full address and a
QR code, grouped by the section it belongs to. Which items: each page kind's link policy."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.items import walk_ids
from ..model.loading import LoadedTopic
from ..structure.deep_links import item_title, linkable_ids
from ..structure.routes import TOPIC_PAGES, absolute, page_of, page_url, topic_page_path
from .qr import qr_file, qr_svg


@dataclass(frozen=True)
class LinkEntry:
    id: str
    title: str
    url: str
    qr_src: str  # the code's SVG file, relative to the page (qr.py)
    qr_size: int  # in modules, for the image's intrinsic size
    qr_svg: str


@dataclass(frozen=True)
class LinkGroup:
    id: str
    title: str
    entries: list[LinkEntry]


def item_url(loaded: LoadedTopic, item_id: str, site_url: str | None) -> str:
    md_path = topic_page_path(loaded.topic.slug, page_of(loaded, item_id))
    return absolute(site_url, page_url(md_path)) + "#" + item_id


def groups(loaded: LoadedTopic, site_url: str | None) -> list[LinkGroup]:
    """One group per top-level section, in page order; items that get copy buttons only."""
    data = loaded.topic.model_dump()
    linkable = {item_id for page in TOPIC_PAGES for item_id in linkable_ids(loaded, page)}
    result = []
    for name, part in data.items():
        if not (isinstance(part, dict) and isinstance(part.get("id"), str)):
            continue
        entries = [
            LinkEntry(item_id, item_title(loaded, item_id), url := item_url(loaded, item_id, site_url), qr_file(item_id), *qr_svg(url))
            for item_id in _anchors_in(name, part, loaded.topic)
            if item_id in linkable
        ]
        if entries:
            result.append(LinkGroup(part["id"], loaded.titles_by_id[part["id"]], entries))
    return result


def qr_files(found: list[LinkGroup], page_dir: str) -> dict[str, str]:
    """Docs-relative path -> SVG text of every code the page shows; `page_dir` is its address."""
    return {f"{page_dir}/{entry.qr_src}": entry.qr_svg for group in found for entry in group.entries}


def _anchors_in(name: str, part: dict, topic) -> list[str]:
    """The section's own ids, with each warning sign after the card that shows it: signs are
    written once (topic `signs`) but anchored on the emergency cards of the first page or their level's card."""
    cards = {card.id: card for card in topic.when_to_get_help.cards} if name == "when_to_get_help" else {}
    anchors = []
    for item_id, _ in walk_ids(part):
        anchors.append(item_id)
        if name == "red_flags" and item_id == topic.red_flags.id:
            anchors += [sign for card in topic.when_to_get_help.emergency_cards for sign in card.signs]
        elif item_id in cards and cards[item_id].level != "emergency":
            anchors += cards[item_id].signs
    return anchors
