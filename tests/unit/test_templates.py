"""Rendered pages, converted to HTML as MkDocs would: anchors, accessibility and escaping."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from generator.reading.problems import ContentError

GUIDE, FAQ = "sample-topic/index.md", "sample-topic/faq.md"
GET_HELP, CAUSES, CONDITIONS = "sample-topic/when-to-get-help.md", "sample-topic/causes.md", "sample-topic/conditions.md"
TREATMENT, SOURCES = "sample-topic/tests-and-treatment.md", "sample-topic/sources.md"
# Where each top-level part of a topic is shown; parts not listed are on the guide's first page.
PAGE_OF_PART = {
    "faq": FAQ, "warning_signs": GET_HELP, "when_to_get_help": GET_HELP, "causes": CAUSES, "conditions": CONDITIONS,
    "appointment": TREATMENT, "treatments": TREATMENT, "story": TREATMENT, "closing": SOURCES, "references": SOURCES,
}
SELF_CHECK_PAGE, DIARY_PAGE = "sample-topic/self-check.md", "sample-topic/diary.md"


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


# --- warning table ---------------------------------------------------------------------------


def test_warning_table_cell_with_a_pipe_keeps_three_columns(content):
    content.replace("usually_harmless: One eyelid", 'usually_harmless: "a | b"')

    table = content.html_pages()[GET_HELP].find("table")

    rows = table.find_all("tr")
    assert [len([c for c in row.iter() if c.tag in ("th", "td")]) for row in rows] == [3, 3]
    level = "See a GP: Book a GP appointment"  # the row's sign's level, linked to the sign
    assert [c.text for c in table.by_id("warn-spread").iter()] == ["Spread", "a | b", f"Spreads {level}", level]


def test_warning_table_is_accessible(content):
    table = content.html_pages()[GET_HELP].find("table", class_="warning-table")

    assert table.find("caption").text == "Harmless twitching compared with signs to get checked"
    headers = table.find("thead").find_all("th")
    assert [(th.attrs.get("scope"), th.text) for th in headers] == [
        ("col", "What to notice"),
        ("col", "Usually harmless"),
        ("col", "See a doctor"),
    ]
    row_header = table.by_id("warn-spread").find("th")
    assert (row_header.attrs.get("scope"), row_header.text) == ("row", "Spread")


# --- care cards, FAQ, notices ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "card_id", "heading_tag", "level_words"),
    [
        (GUIDE, "red-flags", "h2", "Emergency: Call 999 now"),
        (GET_HELP, "help-gp", "h3", "See a GP: Book a GP appointment"),
    ],
)
def test_care_card_is_a_labelled_region_stating_its_level(
    content, path, card_id, heading_tag, level_words
):
    page = content.html_pages()[path]

    card = page.find("section", aria_labelledby=card_id)
    heading = card.by_id(card_id)
    assert heading.tag == heading_tag
    assert card.find("p", class_="care-card__level").squashed_text == level_words


def test_red_flag_card_lists_its_items_and_reminder(content):
    card = content.html_pages()[GUIDE].find("section", aria_labelledby="red-flags")

    assert card.by_id("rf-face").tag == "li"
    assert card.by_id("rf-face").text == "Your face droops on one side"
    assert "Call even if it goes away." in card.squashed_text


def test_faq_questions_are_h3_with_their_ids(content):
    faq = content.html_pages()[FAQ]

    question = faq.by_id("faq-one")
    assert (question.tag, question.text) == ("h3", "Is it serious?")
    assert faq.by_id("faq").tag == "h2"


@pytest.mark.parametrize("path", [GUIDE, FAQ])
def test_unreviewed_page_says_so(content, path):
    page = content.html_pages()[path]

    assert "Written on 1 January 2026. Not yet reviewed by a clinician." in page.squashed_text
    assert "reviewed:" not in page.squashed_text.lower()  # no "Last reviewed" or "Page last reviewed"


@pytest.mark.parametrize("path", [GUIDE, FAQ, SELF_CHECK_PAGE, DIARY_PAGE])
def test_approved_page_shows_its_review_near_the_top(content, path):
    content.replace(
        "{status: not-reviewed}", "{status: approved, reviewer_role: Consultant neurologist, reviewed_on: 2026-02-10}"
    )
    content.append_part("self_check").append_part("diary")

    page = content.html_pages()[path]

    notice = page.find("div", class_="review-notice review-notice--approved")
    assert notice.squashed_text == (
        "Page last reviewed: 10 February 2026, by a clinician (Consultant neurologist). Next review due: 1 January 2027."
    )
    assert "Not yet reviewed" not in page.squashed_text
    # The contents list comes first on every page; "near the top" is measured without it.
    text = page.squashed_text.replace(page.find("nav", class_="topic-menu").squashed_text, "", 1)
    assert text.index("Page last reviewed") < len(text) // 3, "the review status belongs near the top"


@pytest.mark.parametrize("path", [SELF_CHECK_PAGE, DIARY_PAGE])
def test_self_check_and_diary_carry_the_review_status_at_the_top(content, path):
    content.append_part("self_check").append_part("diary")
    text = content.html_pages()[path].squashed_text
    assert text.index("Not yet reviewed by a clinician.") < len(text) // 3


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


@pytest.mark.parametrize("path", [GUIDE, FAQ])
def test_review_dates_are_shown_in_words(content, path):
    content.replace("written_on: 2026-01-01", "written_on: 2026-03-09")

    page = content.html_pages()[path]

    text = page.find("div", class_="review-dates").squashed_text
    assert text == "Written on: 9 March 2026. Not yet reviewed by a clinician. Next planned review: 1 January 2027"
    assert [t.attrs["datetime"] for t in page.find_all("time")] == ["2026-03-09", "2027-01-01"] * 2  # top and end


def test_story_is_marked_illustrative(content):
    content.replace(
        "body: Imagine someone with a twitch.", "body: Imagine someone.\n  takeaway: Most settle."
    )

    story = content.html_pages()[TREATMENT].find("aside")

    assert story.attrs.get("aria-label") == "Illustrative example"
    assert story.squashed_text.startswith("Illustrative example: this is not a real patient.")
    assert "The point: Most settle." in story.squashed_text


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


SPECIAL_TEXT = [
    "a | b <i>c</i> & *d* _e_ `f` [g] {h} \\ #i",
    "- starts like a list item",
    "1. starts like a numbered item",
    "# starts like a heading",
    "<script>alert(1)</script>",
]


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


@pytest.mark.parametrize("text", SPECIAL_TEXT[0:1] + SPECIAL_TEXT[4:])
def test_pictures_show_their_words_as_written(content, text):
    def add_pictures(data):
        data["red_flags"]["picture"] = {"title": text, "letters": [{"letter": "<", "word": "<i>d</i>&", "meaning": text} for _ in range(3)]}
        data["overview"]["picture"] = {"title": text, "places": [{"part": "cheek", "label": text}]}

    content.edit_yaml(add_pictures)
    guide = content.html_pages()[GUIDE]
    fast, face = guide.find("figure", **{"class": "site-picture fast-picture"}), guide.find("figure", **{"class": "site-picture face-picture"})
    assert [t.text for t in fast.find_all("text")] == ["<", "<i>d</i>&"] * 3
    assert fast.find("desc").text == " ".join([text] * 3) and fast.find("figcaption").text == text
    assert face.find("li").text == text and face.find("p").text == text
    assert "script" not in guide.tags() and "i" not in guide.tags()


def test_a_topic_without_pictures_has_none(content):
    assert content.html_pages()[GUIDE].find_all("figure") == []
