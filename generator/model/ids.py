"""Ids and cross-references within one topic: ids unique and not reserved, every reference known."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from ..reading.problems import Problem
from ..reading.yaml_source import SourceDocument
from .items import walk_ids

REFERENCE_LISTS = ("see_also", "used_for", "related", "explained_by", "sources", "signs")
PROSE_LINK = re.compile(r"\]\(#([^)\s]*)\)")
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


def check_references(doc: SourceDocument, data: Any) -> list[Problem]:
    """Every see_also/used_for/related entry and every [text](#id) link must name an existing id."""
    known = {item_id for item_id, _ in walk_ids(data)}
    problems = []
    for target, loc in _references(data):
        if target not in known:
            problems.append(doc.problem(loc, f"links to unknown id '{target}'{_suggest(target, known)}"))
    return problems


def _suggest(target: str, known: set[str]) -> str:
    guess = difflib.get_close_matches(target, sorted(known), n=1)
    return f" (did you mean '{guess[0]}'?)" if guess else ""


def _references(node: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[str, tuple[Any, ...]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in REFERENCE_LISTS and isinstance(value, list):
                for index, target in enumerate(value):
                    if isinstance(target, str):
                        yield target, loc + (key, index)
                    else:  # the topic's own `signs` list holds items, not references
                        yield from _references(target, loc + (key, index))
            else:
                yield from _references(value, loc + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _references(value, loc + (index,))
    elif isinstance(node, str):
        for match in PROSE_LINK.finditer(node):
            yield match.group(1), loc
