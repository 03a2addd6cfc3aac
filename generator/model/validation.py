"""Turn pydantic's validation errors into located, readable problems."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from ..reading.problems import Problem
from ..reading.yaml_source import SourceDocument
from .common import Strict


def known_field_names() -> set[str]:
    """Every field name of every content model, for 'did you mean' suggestions."""
    names: set[str] = set()
    stack: list[type[BaseModel]] = list(Strict.__subclasses__())
    while stack:
        model = stack.pop()
        names.update(model.model_fields)
        stack.extend(model.__subclasses__())
    return names


def problems_from_validation(doc: SourceDocument, error: ValidationError) -> list[Problem]:
    problems = []
    vocabulary = known_field_names()
    for item in error.errors(include_url=False):
        loc = tuple(part for part in item["loc"] if not _is_union_branch(part))
        problems.append(doc.problem(loc, _message(item, loc, vocabulary)))
    return problems


def _is_union_branch(part: Any) -> bool:
    # pydantic adds the branch type name (e.g. 'str') to the path of union errors
    return isinstance(part, str) and part in {"str", "none", "is-instance[date]"}


def _message(item: dict[str, Any], loc: tuple[Any, ...], vocabulary: set[str]) -> str:
    kind = item["type"]
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else "?"
        guess = difflib.get_close_matches(name, sorted(vocabulary), n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        return f"unknown field '{name}'{hint}"
    if kind == "missing":
        return "required field is missing"
    if kind == "string_pattern_mismatch" and "#" in str(item.get("input")):
        return f"{item.get('input')!r} names an item of another topic; this field takes ids of this topic only"
    if kind == "string_pattern_mismatch" and loc and loc[-1] in ("id", "slug"):
        return f"invalid id {item.get('input')!r}: use lowercase letters, digits and single hyphens"
    message = item["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    value = item.get("input")
    if kind.startswith(("date", "string_type", "int", "bool", "list_type", "literal", "url", "dict")) and not isinstance(value, (dict, list)):
        message += f" (got {value!r})"
    return message
