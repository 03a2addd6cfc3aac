"""Headings inside an element hidden when the page opens stay out of its contents and search.

The self-check's result area and later question groups, the diary's summary and problem
notice are `hidden` until the reader acts; a tool's `data-...-fallback` block (the lists shown
without JavaScript) is hidden by its script as the page starts. Listed in the page's table of
contents or offered by search, they were links that led nowhere visible (search leaves them
out through search/pagefind_pages.py).
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field
from html import unescape

# Elements with no end tag: they never hold others.
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def hidden_when_opened(attributes: set[str]) -> bool:
    """`hidden`, or a page script's no-JavaScript version (`data-...-fallback`: self-check.js
    and diary.js hide it as the page starts)."""
    return "hidden" in attributes or any(name.startswith("data-") and name.endswith("-fallback") for name in attributes)


# The copy-link marker every topic page ends with (structure/deep_links.py): hidden, but empty
# and without an id, so it hides no id. Most pages have nothing else hidden.
_MARKER_START = '<div class="deep-links" data-deep-links hidden '
_TRAILING_MARKER = re.compile(re.escape(_MARKER_START) + r'[^<>]*></div>\s*\Z')
_ID_ATTRIBUTE = re.compile(r"\sid\s*=", re.IGNORECASE)


def hidden_ids(html: str) -> set[str]:
    """Ids of the elements inside (or on) an element hidden when the page opens."""
    start = html.rfind(_MARKER_START)  # at the end: found from there, not by a scan of the page
    marker = _TRAILING_MARKER.match(html, start) if start >= 0 else None
    before = html[: marker.start()] if marker and not _ID_ATTRIBUTE.search(marker.group()) else html
    # How an attribute that hides an element is spelled (HTML attribute names are ASCII
    # case-insensitive): two plain searches of the lowercased page are ten times faster than
    # one case-insensitive pattern, on every page of every build.
    lowered = before.lower()
    if "hidden" not in lowered and "-fallback" not in lowered:
        return set()  # nothing hidden but the marker: no need to read the page's tags
    return hidden_elements(html).ids


# For hidden_elements(): text that is not tags (comments, scripts, styles, as html.parser reads
# them); a start or end tag (quoted attribute values may hold '>'); one attribute and its value.
_NOT_TAGS = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"""<(/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
# "hidden" or "-fallback" in any ASCII case, spelled out: three times faster than re.IGNORECASE.
_SPELLS_HIDING = re.compile("[hH-](?:[iI][dD][dD][eE][nN]|[fF][aA][lL][lL][bB][aA][cC][kK])")
_MAY_HOLD_ID = re.compile("[iI][dD]")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")


@dataclass
class HiddenElements:
    starts: list[int] = field(default_factory=list)  # offset of each outermost hidden start tag
    ids: set[str] = field(default_factory=set)  # ids of the elements hidden or inside one


def hidden_elements(html: str) -> HiddenElements:
    """Where each outermost element hidden when the page opens starts, and the ids hidden: what
    a walk of every tag with html.parser finds, without parsing the whole page. The search index runs it on
    every page of every build, where html.parser was most of the indexing's Python time: only
    a tag that spells a hiding attribute is read, then the tags up to its end tag (what
    html.parser would find: tests/unit/test_hidden_elements.py compares them)."""
    found = HiddenElements()
    not_tags = [(text.start(), text.end()) for text in _NOT_TAGS.finditer(html)]
    position = 0
    while (spelled := _SPELLS_HIDING.search(html, position)) is not None:
        position = spelled.end()
        tag_start = html.rfind("<", 0, spelled.start())
        tag = _TAG.match(html, tag_start) if tag_start >= 0 else None
        if tag is None or tag.group(1) or tag.end() <= spelled.start() or _within(not_tags, tag_start):
            continue  # in text, an end tag or a comment
        attributes = _attributes(tag.group(3))
        if not hidden_when_opened(set(attributes)):
            continue
        found.starts.append(tag_start)
        position = _hidden_element_end(html, tag, attributes, not_tags, found.ids)
    return found


def _attributes(text: str) -> dict[str, str]:
    """A start tag's attributes, names lowercased, values unquoted (not unescaped)."""
    values = {}
    for name, value in _ATTRIBUTE.findall(text):
        values[name.lower()] = value[1:-1] if value[:1] in ("'", '"') else value
    return values


_AFTER_ANY_END = sys.maxsize  # (offset, this) sorts after every span that starts at offset


def _within(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether offset is in one of the spans (in page order, none overlapping)."""
    index = bisect.bisect_right(spans, (offset, _AFTER_ANY_END)) - 1
    return index >= 0 and offset < spans[index][1]


def _hidden_element_end(html: str, tag: re.Match, attributes: dict[str, str], not_tags: list[tuple[int, int]], ids: set[str]) -> int:
    """Where the hidden element that `tag` opens ends; notes the ids on it and inside it. An
    end tag of no element open inside it ends it too (html.parser would close the enclosing
    element it names, and the hidden one with it)."""
    if attributes.get("id"):
        ids.add(unescape(attributes["id"]))
    open_tags = [tag.group(2).lower()]
    if open_tags[0] in VOID_ELEMENTS or tag.group(3).endswith("/"):
        return tag.end()
    for inner in _TAG.finditer(html, tag.end()):
        if _within(not_tags, inner.start()):
            continue
        name = inner.group(2).lower()
        if inner.group(1):
            depth = len(open_tags) - 1
            while depth >= 0 and open_tags[depth] != name:
                depth -= 1
            del open_tags[max(depth, 0):]
            if not open_tags:
                return inner.end()
            continue
        if _MAY_HOLD_ID.search(inner.group(3)):  # most tags have no id: not read one by one
            inner_id = _attributes(inner.group(3)).get("id")
            if inner_id:
                ids.add(unescape(inner_id))
        if name not in VOID_ELEMENTS and not inner.group(3).endswith("/"):
            open_tags.append(name)
    return len(html)


def drop_hidden(toc: list, ids: set[str]) -> None:
    """Remove the table of contents entries (MkDocs AnchorLinks) whose anchor is hidden."""
    toc[:] = [entry for entry in toc if entry.id not in ids]
    for entry in toc:
        drop_hidden(entry.children, ids)
