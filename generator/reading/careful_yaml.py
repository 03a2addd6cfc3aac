"""The careful YAML parse: ruamel's round-trip parser, slow, but it knows the line and column
of every value and explains every mistake. yaml_source.py uses it for a file the fast loader
refuses and to locate a problem; a build without mistakes never imports it.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent
from ruamel.yaml.reader import ReaderError

from .fast_yaml import MAX_DEPTH, MAX_INT_DIGITS, int_digits, too_deep_at
from .problems import ContentError, Problem
from .yaml_problems import MAX_LISTED, TOO_DEEP, control_character_message, line_and_column

STANDARD_TAGS = {
    None,
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}
INT_TAG = "tag:yaml.org,2002:int"


class _DatesAsText(RoundTripConstructor):
    """Leave dates as text: pydantic parses them, so an impossible date is a located problem."""


_DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", lambda self, node: self.construct_scalar(node))


def position(tree: Any, loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
    """Line and column (1-based) of the deepest existing node on the path `loc` in `tree`."""
    node = tree
    line = col = None
    for key in loc:
        if isinstance(node, CommentedMap) and key in node:
            line, col = node.lc.key(key)
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line, col = node.lc.item(key)
            node = node[key]
        else:
            break
    if line is None and hasattr(tree, "lc"):
        line, col = tree.lc.line, tree.lc.col
    return (line + 1 if line is not None else None, col + 1 if col is not None else None)


def careful_tree(path: Path, text: str) -> CommentedMap:
    """ruamel's round-trip parse: slow, but knows every line and explains every mistake."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _DatesAsText
    deep = too_deep_at(text)  # fast; _refuse_unsafe_events finds it too, slowly, without libyaml
    if deep is not None:
        raise ContentError([Problem(path, TOO_DEEP, line=deep[0] + 1, column=deep[1] + 1)])
    _refuse_unsafe_events(yaml, path, text)
    try:
        tree = yaml.load(text)
    except YAMLError as err:
        raise ContentError([_yaml_problem(path, text, err)]) from None
    if not isinstance(tree, CommentedMap):
        raise ContentError([Problem(path, "the file must contain a mapping of fields (key: value)", line=1)])
    return tree


def _refuse_unsafe_events(yaml: YAML, path: Path, text: str) -> None:
    """Scan the event stream first: aliases (billion-laughs), custom tags, over-deep nesting and
    over-long numbers never get built."""
    problems: list[Problem] = []
    depth = 0
    try:
        for event in yaml.parse(text):
            mark = event.start_mark
            where = {"line": mark.line + 1, "column": mark.column + 1}
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:  # stop here: building (or even parsing) on is what is slow
                    raise ContentError([Problem(path, TOO_DEEP, **where)])
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            if isinstance(event, AliasEvent):
                problems.append(Problem(path, "YAML aliases (*name) are not allowed in content; write the value out", **where))
            elif isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.tag not in STANDARD_TAGS:
                problems.append(Problem(path, f"YAML tag {event.tag!r} is not allowed in content", **where))
            elif isinstance(event, ScalarEvent) and (event.tag == INT_TAG or (event.tag is None and not event.style)):
                digits = int_digits(event.value) or 0
                if digits > MAX_INT_DIGITS:
                    message = f"number with {digits:,} digits is too long (the limit is {MAX_INT_DIGITS}); put it in quotes if it is text"
                    problems.append(Problem(path, message, **where))
            if len(problems) >= MAX_LISTED:
                break
    except YAMLError as err:
        raise ContentError([_yaml_problem(path, text, err)]) from None
    if problems:
        raise ContentError(problems)


def _yaml_problem(path: Path, text: str, err: YAMLError) -> Problem:
    """Any error of ruamel's as a located problem (never its own text, which names no file)."""
    if isinstance(err, ReaderError) and isinstance(err.character, int):
        line, column = line_and_column(text, err.position)
        return Problem(path, control_character_message(err.character), line=line, column=column)
    if not isinstance(err, MarkedYAMLError):
        return Problem(path, f"YAML error: {err}")
    mark = err.problem_mark or err.context_mark
    summary = " ".join(part for part in (err.context, err.problem) if part)
    context = err.context_mark
    if context is not None and mark is not None and context.line != mark.line:
        summary += f" (it started on line {context.line + 1}, column {context.column + 1})"
    return Problem(
        path,
        f"YAML syntax error: {summary}",
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )


def plain(node: Any) -> Any:
    """ruamel's round-trip types -> plain dicts, lists and scalars for validation."""
    if isinstance(node, TaggedScalar):  # e.g. `!!str 999`
        return str(node.value)
    if isinstance(node, dict):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(value) for value in node]
    if isinstance(node, datetime):
        return node
    if isinstance(node, date):
        return date(node.year, node.month, node.day)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node
