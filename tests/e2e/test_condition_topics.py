"""The condition topics (Bell's palsy, hemifacial spasm, blepharospasm) in the browser: a reader
of the twitching guide reaches each one and comes back, its cross-topic links (`other-slug#id`)
land on the other topic's section, and their pages pass axe."""

from __future__ import annotations

import re

import pytest

from support import SCRIPTS_READY, describe_violations, run_axe, site_pages

CONDITIONS_PAGE = "facial-twitching/conditions/"
# slug -> (the topic's title, the guide's condition entry that links to it)
CONDITION_TOPICS = {
    "bells-palsy": ("Bell's palsy", "bells-palsy"),
    "hemifacial-spasm": ("Hemifacial spasm", "hemifacial-spasm"),
    "blepharospasm": ("Blepharospasm", "blepharospasm"),
}


PHONE = (390, 844)
# How far the page is scrolled, once the instant navigation has settled on it.
SCROLLED = "() => Math.round(window.scrollY)"
# The element is on screen, not hidden and not covered (by the sticky header, say): the point
# at its first line belongs to it.
IN_VIEW = """id => {
  const target = document.getElementById(id);
  if (!target || !target.checkVisibility()) return false;
  const box = target.getBoundingClientRect();
  if (box.top < 0 || box.top >= window.innerHeight) return false;
  const hit = document.elementFromPoint(box.left + Math.min(box.width, 40) / 2, box.top + Math.min(box.height, 20) / 2);
  return hit !== null && target.contains(hit);
}"""


@pytest.mark.parametrize("slug", list(CONDITION_TOPICS))
def test_a_reader_reaches_each_condition_page_from_the_guide_and_back(open_at, site_url, slug, offsite_requests):
    """On a phone: the guide's short entry leads to the condition's page, and Back returns to the
    same place in the guide (the same entry, scrolled as it was)."""
    title, entry = CONDITION_TOPICS[slug]
    page = open_at(PHONE, CONDITIONS_PAGE + "#" + entry)
    page.wait_for_function(IN_VIEW, arg=entry)

    link = page.locator(f"#{entry} ~ p a", has_text=re.compile(r"^Read more about ", re.I)).first
    assert link.inner_text().lower() == f"read more about {title.lower()}"
    link.scroll_into_view_if_needed()
    where = page.evaluate(SCROLLED)
    link.click()
    page.wait_for_url(site_url + slug + "/")
    page.wait_for_function("title => document.querySelector('h1').textContent.trim() === title", arg=title)
    page.wait_for_selector("[data-deep-links][data-ready]", state="attached")

    page.go_back()
    page.wait_for_url(site_url + CONDITIONS_PAGE + "#" + entry)
    page.wait_for_function("id => document.getElementById(id) !== null", arg=entry)
    page.wait_for_function(f"where => ({SCROLLED})() === where", arg=where)
    assert offsite_requests == []


# The guide's entry, the text of a link in it to another topic's item, and where it leads.
CROSS_TOPIC_LINKS = [
    ("bells-palsy", "synkinesis", "bells-palsy/#recovery"),
    ("bells-palsy", "Facial therapy (Bell's palsy)", "bells-palsy/tests-and-treatment/#treat-facial-therapy"),
    ("hemifacial-spasm", "treatment", "hemifacial-spasm/tests-and-treatment/#treatments"),
    ("hemifacial-spasm", "What causes it (Hemifacial spasm)", "hemifacial-spasm/#cause"),
    ("blepharospasm", "Treatment (Blepharospasm)", "blepharospasm/tests-and-treatment/#treatments"),
]


@pytest.mark.parametrize(("entry", "text", "target"), CROSS_TOPIC_LINKS, ids=[link[2] for link in CROSS_TOPIC_LINKS])
def test_a_cross_topic_deep_link_lands_on_the_other_topic_s_section(open_at, site_url, entry, text, target, offsite_requests):
    page = open_at(PHONE, CONDITIONS_PAGE + "#" + entry)
    section = page.locator(f"xpath=//*[@id='{entry}']/following-sibling::*[not(self::h3)][position() <= 6]")
    link = section.get_by_role("link", name=text, exact=True).first
    link.click()

    page.wait_for_url(site_url + target)
    target_id = target.partition("#")[2]
    page.wait_for_selector("[data-deep-links][data-ready]", state="attached")
    page.wait_for_function(IN_VIEW, arg=target_id)
    assert offsite_requests == []


def test_a_condition_page_links_back_to_the_guide_s_ordinary_twitch(open_at, site_url):
    page = open_at(PHONE, "hemifacial-spasm/#how-it-differs")
    page.locator("#how-it-differs ~ p a", has_text="ordinary eyelid twitch").first.click()
    page.wait_for_url(site_url + CONDITIONS_PAGE + "#eyelid-myokymia")
    page.wait_for_function(IN_VIEW, arg="eyelid-myokymia")


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
            page.wait_for_function(SCRIPTS_READY)  # copy buttons come in idle-time batches after load
            violations = run_axe(page, axe_script)
            if violations:
                failures.append(f"/{url} ({width}px):\n{describe_violations(violations)}")
        finally:
            context.close()
    assert not failures, "\n\n".join(failures)
