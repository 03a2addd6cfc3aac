"""The heading outline of a built page: which heading's section holds each anchor.

Search engines that index a page section by section (Material's does) file every element
under the heading before it; this module answers the same question from the built HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


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

    def top_section_of(self, heading: Heading) -> Heading | None:
        """The h2 a deeper heading belongs to (None for h1/h2 headings or before any h2)."""
        if heading.level <= 2:
            return None
        position = self.headings.index(heading)
        for earlier in reversed(self.headings[:position]):
            if earlier.level == 2:
                return earlier
            if earlier.level < 2:
                return None
        return None


def outline_of(html: str) -> Outline:
    """Outline of the page's main article (the theme's header, nav and footer are left out)."""
    parser = _OutlineParser()
    # Only the article matters: skip the theme's header and navigation without parsing them.
    start = html.find("<article")
    parser.feed(html[start:] if start >= 0 else html)
    parser.close()
    return parser.outline


class _OutlineParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.outline = Outline()
        self._in_article = False
        self._article_seen = False
        self._heading: tuple[int, str | None] | None = None
        self._heading_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article" and not self._article_seen:
            self._in_article = self._article_seen = True
            return
        if not self._in_article:
            return
        if tag in HEADINGS:
            self._heading = (int(tag[1]), attributes.get("id"))
            self._heading_text = []
            if attributes.get("id"):
                self.outline.section_of[attributes["id"]] = len(self.outline.headings)
        elif attributes.get("id") and self.outline.headings:
            self.outline.section_of[attributes["id"]] = len(self.outline.headings) - 1

    def handle_endtag(self, tag):
        if tag == "article" and self._in_article:
            self._in_article = False
        elif self._heading is not None and tag in HEADINGS:
            level, anchor = self._heading
            text = " ".join("".join(self._heading_text).split())
            self.outline.headings.append(Heading(level=level, id=anchor, text=text))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading_text.append(data)
