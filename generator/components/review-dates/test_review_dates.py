"""review-dates/template.md.j2: the dates at the end of a page, in words, with machine-readable times."""

from __future__ import annotations

import pytest

from support import FAQ, GUIDE


@pytest.mark.parametrize("path", [GUIDE, FAQ])
def test_review_dates_are_shown_in_words(content, path):
    content.replace("written_on: 2026-01-01", "written_on: 2026-03-09")

    page = content.html_pages()[path]

    text = page.find("div", class_="review-dates").squashed_text
    assert text == "Written on: 9 March 2026. Not yet reviewed by a clinician. Next planned review: 1 January 2027"
    assert [t.attrs["datetime"] for t in page.find_all("time")] == ["2026-03-09", "2027-01-01"] * 2  # top and end
