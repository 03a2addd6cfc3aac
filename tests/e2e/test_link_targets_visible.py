"""No link on the site, and no search result, points at an element hidden when the page opens
(issue 14): every internal link with a #fragment, on every built page (the clinicians' page's
item links included), and every section a search result opens (Pagefind's records), lands on an element a reader can see once
the page's scripts (deep-link forwarding included) have run.
"""

from __future__ import annotations

import re
from collections import defaultdict
from html import unescape
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from support import CHECK_TARGETS, SCRIPTS_READY, pagefind_records, search_sections, site_pages

HREF = re.compile(r'<a\b[^>]*?\shref="([^"]*)"')
def fragment_links(built_site, site_url: str) -> dict[str, dict[str, set[str]]]:
    """Target page URL -> fragment -> the pages (or 'search') that link to it."""
    targets: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for page in site_pages(built_site):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        for href in HREF.findall(html):
            url = urljoin(site_url + page, unescape(href))
            parts = urlsplit(url)
            if parts.fragment and url.startswith(site_url):
                targets[url.split("#", 1)[0]][unquote(parts.fragment)].add(page or "/")
    for path, record in pagefind_records(built_site).items():
        for fragment in search_sections(record):
            targets[site_url + path][fragment].add("search")
    return targets


def test_the_walk_covers_the_clinicians_links_and_search_results(built_site, site_url):
    sources = [found for fragments in fragment_links(built_site, site_url).values() for found in fragments.values()]
    assert sum("facial-twitching/links/" in found for found in sources) > 100, "the clinicians' item links are not walked"
    assert sum("search" in found for found in sources) > 50, "search results are not walked"


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_every_fragment_link_lands_on_a_visible_element(browser, built_site, site_url, viewport):
    problems = []
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    try:
        for url, fragments in sorted(fragment_links(built_site, site_url).items()):
            page.goto(url)
            page.wait_for_function(SCRIPTS_READY)
            for found in page.evaluate(CHECK_TARGETS, sorted(fragments)):
                fragment = found.split(":", 1)[0][1:]
                problems.append(f"{url}{found} (linked from {', '.join(sorted(fragments[fragment]))})")
    finally:
        context.close()
    assert not problems, "links to missing or hidden targets:\n" + "\n".join(problems)
