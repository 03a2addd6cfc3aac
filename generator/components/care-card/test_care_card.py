"""care-card/template.md.j2: a card is a section labelled by its heading, stating its level in words."""

from __future__ import annotations

import pytest

from support import GET_HELP, GUIDE


@pytest.mark.parametrize(
    ("path", "card_id", "heading_tag", "level_words"),
    [
        (GUIDE, "red-flags", "h2", "Emergency: Call 999 now"),
        (GET_HELP, "help-gp", "h3", "See a GP: Book a GP appointment"),
    ],
)
def test_care_card_is_a_labelled_region_stating_its_level(
    content, path, card_id, heading_tag, level_words
):
    page = content.html_pages()[path]

    card = page.find("section", aria_labelledby=card_id)
    heading = card.by_id(card_id)
    assert heading.tag == heading_tag
    assert card.find("p", class_="care-card__level").squashed_text == level_words


def test_red_flag_card_lists_its_items_and_reminder(content):
    card = content.html_pages()[GUIDE].find("section", aria_labelledby="red-flags")

    assert card.by_id("rf-face").tag == "li"
    assert card.by_id("rf-face").text == "Your face droops on one side"
    assert "Call even if it goes away." in card.squashed_text
