"""The glossary's cost per page: raw HTML with no term in it is passed through unparsed.

Parsing every stashed component block again was most of the glossary's time in a cold build
(issue 17); what it wraps is checked by test_glossary_definitions.py and must not change.
"""

from __future__ import annotations

import pytest

from generator.render import glossary, glossary_html, markdown_glossary
from support import page_to_html

TERMS = {"GP": "General practitioner.", "A&E": "Emergency department."}


@pytest.fixture
def parsed_blocks(monkeypatch) -> list[str]:
    """The raw HTML blocks the glossary extension parses, in order."""
    parsed: list[str] = []

    def recording(fragment, *args, **kwargs):
        parsed.append(fragment)
        return glossary_html.explain_terms(fragment, *args, **kwargs)

    monkeypatch.setattr(markdown_glossary, "explain_terms", recording)
    return parsed


def test_a_raw_html_block_without_a_term_is_not_parsed(parsed_blocks):
    free = '<div class="x" data-title="GP"><p>Nothing to explain <a href="#gp">here</a>.</p></div>\n'
    holding = '<div class="y"><p>Ask a GP</p></div>\n'
    page = page_to_html("Intro.\n\n" + free + "\n" + holding + "\n" + glossary.definitions(TERMS))
    assert parsed_blocks == [holding]  # the attribute's GP is not text: the first block is not parsed
    assert 'data-title="GP"' in page and '<abbr title="General practitioner." tabindex="0">GP</abbr>' in page


@pytest.mark.parametrize("text", ["A&amp;E", "A&#38;E", "A&#x26;E", "<b>GP</b>", "<!-- x -->GP", "x&gt;GP", "<p class='a>b'>GP</p>"])
def test_a_block_whose_text_holds_a_term_however_it_is_written_is_parsed(parsed_blocks, text):
    block = f"<div>{text}</div>\n"
    page_to_html("Intro.\n\n" + block + "\n" + glossary.definitions(TERMS))
    assert parsed_blocks == [block]


def test_text_with_no_term_comes_back_as_one_segment():
    finder = glossary.TermFinder(TERMS)
    assert finder.segments(glossary.pieces_of("Nothing here, not even GPs or A&amp;Every."), True) == [
        glossary.Segment("Nothing here, not even GPs or A&amp;Every.")
    ]
    assert finder.segments(glossary.pieces_of("A&amp;E and GP"), True) == [
        glossary.Segment("A&amp;E", "A&E", True), glossary.Segment(" and "), glossary.Segment("GP", "GP", True),
    ]


def test_text_with_no_term_and_nothing_escaped_is_not_cut_into_pieces(monkeypatch):
    """Most of a page's text holds no term: it is passed on after one search for the terms."""
    cut: list[str] = []
    pieces_of = markdown_glossary.pieces_of

    def recording(text):
        cut.append(text)
        return pieces_of(text)

    monkeypatch.setattr(markdown_glossary, "pieces_of", recording)
    page = page_to_html("Plain words only.\n\nAsk a GP.\n\nFish &amp; chips.\n\n" + glossary.definitions(TERMS))
    assert "Plain words only." not in cut
    assert "Ask a GP." in cut and any("chips." in text for text in cut)  # a term; a reference (Markdown stashes it)
    assert "<p>Plain words only.</p>" in page and ">GP</abbr>" in page
