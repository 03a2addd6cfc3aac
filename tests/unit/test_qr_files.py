"""The clinicians' page's QR codes are separate SVG files beside the page, referenced by
<img alt="">, not SVG inlined in its Markdown (issue 17): Markdown, the glossary and every
HTML pass of the build parsed ~440 KB of path data per topic for nothing."""

from __future__ import annotations

import re
from datetime import date
from xml.etree import ElementTree

import segno

from generator.model.loading import load_content
from generator.render.renderer import PageRenderer
from support import ROOT, dark_modules, twitching

SITE_URL = "http://127.0.0.1:8123/"
IMAGE = re.compile(r'<img class="qr-code" src="(qr/[a-z0-9-]+\.svg)" alt="" width="(\d+)" height="\2"[^>]*>\s*'
                   r'<div class="clinician-links__text" data-copy-url="([^"]+)"')



def links_page():
    content = load_content(ROOT / "content")
    pages = PageRenderer(content, today=date(2026, 11, 30), site_url=SITE_URL).topic_pages(twitching(content))
    return next(page for page in pages if page.path == "facial-twitching/links.md")


def test_qr_codes_are_files_beside_the_clinicians_page_not_markup_in_it():
    page = links_page()
    assert "<svg" not in page.markdown and "<path" not in page.markdown
    images = IMAGE.findall(page.markdown)
    assert len(images) > 100 and len(images) == page.markdown.count("clinician-links__item\"")
    assert set(page.files) == {f"facial-twitching/links/{src}" for src, _, _ in images}
    assert len(page.markdown.encode()) < 120_000


def test_each_qr_file_encodes_the_address_printed_beside_it():
    page = links_page()
    for src, size, url in IMAGE.findall(page.markdown):
        svg = ElementTree.fromstring(page.files[f"facial-twitching/links/{src}"])
        assert svg.tag == "{http://www.w3.org/2000/svg}svg"
        assert svg.get("viewBox") == f"0 0 {size} {size}"
        path_data = svg.findall("{http://www.w3.org/2000/svg}path")[-1].get("d")
        matrix = segno.make(url, error="m", micro=False, mask=2, boost_error=False).matrix
        assert int(size) == len(matrix) + 4
        expected = {(x + 2, y + 2) for y, row in enumerate(matrix) for x, module in enumerate(row) if module}
        assert dark_modules(path_data) == expected, f"the code beside {url} encodes something else"


def segno_rows(text: str) -> tuple[bytes, ...]:
    return tuple(bytes(row) for row in segno.make(text, error="m", micro=False, mask=2, boost_error=False).matrix)


def test_the_fast_encoder_gives_segno_s_code_module_for_module_at_every_size():
    from generator.pages.qr_matrix import qr_matrix

    # Lengths from a few characters to versions past 7 (they carry version information), in
    # byte, alphanumeric and numeric mode, and text outside ASCII.
    texts = [SITE_URL + "t/" + "a-b" * n + "/#x" for n in range(0, 120, 7)]
    texts += ["HTTP://EXAMPLE.ORG/" + "A" * 60, "1234567890" * 8, "https://example.org/é/漢字/", "x"]
    for text in texts:
        assert qr_matrix(text) == segno_rows(text), text


def test_a_code_is_not_laid_out_again_by_segno(monkeypatch):
    """segno builds, masks and lays out every code bit by bit; 165 a topic, that was most of a
    cold build's render time. Only the first code of a version takes its layout from segno."""
    from generator.pages import qr

    qr.qr_matrix(SITE_URL + "warm-up/")  # this version's layout, made once
    expected = segno_rows(SITE_URL + "other/")
    monkeypatch.setattr(segno.encoder, "add_codewords", lambda *args: (_ for _ in ()).throw(AssertionError("laid out again")))
    assert qr.qr_matrix(SITE_URL + "other/") == expected
