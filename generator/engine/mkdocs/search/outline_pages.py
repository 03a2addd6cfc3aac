"""The short copy of each page that a search reads first: its outline.

At 1,000 topics a patient's words ("eyelid twitching") are on thousands of pages, many times
each, and Pagefind stores every place of every word: the first search downloaded 414 KB
(issue 17: at most 300). Most questions are answered by a section whose heading, lay terms or
opening sentence hold the words, so the index is built twice (pagefind_index.py): the whole
text, and this outline of each page, about a quarter of its words:
- the page's title (weighted down: TITLE_WEIGHT) and every section heading, as marked
  (pagefind_pages.py: the marker at each heading's end, and a hidden heading still left out);
- the lay terms under each heading, weighted and marked as in the whole text;
- the first sentence of each section's first paragraph: the content is written answer first,
  so it says what the section is about, and it is the text a result shows.

The search worker (search.pagefind.js) searches the outline first, and the whole text when the
outline finds too few pages. Every word of the outline is also in the whole text, so nothing
the outline finds is missing from it.
"""

from __future__ import annotations

import bisect
import functools
import html
import re

from ..hidden_headings import VOID_ELEMENTS
from .pagefind_pages import LAY_TERMS_WEIGHT

# A heading element, or a paragraph (paragraphs cannot nest, so the first end tag closes it).
# The marked copy is machine-written HTML (pagefind_pages.py), as outline.py relies on too.
_PART = re.compile(r"<(h[1-6])\b[^>]*>.*?</\1\s*>|<p\b[^>]*>.*?</p\s*>", re.S)
_LAY_TERMS = f'<p data-pagefind-weight="{LAY_TERMS_WEIGHT}">'
# The page's title, weighted as two words of text rather than as a title (Pagefind's 7): every
# page of a topic has the topic's name in its title, so pages ranked by their titles came from
# the topics whose names hold a word of the question, whatever their sections say (lay queries
# on 100 synthetic topics: 39 of 46 hits at 7, 40 at 2 and at 1).
TITLE_WEIGHT = 2
_START_TAG_END = re.compile(r"^<[^>]*>")
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*>")
# What Pagefind leaves out: an element marked so, or one it never reads (its fossick/parser.rs,
# REMOVE_SELECTORS, 1.5).
_LEFT_OUT = re.compile(r"<(head|style|script|noscript|label|form|svg|footer|nav|iframe|template)\b|data-pagefind-ignore")
# A full stop, question or exclamation mark before a space or the text's end.
_STOP = re.compile(r"[.!?](?=\s|$)")


def outline(marked_page: str) -> str:
    """The outline of a page marked for Pagefind (pagefind_pages.marked): everything of its
    article but its headings, their lay terms and the first sentence of each section's first
    paragraph is left out."""
    start = marked_page.find("<article")
    end = marked_page.find("</article>", start)
    if start < 0 or end < 0:
        return marked_page
    kept: list[str] = []
    opened = False  # the current section's first paragraph is kept already
    ignored = _ignored_spans(marked_page, start, end)
    ignored_starts = [first for first, _ in ignored]
    for part in _PART.finditer(marked_page, start, end):
        element = part.group(0)
        if _within(ignored, ignored_starts, part.start()):
            continue  # left out of the whole text too: hidden, or below a clinicians' page's title
        if part.group(1) == "h1":
            kept.append(element.replace("<h1", f'<h1 data-pagefind-weight="{TITLE_WEIGHT}"', 1))
            opened = False
        elif part.group(1):
            kept.append(element)
            opened = False
        elif element.startswith(_LAY_TERMS):
            kept.append(element)
        elif not opened and not _left_out(element):
            kept.append(_first_sentence(element))
            opened = True
    article_tag = marked_page[start : marked_page.index(">", start) + 1]
    return f"{marked_page[:start]}{article_tag}{''.join(kept)}{marked_page[end:]}"


def _within(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """Whether offset is inside one of the spans (in order, none inside another: _ignored_spans)."""
    index = bisect.bisect_right(starts, offset) - 1
    return index >= 0 and offset < spans[index][1]


def _first_sentence(paragraph: str) -> str:
    """The paragraph's first sentence, as plain text in a paragraph (its inline markup and any
    part hidden from search dropped)."""
    for first, last in reversed(_ignored_spans(paragraph, 0, len(paragraph))):
        paragraph = paragraph[:first] + paragraph[last:]
    text = html.unescape(_TAG.sub("", paragraph))
    return f"<p>{html.escape(text[: _sentence_end(text)], quote=False)}</p>"


def _sentence_end(text: str) -> int:
    """Where the text's first sentence ends: at a stop followed by the next sentence's start (a
    capital, a digit, a quote or a bracket) or by nothing, not inside "e.g. at night"."""
    for stop in _STOP.finditer(text):
        following = text[stop.end() :].lstrip()
        if not following or following[0].isupper() or following[0].isdigit() or following[0] in "\"'([":
            return stop.end()
    return len(text)


def _left_out(paragraph: str) -> bool:
    """A paragraph the whole text weights down (a source): no section's opening."""
    return "data-pagefind-weight" in _START_TAG_END.match(paragraph).group(0)


def _ignored_spans(page: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where each element Pagefind leaves out starts and ends, between start and end: one marked
    data-pagefind-ignore, or one it never reads (a menu, a form). An element taken out of it (a
    hidden heading, a menu's title) would be searched."""
    spans = []
    position = start
    while (found := _LEFT_OUT.search(page, position, end)) is not None:
        tag_start = found.start() if found.group(1) else page.rfind("<", start, found.start())
        tag = _TAG.match(page, tag_start)
        if tag is None or tag.group(1) or tag.end() <= found.start():
            position = found.end()  # in text (an author's words), not in a start tag
            continue
        position = _element_end(page, tag, end)
        spans.append((tag_start, position))
    return spans


def _element_end(page: str, tag: re.Match, end: int) -> int:
    """Where the element that `tag` starts ends (at most `end`): at the end tag of its name that
    closes it, counting the elements of that name inside it (only those: an image's paths and a
    form's fields are not read one by one)."""
    name = tag.group(2).lower()
    if name in VOID_ELEMENTS or tag.group(0).endswith("/>"):
        return tag.end()
    depth = 1
    for inner in _same_name(name).finditer(page, tag.end(), end):
        closing = page.find(">", inner.end(), end)
        if closing < 0:
            return end
        if not inner.group(1) and page[closing - 1] == "/":
            continue  # self-closing: opens nothing
        depth += -1 if inner.group(1) else 1
        if depth == 0:
            return closing + 1
    return end


@functools.cache
def _same_name(name: str) -> re.Pattern:
    """A start or end tag of elements named `name`."""
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])", re.IGNORECASE)
