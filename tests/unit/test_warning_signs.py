"""One clinical model: every view of a warning sign shows the level the sign itself has."""

from __future__ import annotations

import json
import re
import shutil

from generator.model.loading import load_content
from generator.pages.self_check_data import self_check_data
from generator.render import structured_data
from generator.render.renderer import PageRenderer
from support import ROOT, TODAY, ContentCopy

GET_HELP = "sample-topic/when-to-get-help.md"  # the warning table and the help cards
URGENT_CARD = """    - id: help-today
      level: urgent
      title: Get help today if
      signs: [help-gp-2-weeks]
"""


def messages(content: ContentCopy) -> list[str]:
    return [f"{problem.line}: {problem.field}: {problem.message}" for problem in content.problems()]


def with_self_check_and_faq_signs(content: ContentCopy) -> ContentCopy:
    content.replace("      related: [condition-one]\n", "      related: [condition-one]\n      signs: [help-gp-2-weeks]\n")
    return content.append_part("self_check")


def test_changing_a_sign_s_level_moves_it_in_every_view(content):
    with_self_check_and_faq_signs(content)
    before = content.markdown_pages()
    assert "See a GP: Book a GP appointment" in before[GET_HELP].split('id="warn-spread"')[1].split("</tr>")[0]

    # The sign's own level, and the card that lists it, are the only two edits.
    content.replace("  - id: help-gp-2-weeks\n    level: see-doctor\n", "  - id: help-gp-2-weeks\n    level: urgent\n")
    content.replace("""    - id: help-gp
      level: see-doctor
      title: See a GP if
      signs: [help-gp-2-weeks]
""", URGENT_CARD)
    loaded = content.load().topics[0]
    pages = content.markdown_pages()

    row = pages[GET_HELP].split('id="warn-spread"')[1].split("</tr>")[0]
    assert "Urgent: Get help today" in row and "See a GP" not in row
    assert "- [It lasts more than 2 weeks](when-to-get-help.md#help-gp-2-weeks) **Urgent: Get help today.**" in pages["sample-topic/faq.md"]
    card = pages[GET_HELP].split('aria-labelledby="help-today"')[1].split("</section>")[0]
    assert "It lasts more than 2 weeks" in card and "Urgent:" in card
    data = self_check_data(loaded.topic.triage, {})
    assert {"question": "help-gp-2-weeks", "answers": ["yes", "not-sure"], "outcome": "urgent"} in data["rules"]
    assert [q["level"] for q in data["questions"] if q["id"] == "help-gp-2-weeks"] == ["urgent"]


def test_a_card_that_states_another_level_is_refused_with_its_line(content):
    content.replace("      signs: [rf-face]\n", "      signs: [rf-face, help-gp-2-weeks]\n")

    found = messages(content)
    assert found[0] == (
        f"{content.line_of('signs: [rf-face, help-gp-2-weeks]')}: when_to_get_help.cards[1].signs[1]: sign 'help-gp-2-weeks' has level "
        f"'see-doctor' (signs, line {content.line_of('level: see-doctor')}) but is listed on the 'emergency' card of when_to_get_help"
    )


def test_a_sign_listed_at_the_wrong_level_on_a_help_card_is_refused(content):
    content.replace("  - id: help-gp-2-weeks\n    level: see-doctor\n", "  - id: help-gp-2-weeks\n    level: urgent\n")

    assert messages(content) == [
        f"{content.line_of('      signs: [help-gp-2-weeks]')}: when_to_get_help.cards[0].signs[0]: sign 'help-gp-2-weeks' "
        f"has level 'urgent' (signs, line {content.line_of('level: urgent')}) but is listed on the 'see-doctor' card of when_to_get_help"
    ]


def test_every_sign_must_be_on_a_card_at_its_level(content):
    content.replace("      signs: [rf-face]\n", "      signs: []\n")
    found = messages(content)
    assert f"{content.line_of('- id: rf-face')}: signs[0].id: sign 'rf-face' is on no card of when_to_get_help (add it to a card of level 'emergency')" in found


