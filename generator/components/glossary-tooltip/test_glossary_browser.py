"""In headless Chromium: glossary terms explain themselves on hover, keyboard focus and tap."""

from __future__ import annotations

import re

import pytest

from generator.model.loading import load_content
from support import ROOT, built_and_served, copy_content

GUIDE = "facial-twitching/"  # the guide's first page
GET_HELP, CONDITIONS, TREATMENT = GUIDE + "when-to-get-help/", GUIDE + "conditions/", GUIDE + "tests-and-treatment/"
TOOLTIP = ".md-tooltip2[role='tooltip']"


@pytest.fixture(scope="module")
def glossary() -> dict[str, str]:
    return load_content(ROOT / "content").site.glossary


def first_focusable(page, term: str):
    return page.locator("article abbr[tabindex='0']", has_text=re.compile(rf"^{re.escape(term)}$")).first


READ_TERMS = "() => [...document.querySelectorAll('article abbr')].map(a => [a.textContent, a.title, a.getAttribute('tabindex'), !!a.closest('a')])"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (GUIDE, {"GP", "TIA", "A&E"}),
        (CONDITIONS, {"EMG", "MRI", "GP", "MND", "ALS", "BFS"}),
        (TREATMENT, {"EMG", "MRI", "GP"}),
        # Raw HTML: the clinicians' link list and the self-check questions.
        (GUIDE + "links/", {"EMG", "MRI", "GP", "MND", "NHS"}),
        (GUIDE + "self-check/", {"GP", "NHS", "A&E"}),
    ],
)
def test_each_term_is_explained_and_focusable_once_per_page(page, site_url, glossary, path, expected):
    page.goto(site_url + path)
    terms = page.evaluate(READ_TERMS)
    assert expected <= {text for text, *_ in terms}
    for text, title, _, _ in terms:
        assert title == glossary[text], text
    focusable = [text for text, _, tabindex, _ in terms if tabindex == "0"]
    assert sorted(focusable) == sorted(set(focusable)), "a term is focusable more than once"
    assert all(not in_link for _, _, tabindex, in_link in terms if tabindex == "0")


def test_keyboard_focus_opens_the_explanation(page, site_url, glossary):
    page.goto(site_url + TREATMENT)
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


def test_tabbing_on_from_a_term_closes_its_explanation_at_once(page, site_url, glossary):
    # WCAG 2.4.11: the explanation must not cover the next control while focus moves on (it
    # lingered for the pointer's grace period and hid the next heading's copy-link button).
    page.goto(site_url + CONDITIONS)
    term = first_focusable(page, "MS")
    term.focus()
    page.locator(TOOLTIP).wait_for(state="visible", timeout=5_000)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") != "MS"
    assert page.evaluate(f"() => document.querySelectorAll({TOOLTIP!r}).length") == 0


def test_hover_opens_the_explanation(page, site_url, glossary):
    page.goto(site_url + TREATMENT)
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


def test_a_term_with_an_ampersand_shows_as_written(page, site_url, glossary):
    """"A&E" is `A&amp;E` in the page source; it is explained and still reads "A&E"."""
    page.goto(site_url + GUIDE)
    card = page.locator('section[aria-labelledby="red-flags"]')
    assert "Do not drive yourself to A&E." in card.inner_text()
    term = card.locator("abbr", has_text="A&E").first
    assert term.inner_text() == "A&E"
    assert term.get_attribute("title") == glossary["A&E"]


def test_the_warning_table_explains_its_terms(page, site_url, glossary):
    page.goto(site_url + GET_HELP)
    caption = page.locator("table.warning-table caption")
    assert caption.locator("abbr", has_text="GP").get_attribute("title") == glossary["GP"]


@pytest.fixture(scope="module")
def site_with_terms_in_a_cell(tmp_path_factory):
    """The real content with a glossary term and "A&E" in a warning-table cell (the real cells have none)."""
    tmp = tmp_path_factory.mktemp("glossary")
    content = copy_content(tmp / "content")
    topic = content / "topics" / "facial-twitching.yaml"
    text = topic.read_text(encoding="utf-8")
    cell = "get_checked: It has gone on for more than 2 weeks"
    assert text.count(cell) == 1
    topic.write_text(text.replace(cell, cell + ". Ask your GP, or go to A&E if it came on suddenly"), encoding="utf-8")
    with built_and_served(content, tmp / "site") as url:
        yield url


def test_a_term_in_a_warning_table_cell_is_explained(page, site_with_terms_in_a_cell, glossary):
    page.goto(site_with_terms_in_a_cell + GET_HELP)
    cell = page.locator("#warning-duration td").nth(1)
    # The text as written (without the copy-link button the page script adds to the row, and
    # the link to the row's sign that ends the cell).
    shown = cell.evaluate("el => { const c = el.cloneNode(true); c.querySelectorAll('button, .warning-table__level').forEach(b => b.remove()); return c.textContent.trim() }")
    assert shown == "It has gone on for more than 2 weeks. Ask your GP, or go to A&E if it came on suddenly"
    terms = cell.locator("abbr:not(.warning-table__level abbr)")
    assert [terms.nth(i).inner_text() for i in range(terms.count())] == ["GP", "A&E"]
    assert [terms.nth(i).get_attribute("title") for i in range(2)] == [glossary["GP"], glossary["A&E"]]
    terms.first.scroll_into_view_if_needed()
    terms.first.hover()
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().strip() == glossary["GP"]
