"""Issue 17: opening a page does not download sitemap.xml (Material's instant navigation read
it on every page open to learn which links are the site's: ~20 KB gzip at 1,000 topics), and
instant navigation still works. Search engines still get the full sitemap."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from support import PAGES_SWAPPED_IN, instant_navigation, wait_until_requests_are_reported

GUIDE = "facial-twitching/"


def test_no_page_open_or_instant_navigation_fetches_the_sitemap(browser, site_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(site_url, wait_until="networkidle")
        page.goto(site_url + GUIDE, wait_until="networkidle")
        page.evaluate("window.fullLoadMarker = true")  # survives only if no full page load happens
        page.evaluate(PAGES_SWAPPED_IN)
        with instant_navigation(page):
            page.locator('.md-sidebar--primary a.md-nav__link[href$="faq/"]').click()
        page.wait_for_url("**/" + GUIDE + "faq/")
        with instant_navigation(page):  # back to a page outside the topic: the home page
            page.locator(".md-header__button.md-logo").click()
        page.wait_for_url(site_url)
        assert page.evaluate("window.fullLoadMarker") is True, "expected Material's instant navigation"
        with instant_navigation(page):  # and Back is instant too
            page.go_back()
        page.wait_for_url("**/" + GUIDE + "faq/")
        wait_until_requests_are_reported(page)
    finally:
        context.close()
    pages = [url for url in requested if url.endswith("/")]
    assert len(pages) >= 4, f"expected the pages' own requests: {requested}"
    fetched = [url for url in requested if "sitemap" in url]
    assert not fetched, f"a page open or navigation fetched the sitemap: {fetched}"


def test_links_to_files_are_left_to_the_browser(browser, site_url):
    """Only the site's pages are loaded by instant navigation; a link to a file (here the
    sitemap itself) is an ordinary load."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + GUIDE, wait_until="networkidle")
        page.evaluate("""(href) => {
            const link = document.createElement('a');
            link.href = href;
            link.id = 'file-link';
            link.textContent = 'sitemap';
            document.querySelector('article').prepend(link);
        }""", site_url + "sitemap.xml")
        with page.expect_navigation():
            page.locator("#file-link").click()
        assert page.url == site_url + "sitemap.xml"
    finally:
        context.close()


def test_the_full_sitemap_is_still_published(built_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in ET.parse(built_site / "sitemap.xml").getroot().iterfind("s:url/s:loc", ns)]
    assert any(loc.endswith("/" + GUIDE) for loc in locs)
    assert any(loc.endswith("/" + GUIDE + "faq/") for loc in locs)
