"""The site glossary: abbr definitions on every page, safely escaped, first use focusable."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown
import pytest

from generator import glossary

# As in mkdocs.yml.
EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "abbr", "generator.markdown_glossary"]
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def html_of(text: str) -> etree.Element:
    """Markdown -> HTML as MkDocs converts it, parsed (Python-Markdown writes well-formed XHTML)."""
    html = markdown.markdown(_FRONT_MATTER.sub("", text), extensions=EXTENSIONS)
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
        page = markdown.markdown(_FRONT_MATTER.sub("", text), extensions=EXTENSIONS)
        titles = [html.unescape(title) for title in re.findall(r'<abbr[^>]*title="([^"]*)"[^>]*>GP</abbr>', page)]
        assert set(titles) <= {"General practitioner, your family doctor."}, path
        assert "*[GP]" not in page, "the definition line must not show on the page"
        if titles:
            explained.add(path)
    assert {"about.md", "sample-topic/index.md"} <= explained  # the pages that mention a GP


def test_explanation_with_markup_characters_is_shown_exactly_as_written():
    tricky = 'Says "hi" & <script>alert(1)</script> *not emphasis* [x](#y) `code` \\ end'
    tree = html_of("Ask your GP.\n\n" + glossary.definitions({"GP": tricky}))
    (abbr,) = tree.iter("abbr")
    assert abbr.text == "GP"
    assert abbr.get("title") == tricky
    assert not [el for el in tree.iter() if el.tag in {"script", "em", "a", "code"}]


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


@pytest.mark.parametrize("term", ["A&E", "x]y", "GP\\", " GP", "GP\nMRI"])
def test_a_term_that_cannot_match_the_page_text_is_an_author_error(content, term):
    add_glossary(content, f"  {term!r}: Something.\n".replace("'", '"'))
    problems = content.problems()
    assert len(problems) == 1, "\n".join(map(str, problems))
    problem = problems[0]
    assert problem.file == content.site_file
    assert problem.line is not None and problem.field.startswith("glossary")
