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
class LanguageRoot:
    """Another language's site, for the links to its version of an item."""

    code: str
    name: str  # in itself: "Español"
    root_url: str  # its absolute address: https://example.org/guide/es/


@dataclass(frozen=True)
class LinkEntry:
    id: str
    title: str
    url: str
    qr_src: str  # the code's SVG file, relative to the page (qr.py)
    qr_size: int  # in modules, for the image's intrinsic size
    qr_svg: str
    language: LanguageRoot | None = None  # the item in another language; None: in this page's


@dataclass(frozen=True)
class LinkGroup:
    id: str
    title: str
    entries: list[LinkEntry]


def item_url(loaded: LoadedTopic, item_id: str, site_url: str | None) -> str:
    md_path = topic_page_path(loaded.topic.slug, page_of(loaded, item_id))
    return absolute(site_url, page_url(md_path)) + "#" + item_id


def groups(loaded: LoadedTopic, site_url: str | None, words: dict[str, str], other_languages: tuple[LanguageRoot, ...] = ()) -> list[LinkGroup]:
    """One group per top-level section, in page order; items that get copy buttons only.
    `words`: the catalog's copy_link_script (a source's title names its publisher). Each item
    also in every one of `other_languages` (the languages that have the topic): the same
    id, under that language's address, with its own QR code."""
    data = loaded.topic.model_dump()
    linkable = {item_id for page in TOPIC_PAGES for item_id in linkable_ids(loaded, page)}
    result = []
    for name, part in data.items():
        if not (isinstance(part, dict) and isinstance(part.get("id"), str)):
            continue
        entries = [
            _entry(loaded, item_id, words, site_url, language)
            for item_id in _anchors_in(name, part, loaded.topic)
            if item_id in linkable
            for language in (None, *other_languages)
        ]
        if entries:
            result.append(LinkGroup(part["id"], loaded.titles_by_id[part["id"]], entries))
    return result


def _entry(loaded: LoadedTopic, item_id: str, words: dict[str, str], site_url: str | None, language: LanguageRoot | None) -> LinkEntry:
    url = item_url(loaded, item_id, language.root_url if language else site_url)
    # One file per code: the other language's code of the item has the language in its name.
    name = f"{item_id}-{language.code}" if language else item_id
    return LinkEntry(item_id, item_title(loaded, item_id, words), url, qr_file(name), *qr_svg(url), language)


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
