"""The search index (Pagefind): what each page gives it, lay terms under the section that shows the item."""

from __future__ import annotations

import json
import re

import pytest

from generator.engine.mkdocs.search import pagefind_index, pagefind_pages
from generator.engine.mkdocs.search.lay_terms import BuiltPage
from generator.engine.mkdocs.search.outline import outline_of
from generator.engine.mkdocs.search.pagefind_service import PagefindService
from support import pagefind_records

GUIDE_HTML = """<html><body><nav><h2 id="nav-title">Menu</h2></nav><article>
<h1>Sample topic</h1><p>Intro</p>
<section class="care-card"><h2 id="red-flags">Call 999 now</h2><ul><li id="rf-face">Your face droops</li></ul></section>
<h2 id="causes">Common causes</h2>
<h3 id="cause-one">Cause one</h3><p>It happens.</p>
</article><footer id="footer"></footer></body></html>"""


def index_with(*locations: str) -> dict:
    return {"config": {"fields": {"title": {"boost": 1000}}}, "docs": [{"location": loc, "title": loc or "page", "text": ""} for loc in locations]}


@pytest.fixture
def site(tmp_path, content):
    """The fixture content with lay terms on a list item, a cause and the topic, plus a built guide page."""
    content.replace("title: Sample topic\n", "title: Sample topic\nlay_terms: [face twitch]\n")
    content.replace("    text: Your face droops on one side\n", "    text: Your face droops on one side\n    lay_terms: [crooked smile]\n")
    content.replace("what_helps: Rest.}", "what_helps: Rest., lay_terms: [eye jumping, 'Tourette''s & <b>']}")
    html_path = tmp_path / "guide.html"
    html_path.write_text(GUIDE_HTML, encoding="utf-8")
    # The guide's causes and sources have pages of their own; one HTML file holds their headings here.
    pages = [BuiltPage(src="sample-topic/index.md", url="sample-topic/", html_path=html_path),
             BuiltPage(src="sample-topic/causes.md", url="sample-topic/causes/", html_path=html_path),
             BuiltPage(src="sample-topic/sources.md", url="sample-topic/sources/", html_path=html_path)]
    return content.load(), pages


def test_outline_files_each_anchor_under_the_heading_before_it():
    outline = outline_of(GUIDE_HTML)
    assert outline.heading_holding("rf-face").id == "red-flags"
    assert outline.heading_holding("cause-one").id == "cause-one"
    assert outline.heading_holding("nav-title") is None  # outside the article


def test_ids_inside_hidden_elements_and_script_fallbacks_are_found():
    """generator/engine/mkdocs/hidden_headings.py: what the contents and search leave out."""
    from generator.engine.mkdocs.hidden_headings import hidden_ids

    html = (
        '<h2 id="shown">A</h2><div hidden><h2 id="result">B</h2><p>x<br>y</p><h3 id="said">C</h3></div>'
        '<h2 id="after">D</h2><div class="f" data-tool-fallback><h2 id="no-js">E</h2></div><img id="pic" src="a.svg">'
    )
    assert hidden_ids(html) == {"result", "said", "no-js"}


# --- the Pagefind index (search/pagefind_index.py, search/pagefind_pages.py) --------------------


def lay_terms_markup(escaped_terms: str) -> str:
    """Lay terms as the index gets them: weighted, between the markers the search worker reads."""
    return f'<p data-pagefind-weight="4"><span id="LAY-TERMS"></span>{escaped_terms}<span id="LAY-TERMS-END"></span></p>'


def test_pagefind_indexes_a_marked_copy_of_each_page(site):
    """The article is the body; hidden parts are left out; lay terms (escaped) go under the
    heading of the section that shows the item; the sources are weighted down."""
    loaded, pages = site
    page = GUIDE_HTML.replace("<p>It happens.</p>", '<p>It happens.</p><div hidden><h3 id="result">Your result</h3></div>')
    html_path = pages[0].html_path
    html_path.write_text(page, encoding="utf-8")
    lay_terms = {"": ["face twitch"], "rf-face": ["crooked smile"], "cause-one": ["Tourette's & <b>"]}
    by_anchor = pagefind_pages.marked(page, outline_of(page), lay_terms, "red-flags")
    assert "<article data-pagefind-body>" in by_anchor
    assert "<div data-pagefind-ignore hidden>" in by_anchor
    assert f'<h1>Sample topic</h1>{lay_terms_markup("face twitch")}' in by_anchor
    assert (  # a list item: its card's heading
        f'<h2 id="red-flags">Call 999 now<span id="HEADING-END"></span></h2>{lay_terms_markup("crooked smile")}' in by_anchor
    )
    cause_terms = lay_terms_markup("Tourette's &amp; &lt;b&gt;")
    assert f'<h3 id="cause-one">Cause one<span id="HEADING-END"></span></h3>{cause_terms}' in by_anchor
    assert '<ul data-pagefind-weight="0.1"><li data-pagefind-weight="0.1" id="rf-face">' in by_anchor
    assert "<nav>" in by_anchor  # only the article is marked


