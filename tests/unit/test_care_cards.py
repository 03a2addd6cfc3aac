"""Care cards follow the NHS pattern: one call to action each, at most 5 bullets, the most likely
card first; a level may have several cards. Broken rules are located problems."""

from __future__ import annotations

from support import GET_HELP, ContentCopy


def sign(sign_id: str, level: str = "see-doctor") -> str:
    onset = "sudden" if level == "emergency" else "gradual"
    return (
        f"  - id: {sign_id}\n    level: {level}\n    onset: {onset}\n    text: Sign {sign_id}\n"
        f"    question: {{text: Do you have {sign_id}?, you_said: You have {sign_id}.}}\n"
        "    explained_by: [warning-signs]\n    sources: [ref-nhs]\n"
    )


def with_signs(content: ContentCopy, count: int, level: str = "see-doctor") -> list[str]:
    """`count` more signs of `level`, defined but on no card yet."""
    ids = [f"extra-{level}-{number}" for number in range(count)]
    content.replace("signs:\n  - id: rf-face\n", "signs:\n" + "".join(sign(i, level) for i in ids) + "  - id: rf-face\n")
    return ids


def messages(content: ContentCopy) -> list[str]:
    return [f"{problem.file.name}:{problem.line}: {problem.field}: {problem.message}" for problem in content.problems()]


def test_a_card_with_more_than_5_signs_is_a_located_problem(content):
    ids = with_signs(content, 5)
    content.replace("      signs: [help-gp-2-weeks]\n", f"      signs: [help-gp-2-weeks, {', '.join(ids)}]\n")
    assert messages(content) == [
        f"sample.yaml:{content.line_of('      signs: [help-gp-2-weeks, ')}: when_to_get_help.cards[0].signs: a care card lists at most 5 "
        "bullets (found 6): put the rest on another card of the same level, with its own title"
    ]


def test_the_same_signs_on_two_cards_of_one_level_are_accepted_and_shown_in_order(content):
    ids = with_signs(content, 5)
    content.replace(
        "      signs: [help-gp-2-weeks]\n",
        f"      signs: [help-gp-2-weeks, {', '.join(ids[:4])}]\n    - id: help-gp-more\n      level: see-doctor\n"
        f"      title: See a GP about these too\n      signs: [{ids[4]}]\n",
    )
    page = content.html_pages()[GET_HELP]
    cards = page.find_all("section", **{"class": "care-card care-card--see-doctor"})
    assert [card.attrs["aria-labelledby"] for card in cards] == ["help-gp", "help-gp-more"]
    assert [len(card.find_all("li")) for card in cards] == [5, 1]


def test_a_self_care_card_with_more_than_5_items_is_a_located_problem(content):
    items = "".join(f"        - {{id: self-care-{n}, text: Item {n}}}\n" for n in range(6))
    content.replace("  cards:\n", f"  cards:\n    - id: help-self\n      level: self-care\n      title: Look after yourself if\n      items:\n{items}")
    assert messages(content) == [
        f"sample.yaml:{content.line_of('      items:')}: when_to_get_help.cards[0].items: a care card lists at most 5 bullets "
        "(found 6): put the rest on another card of the same level, with its own title"
    ]


def test_cards_go_from_the_most_likely_to_the_most_urgent(content):
    content.replace("  cards:\n", "  cards:\n    - id: help-emergency-first\n      level: emergency\n      title: Call now if\n      signs: [rf-face]\n")
    content.replace("    - id: help-emergency\n      level: emergency\n      title: Call {emergency_number} if your face droops\n      signs: [rf-face]\n", "")
    found = messages(content)
    assert f"sample.yaml:{content.line_of('when_to_get_help:')}: when_to_get_help: card 'help-gp' (see-doctor) comes after " \
        "'help-emergency-first' (emergency): order the cards most likely first: self-care, see-doctor, urgent, emergency" in found


def test_a_guide_without_an_emergency_card_is_refused(content):
    content.replace("    - id: help-emergency\n      level: emergency\n      title: Call {emergency_number} if your face droops\n      signs: [rf-face]\n", "")
    found = messages(content)
    assert f"sample.yaml:{content.line_of('when_to_get_help:')}: when_to_get_help: no emergency card: the guide's first page shows " \
        "the emergency cards (red_flags)" in found
