"""face-diagram/template.html.j2: the places on the face and the title show the author's words as written."""

from __future__ import annotations

import pytest

from support import GUIDE, SPECIAL_TEXT


@pytest.mark.parametrize("text", SPECIAL_TEXT[0:1] + SPECIAL_TEXT[4:])
def test_face_diagram_shows_its_words_as_written(content, text):
    def add_picture(data):
        data["overview"]["picture"] = {"title": text, "places": [{"part": "cheek", "label": text}]}

    content.edit_yaml(add_picture)
    guide = content.html_pages()[GUIDE]
    face = guide.find("figure", **{"class": "site-picture face-picture"})
    assert face.find("li").text == text and face.find("p").text == text
    assert "script" not in guide.tags() and "i" not in guide.tags()
