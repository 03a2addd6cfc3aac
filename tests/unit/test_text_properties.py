"""Property tests: whatever text an author writes, the page shows that text - never markup.

Arbitrary text (Unicode, Markdown and HTML special characters, very long words, right-to-left
text, emoji) goes into a title, a table cell, a list item, an FAQ question and prose; each is
validated by the real model, rendered by the real templates and converted by Python-Markdown
with the extensions listed in mkdocs.yml. The visible text must be the same (prose: minus its
allowed markers) and the surrounding table, list or card must keep its shape.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model import Topic
from generator.model.loading import Content, load_content
from generator.render.renderer import PageRenderer
from html_tree import Element, parse_html
from support import ROOT, markdown_extensions, page_to_html

FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
TODAY = date(2026, 6, 1)

EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TRICKY = [
    "|", "||", "*", "**", "_", "__", "`", "```", "~~", "^", "\\", "#", "# ", "{#id}", "{: .x}",
    "- ", "+ ", "1. ", "> ", "---", "===", "[x](#overview)", "[x](https://example.org)",
    "![i](x.png)", "<script>alert(1)</script>", "<b>bold</b>", "<!-- c -->", "&amp;", "&#35;",
    "&lt;", "]]>", "*[HTML]: x", "[^1]", "مرحبا بالعالم", "שלום", "\u202eevil", "👍🏽", "👨‍👩‍👧",
    "a\u0301", "x" * 300, "Ⅻ", "ﬁ", "\u00a0",
]
# Content files are YAML: they cannot hold control characters, so neither does the text here.
ANY_CHARACTER = st.characters(exclude_categories=("Cc", "Cs"))
PIECE = st.one_of(st.sampled_from(TRICKY), st.text(alphabet=ANY_CHARACTER, min_size=1, max_size=30))
PLAIN_TEXT = st.lists(PIECE, min_size=1, max_size=6).map(" ".join).filter(lambda text: text.strip())


BASE: Content = load_content(FIXTURE)
BASE_TOPIC = BASE.topics[0]


def render(change: dict, template: str, path: str) -> Element:
    """The fixture topic with `change` applied (validated by the model), as HTML."""
    data = BASE_TOPIC.topic.model_dump(mode="json")
    for dotted, value in change.items():
        *parents, last = dotted.split(".")
        node = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[last] = value
    loaded = replace(BASE_TOPIC, topic=Topic.model_validate(data))
    renderer = PageRenderer(replace(BASE, topics=[loaded]), today=TODAY)
    page = renderer._render(template, path, loaded)  # one page: the others are not under test
    return parse_html(page_to_html(page.markdown))


def guide(change: dict) -> Element:
    return render(change, "pages/topic_guide.md.j2", "sample-topic/index.md")


def get_help(change: dict) -> Element:
    return render(change, "pages/topic_get_help.md.j2", "sample-topic/when-to-get-help.md")


def faq(change: dict) -> Element:
    return render(change, "pages/topic_faq.md.j2", "sample-topic/faq.md")


def shown(text: str) -> str:
    """What a reader sees: the text with runs of whitespace as one space."""
    return " ".join(text.split())


def no_markup_from(tree: Element, allowed: set[str]) -> None:
    unexpected = tree.tags() - allowed
    assert not unexpected, f"text turned into markup: {unexpected}"


@EXAMPLES
@given(PLAIN_TEXT)
def test_title_shows_as_written(text):
    tree = guide({"title": text})

    heading = tree.find("h1")
    assert heading.squashed_text == shown(text)
    no_markup_from(heading, set())


@EXAMPLES
@given(PLAIN_TEXT, PLAIN_TEXT)
def test_table_cells_show_as_written_and_keep_the_table(feature, harmless):
    tree = get_help({"warning_signs.rows.0.feature": feature, "warning_signs.rows.0.usually_harmless": harmless})

    table = tree.find("table")
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == 1 and rows[0].attrs.get("id") == "warn-spread"
    header, *cells = [el for el in rows[0].children if isinstance(el, Element)]
    assert (header.tag, [cell.tag for cell in cells]) == ("th", ["td", "td"])
    assert header.squashed_text == shown(feature)
    assert cells[0].squashed_text == shown(harmless)
    for cell in (header, *cells[:-1]):
        no_markup_from(cell, set())
    assert cells[-1].tags() == {"a"}, "the last cell holds only the link to the row's sign"


@EXAMPLES
@given(PLAIN_TEXT)
def test_list_item_shows_as_written_and_keeps_the_card(text):
    tree = guide({"signs.0.text": text})

    card = tree.find("section", **{"aria-labelledby": "red-flags"})
    items = card.find_all("li")
    assert len(items) == 1
    assert items[0].squashed_text == shown(text)
    no_markup_from(items[0], set())
    assert card.find("h2").attrs.get("id") == "red-flags"


@EXAMPLES
@given(PLAIN_TEXT)
def test_faq_question_shows_as_written(text):
    tree = faq({"faq.items.0.question": text})

    question = tree.by_id("faq-one")
    assert question.tag == "h3"
    assert question.squashed_text == shown(text)
    no_markup_from(question, set())


# Prose: plain pieces (no `*`, which marks emphasis, and no link syntax) and **strong** words.
PROSE_PIECE = PIECE.map(lambda text: text.replace("*", "")).filter(lambda text: text.strip() and "](" not in text)
STRONG = st.text(alphabet=st.characters(categories=("L",)), min_size=1, max_size=12)
PROSE = st.lists(st.one_of(PROSE_PIECE.map(lambda t: ("plain", t)), STRONG.map(lambda t: ("strong", t))), min_size=1, max_size=8)
LIST_START = re.compile(r"^\s*(?:[-+*]|\d+\.)(?:\s|$)")


@EXAMPLES
@given(PROSE)
def test_prose_shows_its_words_without_its_markers(pieces):
    body = " ".join(f"**{text}**" if kind == "strong" else text for kind, text in pieces)
    if LIST_START.match(body):  # a line starting "- " is a list by design: covered elsewhere
        body = "Note: " + body
    tree = guide({"overview.body": body})

    heading = tree.by_id("overview")
    siblings = [el for el in tree.children if isinstance(el, Element)]
    paragraph = siblings[siblings.index(heading) + 1]
    assert paragraph.tag == "p"
    assert paragraph.squashed_text == shown(body.replace("**", ""))
    assert len(paragraph.find_all("strong")) == sum(kind == "strong" for kind, _ in pieces)
    assert paragraph.tags() <= {"strong"}
    assert siblings[siblings.index(heading) + 2].tag in {"h3", "h2"}  # nothing leaked after it


def test_the_extensions_are_those_of_mkdocs_yml():
    assert {"attr_list", "md_in_html", "tables", "toc"} <= set(markdown_extensions()[0])
