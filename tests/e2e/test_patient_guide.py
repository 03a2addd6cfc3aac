"""What a patient sees on the guide, on a phone and a desktop, in the light and dark palettes:
the first screen (title, a summary that says when to get help, a link to it), care cards whose
levels differ at a glance and in words, a warning table that reads well on a phone, "Do not"
items that are not checkboxes, and the FAST and face pictures."""

from __future__ import annotations

import collections
import itertools

import pytest
from playwright.sync_api import expect

from generator.model.loading import load_content
from support import ROOT, twitching

pytestmark = pytest.mark.browser

GUIDE = "facial-twitching/"
GET_HELP = GUIDE + "when-to-get-help/"  # the guide's page with the care cards and the warning table
PHONE = (390, 844)
SIZES = [PHONE, (1280, 900)]
SCHEMES = ["light", "dark"]
LEVELS = ["emergency", "urgent", "see-doctor", "self-care"]


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "content")


@pytest.fixture
def open_guide(open_at):
    def open_page(size, scheme="light", path=GUIDE, **options):
        return open_at(size, path, scheme, **options)

    return open_page


# --- the first screen ---------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
def test_first_phone_screen_shows_title_summary_and_when_to_get_help(open_guide, content, scheme):
    page = open_guide(PHONE, scheme)
    topic = twitching(content).topic
    in_first_screen = "el => { const box = el.getBoundingClientRect(); return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight; }"
    title = page.locator("article h1")
    assert title.evaluate(in_first_screen), "the title is not on the first screen"
    assert int(title.evaluate("el => getComputedStyle(el).fontWeight")) >= 600
    summary = page.locator("article p.lead")
    assert summary.inner_text() == topic.summary
    assert summary.evaluate(in_first_screen), "the summary is not on the first screen"
    help_link = page.locator("article .lead-action").get_by_role("link", name=topic.when_to_get_help.title, exact=True)
    assert help_link.get_attribute("href").endswith("when-to-get-help/#" + topic.when_to_get_help.id)
    assert help_link.evaluate(in_first_screen), "the link to 'When to get help' is not on the first screen"
    # The summary says when to get help, in two or three lines at most on a desktop.
    assert "2 weeks" in topic.summary and "GP" in topic.summary
    # The review notice is still there, as a note, but quieter than the summary.
    notice = page.locator("article .review-notice[role=note]")
    assert notice.is_visible()
    font_px = "el => parseFloat(getComputedStyle(el).fontSize)"
    assert notice.evaluate(font_px) < summary.evaluate(font_px)
    assert notice.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"


def test_summary_is_at_most_three_lines_on_a_desktop(open_guide):
    page = open_guide((1280, 900))
    lines = page.locator("article p.lead").evaluate("el => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight))")
    assert 2 <= lines <= 3, lines


# --- care cards ---------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_care_card_levels_differ_at_a_glance_and_in_words(open_guide, content, size, scheme):
    page = open_guide(size, scheme, path=GET_HELP)
    looks = {}
    for level in LEVELS:
        card = page.locator(f"article .care-card--{level}").first
        looks[level] = card.evaluate("""card => {
            const style = getComputedStyle(card), band = getComputedStyle(card.querySelector('.care-card__level'));
            return {border: style.borderTopWidth + ' ' + style.borderTopColor, body: style.backgroundColor, text: style.color, band: band.backgroundColor};
        }""")
        wording = content.site.care_levels[level]
        assert card.locator(".care-card__level").inner_text().startswith(f"{wording.label}:"), level
    for first, second in itertools.combinations(LEVELS, 2):
        assert looks[first] != looks[second], f"{first} and {second} cards look the same: {looks[first]}"
    # NHS care cards: red band and a thicker border for urgent, thicker still and a black body
    # with white text for an emergency; a blue band when it is not urgent.
    width = {level: float(looks[level]["border"].split("px")[0]) for level in LEVELS}
    assert width["emergency"] > width["urgent"] > width["see-doctor"]
    assert looks["emergency"]["body"] == "rgb(0, 0, 0)" and looks["emergency"]["text"] == "rgb(255, 255, 255)"
    assert looks["emergency"]["band"] == looks["urgent"]["band"] != looks["see-doctor"]["band"]