def test_the_index_keeps_each_heading_as_written(tmp_path):
    """Pagefind decodes entities in its anchors' text twice (an author's literal "&amp;" became
    "&"), in the page's words once: each shown section heading ends with a marker, so the
    search worker reads its text as the words from its anchor to that marker. A hidden heading
    has none (search never offers it)."""
    written = "Tom &amp; Jerry &lt;b&gt; <i> & A"
    page = GUIDE_HTML.replace("Common causes", "Tom &amp;amp; Jerry &amp;lt;b&amp;gt; &lt;i&gt; &amp; A").replace(
        "<p>It happens.</p>", '<p>It happens.</p><div hidden><h3 id="result">Your result</h3></div>'
    )
    marked = pagefind_pages.marked(page, outline_of(page), {}, None)
    service = PagefindService(pagefind_index.pagefind_binary())
    service.add("index.html", pagefind_index.article_only(marked), about="the page")
    service.write(tmp_path / "site" / "pagefind")
    record = pagefind_records(tmp_path / "site")[""]
    words = record["content"].split()
    anchors = record["anchors"]  # in the page's order
    headings = {}
    for index, anchor in enumerate(anchors):
        if anchor["element"] in {"h2", "h3"}:
            end = next(later for later in anchors[index + 1 :] if later["id"] == pagefind_pages.HEADING_END)
            headings[anchor["id"]] = " ".join(words[anchor["location"] : end["location"]])
    assert headings == {"red-flags": "Call 999 now", "causes": written, "cause-one": "Cause one"}


def test_pagefind_writes_a_chunked_index_and_the_search_setup(site, tmp_path):
    loaded, pages = site
    site_dir = pages[0].html_path.parent
    pagefind_index.build(site_dir, loaded, pages)
    assert (site_dir / "pagefind" / "pagefind.js").is_file()
    assert list((site_dir / "pagefind" / "fragment").iterdir())
    setup = json.loads((site_dir / "search" / "setup.json").read_text(encoding="utf-8"))
    assert setup["docs"] == [] and "to" in setup["config"]["stop_words"]


def test_an_index_folder_that_cannot_be_made_is_one_located_error(site):
    loaded, pages = site
    site_dir = pages[0].html_path.parent
    blocked = site_dir / "pagefind"
    blocked.write_text("a file where the index folder should be", encoding="utf-8")
    with pytest.raises(pagefind_index.SearchIndexError) as raised:
        pagefind_index.build(site_dir, loaded, pages)
    message = str(raised.value)
    assert message == f"{blocked}: search index: could not make the folder: File exists"
    assert "\n" not in message and "Traceback" not in message


def test_a_missing_pagefind_binary_is_one_located_error(site, tmp_path):
    loaded, pages = site
    with pytest.raises(pagefind_index.SearchIndexError, match=r"^search index: could not run .*no-such-pagefind"):
        pagefind_index.build(pages[0].html_path.parent, loaded, pages, binary=tmp_path / "no-such-pagefind")


def test_a_lay_term_outside_any_section_names_the_page(site, tmp_path):
    loaded, pages = site
    pages[0].html_path.write_text(GUIDE_HTML.replace('<h3 id="cause-one">Cause one</h3>', ""), encoding="utf-8")
    with pytest.raises(pagefind_index.SearchIndexError, match=rf"^{re.escape(str(pages[0].html_path))}: search index: .*cause-one"):
        pagefind_index.build(pages[0].html_path.parent, loaded, pages)


def test_a_page_for_clinicians_is_found_by_its_title_alone():
    """The clinicians' links page repeats every heading of the guide as a link: it is found by
    its title, and its words are not in the index every search downloads."""
    page = pagefind_pages.marked(GUIDE_HTML, outline_of(GUIDE_HTML), {}, None, other_audience=True)
    assert "<h1>Sample topic</h1><p data-pagefind-ignore>Intro</p>" in page
    assert '<h2 data-pagefind-ignore id="causes">' in page
    assert '<h2 id="nav-title">' in page  # outside the article: untouched


def test_pagefind_reads_only_the_language_and_the_article():
    page = '<!doctype html><html lang="en" class="no-js"><head><title>T</title></head><body><nav>Menu</nav><article data-pagefind-body><h1>T</h1></article><script src="x.js"></script></body></html>'
    assert pagefind_index.article_only(page) == '<html lang="en" class="no-js"><body><article data-pagefind-body><h1>T</h1></article></body></html>'
