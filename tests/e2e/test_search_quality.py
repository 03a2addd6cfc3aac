"""Search quality: patients' own words find the right item, in the built site's real search.

Each query is typed into the search box in headless Chromium, as a person would type it.
A query passes when one of its expected items (page + anchor) is among the 3 best-scored
results the theme renders (its search worker gives each result a `data-md-score`).
"""

from __future__ import annotations

import re
import sys

import pytest
from lay_queries import CONDITIONS, FAQ, GUIDE, QUERIES, REQUIRED_HIT_RATE, TOP, is_hit, top_results

from support import (
    ROOT,
    WATCH_SEARCH_WORKER,
    built_and_served,
    open_search,
    pagefind_records,
    result_location,
    search,
    search_sections,
    wait_until_requests_are_reported,
)

sys.path.insert(0, str(ROOT / "benchmarks"))
from make_topics import make_topics  # noqa: E402


@pytest.fixture
def search_page(page, site_url):
    page.add_init_script(WATCH_SEARCH_WORKER)
    page.goto(site_url)
    open_search(page)
    return page


def test_patients_find_the_answer_in_their_own_words(search_page, site_url, capsys, offsite_requests):
    assert len(QUERIES) >= 25
    misses = []
    for query, expected in QUERIES:
        found = top_results(search(search_page, query), site_url)
        if not is_hit(found, expected):
            misses.append(f"  {query!r}: expected one of {expected}, top {TOP} were {found}")
    hit_rate = 1 - len(misses) / len(QUERIES)
    with capsys.disabled():  # shown without -s
        print(f"\nsearch quality: {len(QUERIES) - len(misses)}/{len(QUERIES)} queries hit ({hit_rate:.0%})")
        print("\n".join(misses))
    assert hit_rate >= REQUIRED_HIT_RATE, "too many patient queries miss:\n" + "\n".join(misses)
    wait_until_requests_are_reported(search_page)
    assert offsite_requests == []


def test_lay_terms_are_searchable_but_not_on_the_page(built_site):
    """A lay term is in Pagefind's record of its item's section and appears nowhere in the
    visible pages."""
    records = pagefind_records(built_site)
    assert "jumping eyelid" in search_sections(records[CONDITIONS])["eyelid-myokymia"]
    assert "motor neurone disease" in search_sections(records[FAQ])["faq-mnd"]
    for html_file in built_site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8").lower()
        assert "jumping eyelid" not in text, f"a lay term is shown on {html_file}"


def test_a_list_item_s_lay_terms_go_to_the_section_that_shows_it(built_site, search_page, site_url):
    """Red-flag items are list items: their words belong to the emergency card that lists them
    (on the first page, the stroke card's heading is red-flags-<card id>), and searching them
    offers that card."""
    assert re.search(r"\bcrooked smile\b", search_sections(pagefind_records(built_site)[GUIDE])["red-flags-help-emergency"])
    found = [result_location(href, site_url) for href, _ in search(search_page, "crooked smile")["results"]]
    assert GUIDE + "#red-flags-help-emergency" in found, found


def test_each_result_shows_its_topic_and_section(search_page):
    """The result for an item shows the topic (page title) above it and its section under it."""
    search(search_page, "botox")
    # The twitching guide's result (the condition topics have a #treat-botulinum of their own).
    link = 'a[href*="facial-twitching/tests-and-treatment/"][href*="#treat-botulinum"]'
    result = search_page.locator(".md-search-result__item", has=search_page.locator(link))
    # The page's title: the topic, then which page of its guide.
    assert result.locator("h1").first.inner_text() == "Facial and eyelid twitching: Tests and treatment"
    label = result.locator(link + " .search-result-section")
    shown = label.evaluate("el => getComputedStyle(el, '::before').content")
    assert shown == '"Section: Treatments"'
    assert label.evaluate("el => getComputedStyle(el, '::before').display") == "block"


def test_little_words_in_a_query_change_nothing(search_page, site_url):
    """The theme adds a wildcard to every word typed, so "to" used to find "toxin" and
    "Tourette's"; stop words are now left out of the query (generator/engine/mkdocs/search/stop_words.py)."""

    def ranked(query: str) -> list[tuple[str, float]]:
        return [(result_location(href, site_url), score) for href, score in search(search_page, query)["results"]]

    assert ranked("how to stop eye twitching") == ranked("stop eye twitching") != []
    assert ranked("How To") == []
    assert ranked("toxin") != []  # a word that starts like one is still found


# Queries whose words a topic's sources also contain (NHS pages titled "Stroke", "Bell's palsy"...).
SOURCES_QUERIES = ["is it a stroke", "bells palsy", "botox", "multiple sclerosis", "hemifacial spasm", "tics"]


def is_reference_list(found: str) -> bool:
    return found.endswith("#references")


@pytest.mark.parametrize("query", SOURCES_QUERIES)
def test_sources_never_rank_above_a_content_section(search_page, site_url, query):
    """Issue 14: for "is it a stroke" the guide's top hit was its bibliography. A sources list
    may still be found, but every section with content that matches scores higher."""
    scored = [(score, result_location(href, site_url)) for href, score in search(search_page, query)["results"] if score > 0]
    sources = [score for score, found in scored if is_reference_list(found)]
    content = [score for score, found in scored if not is_reference_list(found) and "#" in found]
    assert content, f"{query!r} found no content section: {scored}"
    assert not sources or max(sources) < min(content), f"{query!r}: a sources list ranks above content: {sorted(scored, reverse=True)}"




@pytest.fixture(scope="module")
def guide_alone_site(tmp_path_factory):
    """One synthetic copy of the twitching guide (benchmarks/make_topics.py) without the condition
    topics, served: (address, the topic's slug). No page of it holds every word of "half my face
    has dropped" ("half" is only in "half face spasm", on its conditions page); on the real site
    Bell's palsy's topic has the whole phrase as a lay term."""
    tmp = tmp_path_factory.mktemp("search-guide-alone")
    [topic] = make_topics(1, tmp / "content")
    with built_and_served(tmp / "content", tmp / "site") as url:
        yield url, topic.stem


def test_a_question_with_a_word_no_page_shares_still_finds_the_rest(page, guide_alone_site):
    """A stroke sign in a patient's words must never find nothing (it did on the benchmark's
    synthetic sites): when no page holds every word, the pages that hold all but one are offered."""
    url, slug = guide_alone_site
    page.add_init_script(WATCH_SEARCH_WORKER)
    page.goto(url + slug + "/")
    open_search(page)
    found = top_results(search(page, "half my face has dropped"), url)
    assert f"{slug}/#red-flags-help-emergency" in found, found
