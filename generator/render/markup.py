"""Make content text safe for Markdown: plain text shows literally, prose allows a small subset.

Plain text (titles, cells, questions, list items) has every character that Markdown or HTML
could read as markup turned into a numeric entity, so it renders as exactly the same visible
text. Prose additionally keeps paragraphs, `*emphasis*`, `**strong**`, `- ` / `1. ` lists and
links `[text](#id)` or `[text](https://...)`; raw HTML never passes through.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup

# Characters Markdown, its extensions or HTML could treat as syntax inside running text.
_INLINE_SPECIAL = {c: f"&#{ord(c)};" for c in "&<>\\`*_[]{}|#~^!"}
_INLINE_SPECIAL["&"] = "&amp;"
_INLINE_SPECIAL["<"] = "&lt;"
_INLINE_SPECIAL[">"] = "&gt;"
# As str.translate tables: one pass in C, not a Python call per character replaced (issue 17).
_INLINE_TABLE = str.maketrans(_INLINE_SPECIAL)
# In prose, * stays (emphasis); brackets are escaped except where they form an allowed link.
_PROSE_TABLE = str.maketrans({c: v for c, v in _INLINE_SPECIAL.items() if c != "*"})
_LEADING_BLOCK_MARKER = re.compile(r"^(\s*)([-+]|\d+\.)")
# An item of this topic (#id), of another topic (other-slug#id), or a website (https://...).
_PROSE_LINK = re.compile(r"\[([^\[\]\n]+)\]\(((?:[a-z0-9-]+)?#[a-z0-9-]+|https://[^\s()<>\"']+)\)")
_LIST_LINE = re.compile(r"^(?:[-*]|\d+\.)\s+")
_RULE_LINE = re.compile(r"^[-=*\s]{3,}$")

LinkResolver = Callable[[str], str]


def plain_text(value: object) -> Markup:
    """One line of text that renders exactly as written, whatever characters it contains."""
    text = " ".join(str(value).split())
    text = text.translate(_INLINE_TABLE)
    # "- x" or "1. x" at the start of a line would become a list; entity-escape the marker.
    text = _LEADING_BLOCK_MARKER.sub(lambda m: m.group(1) + _entity_first(m.group(2)), text)
    return Markup(text)


def prose(value: str, resolve_link: LinkResolver) -> Markup:
    """Paragraphs of author text -> safe Markdown. `resolve_link('#id')` (or 'other-slug#id')
    gives the real href."""
    blocks = []
    previous_was_list = False
    for raw_line in str(value).replace("\r\n", "\n").split("\n"):
        line = raw_line.strip()
        if not line:
            blocks.append("")
            previous_was_list = False
            continue
        is_list = bool(_LIST_LINE.match(line)) and not _RULE_LINE.match(line)
        if is_list and not previous_was_list and blocks and blocks[-1] != "":
            blocks.append("")  # Python-Markdown needs a blank line before a list
        blocks.append(_prose_line(line, resolve_link, is_list))
        previous_was_list = is_list
    return Markup("\n".join(blocks).strip())


def _prose_line(line: str, resolve_link: LinkResolver, is_list: bool) -> str:
    marker = ""
    if is_list:
        match = _LIST_LINE.match(line)
        marker, line = "- " if match.group().strip() in "-*" else match.group(), line[match.end():]
    elif _RULE_LINE.match(line):
        return _entity_first(line)
    parts, cursor = [], 0
    for link in _PROSE_LINK.finditer(line):
        parts.append(_escape_prose(line[cursor : link.start()]))
        href = link.group(2)
        href = href if href.startswith("https://") else resolve_link(href)
        parts.append(f"[{_escape_prose(link.group(1))}]({href})")
        cursor = link.end()
    parts.append(_escape_prose(line[cursor:]))
    text = "".join(parts)
    if not marker:
        text = _LEADING_BLOCK_MARKER.sub(lambda m: m.group(1) + _entity_first(m.group(2)), text)
    return marker + text


def _escape_prose(text: str) -> str:
    return text.translate(_PROSE_TABLE)


def _entity_first(text: str) -> str:
    return f"&#{ord(text[0])};{text[1:]}"
