"""fast-graphic/template.html.j2: the FAST letters show the author's words as written, inside
the SVG (its <text> and <desc>) and in the caption."""

from __future__ import annotations

import pytest

from support import GUIDE, SPECIAL_TEXT


@pytest.mark.parametrize("text", SPECIAL_TEXT[0:1] + SPECIAL_TEXT[4:])
def test_fast_graphic_shows_its_words_as_written(content, text):
    def add_picture(data):
        data["red_flags"]["picture"] = {"title": text, "letters": [{"letter": "<", "word": "<i>d</i>&", "meaning": text} for _ in range(3)]}

    content.edit_yaml(add_picture)
    guide = content.html_pages()[GUIDE]
    fast = guide.find("figure", **{"class": "site-picture fast-picture"})
    assert [t.text for t in fast.find_all("text")] == ["<", "<i>d</i>&"] * 3
    assert fast.find("desc").text == " ".join([text] * 3) and fast.find("figcaption").text == text
    assert "script" not in guide.tags() and "i" not in guide.tags()
