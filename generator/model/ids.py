"""Ids and cross-references within one topic: ids unique and not reserved, every reference known."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from ..reading.problems import Problem
from ..reading.yaml_source import SourceDocument
from .items import walk_ids
from .references import is_cross_topic, links_in

# Anchors the page templates use themselves; an item may not take them.
RESERVED_IDS = {"questions-and-answers", "related-topics"}


def check_ids(doc: SourceDocument, data: Any) -> list[Problem]:
    problems, first_seen = [], {}
    for item_id, loc in walk_ids(data):
        if item_id in RESERVED_IDS:
            problems.append(doc.problem(loc, f"id '{item_id}' is reserved by the page layout; choose another"))
        elif item_id in first_seen:
            line, _ = doc.locate(first_seen[item_id])
            problems.append(doc.problem(loc, f"duplicate id '{item_id}' (first used on line {line})"))
        else:
            first_seen[item_id] = loc
    return problems


def check_references(
    doc: SourceDocument, data: Any, model: type[BaseModel], hints: dict[str, Callable[[], str] | None] | None = None
) -> list[Problem]:
    """Every value of an `ItemRef` field of `model` (see_also, sources, signs...) and every
    [text](#id) link in raw `data` must name an existing id (model/references.py finds them).
    Links to another topic's item wait until every topic is loaded (topic_links.py).
    `hints`: what to say of an unknown id that names something outside the topic (a shared
    sign; said when needed: it may cost a slow parse), or None for one already reported (so one
    typo is one problem)."""
    hints = hints or {}
    known = {item_id for item_id, _ in walk_ids(data)}
    problems = []
    for target, loc in links_in(model, data):
        if target in known or is_cross_topic(target):
            continue
        if target not in hints:
            problems.append(doc.problem(loc, f"links to unknown id '{target}'{_suggest(target, known)}"))
        elif hints[target] is not None:
            problems.append(doc.problem(loc, hints[target]()))
    return problems


def _suggest(target: str, known: set[str]) -> str:
    guess = difflib.get_close_matches(target, sorted(known), n=1)
    return f" (did you mean '{guess[0]}'?)" if guess else ""
