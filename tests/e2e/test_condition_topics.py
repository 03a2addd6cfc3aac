"""The condition topics (Bell's palsy, hemifacial spasm, blepharospasm) in the browser: a reader
of the twitching guide reaches each one and comes back, and their pages pass axe."""

from __future__ import annotations

import re

import pytest

from support import describe_violations, run_axe, site_pages

CONDITIONS_PAGE = "facial-twitching/conditions/"
# slug -> (the topic's title, the guide's condition entry that links to it)
CONDITION_TOPICS = {
    "bells-palsy": ("Bell's palsy", "bells-palsy"),
    "hemifacial-spasm": ("Hemifacial spasm", "hemifacial-spasm"),
    "blepharospasm": ("Blepharospasm", "blepharospasm"),
}


@pytest.mark.parametrize("slug", list(CONDITION_TOPICS))
def test_a_reader_reaches_each_condition_page_from_the_guide_and_back(open_at, site_url, slug, offsite_requests):
    title, entry = CONDITION_TOPICS[slug]
    page = open_at((1280, 800), CONDITIONS_PAGE + "#" + entry)

    link = page.locator(f"#{entry} ~ p a", has_text=re.compile(r"^Read more about ", re.I)).first
    assert link.inner_text().lower() == f"read more about {title.lower()}"
    link.click()
    page.wait_for_url(site_url + slug + "/")
    page.wait_for_function("title => document.querySelector('h1').textContent.trim() === title", arg=title)
    page.wait_for_selector("[data-deep-links][data-ready]", state="attached")

    page.go_back()
    page.wait_for_url(site_url + CONDITIONS_PAGE + "#" + entry)
    page.wait_for_function("id => document.getElementById(id) !== null", arg=entry)
    assert offsite_requests == []


@pytest.mark.parametrize("slug", list(CONDITION_TOPICS))
def test_the_end_of_a_condition_guide_leads_back_to_the_twitching_guide(open_at, site_url, slug):
    page = open_at((375, 800), slug + "/sources/")
    page.locator("#related-topics + ul a", has_text="Facial and eyelid twitching").click()
    page.wait_for_url(site_url + "facial-twitching/")
    page.wait_for_function("() => document.querySelector('h1').textContent.trim() === 'Facial and eyelid twitching'")


def test_the_home_page_lists_every_topic(page, site_url):
    page.goto(site_url)
    listed = page.locator("#topics + ul > li > a").all_inner_texts()
    assert listed == ["Bell's palsy", "Blepharospasm", "Facial and eyelid twitching", "Hemifacial spasm"]


@pytest.mark.parametrize("width", [1280, 375])
def test_the_condition_pages_have_no_axe_violations(browser, site_url, built_site, axe_script, width):
    pages = [url for url in site_pages(built_site) if url.split("/")[0] in CONDITION_TOPICS]
    assert len(pages) >= 3 * 5, pages
    failures = []
    for url in pages:
        context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
        try:
            page = context.new_page()
            page.goto(site_url + url)
            page.wait_for_load_state("load")
            violations = run_axe(page, axe_script)
            if violations:
                failures.append(f"/{url} ({width}px):\n{describe_violations(violations)}")
        finally:
            context.close()
    assert not failures, "\n\n".join(failures)
