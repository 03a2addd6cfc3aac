"""The guide in short pages (issue 14): no page of a topic is taller than 12 phone screens, each
guide page has a contents list marking the current page, and previous/next links lead through
the guide with Material's instant navigation."""

from __future__ import annotations

import pytest

from generator.model.loading import load_content
from generator.structure.routes import page_url, pages_of, topic_page_path
from support import ROOT, instant_navigation

pytestmark = pytest.mark.browser

PHONE = (390, 844)
SIZES = [PHONE, (1280, 900)]
MAX_SCREENS = 12  # phone screens: 12 x 844 = 10,128 px


def topic_pages() -> list[tuple[str, bool]]:
    """(site-relative URL, is a page of the guide) for every page of the topic but the clinicians' list."""
    loaded = next(loaded for loaded in load_content(ROOT / "content").topics if loaded.topic.slug == "facial-twitching")
    return [
        (page_url(topic_page_path(loaded.topic.slug, page)).lstrip("/"), page.guide_part)
        for page in pages_of(loaded.topic)
        if page.key != "links"
    ]


GUIDE_PAGES = [url for url, guide_part in topic_pages() if guide_part]


@pytest.fixture
def open_page(open_at):
    return open_at


def test_the_guide_is_split_into_a_few_pages_at_the_topic_s_address_first():
    assert GUIDE_PAGES[0] == "facial-twitching/" and 4 <= len(GUIDE_PAGES) <= 7


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_no_page_of_the_topic_is_taller_than_12_phone_screens(open_page, size):
    heights = {}
    for url, _ in topic_pages():
        page = open_page(size, url)  # the self-check with nothing answered, the diary empty
        # Pictures and fonts are laid out: the height no longer changes on the next frame.
        page.wait_for_load_state("load")
        heights[url] = page.evaluate("() => document.documentElement.scrollHeight")
    too_tall = {url: height for url, height in heights.items() if height > MAX_SCREENS * PHONE[1]}
    assert too_tall == {}, f"taller than {MAX_SCREENS} phone screens ({MAX_SCREENS * PHONE[1]} px): {too_tall}"


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_contents_list_marks_the_current_page_and_lists_the_guide_in_order(open_page, size):
    for url in GUIDE_PAGES:
        page = open_page(size, url)
        contents = page.locator("article nav.topic-menu .topic-menu__contents ol li a")
        hrefs = contents.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
        assert hrefs == ["/" + other for other in GUIDE_PAGES]
        current = page.locator("article nav.topic-menu a[aria-current=page]")
        assert current.count() == 1 and current.evaluate("a => new URL(a.href).pathname") == "/" + url
        # The emergency signs are one link away on every page, and shown on the first; "When to
        # get help" shows its emergency cards last and links them from the top.
        if url == GUIDE_PAGES[0]:
            assert page.locator("article section.red-flags[aria-labelledby=red-flags] .care-card--emergency").count() >= 1
        else:
            line = page.locator("article .emergency-line a")
            target = "/" + url + "#help-emergency" if url.endswith("/when-to-get-help/") else "/" + GUIDE_PAGES[0] + "#red-flags"
            assert line.evaluate("a => new URL(a.href).pathname + new URL(a.href).hash") == target


def test_previous_and_next_links_lead_through_the_guide_with_instant_navigation(open_page):
    page = open_page(PHONE, GUIDE_PAGES[0])
    page.evaluate("() => { window.__samePage = true; }")
    assert page.locator("article .topic-pager a[rel=prev]").count() == 0
    for url in GUIDE_PAGES[1:]:
        with instant_navigation(page):
            page.locator("article .topic-pager a[rel=next]").click()
        assert page.evaluate("() => location.pathname") == "/" + url
        assert page.locator("article nav.topic-menu a[aria-current=page]").evaluate("a => new URL(a.href).pathname") == "/" + url
    assert page.locator("article .topic-pager a[rel=next]").count() == 0
    with instant_navigation(page):
        page.locator("article .topic-pager a[rel=prev]").click()
    assert page.evaluate("() => location.pathname") == "/" + GUIDE_PAGES[-2]
    # And the contents list: straight to any page.
    with instant_navigation(page):
        page.locator("article nav.topic-menu .topic-menu__contents a").first.click()
    assert page.evaluate("() => location.pathname") == "/" + GUIDE_PAGES[0]
    assert page.evaluate("() => window.__samePage === true"), "expected Material's instant navigation, got a full reload"


# A link is a previous/next link when its name or relation says so, wherever on the page it is.
PREVIOUS_NEXT_NAVS = """() => [...document.querySelectorAll('body nav')].filter(nav =>
    [...nav.querySelectorAll('a')].some(a => /^(prev|next)$/.test(a.rel) || /^\\s*(Previous|Next)\\b/i.test(a.getAttribute('aria-label') || a.textContent)))"""


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_each_guide_page_has_exactly_one_previous_next_navigation(open_page, size):
    # Material's footer links would follow the site navigation, not the guide's own contents,
    # and repeat the guide's previous/next links: only the guide's own pager is kept.
    for url in GUIDE_PAGES:
        page = open_page(size, url)
        navs = page.evaluate(f"() => ({PREVIOUS_NEXT_NAVS})().map(nav => nav.className)")
        assert navs == ["topic-pager"], f"/{url}: {navs}"
        pager = page.locator("nav.topic-pager")
        assert pager.get_attribute("aria-label")  # a named landmark among the page's navigations
        assert pager.locator("a").count() == (1 if url in (GUIDE_PAGES[0], GUIDE_PAGES[-1]) else 2)
