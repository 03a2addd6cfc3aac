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
from pathlib import Path

from ....model.loading import Content
from ....structure.routes import LINKS, topic_page_path
from .lay_terms import BuiltPage, lay_terms_by_page
from .outline import outline_of
from .pagefind_pages import marked
from .pagefind_service import PagefindService, SearchIndexError
from .reference_lists import reference_list_locations
from .stop_words import STOP_WORDS

__all__ = ["OUTPUT_DIR", "SETUP_PATH", "SearchIndexError", "SiteIndex", "article_only", "build", "pagefind_binary"]

OUTPUT_DIR = "pagefind"
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


class SiteIndex:
    """The search index of one build: add() each page as written, then finish() (or close()
    when the build fails). Starting it starts Pagefind."""

    def __init__(self, site_dir: Path, content: Content, pages: list[BuiltPage], binary: Path | None = None) -> None:
        self.site_dir = site_dir
        self._pages = {page.src: page for page in pages}
        self._lay_terms = lay_terms_by_page(content)
        self._sources = {location.partition("#")[0]: location.partition("#")[2] for location in reference_list_locations(content, pages)}
        self._for_clinicians = {topic_page_path(loaded.topic.slug, LINKS) for loaded in content.topics}
        self._added: set[str] = set()
        self._error: SearchIndexError | None = None  # a page that cannot be marked, said at finish()
        self._service = PagefindService(binary or pagefind_binary())

    def add(self, src: str, page_html: str) -> None:
        """Index the generated page `src` (its Markdown path) from its final HTML; other pages
        (404, redirects, the site's own files) are not searched."""
        page = self._pages.get(src)
        if page is None or src in self._added or self._error is not None or self._service.failed:
            return
        self._added.add(src)
        try:
            text = marked(page_html, outline_of(page_html), self._lay_terms.get(page.src, {}), self._sources.get(page.url),
                          other_audience=page.src in self._for_clinicians)
        except LookupError as err:
            self._error = SearchIndexError(f"{page.html_path}: search index: {err}")
            return
        self._service.add(page.html_path.relative_to(self.site_dir).as_posix(), article_only(text), about=str(page.html_path))

    def wait_for_pages(self, count: int, timeout: float) -> bool:
        """Whether Pagefind has indexed `count` of the pages added, within `timeout` seconds."""
        return self._service.wait_for_pages(count, timeout)

    def finish(self) -> None:
        """Index the pages MkDocs did not write this time (a dirty build keeps them from the last
        one), write site_dir/pagefind/ and search/setup.json; any failure is one SearchIndexError."""
        try:
            for src, page in self._pages.items():
                if src not in self._added:
                    self.add(src, page.html_path.read_text(encoding="utf-8"))
            if self._error is not None:
                raise self._error
            self._service.write(self.site_dir / OUTPUT_DIR)
        finally:
            self.close()
        setup = self.site_dir / SETUP_PATH
        setup.parent.mkdir(parents=True, exist_ok=True)
        setup.write_text(json.dumps({"config": {"stop_words": list(STOP_WORDS)}, "docs": []}), encoding="utf-8")

    def close(self) -> None:
        """End Pagefind without writing (safe to call again)."""
        self._service.close()


def build(site_dir: Path, content: Content, pages: list[BuiltPage], binary: Path | None = None) -> None:
    """Index the pages already written in site_dir into site_dir/pagefind/ and write search/setup.json."""
    SiteIndex(site_dir, content, pages, binary).finish()


def article_only(page: str) -> str:
    """The page's <html> tag (its language) and its marked article: all that Pagefind reads
    (the body), without the menus and scripts that are most of a page's bytes."""
    html_tag = _HTML_TAG.search(page)
    start, end = page.find("<article"), page.find("</article>")
    if html_tag is None or start < 0 or end < 0:
        return page
    return f"{html_tag.group(0)}<body>{page[start : end + len('</article>')]}</body></html>"
