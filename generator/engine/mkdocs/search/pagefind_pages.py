"""The copy of each built page that Pagefind indexes, marked with its data-pagefind-* attributes.

Pagefind reads the search's words from HTML. The pages readers download stay as built; the
indexing step (pagefind_index.py) gives Pagefind a marked copy of each generated page:
- the page's article is its searchable body (data-pagefind-body), so menus, headers and the
  footer repeated on every page are not, nor are pages the generator did not write (404,
  redirects);
- elements hidden until the reader acts (hidden_headings.py) are left out: a result must open
  on something the reader sees;
- each item's lay terms (the words patients search with) go, weighted like a heading, into the
  section that shows the item, between two markers (LAY_TERMS_START, LAY_TERMS_END); they are
  never on the pages readers see, nor in the text a result shows;
- a topic's list of sources is weighted down: it names every condition the guide covers, so it
  matched most questions, but it stays searchable below every section that says something;
- a page for another audience (the clinicians' links) is found by its title alone: below it,
  it repeats every heading of the guide as a link, so it matched most questions with none of
  the answers (weighted down, it still ranked below every patient's page), and at 1,000 topics
  its words were a sixth of the index every search downloads (issue 17);
- each section heading ends with an empty marker element (HEADING_END): Pagefind decodes
  entities in its anchors' text twice (an author's literal "&amp;" came out as "&"), in the
  page's words once, so the search worker shows a heading as the words from its anchor to its
  marker. (Pagefind's metadata would hold the text as written, but it ranks pages by it too.)
"""

from __future__ import annotations

import html
import re

from ..hidden_headings import hidden_elements
from .outline import Outline

# Pagefind weighs h1 7, h2 6, h3 5 ... and body text 1: a patient's own words for an item name
# it as surely as its heading does.
LAY_TERMS_WEIGHT = 4
# Far below any content's words (the lowest weight Pagefind stores is 1/24).
SOURCES_WEIGHT = 0.1

_ARTICLE = re.compile(r"<article\b")
_HEADING_END = re.compile(r"</h[1-6]\s*>")
_START_TAG = re.compile(r"(<[a-zA-Z][\w:-]*)(?=[\s>/])")
_TAG_NAME = re.compile(r"<[a-zA-Z][\w:-]*")
# A section heading with an id: its start tag, the id, its text and its end tag.
_SECTION_HEADING = re.compile(r'<(h[2-6])\b[^>]*?\sid="([^"]+)"[^>]*>.*?</\1\s*>', re.S)
# The id of the marker at the end of each heading (search.pagefind.js reads it): uppercase, so
# no content id or heading slug (lowercase) can be the same.
HEADING_END = "HEADING-END"
# Markers around each section's lay terms: the search worker leaves them out of the text it
# shows (they are searched, never shown).
LAY_TERMS_START, LAY_TERMS_END = "LAY-TERMS", "LAY-TERMS-END"


def marked(page: str, outline: Outline, lay_terms: dict[str, list[str]], sources_anchor: str | None, other_audience: bool = False) -> str:
    """The page, marked for Pagefind. `lay_terms`: anchor ('' for the page itself) -> terms;
    `sources_anchor`: the id of the page's sources heading, if it has one; `other_audience`:
    a page not written for patients."""
    page, hidden = _ignore_hidden(page)
    if sources_anchor:
        page = _weight_sources(page, sources_anchor)
    if other_audience:
        page = _ignore_below_title(page)
    by_heading: dict[str | None, list[str]] = {}
    for anchor, terms in lay_terms.items():
        heading = outline.heading_holding(anchor) if anchor else None
        if anchor and heading is None:
            raise LookupError(f"anchor '#{anchor}' is not inside any heading's section")
        by_heading.setdefault(heading.id if heading else None, []).extend(terms)
    for heading_id, terms in by_heading.items():
        page = _after_heading(page, heading_id, _lay_terms_markup(terms))
    page = _mark_heading_ends(page, hidden)
    return _ARTICLE.sub("<article data-pagefind-body", page, count=1)


def _mark_heading_ends(page: str, hidden: set[str]) -> str:
    """End each section heading of the article with the HEADING_END marker, but the `hidden`
    ones (a search never offers them)."""
    start = page.find("<article")
    end = page.find("</article>", start)
    if start < 0 or end < 0:
        return page

    def with_end(heading: re.Match) -> str:
        if html.unescape(heading.group(2)) in hidden:
            return heading.group(0)
        end_tag = heading.group(0).rindex("</")
        return f'{heading.group(0)[:end_tag]}<span id="{HEADING_END}"></span>{heading.group(0)[end_tag:]}'

    return page[:start] + _SECTION_HEADING.sub(with_end, page[start:end]) + page[end:]


def _lay_terms_markup(terms: list[str]) -> str:
    return (f'<p data-pagefind-weight="{LAY_TERMS_WEIGHT}"><span id="{LAY_TERMS_START}"></span>'
            f'{html.escape(", ".join(terms), quote=False)}<span id="{LAY_TERMS_END}"></span></p>')


def _after_heading(page: str, heading_id: str | None, markup: str) -> str:
    """Insert markup right after the heading with this id (None: the page's h1)."""
    start = page.find(f' id="{html.escape(heading_id)}"') if heading_id else page.find("<h1", page.find("<article"))
    if start < 0:
        raise LookupError(f"no heading {'#' + heading_id if heading_id else 'h1'} on the page")
    end = _HEADING_END.search(page, start)
    if end is None:
        raise LookupError(f"heading {'#' + heading_id if heading_id else 'h1'} is not closed")
    return page[: end.end()] + markup + page[end.end() :]


def _weight_sources(page: str, anchor: str) -> str:
    """Weight down every element between the sources heading and the next heading (or the
    article's end). Each start tag gets the weight, so no wrapper has to fit the markup."""
    heading = page.find(f' id="{html.escape(anchor)}"')
    if heading < 0:
        return page
    start = _HEADING_END.search(page, heading).end()
    following = re.compile(r"<h[1-6][\s>]|</article>").search(page, start)
    end = following.start() if following else len(page)
    weighted = _START_TAG.sub(rf'\1 data-pagefind-weight="{SOURCES_WEIGHT}"', page[start:end])
    return page[:start] + weighted + page[end:]


def _ignore_below_title(page: str) -> str:
    """Every element of the article after its h1 left out of the index (each start tag marked,
    so no wrapper has to fit the markup)."""
    start = page.find("<article")
    title = page.find("<h1", start)
    end = page.find("</article>", start)
    if start < 0 or end < 0:
        return page
    start = _HEADING_END.search(page, title).end() if title >= 0 else page.find(">", start) + 1
    ignored = _START_TAG.sub(r"\1 data-pagefind-ignore", page[start:end])
    return page[:start] + ignored + page[end:]


def _ignore_hidden(page: str) -> tuple[str, set[str]]:
    """The page with its article's hidden elements left out of the index, and the ids hidden."""
    start = page.find("<article")
    end = page.find("</article>", start)
    if start < 0 or end < 0:
        return page, set()
    article = page[start:end]
    hidden = hidden_elements(article)
    for offset in reversed(hidden.starts):
        tag_end = _TAG_NAME.match(article, offset).end()
        article = article[:tag_end] + " data-pagefind-ignore" + article[tag_end:]
    return page[:start] + article + page[end:], hidden.ids
