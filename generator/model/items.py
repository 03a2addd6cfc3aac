"""Walk raw content data for its items: every mapping with a string `id`, with its path."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def walk_items(node: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[dict, tuple[Any, ...]]]:
    """Every item (a mapping with a string `id`) in raw content data and its path, in document order."""
    found: list[tuple[dict, tuple[Any, ...]]] = []
    _collect_items(node, loc, found)
    return iter(found)


def _collect_items(node: Any, loc: tuple[Any, ...], found: list) -> None:
    # Appending to one list, not nested generators: a topic is walked several times while it
    # loads, and resuming a generator at every level of the tree was most of the walk's cost.
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            found.append((node, loc))
        for key, value in node.items():
            if isinstance(value, (dict, list)):
                _collect_items(value, loc + (key,), found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, (dict, list)):
                _collect_items(value, loc + (index,), found)


def walk_ids(node: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Every (id, path of the id field) pair in raw content data, in document order."""
    for item, path in walk_items(node, loc):
        yield item["id"], path + ("id",)
