"""The search downloads the words of only the pages the reader looks at (issue 17).

Each page found is one download (its Pagefind fragment). The search worker fetches the first
five pages' and the next five each time the reader reaches the end of the list, by scrolling or
with the arrow keys (generator/engine/mkdocs/theme/assets/javascripts/lazy-search-index.js):
a query that matches hundreds of pages no longer downloads eight of them at once.
"""

from __future__ import annotations

import pytest

from support import WATCH_SEARCH_WORKER, open_search

QUERY = "twitching"  # in most of the site's pages
FIRST_PAGES = 5
MORE_PAGES = 5


@pytest.fixture
def search_page(page, site_url):
    fragments: list[str] = []
    page.context.on("request", lambda request: fragments.append(request.url) if request.url.endswith(".pf_fragment") else None)
    page.add_init_script(WATCH_SEARCH_WORKER)
    page.goto(site_url + "facial-twitching/")
    open_search(page)
    page.fragments = fragments
    return page


def listed_pages(page) -> list[str]:
    return page.locator(".md-search-result__list > li a.md-search-result__link:first-child").evaluate_all(
        "links => links.map(link => link.closest('li').querySelector('a').getAttribute('href'))"
    )


def wait_for_pages(page, count: int) -> None:
    page.wait_for_function(
        "(count) => { const s = window.__searchWorker; return s.answered === s.asked"
        " && document.querySelectorAll('.md-search-result__list > li').length === count; }",
        arg=count,
    )


def one_query(page, text: str) -> None:
    """The whole query at once: one search, not one per letter (each would fetch its own pages)."""
    box = page.locator("input.md-search__input")
    box.fill(text)
    box.press("End")  # the theme reads the box on key presses
    wait_for_pages(page, FIRST_PAGES)


def test_the_first_answer_downloads_five_pages_and_scrolling_to_the_end_five_more(search_page):
    one_query(search_page, QUERY)
    assert len(set(search_page.fragments)) == FIRST_PAGES
    first = listed_pages(search_page)

    search_page.locator(".md-search-result__list > li").last.scroll_into_view_if_needed()
    wait_for_pages(search_page, FIRST_PAGES + MORE_PAGES)
    assert len(set(search_page.fragments)) == FIRST_PAGES + MORE_PAGES
    shown = listed_pages(search_page)
    assert shown[:FIRST_PAGES] == first, "the pages already listed moved"
    assert len(set(shown)) == len(shown)


# Where Material's arrow keys move the focus in the result list (its search keyboard handler).
KEYBOARD_STOPS = ":not(details) > [href], summary, details[open] [href]"
FOCUSED_STOP = f"""() => [...document.querySelectorAll('.md-search-result__list')].flatMap(list =>
    [...list.querySelectorAll('{KEYBOARD_STOPS}')]).indexOf(document.activeElement)"""
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def test_the_arrow_keys_reach_the_next_pages_and_keep_the_focus(search_page):
    one_query(search_page, QUERY)
    pages = search_page.locator(".md-search-result__list > li")
    for press in range(1, 200):
        search_page.keyboard.press("ArrowDown")
        search_page.evaluate(TWO_FRAMES)  # the list scrolled to the focus; its end may have come into view
        search_page.wait_for_function(
            "() => { const s = window.__searchWorker; return s.answered === s.asked"
            " && !document.querySelector('.md-search-result__list').hasAttribute('aria-busy'); }"
        )
        assert search_page.evaluate(FOCUSED_STOP) == press - 1, "the focus moved when more pages were listed"
        if pages.count() > FIRST_PAGES:
            break
    assert pages.count() == FIRST_PAGES + MORE_PAGES
    assert len(set(search_page.fragments)) == FIRST_PAGES + MORE_PAGES
