"""The do / do not checklist on the topic guide: the "Do" items are real labelled checkboxes, ticked by keyboard,
kept in this browser across reloads, cleared by a reset button; a plain list without JavaScript."""

from __future__ import annotations

import json

import pytest

from generator.model.loading import load_content
from support import REFUSE_SAVING, ROOT, describe_violations, requests_made_by, run_axe, twitching

PAGE = "facial-twitching/"
KEY = "healthguide:facial-twitching:checklist:v1"
ASIDE_KEY = "healthguide:facial-twitching:checklist:set-aside"


@pytest.fixture(scope="module")
def checklist():
    return twitching(load_content(ROOT / "content")).topic.checklist


def open_guide(page, site_url):
    page.goto(site_url + PAGE)
    page.wait_for_selector("[data-checklist] input[type=checkbox]")


def stored_ticks(page) -> list[str]:
    raw = page.evaluate("(key) => localStorage.getItem(key)", KEY)
    return json.loads(raw)["ticked"] if raw else []


def test_every_do_item_is_a_labelled_checkbox_and_keeps_its_anchor(page, site_url, checklist):
    open_guide(page, site_url)
    items = checklist.do  # "Do not" items are not actions to tick (tests/e2e/test_patient_guide.py)
    assert page.locator("[data-checklist] input[type=checkbox]").count() == len(items)
    for item in items:
        box = page.get_by_role("checkbox", name=item.text, exact=True)
        assert box.count() == 1, item.text
        # The published anchor stays where it was (on the item's text), and now holds the checkbox.
        assert page.locator(f"li #{item.id} input[type=checkbox], li#{item.id} input[type=checkbox]").count() == 1
        assert not box.is_checked()


def test_ticks_by_keyboard_persist_across_reloads_and_reset_clears_them(page, site_url, checklist):
    open_guide(page, site_url)
    first, last = checklist.do[0], checklist.do[-1]
    page.get_by_role("checkbox", name=first.text).focus()
    page.keyboard.press("Space")
    for _ in range(5):  # Tab on to the next checkbox (other controls may sit between items)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    assert page.evaluate("document.activeElement.id") == f"tick-{checklist.do[1].id}"
    page.keyboard.press("Space")
    page.get_by_role("checkbox", name=last.text).check()
    ticked = [first.id, checklist.do[1].id, last.id]
    assert sorted(stored_ticks(page)) == sorted(ticked)
    assert page.locator("[data-checklist] [role=status]").inner_text() == f"3 of {len(checklist.do)} ticked."

    page.reload()
    page.wait_for_selector("[data-checklist] input[type=checkbox]")
    checked = page.locator("[data-checklist] input:checked").evaluate_all("boxes => boxes.map(b => b.closest('[id]:not(input)').id)")
    assert sorted(checked) == sorted(ticked)

    page.get_by_role("button", name="Clear all ticks").click()
    assert page.locator("[data-checklist] input:checked").count() == 0
    assert "cleared" in page.locator("[data-checklist] [role=status]").inner_text()
    page.reload()
    page.wait_for_selector("[data-checklist] input[type=checkbox]")
    assert page.locator("[data-checklist] input:checked").count() == 0
    assert stored_ticks(page) == []


def test_unreadable_ticks_are_set_aside_not_erased(page, site_url):
    page.goto(site_url + PAGE)
    page.evaluate("(key) => localStorage.setItem(key, '{broken')", KEY)
    page.reload()
    page.wait_for_selector("[data-checklist] input[type=checkbox]")
    assert page.locator("[data-checklist] input:checked").count() == 0
    assert page.evaluate("() => localStorage.getItem('healthguide:facial-twitching:checklist:set-aside')") == "{broken"


def test_an_earlier_set_aside_copy_is_never_overwritten(page, site_url):
    page.goto(site_url + PAGE)
    for damaged in ("{first", "{second", "{third"):
        page.evaluate("(key) => localStorage.setItem(key, '" + damaged + "')", KEY)
        page.reload()
        page.wait_for_selector("[data-checklist] input[type=checkbox]")
    stored = page.evaluate("() => ({...localStorage})")
    assert [stored.get(key) for key in (ASIDE_KEY, ASIDE_KEY + ":2", ASIDE_KEY + ":3")] == ["{first", "{second", "{third"]
    assert KEY not in stored


def test_a_refused_save_says_the_ticks_will_not_be_kept(page, site_url, checklist):
    open_guide(page, site_url)
    warning = page.locator("[data-checklist-storage]")
    assert warning.is_hidden()
    page.evaluate(REFUSE_SAVING + "; window.refuseSaving = true;")  # from now on, in this page
    page.get_by_role("checkbox", name=checklist.do[0].text).check()
    assert warning.is_visible() and "lost when you close the page" in warning.inner_text()
    assert page.locator("[data-checklist] .checklist__actions [role=status]").inner_text().endswith("Not saved.")
    assert stored_ticks(page) == []


def test_a_save_refused_from_the_start_is_explained_at_once_and_ticks_still_work(page, site_url, checklist):
    page.goto(site_url + PAGE)
    page.evaluate("(key) => localStorage.setItem(key, JSON.stringify({version: 1, ticked: ['do-sleep']}))", KEY)
    page.add_init_script(REFUSE_SAVING + "; window.refuseSaving = true;")
    page.reload()
    page.wait_for_selector("[data-checklist] input[type=checkbox]")
    assert page.locator("[data-checklist-storage]").is_visible()
    assert page.locator("#tick-do-sleep").is_checked(), "stored ticks are still shown"
    page.get_by_role("checkbox", name=checklist.do[0].text).check()
    assert page.locator("[data-checklist] input:checked").count() == 2


def test_without_javascript_it_is_a_plain_list(browser, site_url, checklist):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGE)
    root = page.locator("[data-checklist]")
    assert root.locator("input").count() == 0
    assert root.get_by_role("button").count() == 0
    assert root.locator("li").all_inner_texts() == [item.text for item in [*checklist.do, *checklist.dont]]
    context.close()


def test_ticks_make_no_request(page, site_url, checklist):
    open_guide(page, site_url)
    page.wait_for_load_state("networkidle")

    def tick_and_clear():
        page.get_by_role("checkbox", name=checklist.do[0].text).check()
        page.get_by_role("button", name="Clear all ticks").click()

    assert requests_made_by(page, tick_and_clear) == []


def test_checklist_has_no_axe_violations_when_ticked(browser, site_url, axe_script, checklist):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    try:
        open_guide(page, site_url)
        page.get_by_role("checkbox", name=checklist.do[0].text).check()
        # Back to the top, as the page-wide test sees it: scrolled down, Material's table of
        # contents marks passed links in a way axe's target-size rule flags (not the checklist).
        # Material's table of contents stays scrolled where it followed the page (its half-hidden
        # links are flagged too): scroll it back to its top as well.
        # The contents follows the page after the page has moved: scroll it only then. The site
        # navigation, as long as the screen with several topics, follows the page too.
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_function("() => scrollY === 0 && !document.querySelector('.md-nav__link--passed')")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.md-sidebar .md-sidebar__scrollwrap')]"
            ".every((wrap) => { wrap.scrollTop = 0; return wrap.scrollTop === 0; })"
        )
        violations = run_axe(page, axe_script)
        assert not violations, describe_violations(violations)
    finally:
        context.close()