def test_a_sign_on_two_cards_is_refused(content):
    content.replace("      signs: [rf-face]\n", "      signs: [rf-face]\n    - id: help-emergency-again\n      level: emergency\n"
                    "      title: Call now\n      signs: [rf-face]\n")
    found = messages(content)
    assert f"{content.line_of('title: Call now') + 1}: when_to_get_help.cards[2].signs[0]: sign 'rf-face' is already on a card " \
        f"(line {content.line_of('      signs: [rf-face]')})" in found


def test_a_reason_to_get_help_cannot_be_a_plain_item_the_self_check_cannot_ask_about(content):
    content.replace("      signs: [help-gp-2-weeks]\n", "      items:\n        - {id: help-other, text: Something else}\n")
    found = messages(content)
    assert any("the see-doctor card lists signs (by id), not items" in message for message in found)
    assert any("sign 'help-gp-2-weeks' is on no card of when_to_get_help" in message for message in found)


def test_only_signs_can_be_listed_where_signs_belong(content):
    content.replace("signs: [help-gp-2-weeks]}", "signs: [cause-one]}")
    assert messages(content) == [
        f"{content.line_of('signs: [cause-one]')}: warning_signs.rows[0].signs[0]: 'cause-one' is not a warning sign: list ids from `signs` here"
    ]


def test_an_emergency_sign_must_be_sudden(content):
    content.replace("    level: emergency\n    onset: sudden\n", "    level: emergency\n    onset: gradual\n")
    assert any("an emergency sign must have onset 'sudden'" in message for message in messages(content))


def test_the_self_check_asks_every_sign_at_its_level_most_urgent_first(content):
    with_self_check_and_faq_signs(content)
    triage = content.load().topics[0].topic.triage
    assert [(group.id, [q.id for q in group.questions]) for group in triage.question_groups] == [
        ("sc-group-emergency", ["rf-face"]),
        ("sc-group-see-doctor", ["help-gp-2-weeks"]),
    ]
    assert [(rule.question, rule.outcome, rule.sources) for rule in triage.rules] == [
        ("rf-face", "emergency", ["ref-nhs"]),
        ("help-gp-2-weeks", "see-doctor", ["ref-nhs"]),
    ]


def test_a_near_miss_setting_name_is_a_located_mistake_and_other_braces_are_text(content):
    content.replace("title: Causes\n", "title: Causes {emergency_numbr} {sic}\n")
    assert messages(content) == [
        f"{content.line_of('title: Causes')}: causes.title: unknown setting {{emergency_numbr}} (did you mean {{emergency_number}}?)"
    ]


def test_the_real_site_shows_the_emergency_number_from_site_yaml_only(tmp_path):
    """Change the number in site.yaml: every page, the self-check data and the JSON-LD follow."""
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    site = root / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace('emergency_number: "999"', 'emergency_number: "112"'), encoding="utf-8")
    assert not any("999" in path.read_text(encoding="utf-8") for path in (root / "topics").glob("*.yaml")), (
        "topics write {emergency_number}, never the number itself"
    )

    content = load_content(root)
    pages = PageRenderer(content, today=TODAY).pages()
    for page in pages:
        assert not re.search(r"\b999\b", page.markdown), page.path
    everything = "\n".join(page.markdown for page in pages)
    assert "Call 112 now" in everything
    self_check_page = next(page.markdown for page in pages if page.path.endswith("self-check.md"))
    assert "Call 112 now" in self_check_page
    json_ld = json.dumps([structured_data.for_page(kind, content.topics[0].topic, content.site) for kind in ("MedicalWebPage", "FAQPage")])
    assert "112" in json_ld and not re.search(r"\b999\b", json_ld)


def test_a_sign_is_titled_by_its_words_in_links_and_copy_buttons(content):
    """A sign has a `question` mapping too: its title is its text, never the mapping."""
    assert content.load().topics[0].titles_by_id["rf-face"] == "Your face droops on one side"
