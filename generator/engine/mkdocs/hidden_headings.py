"""Headings inside an element hidden when the page opens stay out of its contents and search.

The self-check's result area and later question groups, the diary's summary and problem
notice are `hidden` until the reader acts; a tool's `data-...-fallback` block (the lists shown
without JavaScript) is hidden by its script as the page starts. Listed in the page's table of
contents or offered by search, they were links that led nowhere visible (search leaves them
out through search/pagefind_pages.py).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements with no end tag: they never hold others.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def hidden_when_opened(attributes: set[str]) -> bool:
    """`hidden`, or a page script's no-JavaScript version (`data-...-fallback`: self-check.js
    and diary.js hide it as the page starts)."""
    return "hidden" in attributes or any(name.startswith("data-") and name.endswith("-fallback") for name in attributes)


class HiddenElementParser(HTMLParser):
    """Walks a page knowing, at each start tag, whether the element is hidden when the page
    opens and whether it is inside one that is; subclasses say what to note (`element`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # (tag, inside a hidden element or hidden itself)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        inside = bool(self.open) and self.open[-1][1]
        hidden = hidden_when_opened({name for name, _ in attrs})
        self.element(dict(attrs), hidden=hidden, inside=inside)
        if tag not in _VOID:
            self.open.append((tag, inside or hidden))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return

    def element(self, attrs: dict[str, str | None], hidden: bool, inside: bool) -> None:
        raise NotImplementedError


class _HiddenIds(HiddenElementParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def element(self, attrs: dict[str, str | None], hidden: bool, inside: bool) -> None:
        if (hidden or inside) and attrs.get("id"):
            self.ids.add(attrs["id"])


# The copy-link marker every topic page ends with (structure/deep_links.py): hidden, but empty
# and without an id, so it hides no id. Most pages have nothing else hidden.
_TRAILING_MARKER = re.compile(r'<div class="deep-links" data-deep-links hidden [^<>]*></div>\s*\Z')
# How an attribute that hides an element is spelled (HTML attribute names are case-insensitive).
_MAY_HIDE = re.compile("hidden|-fallback", re.IGNORECASE)
_ID_ATTRIBUTE = re.compile(r"\sid\s*=", re.IGNORECASE)


def hidden_ids(html: str) -> set[str]:
    """Ids of the elements inside (or on) an element hidden when the page opens."""
    marker = _TRAILING_MARKER.search(html)
    before = html[: marker.start()] if marker and not _ID_ATTRIBUTE.search(marker.group()) else html
    if not _MAY_HIDE.search(before):
        return set()  # nothing hidden but the marker: no need to parse the page
    parser = _HiddenIds()
    parser.feed(html)
    parser.close()
    return parser.ids


def drop_hidden(toc: list, ids: set[str]) -> None:
    """Remove the table of contents entries (MkDocs AnchorLinks) whose anchor is hidden."""
    toc[:] = [entry for entry in toc if entry.id not in ids]
    for entry in toc:
        drop_hidden(entry.children, ids)
