"""The heading outline of a built page: which heading's section holds each anchor.

A search result opens a section at its heading (Pagefind's sub-results), so an item's lay
terms go under the heading before it; this module finds that heading in the built HTML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    level: int
    id: str | None  # None for a heading without an anchor (the page's h1)
    text: str


@dataclass
class Outline:
    headings: list[Heading] = field(default_factory=list)
    # element id -> index into `headings` of the section that holds it
    section_of: dict[str, int] = field(default_factory=dict)

    def heading_holding(self, anchor: str) -> Heading | None:
        index = self.section_of.get(anchor)
        return None if index is None else self.headings[index]


# The built pages are machine-written HTML (Python-Markdown and our templates: double-quoted
# attributes, `<` and `>` escaped inside them), so a scan for headings and id-bearing tags
# reads them reliably, about 2.5 times faster than html.parser (every page, every build).
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# A heading with its content, or any other start tag that carries an id.
_PART = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>|<[a-zA-Z][\w:-]*\s([^>]*?\bid=\"[^\"]*\"[^>]*)>", re.S)
_ID = re.compile(r"(?:^|\s)id=\"([^\"]*)\"")
_TAGS = re.compile(r"<[^>]*>")


def outline_of(page: str) -> Outline:
    """Outline of the page's main article (the theme's header, nav and footer are left out)."""
    outline = Outline()
    start = page.find("<article")
    if start < 0:
        return outline
    end = page.find("</article>", start)
    article = _COMMENT.sub("", page[page.find(">", start) + 1 : end if end >= 0 else len(page)])
    for part in _PART.finditer(article):
        if part.group(1):
            found = _ID.search(part.group(2))
            anchor = html.unescape(found.group(1)) if found else None
            if anchor:
                outline.section_of[anchor] = len(outline.headings)
            text = " ".join(html.unescape(_TAGS.sub("", part.group(3))).split())
            outline.headings.append(Heading(level=int(part.group(1)), id=anchor, text=text))
        elif outline.headings:
            found = _ID.search(part.group(4))
            if found:
                outline.section_of[html.unescape(found.group(1))] = len(outline.headings) - 1
    return outline
