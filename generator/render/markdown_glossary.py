"""Python-Markdown extension: every glossary term on the page explains itself.

It takes over the `abbr` extension's matching (`abbr` still reads the `*[TERM]: ...`
definitions that generator/render/glossary.py appends to each page) and does three things `abbr`
cannot:

- Terms inside raw HTML (components such as the warning table, and the raw parts of
  `markdown="block"` sections) are explained too (generator/render/glossary_html.py).
- Terms whose page source is escaped are found as the reader sees them: "A&E" is
  `A&amp;E` in the source, which `abbr` never matches.
- The first use of each term on the page, in reading order, is focusable (tabindex="0"),
  so Tab or a tap shows its explanation (generator/components/glossary-tooltip/script.js), which a
  `title` alone only shows to a mouse. Only the first: dozens of tab stops for "GP" would make the page slow to
  move through. Terms inside a link (or a <label>, a <summary>) stay unfocusable: a focus
  stop inside a control is confusing.

Code, buttons and terms already inside an <abbr> are left alone.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from html import unescape

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

from .glossary import CHARACTER_REFERENCE, Piece, Segment, TermFinder, pieces_of
from .glossary_html import NO_FOCUS, SKIP, explain_terms, may_hold_terms

# Markdown's placeholder for a backslash-escaped character: STX, its code point, ETX.
_ESCAPED_CHARACTER = re.compile("\x02([0-9]+)\x03")


class GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, abbrs: dict[str, str]):
        super().__init__(md)
        self.abbrs = abbrs  # filled by `abbr` from the page's definitions

    def run(self, root: etree.Element) -> None:
        if not self.abbrs:
            return
        self.finder = TermFinder(dict(self.abbrs))
        self.done: set[int] = set()  # stashed HTML already explained
        self._element(root, may_focus=True)

    def _element(self, element: etree.Element, may_focus: bool) -> None:
        if element.tag in SKIP:
            return
        may_focus = may_focus and element.tag not in NO_FOCUS
        children = list(element)
        if element.text:
            element.text, abbrs = self._explain(element.text, may_focus)
            for index, abbr in enumerate(abbrs):
                element.insert(index, abbr)
        for child in children:
            self._element(child, may_focus)
            if child.tail:
                child.tail, abbrs = self._explain(child.tail, may_focus)
                at = list(element).index(child) + 1
                for index, abbr in enumerate(abbrs):
                    element.insert(at + index, abbr)

    def _explain(self, text: str, may_focus: bool) -> tuple[str, list[etree.Element]]:
        """Text -> the text before the first term, and an <abbr> per term (the rest as tails)."""
        if "\x02" not in text and "&" not in text and not self.finder.may_occur_in(text):
            return text, []  # most text: no placeholder, no reference, no term (shown as it is written)
        segments: list[Segment] = []
        pieces: list[Piece] = []
        done = 0
        for placeholder in HTML_PLACEHOLDER_RE.finditer(text):
            pieces += self._pieces(text[done : placeholder.start()])
            index = int(placeholder.group(1))
            stashed = self.md.htmlStash.rawHtmlBlocks[index]
            if isinstance(stashed, str) and CHARACTER_REFERENCE.fullmatch(stashed):
                pieces.append(Piece(placeholder.group(), unescape(stashed)))  # an entity: `&amp;`
            else:
                # Raw HTML: no term runs across it, and its own terms come in their place.
                segments += self.finder.segments(pieces, may_focus)
                pieces = []
                self._stashed(index, may_focus)
                segments.append(Segment(placeholder.group()))
            done = placeholder.end()
        pieces += self._pieces(text[done:])
        segments += self.finder.segments(pieces, may_focus)
        return self._elements(segments, type(text))

    def _pieces(self, text: str) -> list[Piece]:
        pieces, done = [], 0
        for escaped in _ESCAPED_CHARACTER.finditer(text):
            pieces += pieces_of(text[done : escaped.start()])
            pieces.append(Piece(escaped.group(), chr(int(escaped.group(1)))))
            done = escaped.end()
        return pieces + pieces_of(text[done:])

    def _stashed(self, index: int, may_focus: bool) -> None:
        if index in self.done:
            return
        self.done.add(index)
        stash = self.md.htmlStash.rawHtmlBlocks
        if isinstance(stash[index], etree.Element):  # md_in_html keeps some blocks as elements
            self._element(stash[index], may_focus)
        elif not CHARACTER_REFERENCE.fullmatch(stash[index]) and (
            HTML_PLACEHOLDER_RE.search(stash[index]) or may_hold_terms(stash[index], self.finder)
        ):
            nested = lambda match, focus: self._stashed(int(match.group(1)), focus)  # noqa: E731
            stash[index] = explain_terms(stash[index], self.finder, may_focus, HTML_PLACEHOLDER_RE, nested)

    def _elements(self, segments: list[Segment], text_type: type) -> tuple[str, list[etree.Element]]:
        leading: list[str] = []
        abbrs: list[tuple[etree.Element, list[str]]] = []  # each with the text after it
        for segment in segments:
            if segment.term is None:
                (abbrs[-1][1] if abbrs else leading).append(segment.source)
                continue
            abbr = etree.Element("abbr", {"title": _attribute_text(self.finder.glossary[segment.term])})
            if segment.focusable:
                abbr.set("tabindex", "0")
            abbr.text = AtomicString(segment.source)  # never parsed again
            abbrs.append((abbr, []))
        for abbr, tail in abbrs:
            abbr.tail = text_type("".join(tail)) if tail else None
        return text_type("".join(leading)), [abbr for abbr, _ in abbrs]


def _attribute_text(text: str) -> str:
    """`text` for an attribute value that Python-Markdown serializes.

    Its serializer escapes a `&` only when it does not already start a character reference,
    so an explanation that says `&amp;` would read `&`. With every `&` written as `&amp;`
    first, each comes out as `&amp;` and the explanation reads exactly as typed.
    """
    return text.replace("&", "&amp;")


class GlossaryExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        abbr = md.treeprocessors["abbr"] if "abbr" in md.treeprocessors else None
        if not isinstance(abbr, AbbrTreeprocessor):
            raise ValueError("generator.render.markdown_glossary needs the `abbr` extension, listed before it")
        md.treeprocessors.deregister("abbr")  # this matches the terms instead, in the same place
        md.treeprocessors.register(GlossaryTreeprocessor(md, abbr.abbrs), "glossary", 7)


def makeExtension(**kwargs) -> GlossaryExtension:
    return GlossaryExtension(**kwargs)
