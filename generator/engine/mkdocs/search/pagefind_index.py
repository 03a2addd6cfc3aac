"""Build the site's search index with Pagefind, after MkDocs has written the site.

Pagefind splits the index into small chunks that a search downloads only as its words need
them, instead of one file with every page's text. It indexes a marked copy of each generated
page (pagefind_pages.py) into `<site>/pagefind/`, offline (the binary comes with the
`pagefind-bin` package). The theme's search box talks to it through
theme/assets/javascripts/workers/search.pagefind.js, which also reads `search/setup.json`
written here: the little words left out of a query.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path

from ....model.loading import Content
from ....structure.routes import LINKS, topic_page_path
from .lay_terms import BuiltPage, lay_terms_by_page
from .pagefind_pages import marked
from .reference_lists import reference_list_locations
from .stop_words import STOP_WORDS

OUTPUT_DIR = "pagefind"
# What the theme's search UI downloads before its first search (lazy-search-index.js asks for
# it instead of the theme's own search index, which Pagefind replaces).
SETUP_PATH = "search/setup.json"
TIMEOUT_SECONDS = 600
_HTML_TAG = re.compile(r"<html\b[^>]*>")


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message names what and where."""


def pagefind_binary() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("search index: the pagefind-bin package is not installed (pip install 'pagefind[bin]')") from None
    try:
        return get_executable()
    except FileNotFoundError as err:
        raise SearchIndexError(f"search index: the pagefind-bin package has no binary for this machine ({err})") from None


def build(site_dir: Path, content: Content, pages: list[BuiltPage]) -> None:
    """Index the built pages into site_dir/pagefind/ and write search/setup.json."""
    lay_terms = lay_terms_by_page(content)
    sources = {location.partition("#")[0]: location.partition("#")[2] for location in reference_list_locations(content, pages)}
    for_clinicians = {topic_page_path(loaded.topic.slug, LINKS) for loaded in content.topics}
    with tempfile.TemporaryDirectory(prefix="healthguide-search-") as copies:
        for page in pages:
            try:
                text = marked(page.html_path.read_text(encoding="utf-8"), page.outline, lay_terms.get(page.src, {}), sources.get(page.url),
                              other_audience=page.src in for_clinicians)
            except LookupError as err:
                raise SearchIndexError(f"{page.html_path}: search index: {err}") from None
            copy = Path(copies) / page.html_path.relative_to(site_dir)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(article_only(text), encoding="utf-8")
        run_pagefind(Path(copies), site_dir / OUTPUT_DIR)
    setup = site_dir / SETUP_PATH
    setup.parent.mkdir(parents=True, exist_ok=True)
    setup.write_text(json.dumps({"config": {"stop_words": list(STOP_WORDS)}, "docs": []}), encoding="utf-8")


def article_only(page: str) -> str:
    """The page's <html> tag (its language) and its marked article: all that Pagefind reads
    (the body), without the menus and scripts that are most of a page's bytes."""
    html_tag = _HTML_TAG.search(page)
    start, end = page.find("<article"), page.find("</article>")
    if html_tag is None or start < 0 or end < 0:
        return page
    return f"{html_tag.group(0)}<body>{page[start : end + len('</article>')]}</body></html>"


def run_pagefind(pages_dir: Path, output_dir: Path, binary: Path | None = None) -> None:
    """Run Pagefind over pages_dir into output_dir; any failure is one SearchIndexError."""
    command = [str(binary or pagefind_binary()), "--site", str(pages_dir), "--output-path", str(output_dir), "--quiet"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(f"{output_dir}: search index: could not run {command[0]}: {err}") from None
    if done.returncode != 0:
        said = " ".join((done.stderr or done.stdout).split())[-500:] or f"exit status {done.returncode}"
        raise SearchIndexError(f"{output_dir}: search index: pagefind failed: {said}")
