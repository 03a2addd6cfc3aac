"""Renamed anchors: `previous_ids` on an item keeps its old links working.

Two jobs: check an author's `previous_ids` and `moved_from` (an old id may not also be a
current id, nor be claimed by two items), and give the old id -> new id map the browser
uses to forward an old `#id` to the renamed item.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..reading.problems import Problem
from ..reading.yaml_source import SourceDocument
from .items import walk_ids, walk_items


def renamed_items(node: Any) -> Iterator[tuple[str, list, tuple[Any, ...]]]:
    """Every (current id, previous ids, path) of items that list `previous_ids`, in document order."""
    for item, loc in walk_items(node):
        previous = item.get("previous_ids")
        if isinstance(previous, list) and previous:
            yield item["id"], previous, loc


def check_previous_ids(doc: SourceDocument, data: Any) -> list[Problem]:
    """An old id must be free (else the old link would land on another item) and claimed once."""
    current = {item_id for item_id, _ in walk_ids(data)}
    problems, claimed = [], {}
    for item_id, previous, loc in renamed_items(data):
        for index, old in enumerate(previous):
            where = loc + ("previous_ids", index)
            if not isinstance(old, str):
                continue  # the model reports the wrong type
            if old == item_id or old in current:
                problems.append(doc.problem(where, f"previous id '{old}' is a current id in this topic; an old link must lead to one item only"))
            elif old in claimed:
                problems.append(doc.problem(where, f"previous id '{old}' is already listed by item '{claimed[old]}'"))
            else:
                claimed[old] = item_id
    if isinstance(data, dict) and isinstance(data.get("moved_from"), list):
        for index, old_slug in enumerate(data["moved_from"]):
            if old_slug == data.get("slug"):
                problems.append(doc.problem(("moved_from", index), f"'{old_slug}' is the topic's current slug; list only slugs it had before"))
    return problems


def moved_ids(topic_data: Any) -> dict[str, str]:
    """Old id -> current id for one topic (validated data, e.g. `topic.model_dump()`)."""
    return {old: item_id for item_id, previous, _ in renamed_items(topic_data) for old in previous}
