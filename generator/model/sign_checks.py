"""Every view of a warning sign agrees with the sign: checked on the raw content, with locations.

Signs are written once (topic `signs`); cards, table rows and FAQ answers list them by id. A
card is a hand-written statement of a level ("these need an ambulance"), so the build refuses a
card that lists a sign at another level than the sign's own, and a guide that leaves a sign off
its cards (a reader of the guide would never learn of it, though the self-check asks about it):
every sign is on exactly one "when to get help" card of its level (the emergency cards are also
the guide's first page's red_flags).
"""

from __future__ import annotations

from typing import Any

from ..reading.problems import Problem
from ..reading.yaml_source import SourceDocument

SIGN_LEVELS = ("emergency", "urgent", "see-doctor")


def check_signs(doc: SourceDocument, data: Any, shared: dict | None = None) -> list[Problem]:
    """`shared`: the shared signs put into `data` (model/shared_signs.py), by id: a problem
    about one is placed at the topic's `shared_signs` entry and names shared-signs.yaml's line."""
    shared = shared or {}
    if not isinstance(data, dict) or not isinstance(data.get("signs"), list):
        return []  # the model reports a missing or malformed `signs`
    signs = {
        sign["id"]: (sign.get("level"), ("signs", index))
        for index, sign in enumerate(data["signs"])
        if isinstance(sign, dict) and isinstance(sign.get("id"), str)
    }
    problems: list[Problem] = []

    def sign_at(reference: Any, loc: tuple) -> str | None:
        """The level of the sign `reference` names, or None (reported) when it is not a sign."""
        if not isinstance(reference, str) or reference not in signs:
            if isinstance(reference, str) and _is_other_item(data, reference):
                problems.append(doc.problem(loc, f"'{reference}' is not a warning sign: list ids from `signs` here"))
            return None  # unknown ids are reported by the reference check, with a suggestion
        return signs[reference][0]

    def disagree(reference: str, level: str, loc: tuple, card: str) -> None:
        if reference in shared:
            where = shared[reference].written_at
        else:
            where = f"signs, line {doc.locate(signs[reference][1] + ('level',))[0]}"
        problems.append(doc.problem(loc, f"sign '{reference}' has level '{level}' ({where}) but is listed on the {card}"))

    on_cards: dict[str, tuple] = {}
    cards = _list(_dict(data.get("when_to_get_help")).get("cards"))
    for card_index, card in enumerate(cards):
        card = _dict(card)
        for index, reference in enumerate(_list(card.get("signs"))):
            loc = ("when_to_get_help", "cards", card_index, "signs", index)
            level = sign_at(reference, loc)
            if level is None:
                continue
            if level != card.get("level"):
                disagree(reference, level, loc, f"'{card.get('level')}' card of when_to_get_help")
            if reference in on_cards:
                line, _ = doc.locate(on_cards[reference])
                problems.append(doc.problem(loc, f"sign '{reference}' is already on a card (line {line})"))
            on_cards[reference] = loc
    if cards:
        for sign_id, (level, loc) in signs.items():
            if sign_id not in on_cards:
                at = shared[sign_id].loc if sign_id in shared else loc + ("id",)
                problems.append(doc.problem(at, f"sign '{sign_id}' is on no card of when_to_get_help (add it to a card of level '{level}')"))

    rows = _list(_dict(data.get("warning_signs")).get("rows"))
    for row_index, row in enumerate(rows):
        for index, reference in enumerate(_list(_dict(row).get("signs"))):
            sign_at(reference, ("warning_signs", "rows", row_index, "signs", index))
    for faq_index, entry in enumerate(_list(_dict(data.get("faq")).get("items"))):
        for index, reference in enumerate(_list(_dict(entry).get("signs"))):
            sign_at(reference, ("faq", "items", faq_index, "signs", index))

    self_check = _dict(data.get("self_check"))
    if self_check:
        defined = {_dict(outcome).get("level") for outcome in _list(self_check.get("outcomes"))}
        for level in SIGN_LEVELS:
            if level not in defined and any(sign_level == level for sign_level, _ in signs.values()):
                problems.append(doc.problem(("self_check", "outcomes"), f"no outcome for level '{level}', which signs use"))
    return problems


def _is_other_item(data: Any, item_id: str) -> bool:
    from .items import walk_ids

    return any(found == item_id for found, _ in walk_ids(data))


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []
