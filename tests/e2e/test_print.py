"""Printing a page of a topic guide gives a clean handout (Chromium's PDF, text read back with pypdf)."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from ruamel.yaml import YAML

from generator.model.loading import load_content
from generator.structure.routes import GET_HELP, GUIDE, SOURCES, page_url, pages_of, topic_page_path
from support import ROOT

# Header, search, navigation, palette toggle, back-to-top button and footer.
CHROME_TEXT = ["Skip to content", "Back to top", "Made with", "Material for MkDocs", "Type to start searching", "Switch to dark mode", "Previous Questions", "Next Questions", "Table of contents"]


def squash(text: str) -> str:
    """Whitespace collapsed; NFKC turns the PDF's ligatures (the "fi" in "fit") back into letters."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def no_space(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def guide_page(slug: str, kind) -> str:
    """Site-relative URL of one page of a topic's guide: 'facial-twitching/sources/'."""
    return page_url(topic_page_path(slug, kind)).lstrip("/")


def guide_pages() -> list[str]:
    """Every page of every topic's guide (the guide is a few short pages)."""
    return [guide_page(loaded.topic.slug, kind) for loaded in load_content(ROOT / "content").topics for kind in pages_of(loaded.topic) if kind.guide_part]


def topic_yaml(slug: str) -> dict:
    return YAML(typ="safe").load((ROOT / "content" / "topics" / f"{slug}.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def printed(browser, site_url, built_site) -> dict[str, list[str]]:
    """Each page of each topic guide printed to A4 PDF: url -> text of each PDF page."""
    from pypdf import PdfReader

    result = {}
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        for url in guide_pages():
            page = context.new_page()
            page.goto(site_url + url)
            page.wait_for_load_state("networkidle")
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4", print_background=True)
            result[url] = [squash(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
            page.close()
    finally:
        context.close()
    assert result, "no topic guide pages found"
    return result


def test_printout_has_no_site_chrome(printed):
    for url, pages in printed.items():
        text = " ".join(pages)
        for chrome in CHROME_TEXT:
            assert chrome not in text, f"/{url}: printed page shows {chrome!r}"


def test_printout_starts_with_the_page_address_and_review_dates(printed, built_site):
    content = load_content(ROOT / "content")
    topics = {loaded.topic.slug: loaded.topic for loaded in content.topics}
    for url, pages in printed.items():
        slug = url.split("/")[0]
        review = topics[slug].review
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)  # from site_url
        assert canonical.endswith(f"/{url}")
        first = no_space(pages[0][:400])
        assert no_space(f"Printed from {canonical}") in first, pages[0][:400]
        assert no_space(review.status_line(content.strings)) in first  # written on..., not yet reviewed..., next planned review...


def page_holding(pages: list[str], text: str) -> int:
    found = [index for index, page in enumerate(pages) if squash(text) in page]
    assert found, f"{text!r} not printed"
    return found[0]


def test_each_red_flag_card_and_the_warning_table_are_each_on_one_page(printed):
    for loaded in load_content(ROOT / "content").topics:
        topic = loaded.topic  # as published: site settings such as the emergency number filled in
        flags = topic.red_flags
        pages = printed[guide_page(topic.slug, GUIDE)]
        page_holding(pages, flags.title)
        for card in topic.when_to_get_help.emergency_cards:
            start = page_holding(pages, card.title)
            for sign_id in card.signs:
                assert squash(topic.sign(sign_id).text) in pages[start], f"red flag {sign_id} split from its card {card.id}"
        assert squash(flags.even_if_it_passes) in pages[start]  # straight after the last card
        table = topic.warning_signs
        if table is None:  # a condition page has no look-alike table
            continue
        pages = printed[guide_page(topic.slug, GET_HELP)]
        start = page_holding(pages, table.caption)
        for row in table.rows:
            for cell in (row.feature, row.usually_harmless, row.get_checked):
                assert no_space(cell) in no_space(pages[start]), f"warning table row {row.id} split across pages"


def test_external_links_print_their_address_and_internal_ones_do_not(printed):
    for url, pages in printed.items():
        slug = url.split("/")[0]
        text = no_space(" ".join(pages))
        if url == guide_page(slug, SOURCES):
            external = [ref for ref in topic_yaml(slug)["references"]["items"] if ref.get("url")]
            assert external
            for ref in external:
                assert no_space(f"{ref['title']} ({ref['url']})") in text, f"reference {ref['id']}: address not printed after the link"
        # Internal links (to sections, other pages of the guide and the FAQ page) print no
        # address: the only site address in the handout is the one at the top.
        assert text.count("127.0.0.1") == 1, f"/{url}: an internal link printed its address"
