"""The outline of each page (search/outline_pages.py): the short index a search reads first, its
title, headings, lay terms and the first sentence of each section, and nothing the whole text
leaves out."""

from __future__ import annotations

from generator.engine.mkdocs.search import pagefind_index, pagefind_pages
from generator.engine.mkdocs.search.outline import outline_of
from generator.engine.mkdocs.search.outline_pages import outline
from support import pagefind_records

PAGE = """<html lang="en"><body><article class="md-content__inner">
<p class="print-only" data-pagefind-ignore>Printed from here.</p>
<h1 id="guide">Sample topic</h1><nav class="topic-menu"><p>Contents</p><ol><li>Causes</li></ol></nav><p>Most twitches are harmless. They stop on their own.</p><p>A second paragraph.</p>
<h2 id="causes">Common causes</h2><ul><li>Listed cause</li></ul><p>Tiredness &amp; <a href="#x">stress</a> cause most. Rest helps.</p>
<h3 id="cause-one">Cause one</h3><p>It happens, e.g. at night! More text.</p>
<div hidden><h3 id="result">Your result</h3><p>Secret result.</p></div>
<h2 id="sources">Sources</h2><p>NHS page on twitching.</p>
</article></body></html>"""


def outline_of_page(page: str = PAGE, lay_terms: dict | None = None, other_audience: bool = False) -> str:
    marked = pagefind_pages.marked(page, outline_of(page), lay_terms or {}, "sources", other_audience=other_audience)
    return outline(marked)


def test_the_outline_keeps_headings_lay_terms_and_the_first_sentence_of_each_section():
    short = outline_of_page(lay_terms={"": ["face twitch"], "cause-one": ["eye jumping"]})
    assert short.startswith('<html lang="en"><body><article data-pagefind-body class="md-content__inner">')
    assert short.endswith("</article></body></html>")
    body = short[short.index("<h1") : short.index("</article>")]
    assert body == (
        '<h1 data-pagefind-weight="2" id="guide">Sample topic</h1>'  # weighted as text: every page of a topic has its name
        '<p data-pagefind-weight="4"><span id="LAY-TERMS"></span>face twitch<span id="LAY-TERMS-END"></span></p>'
        "<p>Most twitches are harmless.</p>"
        '<h2 id="causes">Common causes<span id="HEADING-END"></span></h2><p>Tiredness &amp; stress cause most.</p>'
        '<h3 id="cause-one">Cause one<span id="HEADING-END"></span></h3>'
        '<p data-pagefind-weight="4"><span id="LAY-TERMS"></span>eye jumping<span id="LAY-TERMS-END"></span></p>'
        "<p>It happens, e.g. at night!</p>"
        '<h2 id="sources">Sources<span id="HEADING-END"></span></h2>'
    )


def test_nothing_the_whole_text_leaves_out_is_in_the_outline():
    """Hidden parts (a heading inside a hidden block), the print-only line, a menu (Pagefind
    never reads one), a source (weighted down in the whole text: no section's opening) and a
    clinicians' page below its title."""
    short = outline_of_page()
    for left_out in ("Your result", "Secret result", "Printed from", "Contents", "NHS page"):
        assert left_out not in short
    clinicians = outline_of_page(other_audience=True)
    assert "Sample topic" in clinicians
    for left_out in ("Common causes", "Most twitches", "Cause one"):
        assert left_out not in clinicians


def test_an_opening_keeps_its_words_as_written_without_its_hidden_parts():
    page = PAGE.replace(
        "<p>It happens, e.g. at night! More text.</p>",
        '<p>Use &lt;b&gt; <span hidden>data-pagefind-ignore. </span>"data-pagefind-ignore" as <b>bold</b>. Then more.</p>',
    )
    short = outline_of_page(page)
    assert '<p>Use &lt;b&gt; "data-pagefind-ignore" as bold.</p>' in short


def test_the_built_index_has_the_outline_of_each_page_beside_the_whole_text(tmp_path, content):
    site = tmp_path / "site"
    html_path = site / "sample-topic" / "index.html"
    html_path.parent.mkdir(parents=True)
    html_path.write_text(PAGE, encoding="utf-8")
    from generator.engine.mkdocs.search.lay_terms import BuiltPage

    # The topic's pages that the index expects (its sources too): one HTML file stands for each.
    pages = [BuiltPage(src=f"sample-topic/{name}.md", url=f"sample-topic/{name}/".replace("index/", ""), html_path=html_path)
             for name in ("index", "causes", "sources")]
    pagefind_index.build(site, content.load(), pages)
    assert (site / "pagefind" / "outline" / "pagefind.js").is_file()
    whole = pagefind_records(site)["sample-topic/"]["content"]
    short = pagefind_records(site, bundle="outline")["sample-topic/"]["content"]
    assert "A second paragraph" in whole and "Listed cause" in whole
    assert "A second paragraph" not in short and "Listed cause" not in short
    assert "Most twitches are harmless." in short and "Common causes" in short


def test_a_section_after_a_picture_is_in_the_outline():
    """A drawing (an inline SVG, which Pagefind never reads) is left out up to its own end tag:
    its self-closing shapes opened no element, yet the whole rest of the guide was left out."""
    picture = '<figure><svg viewBox="0 0 10 10"><g><path d="M0 0"/><svg x="1"/></g></svg><figcaption>A face</figcaption></figure>'
    short = outline_of_page(PAGE.replace('<h2 id="causes">', picture + '<h2 id="causes">'))
    assert "Common causes" in short and "Tiredness &amp; stress cause most." in short
    assert "<svg" not in short
