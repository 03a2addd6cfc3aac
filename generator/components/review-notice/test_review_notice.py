"""review-notice/template.md.j2: the review status near the top of each topic page, never claiming a review that did not happen."""

from __future__ import annotations

import pytest

from support import DIARY_PAGE, FAQ, GUIDE, SELF_CHECK_PAGE


@pytest.mark.parametrize("path", [GUIDE, FAQ])
def test_unreviewed_page_says_so(content, path):
    page = content.html_pages()[path]

    assert "Written on 1 January 2026. Not yet reviewed by a clinician." in page.squashed_text
    assert "reviewed:" not in page.squashed_text.lower()  # no "Last reviewed" or "Page last reviewed"


@pytest.mark.parametrize("path", [GUIDE, FAQ, SELF_CHECK_PAGE, DIARY_PAGE])
def test_approved_page_shows_its_review_near_the_top(content, path):
    content.replace(
        "{status: not-reviewed}", "{status: approved, reviewer_role: Consultant neurologist, reviewed_on: 2026-02-10}"
    )
    content.append_part("self_check").append_part("diary")

    page = content.html_pages()[path]

    notice = page.find("div", class_="review-notice review-notice--approved")
    assert notice.squashed_text == (
        "Page last reviewed: 10 February 2026, by a clinician (Consultant neurologist). Next review due: 1 January 2027."
    )
    assert "Not yet reviewed" not in page.squashed_text
    # The contents list comes first on every page; "near the top" is measured without it.
    text = page.squashed_text.replace(page.find("nav", class_="topic-menu").squashed_text, "", 1)
    assert text.index("Page last reviewed") < len(text) // 3, "the review status belongs near the top"


@pytest.mark.parametrize("path", [SELF_CHECK_PAGE, DIARY_PAGE])
def test_self_check_and_diary_carry_the_review_status_at_the_top(content, path):
    content.append_part("self_check").append_part("diary")
    text = content.html_pages()[path].squashed_text
    assert text.index("Not yet reviewed by a clinician.") < len(text) // 3
