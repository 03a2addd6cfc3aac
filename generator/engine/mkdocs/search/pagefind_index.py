"""Build the site's search index with Pagefind, page by page while MkDocs writes the site.

Pagefind splits the index into small chunks that a search downloads only as its words need
them, instead of one file with every page's text. It indexes a marked copy of each generated
page (pagefind_pages.py) into `<site>/pagefind/`, offline (the binary comes with the
`pagefind-bin` package). SiteIndex hands each page to Pagefind as MkDocs writes it (the
plugin's on_post_page), and Pagefind indexes it on another core while MkDocs renders the next
(pagefind_service.py); on_post_build only waits for the index to be written. The theme's
search box talks to it through theme/assets/javascripts/workers/search.pagefind.js, which
also reads `search/setup.json` written here: the little words left out of a query.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ....model.loading import Content
from ....structure.routes import LINKS, topic_page_path
from .lay_terms import BuiltPage, lay_terms_by_page
from .outline import outline_of
from .outline_pages import outline
from .pagefind_pages import marked
from .pagefind_service import PagefindIndexes, SearchIndexError
from .reference_lists import reference_list_locations
from .stop_words import STOP_WORDS
from .stored_index import StoredIndex, page_digest

__all__ = ["BUNDLES", "OUTLINE_BUNDLE", "OUTPUT_DIR", "SETUP_PATH", "IndexInputs", "SearchIndexError", "SiteIndex", "article_only", "build", "pagefind_binary"]

OUTPUT_DIR = "pagefind"
# The index of each page's outline (outline_pages.py), which a search reads first: its own
# Pagefind bundle in OUTPUT_DIR/outline/, beside the index of the whole text in OUTPUT_DIR.
# The outline's, smaller, is named first: written while Pagefind still makes the whole text's.
OUTLINE_BUNDLE = "outline"
BUNDLES = (OUTLINE_BUNDLE, "")
# What the theme's search UI downloads before its first search (lazy-search-index.js asks for
# it instead of the theme's own search index, which Pagefind replaces).
SETUP_PATH = "search/setup.json"
_HTML_TAG = re.compile(r"<html\b[^>]*>")


def pagefind_binary() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("search index: the pagefind-bin package is not installed (pip install 'pagefind[bin]')") from None
    try:
        return get_executable()
    except FileNotFoundError as err:
        raise SearchIndexError(f"search index: the pagefind-bin package has no binary for this machine ({err})") from None


@dataclass(frozen=True)
class IndexInputs:
    """What the index needs of the content besides the pages' HTML: small, and sent as it is to
    an indexing process (index_process.py)."""

    pages: list[BuiltPage]  # the generated pages, which the search finds
    lay_terms: dict[str, dict[str, list[str]]]  # page src -> anchor ('' for the page) -> terms
    sources: dict[str, str]  # page URL -> the id of its sources heading
    for_clinicians: set[str]  # page srcs written for clinicians, found by their titles alone

    @classmethod
    def of(cls, content: Content, pages: list[BuiltPage]) -> IndexInputs:
        sources = {location.partition("#")[0]: location.partition("#")[2] for location in reference_list_locations(content, pages)}
        return cls(pages=list(pages), lay_terms=lay_terms_by_page(content), sources=sources,
                   for_clinicians={topic_page_path(loaded.topic.slug, LINKS) for loaded in content.topics})


class SiteIndex:
    """The search index of one build: add() each page as written, then finish() (or close()
    when the build fails).

    With a kept index (`stored`, stored_index.py) Pagefind starts only at the first page that
    is not the same as in the kept one, and is sent the pages before it then; if every page is
    the same, finish() copies the kept index instead. Without one, Pagefind starts at once."""

    def __init__(self, site_dir: Path, inputs: IndexInputs, binary: Path | None = None, stored: StoredIndex | None = None) -> None:
        self.site_dir = site_dir
        self._pages = {page.src: page for page in inputs.pages}
        self._lay_terms = inputs.lay_terms
        self._sources = inputs.sources
        self._for_clinicians = inputs.for_clinicians
        self._added: set[str] = set()
        self._error: SearchIndexError | None = None  # a page that cannot be marked, said at finish()
        self._binary = binary or pagefind_binary()
        self._stored = stored
        self._kept = stored.pages() if stored is not None else None  # page path -> digest, in the kept index
        self._digests: dict[str, str] = {}  # page path -> digest of what this build gives Pagefind
        self._unsent: list[BuiltPage] = []  # pages the same as in the kept index, not sent (yet)
        self._pagefind = PagefindIndexes(self._binary, BUNDLES) if self._kept is None else None

    def add(self, src: str, page_html: str) -> None:
        """Index the generated page `src` (its Markdown path) from its final HTML; other pages
        (404, redirects, the site's own files) are not searched."""
        page = self._pages.get(src)
        if page is None or src in self._added or self._error is not None or (self._pagefind is not None and self._pagefind.failed):
            return
        self._added.add(src)
        path, text = self._marked(page, page_html)
        if text is None:
            return
        try:
            if self._pagefind is None:
                if self._kept.get(path) == self._digests[path]:
                    self._unsent.append(page)  # Pagefind gets it only if another page turns out to differ
                    return
                self._start_pagefind()
            self._send(path, text, page)
        except SearchIndexError as err:  # Pagefind failed or a page cannot be read back: said at finish()
            self._error = self._error or err

    def _marked(self, page: BuiltPage, page_html: str) -> tuple[str, str | None]:
        """The page's path in the site and the text Pagefind indexes (None: it cannot be marked,
        which finish() reports)."""
        path = page.html_path.relative_to(self.site_dir).as_posix()
        article = article_only(page_html)
        try:
            text = marked(article, outline_of(article), self._lay_terms.get(page.src, {}), self._sources.get(page.url),
                          other_audience=page.src in self._for_clinicians)
        except LookupError as err:
            self._error = SearchIndexError(f"{page.html_path}: search index: {err}")
            return path, None
        self._digests[path] = page_digest(path, text)
        return path, text

    def _start_pagefind(self) -> None:
        """Start Pagefind and send it the pages held back so far (written already: read back)."""
        self._pagefind = PagefindIndexes(self._binary, BUNDLES)
        unsent, self._unsent = self._unsent, []
        for page in unsent:
            path, text = self._marked(page, _read_page(page))
            if text is None:
                return
            self._send(path, text, page)

    def _send(self, path: str, text: str, page: BuiltPage) -> None:
        """Give Pagefind the page's marked text, and its outline for the index read first."""
        self._pagefind.add(path, text, about=str(page.html_path))
        self._pagefind.add(path, outline(text), about=str(page.html_path), bundle=OUTLINE_BUNDLE)

    def wait_for_pages(self, count: int, timeout: float) -> bool:
        """Whether Pagefind has indexed `count` of the pages added, within `timeout` seconds."""
        return self._pagefind is not None and self._pagefind.wait_for_pages(count, timeout)

    def finish(self) -> None:
        """Index the pages MkDocs did not write this time (a dirty build keeps them from the last
        one), write site_dir/pagefind/ (or copy the kept index, when every page is the same) and
        search/setup.json; any failure is one SearchIndexError."""
        output_dir = self.site_dir / OUTPUT_DIR
        try:
            for src, page in self._pages.items():
                if src not in self._added:
                    self.add(src, _read_page(page))
            if self._error is not None:
                raise self._error
            if self._pagefind is None and not (self._digests == self._kept and self._stored.restore(output_dir)):
                self._start_pagefind()  # a page of the kept index is gone, or a kept file is not as kept
                if self._error is not None:
                    raise self._error
            if self._pagefind is not None:
                files = self._pagefind.write(output_dir)
                if self._stored is not None:
                    self._stored.keep(self._digests, files, output_dir)
        finally:
            self.close()
        setup = self.site_dir / SETUP_PATH
        setup.parent.mkdir(parents=True, exist_ok=True)
        setup.write_text(json.dumps({"config": {"stop_words": list(STOP_WORDS)}, "docs": []}), encoding="utf-8")

    def close(self) -> None:
        """End Pagefind without writing (safe to call again)."""
        if self._pagefind is not None:
            self._pagefind.close()


def build(site_dir: Path, content: Content, pages: list[BuiltPage], binary: Path | None = None) -> None:
    """Index the pages already written in site_dir into site_dir/pagefind/ and write search/setup.json."""
    SiteIndex(site_dir, IndexInputs.of(content, pages), binary).finish()


def _read_page(page: BuiltPage) -> str:
    """A page MkDocs wrote earlier in this build (or a dirty build kept)."""
    try:
        return page.html_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SearchIndexError(f"{page.html_path}: search index: could not read the page: {getattr(err, 'strerror', None) or err}") from None


def article_only(page: str) -> str:
    """The page's <html> tag (its language) and its marked article: all that Pagefind reads
    (the body), without the menus and scripts that are most of a page's bytes."""
    html_tag = _HTML_TAG.search(page)
    start, end = page.find("<article"), page.find("</article>")
    if html_tag is None or start < 0 or end < 0:
        return page
    return f"{html_tag.group(0)}<body>{page[start : end + len('</article>')]}</body></html>"
