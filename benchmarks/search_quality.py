"""The lay-query suite (tests/lay_queries.py) on a built synthetic site, in Chromium: how many
queries find their section in the top 3, and every address requested while searching.

Used by benchmarks/run.py on the site it has already built. The synthetic topics are copies of
the twitching guide, so only the queries it answers are asked, and a hit is the expected
section (page kind + anchor) of any topic (lay_queries.is_hit with any_topic).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import unquote_plus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from lay_queries import is_hit, synthetic_queries, top_distinct_sections, top_results  # noqa: E402

from support import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_FLAGS,
    REQUESTS_MARKER,
    WATCH_SEARCH_WORKER,
    open_search,
    search,
)


def words_of(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", unquote_plus(text).lower()))


def urls_with_search_words(urls: list[str], queries: list[str]) -> list[str]:
    """The addresses that carry a word of any query, as a whole word (`?h=eye+twitch`, a path
    segment `/eye/`): Pagefind's own files are named by hashes, so a bare substring test would
    find "face" in a hex name."""
    words = set().union(*(words_of(query) for query in queries)) if queries else set()
    return [url for url in urls if words_of(url) & words]


def lay_query_hits(site_url: str, slug: str) -> dict:
    """Run every synthetic lay query in the search box of `slug`'s guide page on the served site."""
    from playwright.sync_api import sync_playwright

    queries = synthetic_queries()
    misses: list[str] = []
    distinct_misses: list[str] = []
    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context()
            context.add_init_script(WATCH_SEARCH_WORKER)
            page = context.new_page()
            page.goto(f"{site_url}{slug}/", wait_until="networkidle")
            context.on("request", lambda request: requested.append(request.url))  # page and search worker
            open_search(page)
            for query, expected in queries:
                snapshot = search(page, query)
                found = top_results(snapshot, site_url)
                if not is_hit(found, expected, any_topic=True):
                    misses.append(f"{query!r}: expected a topic's {expected}, top 3 were {found}")
                sections = top_distinct_sections(snapshot, site_url)
                if not is_hit(sections, expected, any_topic=True):
                    distinct_misses.append(f"{query!r}: expected a topic's {expected}, top 3 sections were {sections}")
            with page.expect_request(lambda request: REQUESTS_MARKER in request.url):  # every request reported
                page.evaluate("(marker) => { fetch(marker).catch(() => {}); }", REQUESTS_MARKER)
        finally:
            browser.close()
    requested = [url for url in requested if REQUESTS_MARKER not in url]
    return {"lay_queries": len(queries), "lay_hits": len(queries) - len(misses), "lay_misses": misses,
            "lay_distinct_hits": len(queries) - len(distinct_misses), "lay_distinct_misses": distinct_misses,
            "lay_search_urls": requested, "lay_urls_with_words": urls_with_search_words(requested, [q for q, _ in queries])}
