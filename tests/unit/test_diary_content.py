"""The diary part of a topic: validated like every other part, and rendered as its own page."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

from support import ROOT

# The fixture's diary part (tests/fixtures/parts/diary.yaml), appended to the sample topic.
DIARY = "\n" + (ROOT / "tests" / "fixtures" / "parts" / "diary.yaml").read_text(encoding="utf-8")


def with_diary(content, text=DIARY):
    content.topic_file.write_text(content.text + text, encoding="utf-8")
    return content


def test_a_topic_without_a_diary_has_no_diary_page(content):
    assert not any(path.endswith("/diary.md") for path in content.markdown_pages())


def test_the_diary_page_carries_the_yaml_choices_for_the_script(content):
    pages = with_diary(content).markdown_pages()
    page = pages["sample-topic/diary.md"]
    config = json.loads(unquote(re.search(r'data-config="([^"]*)"', page).group(1)))  # percent-encoded
    assert config["topic"] == "sample-topic"  # diary.js keys storage by topic and format version
    assert config["triggers"] == [{"id": "trigger-coffee", "label": "Coffee, tea & cola"}]
    assert config["patterns"] == ["spreading"]
    assert 'data-diary-warning="spreading"' in page and "What is causing it?" in page
    # Every choice is a labelled input whose id is the YAML id.
    tree = content.html_pages()["sample-topic/diary.md"]
    labels = {label.attrs["for"]: label.squashed_text for label in tree.find_all("label") if "for" in label.attrs}
    assert labels["loc-cheek"] == "Cheek" and labels["trigger-coffee"] == "Coffee, tea & cola"


def test_a_warning_pattern_pointing_nowhere_is_a_located_problem(content):
    with_diary(content, DIARY.replace("explained_by: [help-gp]", "explained_by: [help-nope]"))
    problem = next(p for p in content.problems() if "help-nope" in p.message)
    assert problem.line == content.line_of("explained_by: [help-nope]")
    assert problem.field == "diary.warning_patterns[0].explained_by[0]"
    assert "unknown id 'help-nope'" in problem.message


def test_each_pattern_may_appear_only_once(content):
    twice = DIARY.replace("  questions_to_ask:", "    - {id: diary-again, when: spreading, message: Again., explained_by: [help-gp]}\n  questions_to_ask:")
    problem = next(p for p in with_diary(content, twice).problems())
    assert problem.field == "diary" and problem.line == content.line_of("diary:")
    assert "each warning pattern ('when') may appear only once" in problem.message


def test_an_unknown_diary_field_is_named(content):
    with_diary(content, DIARY.replace("  intro: Note each twitch.", "  intro: Note each twitch.\n  colour: blue"))
    assert [str(p).split(": ", 1)[1] for p in content.problems()] == ["diary.colour: unknown field 'colour' (did you mean 'columns'?)"]
