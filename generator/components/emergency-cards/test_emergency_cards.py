"""emergency-cards/template.md.j2: the guide's first page shows every emergency card under the
emergency heading, with the signs' anchors and the reminder; other pages do not repeat the anchors."""

from __future__ import annotations

from support import GET_HELP, GUIDE


def test_the_first_page_shows_the_emergency_cards_with_the_signs_anchors(content):
    pages = content.html_pages()
    section = pages[GUIDE].find("section", **{"class": "red-flags"})
    assert section.attrs["aria-labelledby"] == "red-flags" and section.find("h2").attrs["id"] == "red-flags"
    card = section.find("section", **{"class": "care-card care-card--emergency"})
    assert card.find("h3").squashed_text == "Call 999 if your face droops"
    assert [li.attrs["id"] for li in card.find_all("li")] == ["rf-face"]
    assert "Call even if it goes away." in section.squashed_text
    # The "when to get help" page shows the same card last, under the card's own id, without the sign anchors.
    help_cards = pages[GET_HELP].find_all("section")
    assert [c.attrs["aria-labelledby"] for c in help_cards if "care-card" in c.attrs.get("class", "")] == ["help-gp", "help-emergency"]
    assert "rf-face" not in pages[GET_HELP].ids()
