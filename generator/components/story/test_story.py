"""story/template.md.j2: the example is said to be made up before the reader starts."""

from __future__ import annotations

from support import TREATMENT


def test_story_is_marked_illustrative(content):
    content.replace(
        "body: Imagine someone with a twitch.", "body: Imagine someone.\n  takeaway: Most settle."
    )

    story = content.html_pages()[TREATMENT].find("aside")

    assert story.attrs.get("aria-label") == "Illustrative example"
    assert story.squashed_text.startswith("Illustrative example: this is not a real patient.")
    assert "The point: Most settle." in story.squashed_text
