"""Rendered pages, converted to HTML as MkDocs would: anchors, accessibility and escaping across
a page's components (each component's own tests are in its folder, generator/components/<name>/)."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from generator.reading.problems import ContentError
from support import CAUSES, CONDITIONS, FAQ, GET_HELP, GUIDE, SOURCES, SPECIAL_TEXT, TREATMENT

# Where each top-level part of a topic is shown; parts not listed are on the guide's first page.
PAGE_OF_PART = {
    "faq": FAQ, "warning_signs": GET_HELP, "when_to_get_help": GET_HELP, "causes": CAUSES, "conditions": CONDITIONS,
    "appointment": TREATMENT, "treatments": TREATMENT, "story": TREATMENT, "closing": SOURCES, "references": SOURCES,
}


def yaml_ids(node, part=None):
    """(id, top-level part) for every `id:` in the topic YAML, found without the generator."""
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node["id"], part
        for key, value in node.items():
            yield from yaml_ids(value, part or key)
    elif isinstance(node, list):
        for value in node:
            yield from yaml_ids(value, part)


def test_every_yaml_id_is_an_anchor_on_its_page(content):
    pages = content.html_pages()
    data = YAML(typ="safe").load(content.text)
    ids = list(yaml_ids(data))
    assert len(ids) > 20
    levels = {sign["id"]: sign["level"] for sign in data["signs"]}

    for item_id, part in ids:
        if part == "signs":  # anchored on the card of its level
            page = GUIDE if levels[item_id] == "emergency" else GET_HELP
        else:
            page = PAGE_OF_PART.get(part, GUIDE)
        assert pages[page].ids().count(item_id) == 1, f"{item_id} not on {page}"
        others = [path for path, html in pages.items() if path != page and item_id in html.ids()]
        assert others == [], f"{item_id} also on {others}"


@pytest.mark.parametrize("path", [GUIDE, FAQ])
def test_page_ids_are_unique(content, path):
    ids = content.html_pages()[path].ids()

    assert len(ids) == len(set(ids))


def test_item_id_cannot_collide_with_a_template_anchor(content):
    content.replace("{id: sub-one,", "{id: questions-and-answers,")

    try:
        pages = content.html_pages()
    except ContentError as err:  # refusing the id at load time is a fine fix too
        assert "questions-and-answers" in err.report()
        return
    ids = pages[GUIDE].ids()
    assert len(ids) == len(set(ids)), "duplicate id on the guide page"


# --- review status ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("review", "message", "where"),
    [
        ("{status: approved, reviewer: Dr A Smith}", "an approved review needs the reviewer's role (reviewer_role) and the date (reviewed_on)", "clinical_review:"),
        ("{status: not-reviewed, reviewed_on: 2026-02-01}", "a page that is not reviewed names no reviewer and no review date", "clinical_review:"),
        ("{status: approved, reviewer_role: GP, reviewed_on: 2025-12-01}", "the review was of an earlier version", "review:"),
    ],
)
def test_a_review_status_that_cannot_be_true_is_refused(content, review, message, where):
    content.replace("{status: not-reviewed}", review)
    [problem] = content.problems()
    assert message in problem.message and problem.line == content.line_of(where)


# --- optional parts and escaping -------------------------------------------------------------


def test_optional_parts_leave_no_template_artefacts(content):
    def drop_optional(data):
        del data["overview"]["subsections"]
        del data["conditions"]["items"][0]["see_also"]
        del data["treatments"]["items"][0]["used_for"]
        del data["faq"]["items"][0]["related"]
        del data["references"]["items"][0]["url"]
        assert "intro" not in data["causes"] and "takeaway" not in data["story"]

    content.edit_yaml(drop_optional)
    markdown_pages = content.markdown_pages()
    html_pages = content.html_pages()

    for path in (GUIDE, GET_HELP, CAUSES, CONDITIONS, TREATMENT, SOURCES, FAQ):
        assert "{{" not in markdown_pages[path] and "{%" not in markdown_pages[path]
        text = html_pages[path].squashed_text
        for artefact in (
            "None",
            "{#",
            "{:",
            "See also:",
            "Used for:",
            "Read more:",
            "The point:",
            "Who needs it",
        ):
            assert artefact not in text, f"{artefact!r} on {path}"
    reference = html_pages[SOURCES].by_id("ref-nhs")
    assert reference.squashed_text == "NHS. Twitching."
    assert reference.find("em").text == "Twitching"
    assert reference.find_all("a") == []


def test_guide_links_are_all_links(content):
    text = content.html_pages()[GUIDE].squashed_text

    assert "](" not in text


def test_faq_links_are_all_links(content):
    faq = content.html_pages()[FAQ]

    assert "](" not in faq.squashed_text
    assert any(a.attrs.get("href") == "index.md#red-flags" for a in faq.find_all("a"))


@pytest.mark.parametrize("text", SPECIAL_TEXT)
def test_plain_fields_show_special_characters_as_written(content, text):
    def set_fields(data):
        data["title"] = text
        data["faq"]["items"][0]["question"] = text
        data["warning_signs"]["rows"][0]["get_checked"] = text
        data["checklist"]["do"][0]["text"] = text
        data["signs"][0]["text"] = text
        data["causes"]["items"][0]["name"] = text
        data["steps"]["items"][0]["title"] = text

    content.edit_yaml(set_fields)
    pages = content.html_pages()
    guide, faq, causes = pages[GUIDE], pages[FAQ], pages[CAUSES]

    shown = {
        "title": guide.find("h1").text,
        "question": faq.by_id("faq-one").text,
        "table cell": pages[GET_HELP].by_id("warn-spread").find_all("td")[1].children[0].strip(),
        "checklist item": guide.by_id("do-sleep").text,
        "list item": guide.by_id("rf-face").text,
        "heading": causes.by_id("cause-one").text,
        "step": guide.by_id("step-track").text,
    }
    assert shown == {**dict.fromkeys(shown, text), "step": f"Step 1: {text}"}
    link_texts = [a.text for page in (guide, pages[CONDITIONS], pages[TREATMENT]) for a in page.find_all("a", href="causes.md#cause-one")]
    assert link_texts == ["the cause", text, text]  # prose link, then "See also" and "Used for"
    for page in pages.values():
        assert "script" not in page.tags() and "i" not in page.tags()


def test_a_topic_without_pictures_has_none(content):
    assert content.html_pages()[GUIDE].find_all("figure") == []
