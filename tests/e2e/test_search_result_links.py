"""A search result for a page opens the part of it that matches (issue 14), on a phone.

Material lists each page's results under the page's own entry, and that entry's link opened the
top of the page even when the words matched only a section far down. Now it opens the section
that matches best (generator/engine/mkdocs/theme/assets/javascripts/search-result-links.js), unless the page's own
opening matched best; no search word ever reaches an address.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from support import (
    CHECK_TARGETS,
    SCRIPTS_READY,
    WATCH_SEARCH_WORKER,
    instant_navigation,
    open_search,
    result_location,
    search,
)

PHONE = (390, 844)
GUIDE = "facial-twitching/"
CONDITIONS, FAQ = GUIDE + "conditions/", "facial-twitching/faq/"

# (what a reader types, the section it should open): words found only in one section far down
# a page (a condition near the end of the conditions page, an FAQ answer, a condition topic's
# later section). Pagefind (issue 17) ranks "bells palsy" at the Bell's palsy topic's own
# overview, which is at the top of its page; "high doses" ties the FAQ answer with the guide's
# checklist ("high-dose"), and "is it a stroke" is the single word "stroke", which several
# sections share: each query here names its section unambiguously.
FAR_DOWN = [
    ("tourettes", CONDITIONS + "#tics-children"),
    ("rippling", CONDITIONS + "#neuromyotonia"),
    ("supplement doses", FAQ + "#faq-supplements"),
    ("is twitching a stroke", FAQ + "#faq-stroke"),
    ("how long does bells palsy last", "bells-palsy/#recovery"),
]

FIRST_RESULT = ".md-search-result__list a.md-search-result__link"

# Where the element with this id is, against the viewport and the sticky header.
PLACE = """(id) => {
    const el = document.getElementById(id);
    const box = el.getBoundingClientRect();
    return {top: box.top, pageTop: box.top + window.scrollY, height: window.innerHeight,
            header: document.querySelector('.md-header').getBoundingClientRect().bottom};
}"""
# Landed: the target's top is below the sticky header and on the first screen.
IN_VIEW = """(id) => {
    const el = document.getElementById(id);
    if (!el) return false;
    const top = el.getBoundingClientRect().top;
    return top >= document.querySelector('.md-header').getBoundingClientRect().bottom - 1 && top < window.innerHeight / 2;
}"""


@pytest.fixture
def phone_search(browser, site_url):
    """The home page on a phone, with the search open and its worker ready."""
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    page = context.new_page()
    page.add_init_script(WATCH_SEARCH_WORKER)
    page.goto(site_url)
    open_search(page)
    yield page
    context.close()


def open_first_result(page, query: str) -> str:
    """Search, tap the first result, and return the address it opened once the page is there."""
    search(page, query)
    first = page.locator(FIRST_RESULT).first
    with instant_navigation(page):
        first.click()
    page.wait_for_function(SCRIPTS_READY)
    return page.url


@pytest.mark.parametrize(("query", "expected"), FAR_DOWN, ids=[query for query, _ in FAR_DOWN])
def test_the_first_result_opens_the_section_that_matches(phone_search, site_url, query, expected):
    page = phone_search
    opened = open_first_result(page, query)
    assert result_location(opened, site_url) == expected, f"{query!r} opened {opened}, not the section that matches"
    section = urlsplit(opened).fragment
    assert page.evaluate(CHECK_TARGETS, [section]) == []  # there, and visible
    # Far down: the top of the page would not have shown it.
    assert page.evaluate(PLACE, section)["pageTop"] > PHONE[1], f"#{section} is on the first screen: the test proves nothing"
    try:
        page.wait_for_function(IN_VIEW, arg=section, timeout=10_000)
    except PlaywrightTimeoutError:
        pytest.fail(f"#{section} is not in view after opening the result: {page.evaluate(PLACE, section)}")


@pytest.mark.parametrize("query", ["is it a stroke", "bells palsy"])
def test_the_first_result_is_a_content_section_not_a_reference_list(phone_search, site_url, query):
    opened = result_location(open_first_result(phone_search, query), site_url)
    fragment = opened.partition("#")[2]
    assert fragment and fragment != "references", f"{query!r}: the first result opened {opened}"


def test_no_search_word_reaches_an_address(phone_search, site_url):
    """Each page result's link is one of the section links Material built from the index:
    no ?h=... query and nothing the reader typed in the fragment."""
    page = phone_search
    query = "rippling"
    search(page, query)
    items = page.locator(".md-search-result__item")
    assert items.count() > 0
    for index in range(items.count()):
        hrefs = items.nth(index).locator("a.md-search-result__link").evaluate_all("links => links.map(a => a.href)")
        page_link, sections = hrefs[0], hrefs[1:]
        assert urlsplit(page_link).query == ""
        assert page_link in sections, f"{page_link} is not one of the page's own section links"
        assert all(query not in href for href in hrefs)


def test_a_page_whose_opening_matches_best_keeps_its_top(phone_search, site_url):
    """"About this site" is the About page's own title: its entry matches better than any of
    its sections, so the result opens the page at its top."""
    opened = result_location(open_first_result(phone_search, "about this site"), site_url)
    assert opened == "about/"
