"""The site glossary: abbr definitions on every page, safely escaped, first use focusable."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown
import pytest

from generator.render import glossary
from support import markdown_extensions, page_to_html

# The site's glossary extension, as mkdocs.yml names it.
GLOSSARY = next(name for name in markdown_extensions()[0] if "glossary" in name)


def html_of(text: str) -> etree.Element:
    """Markdown -> HTML as MkDocs converts it, parsed (Python-Markdown writes well-formed XHTML)."""
    html = page_to_html(text)
    return etree.fromstring(f"<root>{html}</root>")


def visible_text(tree: etree.Element) -> str:
    return "".join(tree.itertext())


def add_glossary(content, entries: str) -> None:
    site = content.site_file
    site.write_text(site.read_text(encoding="utf-8") + "glossary:\n" + entries, encoding="utf-8")


def test_every_page_explains_the_glossary_terms_it_uses(content):
    add_glossary(content, "  GP: General practitioner, your family doctor.\n")
    explained = set()
    for path, text in content.markdown_pages().items():
        page = page_to_html(text)
        titles = [html.unescape(title) for title in re.findall(r'<abbr[^>]*title="([^"]*)"[^>]*>GP</abbr>', page)]
        assert set(titles) <= {"General practitioner, your family doctor."}, path
        assert "*[GP]" not in page, "the definition line must not show on the page"
        if titles:
            explained.add(path)
    assert {"about.md", "sample-topic/when-to-get-help.md"} <= explained  # the pages that mention a GP


def test_explanation_with_markup_characters_is_shown_exactly_as_written():
    tricky = 'Says "hi" & <script>alert(1)</script> *not emphasis* [x](#y) `code` \\ end'
    tree = html_of("Ask your GP.\n\n" + glossary.definitions({"GP": tricky}))
    (abbr,) = tree.iter("abbr")
    assert abbr.text == "GP"
    assert abbr.get("title") == tricky
    assert not [el for el in tree.iter() if el.tag in {"script", "em", "a", "code"}]


def test_explanation_with_entity_text_reads_as_typed():
    """`&amp;` written in an explanation is shown as `&amp;`, not `&` (nor `&amp;amp;`)."""
    typed = "Shown as typed: &amp; &lt;b&gt; &#60; and a lone & too"
    tree = html_of("Ask your GP.\n\n" + glossary.definitions({"GP": typed}))
    (abbr,) = tree.iter("abbr")
    assert abbr.get("title") == typed


def test_explanation_is_kept_on_one_line():
    text = glossary.definitions({"EMG": "A test\nof the\tmuscles.\x00"})
    assert text == "*[EMG]: A test of the muscles.\n"


def test_only_the_first_use_outside_links_is_focusable():
    tree = html_of("[About the GP](#x) and the GP.\n\nAnother GP, and MRI.\n\n" + glossary.definitions({"GP": "Doctor.", "MRI": "Scan."}))
    abbrs = list(tree.iter("abbr"))
    assert [(a.text, a.get("tabindex")) for a in abbrs] == [("GP", None), ("GP", "0"), ("GP", None), ("MRI", "0")]
    (link,) = tree.iter("a")
    assert [a.get("tabindex") for a in link.iter("abbr")] == [None]


def test_no_glossary_adds_nothing():
    assert glossary.definitions({}) == ""


@pytest.mark.parametrize("term", ["x]y", "GP\\", " GP", "GP&", "-GP", "GP\nMRI"])
def test_a_term_that_cannot_match_the_page_text_is_an_author_error(content, term):
    add_glossary(content, f"  {term!r}: Something.\n".replace("'", '"'))
    problems = content.problems()
    assert len(problems) == 1, "\n".join(map(str, problems))
    problem = problems[0]
    assert problem.file == content.site_file
    assert problem.line is not None and problem.field.startswith("glossary")


# --- terms the page source spells differently, and terms inside raw HTML ---------------------

_ABBR_TAG = re.compile(r"</?abbr\b[^>]*>")


def page_html(text: str, without: set[str] = frozenset()) -> str:
    return page_to_html(text, without)


def abbrs_in(fragment: str) -> list[tuple[str, str, str | None]]:
    """(visible text, title, tabindex) of every <abbr>, in page order."""
    return [
        (html.unescape(text), html.unescape(re.search(r'title="([^"]*)"', attrs).group(1)), (re.search(r'tabindex="([^"]*)"', attrs) or [None, None])[1])
        for attrs, text in re.findall(r"<abbr\b([^>]*)>(.*?)</abbr>", fragment)
    ]


@pytest.mark.parametrize("term", ["A&E", "Ménière's", "T+1", "A&E dept"])
def test_a_term_with_characters_that_need_escaping_is_accepted(content, term):
    add_glossary(content, f'  "{term}": Something.\n')
    assert content.load().site.glossary == {term: "Something."}


def test_a_term_the_source_escapes_is_explained_with_its_text_unchanged():
    from generator.render.markup import plain_text

    explanation = 'Accident & emergency: the "A&E" <department>.'
    page = page_html(f"Go to {plain_text('A&E')} now, or A&Every.\n\n" + glossary.definitions({"A&E": explanation}))
    assert abbrs_in(page) == [("A&E", explanation, "0")]  # not in "A&Every": a whole word only
    assert html.unescape(_ABBR_TAG.sub("", page)) == "<p>Go to A&E now, or A&Every.</p>"


def test_terms_in_a_raw_html_block_are_explained_and_nothing_else_changes():
    raw = (
        '<table class="warning-table">\n<caption>When to see a GP</caption>\n'
        '<tr id="row-gp" data-title="GP"><th scope="row">Ask a GP</th><td>Go to A&amp;E &amp; call 999</td>'
        '<td><a href="#gp">your GP</a> <code>GP</code> <button type="button">GP</button> <abbr title="Set by hand">GP</abbr></td></tr>\n'
        "</table>\n"
    )
    terms = {"GP": 'General "practitioner" & <doctor>', "A&E": "Emergency department."}
    page = page_html("Intro.\n\n" + raw + "\nAfter: GP and A&amp;E.\n\n" + glossary.definitions(terms))
    assert _ABBR_TAG.sub("", page) == _ABBR_TAG.sub("", page_html("Intro.\n\n" + raw + "\nAfter: GP and A&amp;E.\n"))
    # The caption's GP comes first on the page, so it is the focusable one; the link's GP is
    # explained but no tab stop; code, the button and the hand-made abbr are left alone.
    assert abbrs_in(page) == [
        ("GP", terms["GP"], "0"),
        ("GP", terms["GP"], None),
        ("A&E", terms["A&E"], "0"),
        ("GP", terms["GP"], None),
        ("GP", "Set by hand", None),
        ("GP", terms["GP"], None),
        ("A&E", terms["A&E"], None),
    ]
    assert 'data-title="GP"' in page  # attributes are never touched
    assert "<code>GP</code>" in page and '<button type="button">GP</button>' in page


def test_the_warning_table_explains_its_terms(content):
    """The real component: a term in a warning-table cell is an abbr with the glossary's title."""
    add_glossary(content, '  GP: General practitioner, your family doctor.\n  "A&E": Accident and emergency.\n')
    content.replace("get_checked: Spreads,", "get_checked: Spreads. See a GP or go to A&E,")
    get_help = page_html(content.markdown_pages()["sample-topic/when-to-get-help.md"])
    row = re.search(r'<tr id="warn-spread">.*?</tr>', get_help, re.S).group()
    cell = re.findall(r"<td[^>]*>(.*?)</td>", row)[1].split(" <a ")[0]  # the author's text, before the level link
    assert [(text, title) for text, title, _ in abbrs_in(cell)] == [
        ("GP", "General practitioner, your family doctor."),
        ("A&E", "Accident and emergency."),
    ]
    assert abbrs_in(cell)[1][2] == "0"  # the page's first A&E: a tab stop
    assert html.unescape(_ABBR_TAG.sub("", cell)) == "Spreads. See a GP or go to A&E"


