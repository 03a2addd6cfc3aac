"""The hidden-headings pass (generator/engine/mkdocs/hidden_headings.py) parses only the pages
that hide something besides the copy-link marker every topic page ends with (issue 17: it was
one more HTML parse of all 202 pages of a 20-topic build; 160 of them hide nothing else)."""

from __future__ import annotations

import pytest

from generator.engine.mkdocs import hidden_headings

MARKER = '<div class="deep-links" data-deep-links hidden data-items="{&#34;a&#34;:&#34;Hidden idea&#34;}" data-moved="{}"></div>\n'


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    read: list[str] = []  # the pages whose tags were read
    original = hidden_headings.hidden_elements
    monkeypatch.setattr(hidden_headings, "hidden_elements", lambda html: (read.append(html), original(html))[1])
    return read


def test_a_page_that_hides_only_its_copy_link_marker_is_not_parsed(parsed):
    assert hidden_headings.hidden_ids('<h2 id="a">A</h2><p>Text</p>\n' + MARKER) == set()
    assert parsed == []


@pytest.mark.parametrize("page", [
    '<h2 id="a">A</h2><div hidden><h2 id="b">B</h2></div>\n' + MARKER,
    '<h2 id="a">A</h2><div HIDDEN><h2 id="b">B</h2></div>\n' + MARKER,
    '<h2 id="a">A</h2><div data-x-fallback><h2 id="b">B</h2></div>\n' + MARKER,
    '<h2 id="a">A</h2><div DATA-X-FALLBACK><h2 id="b">B</h2></div>\n' + MARKER,
    '<h2 id="a">A</h2><div hidden><h2 id="b">B</h2></div>\n' + MARKER + MARKER,  # a marker that is not the last
    '<section id="b" hidden><p>B</p></section>',  # no marker at all
])
def test_a_page_that_hides_anything_else_is_parsed_as_before(parsed, page):
    assert hidden_headings.hidden_ids(page) == {"b"}
    assert parsed == [page]


def test_a_marker_with_an_id_is_still_parsed(parsed):
    page = '<p>x</p><div class="deep-links" data-deep-links hidden id="m" data-items="{}"></div>'
    assert hidden_headings.hidden_ids(page) == {"m"}
