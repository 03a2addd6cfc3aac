"""Walk raw content data for its items: every mapping with a string `id`, with its path."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def walk_items(node: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[dict, tuple[Any, ...]]]:
    """Every item (a mapping with a string `id`) in raw content data and its path, in document order."""
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node, loc
        for key, value in node.items():
            yield from walk_items(value, loc + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk_items(value, loc + (index,))


def walk_ids(node: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Every (id, path of the id field) pair in raw content data, in document order."""
    for item, path in walk_items(node, loc):
        yield item["id"], path + ("id",)
