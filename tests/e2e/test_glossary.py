"""In headless Chromium: glossary terms explain themselves on hover, keyboard focus and tap."""

from __future__ import annotations

import re

import pytest

from generator.content import load_content
from support import ROOT

pytestmark = pytest.mark.browser

GUIDE = "facial-twitching/"
TOOLTIP = ".md-tooltip2[role='tooltip']"


@pytest.fixture(scope="module")
def glossary() -> dict[str, str]:
    return load_content(ROOT / "content").site.glossary


def first_focusable(page, term: str):
    return page.locator("article abbr[tabindex='0']", has_text=re.compile(rf"^{re.escape(term)}$")).first


def test_each_term_is_explained_and_focusable_once_per_page(page, site_url, glossary):
    page.goto(site_url + GUIDE)
    terms = page.evaluate(
        "() => [...document.querySelectorAll('article abbr')].map(a => [a.textContent, a.title, a.getAttribute('tabindex'), !!a.closest('a')])"
    )
    assert {"EMG", "MRI", "GP", "TIA", "MND", "ALS", "BFS"} <= {text for text, *_ in terms}
    for text, title, _, _ in terms:
        assert title == glossary[text], text
    focusable = [text for text, _, tabindex, _ in terms if tabindex == "0"]
    assert sorted(focusable) == sorted(set(focusable)), "a term is focusable more than once"
    assert all(not in_link for _, _, tabindex, in_link in terms if tabindex == "0")


def test_keyboard_focus_opens_the_explanation(page, site_url, glossary):
    page.goto(site_url + GUIDE)
    term = first_focusable(page, "EMG")
    term.scroll_into_view_if_needed()
    # Tab into the term from the element just before it in the tab order.
    page.evaluate(
        """(el) => { const all = [...document.querySelectorAll('a[href], abbr[tabindex="0"], button, input, [tabindex="0"]')];
                     const before = all[all.indexOf(el) - 1]; before.focus(); }""",
        term.element_handle(),
    )
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "EMG"
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().strip() == glossary["EMG"]
    described_by = term.get_attribute("aria-describedby")
    assert described_by and page.locator(f"#{described_by}").inner_text().strip() == glossary["EMG"]


def test_hover_opens_the_explanation(page, site_url, glossary):
    page.goto(site_url + GUIDE)
    term = first_focusable(page, "MRI")
    term.scroll_into_view_if_needed()
    term.hover()
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().strip() == glossary["MRI"]


def test_a_tap_opens_the_explanation_on_a_phone(browser, site_url, glossary):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(site_url + GUIDE)
        term = first_focusable(page, "GP")
        term.scroll_into_view_if_needed()
        term.tap()
        tooltip = page.locator(TOOLTIP)
        tooltip.wait_for(state="visible", timeout=5_000)
        assert tooltip.inner_text().strip() == glossary["GP"]
    finally:
        context.close()
