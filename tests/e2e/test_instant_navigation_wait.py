"""What the browser tests wait for after following a link (support.instant_navigation).

Material's instant navigation changes the address at the click, then fetches the new page and
swaps it in. On a busy machine the gap is long: a test that waited for the URL and then read the
page read the old one (issue 11, item 12). Here the page request is held back until the test
lets it go, so the gap is as long as the test needs, whatever the machine's speed.
"""

from __future__ import annotations

from support import PAGES_SWAPPED_IN, instant_navigation

GUIDE = "facial-twitching/"

# Fault injection of the browser's XMLHttpRequest (Material fetches pages with it): while
# window.holdRequests is true, a request is not sent; window.releaseRequests() sends them.
HOLD_REQUESTS = """(() => {
    const send = XMLHttpRequest.prototype.send;
    const held = window.heldRequests = [];
    XMLHttpRequest.prototype.send = function (...args) {
        if (!window.holdRequests) return send.apply(this, args);
        held.push(() => send.apply(this, args));
    };
    window.releaseRequests = () => {
        window.holdRequests = false;
        held.splice(0).forEach((sendNow) => sendNow());
    };
})()"""

FAQ_ENTRIES = "() => document.querySelectorAll('article [id^=\"faq-\"]').length"


def test_following_a_link_waits_for_the_new_page_not_only_its_address(page, site_url):
    page.add_init_script(HOLD_REQUESTS)
    page.goto(site_url + GUIDE, wait_until="networkidle")
    swapped = page.evaluate(PAGES_SWAPPED_IN)
    page.evaluate("() => { window.holdRequests = true; window.fullLoadMarker = true; }")
    with instant_navigation(page):
        page.locator('.md-sidebar--primary a.md-nav__link[href$="faq/"]').click()
        page.wait_for_url("**/" + GUIDE + "faq/")
        page.wait_for_function("() => window.heldRequests.length === 1")
        # The address is the FAQ's, the page still the guide: reading now would be wrong,
        # and what instant_navigation waits for has not happened yet.
        assert page.evaluate(FAQ_ENTRIES) == 0
        assert page.evaluate(PAGES_SWAPPED_IN) == swapped
        page.evaluate("() => window.releaseRequests()")
    assert page.evaluate(FAQ_ENTRIES) > 0
    assert page.evaluate(PAGES_SWAPPED_IN) == swapped + 1
    assert page.evaluate("() => window.fullLoadMarker") is True, "expected instant navigation"
