"""plain_text shows text literally; prose allows only the documented Markdown subset."""

from __future__ import annotations

import pytest

from generator.render.markup import plain_text, prose

# How the templates place plain text: (Markdown around it, tags the result may contain).
CONTEXTS = {
    "paragraph": ("{}", {"p"}),
    "heading": ("### {} {{#the-id}}", {"h3"}),
    "list-item": ("- {}\n    {{#the-id}}", {"ul", "li"}),
    "after-label": ("**The point:** {}", {"p", "strong"}),
    "raw-html": ('<p class="lead">{}</p>', {"p"}),
    "md-in-html": ('<div markdown="block">\n{}\n</div>', {"div", "p"}),
}
LABELS = {"after-label": "The point: "}

TRICKY_TEXT = [
    "a | b | c",
    "<b>bold</b> & <i>x</i> <!-- comment -->",
    "x < y > z",
    "Q&A: &amp; &copy; &#60; &lt;",
    "*not emphasis* **not strong**",
    "_not emphasis_ __not strong__ snake_case_name",
    "# not a heading",
    "## also #not a heading #",
    "`not code` and ``double``",
    "[not a link](https://example.org) [ref][1] [x]",
    "{#not-an-id} {: .not-a-class }",
    "ends with an open brace {",
    "back\\slash \\*escaped\\* \\",
    "- not a list item",
    "1. not a numbered item",
    "10. not numbered either",
    "+ not a list",
    "> not a quote",
    "~~not deleted~~ ^not super^ 50%",
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "https://example.org <https://example.org>",
]


def resolve(href: str) -> str:
    return "../other/index.md" + href


def visible(tree) -> str:
    return tree.squashed_text


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("text", TRICKY_TEXT)
def test_plain_text_renders_exactly_as_written(md_tree, text, context):
    template, allowed_tags = CONTEXTS[context]

    tree = md_tree(template.format(plain_text(text)))

    assert visible(tree) == LABELS.get(context, "") + text
    assert tree.tags() <= allowed_tags, tree.tags()
    if "{#the-id}" in template:
        assert tree.ids() == ["the-id"]


@pytest.mark.parametrize("context", ["paragraph", "list-item"])
def test_plain_text_rule_line_stays_text(md_tree, context):
    template, allowed_tags = CONTEXTS[context]

    tree = md_tree(template.format(plain_text("---")))

    assert visible(tree) == "---"
    assert tree.tags() <= allowed_tags


def test_plain_text_joins_lines_into_one(md_tree):
    tree = md_tree(plain_text("first line\n\n# second\n- third"))

    assert tree.tags() == {"p"}
    assert visible(tree) == "first line # second - third"


# --- prose -----------------------------------------------------------------------------------


def test_prose_keeps_emphasis_and_strong(md_tree):
    tree = md_tree(prose("Some *gentle* and **firm** words.", resolve))

    assert tree.find("em").text == "gentle"
    assert tree.find("strong").text == "firm"
    assert visible(tree) == "Some gentle and firm words."


def test_prose_keeps_bullet_and_numbered_lists(md_tree):
    tree = md_tree(prose("You might notice:\n- one\n* two\n\nThen:\n1. first\n2. second", resolve))

    assert [li.text for li in tree.find("ul").find_all("li")] == ["one", "two"]
    assert [li.text for li in tree.find("ol").find_all("li")] == ["first", "second"]
    assert [p.text for p in tree.find_all("p")] == ["You might notice:", "Then:"]


def test_prose_keeps_paragraphs(md_tree):
    tree = md_tree(prose("First.\n\nSecond.", resolve))

    assert [p.text for p in tree.find_all("p")] == ["First.", "Second."]


def test_prose_links_to_ids_through_the_resolver(md_tree):
    asked = []

    def resolver(href: str) -> str:
        asked.append(href)
        return "../other/index.md" + href

    tree = md_tree(prose("Read about [the cause](#cause-one) and [more](#faq-one).", resolver))

    assert asked == ["#cause-one", "#faq-one"]
    links = tree.find_all("a")
    assert [(a.attrs["href"], a.text) for a in links] == [
        ("../other/index.md#cause-one", "the cause"),
        ("../other/index.md#faq-one", "more"),
    ]


def test_prose_keeps_https_links(md_tree):
    tree = md_tree(prose("See [the NHS page](https://www.nhs.uk/conditions/a_b/).", resolve))

    link = tree.find("a")
    assert (link.attrs["href"], link.text) == ("https://www.nhs.uk/conditions/a_b/", "the NHS page")


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,hi",
        "http://insecure.example",
    ],
)
def test_prose_does_not_link_other_schemes(md_tree, href):
    tree = md_tree(prose(f"Click [here]({href}) now.", resolve))

    assert tree.find_all("a") == []
    assert visible(tree) == f"Click [here]({href}) now."


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "Before <script>alert(1)</script> after",
        '<img src="x" onerror="alert(1)">',
        "<div>block</div>",
        "[<script>x</script>](#cause-one)",
    ],
)
def test_prose_never_passes_html_through(md_tree, text):
    tree = md_tree(prose(text, resolve))

    assert tree.tags() <= {"p", "a"}
    assert "<" in visible(tree)


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "<scr<script>ipt>alert(1)</script>"])
def test_plain_text_never_produces_a_script_element(md_tree, text):
    assert "script" not in md_tree(plain_text(text)).tags()


@pytest.mark.parametrize(
    "text", ["# Heading", "## Heading", "###### Heading", "Title\n===", "Title\n---"]
)
def test_prose_headings_stay_text(md_tree, text):
    tree = md_tree(prose(text, resolve))

    assert not tree.tags() & {"h1", "h2", "h3", "h4", "h5", "h6"}
    assert "Heading" in visible(tree) or "Title" in visible(tree)


@pytest.mark.parametrize("text", ["![img](https://x/y.png)", "Look: ![img](#cause-one)"])
def test_prose_images_are_not_images(md_tree, text):
    tree = md_tree(prose(text, resolve))

    assert "img" not in tree.tags()


@pytest.mark.parametrize(
    "text",
    [
        "---",
        "***",
        "___",
        "-- --",
        pytest.param(
            "- - -",
        ),
    ],
)
def test_prose_rule_lines_are_not_rules(md_tree, text):
    tree = md_tree(prose(text, resolve))

    assert "hr" not in tree.tags()


@pytest.mark.parametrize(
    "text",
    [
        "a | b\n--|--\nc | d",
        "Text {#evil-id}",
        "Text {: .evil-class }",
        "`code`",
        "    indented code",
        "> quote",
        "[ref][1]\n\n[1]: https://example.org",
    ],
)
def test_prose_other_markdown_stays_text(md_tree, text):
    tree = md_tree(prose(text, resolve))

    assert tree.tags() == {"p"}
    assert tree.ids() == []
    assert all("class" not in el.attrs for el in tree.iter())
