"""In headless Chromium: deep links land on the item, and search finds a FAQ answer."""

from __future__ import annotations

import json
import re

from support import wait_until_requests_are_reported

# Whether the element's top is visible and not under Material's sticky header. False, not an
# error, while it is missing: instant navigation changes the URL before it swaps the page in.
IN_VIEW_BELOW_HEADER = """(selector) => {
    const el = document.querySelector(selector);
    if (!el) return false;
    const header = document.querySelector('.md-header');
    const top = el.getBoundingClientRect().top;
    const headerBottom = header ? header.getBoundingClientRect().bottom : 0;
    return top >= headerBottom - 1 && top < window.innerHeight;
}"""


def faq_ids(built_site) -> list[str]:
    html = (built_site / "facial-twitching" / "faq" / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<h3 id="([^"]+)"', html)


def test_deep_link_to_a_faq_question_shows_that_question(page, site_url, built_site, offsite_requests):
    target = faq_ids(built_site)[-1]  # the last question: the page must scroll to reach it
    page.goto(f"{site_url}facial-twitching/faq/#{target}")
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.scrollY > 0")
    page.wait_for_function(IN_VIEW_BELOW_HEADER, arg=f"#{target}")
    wait_until_requests_are_reported(page)
    assert offsite_requests == []


def unique_word_of_faq_answer(built_site) -> tuple[str, str]:
    """A FAQ entry and a word that appears in its answer and nowhere else on the site."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    words_in = {doc["location"]: set(re.findall(r"[a-z]{7,}", (doc["title"] + " " + doc["text"]).lower())) for doc in docs}
    for location, words in words_in.items():
        if "/faq/#faq" not in location:
            continue
        elsewhere = set().union(*(w for loc, w in words_in.items() if loc != location))
        unique = sorted(words - elsewhere)
        if unique:
            return location.split("#")[1], unique[0]
    raise AssertionError("no FAQ answer has a word of its own")


def test_search_finds_a_faq_answer_by_a_word_only_in_it_and_lands_on_it(page, site_url, built_site, offsite_requests):
    faq_id, word = unique_word_of_faq_answer(built_site)
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(word, delay=30)  # as a person types
    result = page.locator(f'.md-search-result a[href*="#{faq_id}"]').first
    result.wait_for(state="visible", timeout=10_000)
    result.click()
    page.wait_for_url(re.compile(rf"/faq/(\?h=\w+)?#{faq_id}$"))
    # Wait for the swapped-in page to show the answer (reading it at once raced the swap).
    page.wait_for_function(IN_VIEW_BELOW_HEADER, arg=f"#{faq_id}")
    wait_until_requests_are_reported(page)
    assert offsite_requests == []