CARD_ORDER = ["self-care", "see-doctor", "urgent", "emergency"]  # most likely first, as on NHS symptom pages
CARDS = """() => [...document.querySelectorAll('article .care-card')].map(card => ({
    level: [...card.classList].find(name => name.startsWith('care-card--')).slice('care-card--'.length),
    bands: [...card.querySelectorAll('.care-card__level')].map(band => band.innerText.trim()),
    bullets: card.querySelectorAll('li').length,
    controls: card.querySelectorAll('a, button, input').length,
}))"""


@pytest.mark.parametrize("path", [GUIDE, GET_HELP])
def test_each_care_card_has_one_call_to_action_and_at_most_5_bullets(open_guide, content, path):
    page = open_guide(PHONE, path=path)
    cards = page.evaluate(CARDS)
    assert cards, f"/{path}: no care cards"
    for card in cards:
        wording = content.site.care_levels[card["level"]]
        assert card["bands"] == [f"{wording.label}: {wording.action}"], card  # the level in words, and its one action
        assert card["controls"] == 0, card  # nothing else to press
        assert 1 <= card["bullets"] <= 5, card


def test_when_to_get_help_orders_cards_most_likely_first_and_leads_straight_to_the_emergency_ones(open_guide, content):
    topic = twitching(content).topic
    page = open_guide(PHONE, path=GET_HELP + "#" + topic.when_to_get_help.id)
    levels = [card["level"] for card in page.evaluate(CARDS)]
    assert sorted(set(levels), key=CARD_ORDER.index) == CARD_ORDER
    assert levels == sorted(levels, key=CARD_ORDER.index), levels
    # Landing on "When to get help", the first screen has the line that leads to the emergency cards.
    line = page.locator("article .emergency-line a")
    assert line.evaluate("a => { const box = a.getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; }")
    line.click()
    card = page.locator("article .care-card--emergency").first
    page.wait_for_function("() => location.hash === '#help-emergency'")
    expect(card).to_be_in_viewport()
    first_card = topic.when_to_get_help.emergency_cards[0]
    expect(card.locator("li")).to_have_text([topic.sign(sign_id).text for sign_id in first_card.signs])


# --- the warning table on a phone ---------------------------------------------------------------


