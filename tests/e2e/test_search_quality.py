"""Search quality: patients' own words find the right item, in the built site's real search.

Each query is typed into the search box in headless Chromium, as a person would type it.
A query passes when one of its expected items (page + anchor) is among the 3 best-scored
results the theme renders (its search worker gives each result a `data-md-score`).
"""

from __future__ import annotations

import re

import pytest

from support import (
    WATCH_SEARCH_WORKER,
    open_search,
    pagefind_records,
    result_location,
    search,
    search_sections,
    wait_until_requests_are_reported,
)

GUIDE = "facial-twitching/"  # the guide's first page: overview and self-help
GET_HELP, CAUSES, CONDITIONS = GUIDE + "when-to-get-help/", GUIDE + "causes/", GUIDE + "conditions/"
TREATMENT = GUIDE + "tests-and-treatment/"
FAQ = "facial-twitching/faq/"
# The condition topics the twitching guide links to.
BELLS, HFS, BLEPH = "bells-palsy/", "hemifacial-spasm/", "blepharospasm/"
TOP = 3
REQUIRED_HIT_RATE = 0.9

# (what a patient types, items that answer it: any one of them in the top 3 is a hit)
QUERIES: list[tuple[str, list[str]]] = [
    ("eye keeps jumping", [CONDITIONS + "#eyelid-myokymia"]),
    ("eyelid flicker", [CONDITIONS + "#eyelid-myokymia", GUIDE + "#what-is-twitching"]),
    ("botox for face spasm", [TREATMENT + "#treat-botulinum", FAQ + "#faq-botox-safe"]),
    ("is botox safe", [FAQ + "#faq-botox-safe"]),
    ("is twitching a stroke", [FAQ + "#faq-stroke", GUIDE + "#red-flags"]),
    ("mini stroke", [FAQ + "#faq-stroke", GUIDE + "#red-flags"]),
    ("face drooping", [GUIDE + "#red-flags", GUIDE + "#red-flags-help-emergency", CONDITIONS + "#bells-palsy"]),
    ("child blinking tic", [CONDITIONS + "#tics-children", FAQ + "#faq-children"]),
    ("tourettes", [CONDITIONS + "#tics-children"]),
    ("too much coffee twitch", [CAUSES + "#cause-caffeine", GUIDE + "#step-caffeine-alcohol"]),
    ("energy drinks", [CAUSES + "#cause-caffeine", GUIDE + "#step-caffeine-alcohol"]),
    ("can't close my eye", [CONDITIONS + "#bells-palsy", GET_HELP + "#help-urgent"]),
    ("twitch for 3 weeks", [GET_HELP + "#warning-signs", FAQ + "#faq-how-long", GET_HELP + "#help-see-doctor"]),
    ("how long does eye twitching last", [FAQ + "#faq-how-long"]),
    ("ALS", [FAQ + "#faq-mnd"]),
    ("motor neurone disease", [FAQ + "#faq-mnd"]),
    ("is it MS", [FAQ + "#faq-ms", CONDITIONS + "#multiple-sclerosis"]),
    ("pins and needles", [GET_HELP + "#help-urgent", CAUSES + "#cause-nutrition"]),
    ("stressed and eye twitching", [CAUSES + "#cause-stress", FAQ + "#faq-anxiety"]),
    ("not sleeping well", [CAUSES + "#cause-sleep", GUIDE + "#step-sleep"]),
    ("whole side of face twitching", [CONDITIONS + "#hemifacial-spasm"]),
    ("both eyes keep shutting", [CONDITIONS + "#blepharospasm", GET_HELP + "#warning-signs"]),
    ("do I need a brain scan", [TREATMENT + "#test-mri"]),
    ("needle test for muscles", [TREATMENT + "#test-emg"]),
    ("magnesium tablets", [FAQ + "#faq-supplements", CAUSES + "#cause-nutrition"]),
    ("twitching all over my body", [CONDITIONS + "#benign-fasciculation", GUIDE + "#twitches-elsewhere"]),
    ("dry eyes from computer", [CAUSES + "#cause-eyes", FAQ + "#faq-screens"]),
    ("eye drops", [TREATMENT + "#treat-eye-care"]),
    ("surgery for face spasm", [TREATMENT + "#treat-mvd", HFS + "tests-and-treatment/#treat-mvd"]),
    ("which doctor should I see", [FAQ + "#faq-who-to-see", GUIDE + "#step-see-gp"]),
    ("hangover twitch", [CAUSES + "#cause-alcohol"]),
    ("side effect of my tablets", [CAUSES + "#cause-medicines", GUIDE + "#step-medicines"]),
    ("not drinking enough water", [FAQ + "#faq-dehydration"]),
    ("what to take to my appointment", [GUIDE + "#step-prepare"]),
    ("blood test for twitching", [FAQ + "#faq-blood-tests", TREATMENT + "#test-blood"]),
    ("sudden double vision", [GUIDE + "#red-flags", GUIDE + "#red-flags-help-emergency", GET_HELP + "#help-emergency"]),
    ("fit or seizure", [GUIDE + "#red-flags", GUIDE + "#red-flags-help-emergency-fit-medicine", GET_HELP + "#help-emergency-fit-medicine"]),
    ("tired eyes", [CAUSES + "#cause-eyes", GUIDE + "#step-eyes"]),
    ("can stress cause eye twitching", [FAQ + "#faq-anxiety", CAUSES + "#cause-stress"]),
    ("vitamin for eye twitch", [FAQ + "#faq-supplements", CAUSES + "#cause-nutrition"]),
    # The same-day card for a reaction to a medicine (the emergency card lists it when breathing is affected).
    ("stiff neck after new medicine", [GET_HELP + "#help-urgent", GET_HELP + "#help-urgent-other", CAUSES + "#cause-medicines", GUIDE + "#step-medicines"]),
    ("twitch spreading to my cheek", [CONDITIONS + "#hemifacial-spasm", GET_HELP + "#warning-signs", GET_HELP + "#help-see-doctor"]),
    ("how to stop eye twitching", [TREATMENT + "#treat-lifestyle", GUIDE + "#steps", CONDITIONS + "#eyelid-myokymia"]),
    # Bell's palsy
    ("face gone numb on one side", [BELLS, BELLS + "#overview", BELLS + "#symptoms"]),
    ("half my face has dropped", [BELLS, BELLS + "#overview", BELLS + "#symptoms", BELLS + "#red-flags", GUIDE + "#red-flags"]),
    ("is it bells palsy or a stroke", [BELLS + "#stroke-first", BELLS + "faq/#faq-stroke"]),
    ("prednisolone", [BELLS + "tests-and-treatment/#treat-steroids"]),
    ("tape my eye shut at night", [BELLS + "#step-protect-eye"]),
    ("will my face go back to normal", [BELLS + "#recovery"]),
    ("blisters in my ear and face weak", [BELLS + "faq/#faq-ramsay-hunt", BELLS + "when-to-get-help/#help-urgent"]),
    # Hemifacial spasm
    ("one side of face twitching and closing my eye", [HFS, HFS + "#overview", CONDITIONS + "#hemifacial-spasm"]),
    ("blood vessel pressing on nerve in face", [HFS + "#cause"]),
    ("hemifacial spasm surgery risks", [HFS + "tests-and-treatment/#treat-mvd"]),
    ("is hemifacial spasm dangerous", [HFS + "faq/#faq-dangerous"]),
    # Blepharospasm
    ("eyes keep shutting", [BLEPH, BLEPH + "#overview", BLEPH + "#symptoms", CONDITIONS + "#blepharospasm"]),
    ("can I drive with blepharospasm", [BLEPH + "#driving"]),
    ("light hurts my eyes and I blink a lot", [BLEPH + "#symptoms"]),
    ("dystonia support group", [BLEPH + "faq/#faq-support", HFS + "faq/#faq-support"]),
    ("will I go blind", [BLEPH + "faq/#faq-blind"]),
]


def top_results(snapshot: dict, site_url: str) -> list[str]:
    """The best-scored results across all pages (a page shown only as a heading scores 0)."""
    scored = [(score, result_location(href, site_url)) for href, score in snapshot["results"] if score > 0]
    ranked: list[str] = []
    for _, found in sorted(scored, key=lambda pair: -pair[0]):
        if found not in ranked:
            ranked.append(found)
    return ranked[:TOP]


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
        if not set(found) & set(expected):
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
