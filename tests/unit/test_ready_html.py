"""generator.render.markdown_ready_html: an HTML component's ready HTML passes through Markdown
without being parsed (issue 17: pages cheaper to parse), and the page comes out as if it had been.
"""

from __future__ import annotations

import markdown
import pytest
from markdown.extensions import md_in_html
from mkdocs.structure.pages import _RawHTMLPreprocessor

from generator.render import glossary
from generator.render.markdown_ready_html import READY_END, READY_START
from support import markdown_extensions, markdown_to_html

BLOCK = '<ul class="links" id="links-one">\n<li>Ask a <b>GP</b> &amp; a nurse</li>\n<li data-title="two">Two</li>\n</ul>'
TERMS = {"GP": "General practitioner."}


def page(block: str, marked: bool) -> str:
    body = f"{READY_START}\n{block}\n{READY_END}" if marked else block
    return f"# Title\n\nIntro.\n\n{body}\n\nAfter.\n\n{glossary.definitions(TERMS)}"


@pytest.fixture
def parsed_tags(monkeypatch) -> list[str]:
    """The start tags md_in_html's raw-HTML parser reads, in order."""
    tags: list[str] = []
    handle = md_in_html.HTMLExtractorExtra.handle_starttag

    def recording(self, tag, attrs):
        tags.append(tag)
        return handle(self, tag, attrs)

    monkeypatch.setattr(md_in_html.HTMLExtractorExtra, "handle_starttag", recording)
    return tags


def test_a_ready_block_is_not_parsed_and_the_page_is_the_same(parsed_tags):
    parsed = markdown_to_html(page(BLOCK, marked=False))
    assert "ul" in parsed_tags
    parsed_tags.clear()

    ready = markdown_to_html(page(BLOCK, marked=True))

    assert parsed_tags == []
    assert ready == parsed
    # The glossary still explains the block's terms; the markers are gone.
    assert '<b><abbr title="General practitioner." tabindex="0">GP</abbr></b>' in ready and "ready-html" not in ready


def test_mkdocs_still_finds_the_ids_in_a_ready_block():
    """Its anchor check reads the ids of every raw HTML block (links to #links-one must pass)."""
    names, settings = markdown_extensions()
    converter = markdown.Markdown(extensions=names, extension_configs=settings)
    ids = _RawHTMLPreprocessor()
    ids._register(converter)
    converter.convert(page(BLOCK, marked=True))
    assert "links-one" in ids.present_anchor_ids


def test_a_start_marker_with_no_end_is_an_html_comment_and_the_block_is_parsed(parsed_tags):
    html = markdown_to_html(f"Intro.\n\n{READY_START}\n{BLOCK}\n\nAfter.\n")
    assert READY_START in html and "ul" in parsed_tags and "<p>After.</p>" in html