WORDS_SPLIT_ACROSS_LINES = """table => {
    const split = [];
    for (const cell of table.querySelectorAll('th, td')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.data.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (lines.size > 1) split.push(match[0]);
            }
        }
    }
    return split;
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_warning_table_reads_well_on_a_phone(open_guide, scheme):
    page = open_guide(PHONE, scheme, path=GET_HELP)
    table = page.locator("article table.warning-table")
    table.scroll_into_view_if_needed()
    assert table.evaluate(WORDS_SPLIT_ACROSS_LINES) == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"), "the page scrolls sideways"
    # Each row is a card of its own: its cells stacked, each with its column's name.
    first_row = table.locator("tbody tr").first
    cells = first_row.locator("th, td")
    lefts = cells.evaluate_all("cells => cells.map(c => Math.round(c.getBoundingClientRect().left))")
    assert len(set(lefts)) == 1, f"cells side by side at {lefts}"
    labels = first_row.locator("td").evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
    headers = table.locator("thead th").all_inner_texts()
    assert all(header in label for header, label in zip(headers[1:], labels, strict=True)), labels
    # Still a table for screen readers: the browser's own accessibility tree (not the tags) has
    # its rows, column and row headers and cells.
    cdp = page.context.new_cdp_session(page)
    roles = collections.Counter(node["role"]["value"] for node in cdp.send("Accessibility.getFullAXTree")["nodes"])
    assert roles["table"] == 1
    assert roles["row"] == table.locator("tr").count()
    assert roles["columnheader"] == table.locator("thead th").count()
    assert roles["rowheader"] == table.locator("tbody th").count()
    assert roles["cell"] == table.locator("td").count()


def test_warning_table_keeps_its_columns_on_a_desktop(open_guide):
    page = open_guide((1280, 900), path=GET_HELP)
    row = page.locator("article table.warning-table tbody tr").first
    tops = row.locator("th, td").evaluate_all("cells => cells.map(c => Math.round(c.getBoundingClientRect().top))")
    assert len(set(tops)) == 1


# --- do and do not ------------------------------------------------------------------------------


def test_do_not_items_are_not_checkboxes_and_come_before_the_steps(open_guide, content):
    page = open_guide(PHONE)
    checklist = twitching(content).topic.checklist
    page.wait_for_selector("[data-checklist] input[type=checkbox]")
    for item in checklist.do:
        assert page.get_by_role("checkbox", name=item.text, exact=True).count() == 1
    for item in checklist.dont:
        entry = page.locator(f"[id='{item.id}']")
        assert entry.count() == 1 and entry.inner_text().strip() == item.text
        assert entry.locator("input").count() == 0
    assert page.locator("[data-checklist] input[type=checkbox]").count() == len(checklist.do)
    assert page.locator(".checklist__dont .checklist__title").inner_text() == "Do not"
    # Near the top of the self-help part: before the steps.
    order = page.evaluate("ids => ids.map(id => document.getElementById(id).getBoundingClientRect().top)", [checklist.id, twitching(content).topic.steps.id])
    assert order[0] < order[1]


# --- pictures -----------------------------------------------------------------------------------


PICTURE = """svg => {
    const names = (attr) => (svg.getAttribute(attr) || '').split(' ').filter(Boolean).map(id => document.getElementById(id).textContent.trim()).join(' ');
    return {
        role: svg.getAttribute('role'), name: names('aria-labelledby'), description: names('aria-describedby'),
        title: svg.querySelector(':scope > title').textContent,
        texts: [...svg.querySelectorAll('text')].map(t => t.textContent),
        colour: getComputedStyle(svg).color, text: getComputedStyle(svg.closest('article')).color,
        strokes: [...new Set([...svg.querySelectorAll('[stroke]')].map(e => e.getAttribute('stroke')))],
        external: svg.querySelectorAll('image, use, foreignObject, [href], [*|href]').length,
        box: svg.getBoundingClientRect().toJSON(),
    };
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_fast_picture_near_the_emergency_card_words_from_the_topic(open_guide, content, size, scheme):
    page = open_guide(size, scheme)
    topic = twitching(content).topic
    picture = topic.red_flags.picture
    svg = page.locator("article figure.fast-picture svg")
    assert svg.count() == 1
    # Right after the emergency cards.
    assert page.locator(f"article section.red-flags[aria-labelledby={topic.red_flags.id}] + figure.fast-picture").count() == 1
    seen = svg.evaluate(PICTURE)
    assert seen["role"] == "img" and seen["name"] == seen["title"] == picture.title
    assert seen["description"] == " ".join(letter.meaning for letter in picture.letters)
    assert f"call {content.site.emergency_number}" in seen["description"]  # the site's number, filled in
    assert seen["texts"] == [text for letter in picture.letters for text in (letter.letter, letter.word)]
    assert seen["strokes"] == ["currentColor"] and seen["colour"] == seen["text"]
    assert seen["external"] == 0
    assert seen["box"]["width"] <= size[0]
    # Each word fits its tile (three tiles a row, 120 units each).
    widths = svg.locator("text").evaluate_all("texts => texts.map(t => t.getBBox().width)")
    assert max(widths) <= 110, widths


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_face_diagram_in_the_overview_marks_each_place_the_topic_lists(open_guide, content, size, scheme):
    page = open_guide(size, scheme)
    topic = twitching(content).topic
    picture = topic.overview.picture
    figure = page.locator("article figure.face-picture")
    assert figure.count() == 1
    # In the overview: after its heading, before its first subsection.
    order = figure.evaluate("(f, ids) => ids.map(id => f.compareDocumentPosition(document.getElementById(id)))", [topic.overview.id, topic.overview.subsections[0].id])
    assert order == [2, 4], order  # the heading precedes the figure, the subsection follows it
    seen = figure.locator("svg").evaluate(PICTURE)
    assert seen["role"] == "img" and seen["name"] == seen["title"] == picture.title
    assert seen["description"].split() == " ".join(place.label for place in picture.places).split()
    assert seen["texts"] == [str(number) for number in range(1, len(picture.places) + 1)]
    assert seen["strokes"] == ["currentColor"] and seen["colour"] == seen["text"]
    assert seen["external"] == 0
    assert figure.locator("ol li").all_inner_texts() == [place.label for place in picture.places]
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