def test_every_fixture_page_shows_the_same_text_with_the_glossary(content):
    add_glossary(content, '  GP: Doctor.\n  NHS: Health service.\n  "A&E": Emergency.\n  Spread: Moves.\n')
    explained = 0
    for path, text in content.markdown_pages().items():
        page = page_html(text)
        explained += len(abbrs_in(page))
        assert _ABBR_TAG.sub("", page) == _ABBR_TAG.sub("", page_html(text, without={GLOSSARY})), path
        titles = [title for _, title, _ in abbrs_in(page)]
        assert set(titles) <= {"Doctor.", "Health service.", "Emergency.", "Moves."}, path
        focusable = [text for text, _, tabindex in abbrs_in(page) if tabindex == "0"]
        assert len(focusable) == len(set(focusable)), path
    assert explained > 0


def test_the_glossary_extension_needs_abbr_first():
    with pytest.raises(ValueError, match="abbr"):
        markdown.markdown("GP", extensions=[GLOSSARY, "abbr"])


def test_raw_html_keeps_every_byte_but_the_new_abbr_tags():
    from generator.render.glossary import TermFinder
    from generator.render.glossary_html import explain_terms

    fragment = (
        "<!-- GP --><div class=x data-x='GP'>GP &amp GP&#39;s <br> GP<script>var GP = 1 < 2;</script>\n"
        '<svg><title>GP</title></svg><input value="GP"><label>GP</label><span>A&amp;E</span> GPs xGP</div>'
    )
    out = explain_terms(fragment, TermFinder({"GP": "Doctor <&>", "A&E": "Emergency."}))
    assert _ABBR_TAG.sub("", out) == fragment
    assert abbrs_in(out) == [("GP", "Doctor <&>", "0"), ("GP", "Doctor <&>", None), ("GP", "Doctor <&>", None), ("GP", "Doctor <&>", None), ("A&E", "Emergency.", "0")]
    assert "<label><abbr" in out and "<title>GP</title>" in out and "var GP" in out
