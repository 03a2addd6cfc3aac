"""Glossary: explain abbreviations and medical terms wherever they appear on a page.

Each page gets the site glossary appended as Python-Markdown `abbr` definitions
(`*[EMG]: Electromyogram: ...`). generator/render/markdown_glossary.py then wraps every occurrence of
a term in `<abbr title="...">`, in Markdown text and in the raw HTML of components such as
the warning table alike, and makes the first one on the page focusable.

Terms are found in the text as the reader sees it, not as the page source spells it: "A&E"
is written `A&amp;E` in HTML, and the wrapping keeps the source spelling.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model.site import TERM_PATTERN, TERM_RULE

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def definitions(glossary: dict[str, str]) -> str:
    """The `*[TERM]: explanation` block for the end of a page ('' when there is no glossary).

    The explanation ends up in an HTML attribute, which Python-Markdown escapes itself, so it
    is written as plain text: one line, no control characters, never Markdown-escaped (an
    entity such as `&amp;` would be shown literally in the tooltip).
    """
    lines = []
    for term, explanation in sorted(glossary.items()):
        if not re.match(TERM_PATTERN, term):
            raise ValueError(f"glossary term {term!r} {TERM_RULE}")
        text = " ".join(_CONTROL.sub(" ", explanation).split())
        lines.append(f"*[{term}]: {text}")
    return "\n".join(lines) + "\n" if lines else ""


@dataclass(frozen=True)
class Piece:
    """A stretch of page source and the text the reader sees for it.

    Plain text is shown as written and may be cut anywhere. Anything else (an entity such as
    `&amp;`, Markdown's placeholder for one) is cut only whole.
    """

    source: str
    shown: str
    plain: bool = False


@dataclass(frozen=True)
class Segment:
    source: str
    term: str | None = None  # the glossary term this segment shows, if any
    focusable: bool = False


class TermFinder:
    """Finds glossary terms as whole words, longest first ("BE-FAST" before "FAST").

    One finder serves one page: it remembers which terms it has already made focusable, so
    only the first use of each on the page becomes a tab stop.
    """

    def __init__(self, glossary: dict[str, str]):
        self.glossary = glossary
        terms = sorted(glossary, key=len, reverse=True)
        self._pattern = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, terms))})(?!\w)") if terms else None
        self._focused: set[str] = set()

    def segments(self, pieces: Iterable[Piece], may_focus: bool) -> list[Segment]:
        """Cut the pieces' source into plain segments and term segments, in order."""
        pieces = list(pieces)
        source = "".join(p.source for p in pieces)
        if all(piece.plain for piece in pieces):  # most text: shown as written, cut anywhere
            shown, cuts = source, None
        else:
            shown, cuts = _cut_points(pieces)
        if self._pattern is None or not self._pattern.search(shown):
            return [Segment(source)] if source else []
        found, done = [], 0
        for match in self._pattern.finditer(shown):
            start, end = (match.start(), match.end()) if cuts is None else (cuts.get(match.start()), cuts.get(match.end()))
            if start is None or end is None:
                continue  # the match would split an entity: leave it
            focus = may_focus and match.group() not in self._focused
            if focus:
                self._focused.add(match.group())
            found += [Segment(source[done:start]), Segment(source[start:end], match.group(), focus)]
            done = end
        found.append(Segment(source[done:]))
        return [segment for segment in found if segment.source]

    def may_occur_in(self, text: str) -> bool:
        """Whether any term is in `text` (shown text; a cheap test before a closer look)."""
        return self._pattern is not None and self._pattern.search(text) is not None

    def abbr_start_tag(self, segment: Segment) -> str:
        """The HTML `<abbr>` start tag for a term segment (explanation attribute-escaped)."""
        focus = ' tabindex="0"' if segment.focusable else ""
        return f'<abbr title="{html.escape(self.glossary[segment.term], quote=True)}"{focus}>'


def _cut_points(pieces: list[Piece]) -> tuple[str, dict[int, int]]:
    """The shown text, and for each offset in it where the source may be cut, the source offset."""
    shown, cuts, shown_at, source_at = [], {0: 0}, 0, 0
    for piece in pieces:
        if piece.plain:
            cuts.update((shown_at + i, source_at + i) for i in range(1, len(piece.shown) + 1))
        shown_at += len(piece.shown)
        source_at += len(piece.source)
        cuts[shown_at] = source_at
        shown.append(piece.shown)
    return "".join(shown), cuts


CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def pieces_of(text: str) -> list[Piece]:
    """Source text that may hold character references (`A&amp;E`) -> pieces as shown (`A&E`)."""
    pieces, done = [], 0
    for ref in CHARACTER_REFERENCE.finditer(text):
        if ref.start() > done:
            pieces.append(Piece(text[done : ref.start()], text[done : ref.start()], plain=True))
        pieces.append(Piece(ref.group(), html.unescape(ref.group())))
        done = ref.end()
    if done < len(text):
        pieces.append(Piece(text[done:], text[done:], plain=True))
    return pieces
