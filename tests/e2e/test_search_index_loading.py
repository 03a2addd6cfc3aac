"""The search index and worker are downloaded when the reader starts a search, not with every page.

Material fetches its search index and its search worker as soon as a page opens; with many
topics the index dwarfs the page. The search is Pagefind's (issue 17): its files are in pagefind/,
and the theme's request for its whole-site search/search_index.json (which the site no longer
has) goes to search/setup.json instead. engine/mkdocs/theme/assets/javascripts/lazy-search-index.js holds
both back until the search box gets focus. These tests check both halves: reading pages (also through
instant navigation) never fetches it, and searching still works, by mouse and by keyboard.
"""

from __future__ import annotations

import re

import pytest

from support import (
    WATCH_SEARCH_WORKER,
    instant_navigation,
    open_search,
    pagefind_records,
    search,
    wait_until_requests_are_reported,
)

INDEX = "/pagefind/"  # Pagefind's script, its wasm and the index chunks a search needs
LUNR_INDEX = "search/search_index.json"
WORKER = "assets/javascripts/workers/search."


@pytest.fixture
def index_requests(page):
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url) if INDEX in request.url or LUNR_INDEX in request.url else None)
    return seen


@pytest.fixture
def worker_requests(page):
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url) if WORKER in request.url else None)
    return seen


def wait_for_results(page) -> None:
    page.wait_for_function(
        "() => document.querySelectorAll('.md-search-result__list a.md-search-result__link').length > 0"
    )


def test_reading_pages_does_not_download_the_search_index(page, site_url, index_requests, worker_requests):
    page.goto(site_url + "facial-twitching/", wait_until="networkidle")
    with instant_navigation(page):
        page.locator('.md-nav__link[href$="faq/"]').first.click()
    wait_until_requests_are_reported(page)
    assert index_requests == []
    assert worker_requests == []


def test_clicking_the_search_box_loads_the_index_and_finds_results(page, site_url, index_requests, worker_requests):
    page.goto(site_url + "facial-twitching/", wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("botox", delay=10)
    wait_for_results(page)
    assert index_requests and not [url for url in index_requests if LUNR_INDEX in url]
    assert len(worker_requests) == 1
    assert page.locator('.md-search-result__list a[href*="#treat-botulinum"]').count() >= 1


def test_the_keyboard_shortcut_loads_the_index_and_a_query_typed_early_still_runs(page, site_url, index_requests):
    page.goto(site_url + "facial-twitching/", wait_until="networkidle")
    page.keyboard.press("/")  # Material's shortcut focuses the search box
    # Typed at once, before the index can have arrived: Material runs it when it is ready.
    page.keyboard.type("magnesium")
    wait_for_results(page)
    assert index_requests and not [url for url in index_requests if LUNR_INDEX in url]
    assert page.locator('.md-search-result__list a[href*="#faq-supplements"]').count() >= 1


def test_an_old_search_result_address_does_not_load_the_index(page, site_url, index_requests, worker_requests):
    """Search results no longer carry the query (?h=..., see test_privacy.py); an old link that
    still does opens like any other page."""
    page.goto(site_url + "facial-twitching/?h=botox#treat-botulinum", wait_until="networkidle")
    assert page.locator("#treat-botulinum").count() == 1
    assert page.locator("article mark").count() == 0
    wait_until_requests_are_reported(page)
    assert index_requests == []
    assert worker_requests == []


def test_no_request_of_a_search_carries_the_words_typed(browser, site_url):
    """Pagefind fetches index chunks and page fragments as a query needs them (from its worker):
    they are named by hashes, so no address the search asks for holds a word of the query."""
    words = ["magnesium", "tablets"]
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))  # page and workers alike
    try:
        page = context.new_page()
        page.goto(site_url + "facial-twitching/", wait_until="networkidle")
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially(" ".join(words), delay=10)
        page.locator('.md-search-result__list a.md-search-result__link').first.wait_for(state="attached")
        wait_until_requests_are_reported(page)
        fetched = [url for url in requests if "/pagefind/" in url]
        assert any(url.endswith(".pf_fragment") for url in fetched), f"the search fetched no page fragment: {fetched}"
        leaked = [url for url in requests if any(word in url.lower() for word in words)]
        assert leaked == []
    finally:
        context.close()


def test_a_single_letter_typed_fetches_no_index_chunk(page, site_url, index_requests):
    """Pagefind searches a word as the start of longer ones, so a lone letter fetched every index
    chunk holding a word that starts with it: the "t" of "eyelid t", on the way to "eyelid
    twitching", fetched seven chunks at 100 topics (issue 17: the first search's download). A
    single letter is not searched; the words before it still are."""
    page.add_init_script(WATCH_SEARCH_WORKER)
    page.goto(site_url + "facial-twitching/")
    open_search(page)
    search(page, "t")
    wait_until_requests_are_reported(page)
    assert [url for url in index_requests if url.endswith(".pf_index")] == []
    assert search(page, "eyelid t")["results"] == search(page, "eyelid")["results"] != []


OUTLINE = "/pagefind/outline/"  # the index of each page's outline, which a search reads first


def outline_and_whole_text_requests(requests: list[str]) -> tuple[list[str], list[str]]:
    return [url for url in requests if OUTLINE in url], [url for url in requests if INDEX in url and OUTLINE not in url]


def test_a_query_the_outline_answers_downloads_nothing_of_the_whole_text(page, site_url, index_requests):
    """Most questions are answered by a section's heading, lay terms or first sentence: the
    outline's index, a fraction of the whole text's size (issue 17: the first search at 1,000
    topics). "Twitching" is in many pages' outlines."""
    page.add_init_script(WATCH_SEARCH_WORKER)
    page.goto(site_url + "facial-twitching/")
    open_search(page)
    assert search(page, "twitching")["results"]
    wait_until_requests_are_reported(page)
    outline, whole = outline_and_whole_text_requests(index_requests)
    assert any(url.endswith(".pf_index") for url in outline) and any(url.endswith(".pf_fragment") for url in outline)
    assert whole == []


def test_a_word_only_the_whole_text_holds_is_found_there(page, site_url, built_site, index_requests):
    """A word in no page's outline (deep in a section) is searched in the whole text, and found."""
    # Pagefind finds a word's stem and the words it starts: no outline word may share its start.
    outline_starts = {word[:5] for record in pagefind_records(built_site, bundle="outline").values() for word in words_of(record["content"])}
    whole_text = pagefind_records(built_site)
    word = next(word for word in sorted({word for record in whole_text.values() for word in words_of(record["content"])})
                if word[:5] not in outline_starts and len(word) >= 8)
    page.add_init_script(WATCH_SEARCH_WORKER)
    page.goto(site_url + "facial-twitching/")
    open_search(page)
    found = search(page, word)["results"]
    wait_until_requests_are_reported(page)
    assert found, f"{word!r} found nothing"
    outline, whole = outline_and_whole_text_requests(index_requests)
    assert outline and any(url.endswith(".pf_fragment") for url in whole)


def words_of(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))
