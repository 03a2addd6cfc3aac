"""In headless Chromium: deep links land on the item, and search finds a FAQ answer."""

from __future__ import annotations

import re
from collections import Counter

from support import pagefind_records, search_sections, wait_until_requests_are_reported

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
    records = pagefind_records(built_site)
    site_words = Counter(word for record in records.values() for word in words_of(record["content"]))
    for faq_id, text in search_sections(records["facial-twitching/faq/"]).items():
        in_answer = Counter(words_of(text))
        unique = sorted(word for word, count in in_answer.items() if site_words[word] == count)
        if faq_id.startswith("faq-") and unique:
            return faq_id, unique[0]
    raise AssertionError("no FAQ answer has a word of its own")


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z]{7,}", text.lower())


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
