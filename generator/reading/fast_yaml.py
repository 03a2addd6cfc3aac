"""A fast first try at reading a content file, with libyaml (C) instead of ruamel's pure Python.

ruamel's round-trip loader keeps line numbers for error messages but takes ~0.2 s for a topic,
which dominated the build at hundreds of topics. Line numbers are only needed when something
is wrong, so a file is first read here; anything unusual (aliases, custom tags, duplicate keys,
a syntax error, libyaml missing) returns None and the caller falls back to the careful loader,
which produces the located messages. The data built here follows YAML 1.2 (like ruamel):
`yes`/`no` stay text and dates stay text for pydantic to parse.

libyaml also finds over-deep nesting for the careful loader (`too_deep_at`): ruamel's scanner
takes about half a second just to reach the limit in a line of thousands of `[`.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

# Limits no content comes near, so that a mistake or a hostile file is refused quickly:
MAX_DEPTH = 50  # nested mappings and lists (a topic uses about 7); deeper recursion is slow and crashes
MAX_INT_DIGITS = 100  # Python refuses to convert a decimal number of over 4,300 digits
_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"
_IMPLICIT = {_TAG + name for name in ("int", "float", "bool", "null", "timestamp")}
# YAML 1.2 rules for plain scalars, as ruamel resolves them; libyaml resolves by YAML 1.1 rules,
# so every plain scalar is resolved again here.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9_]+$|^0o[0-7_]+$|^0x[0-9a-fA-F_]+$")
# Any integer either loader would convert (ruamel also reads 0b and signed 0o/0x), and its prefix.
_ANY_INT = re.compile(r"^[-+]?(?:0b[01_]+|0o?[0-7_]+|[0-9_]+|0x[0-9a-fA-F_]+)$")
_INT_PREFIX = re.compile(r"^[-+]?(?:0[box])?|_")
_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?$|^[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$")


# `!` where a tag could start: after a line start, a space or a flow indicator.
_MAYBE_TAG = re.compile(r"(?:^|[\s\[{,])!", re.M)


class _Unusual(Exception):
    """Something the careful loader must look at (and describe, with its line)."""


def int_digits(value: str) -> int | None:
    """How many digits the integer written as `value` has; None when it is not an integer."""
    return len(_INT_PREFIX.sub("", value)) if _ANY_INT.match(value) else None


def fast_load(text: str) -> Any | None:
    """Plain dicts, lists and scalars, or None when the careful loader must take over."""
    loader_class = getattr(yaml, "CSafeLoader", None)
    if loader_class is None or _MAYBE_TAG.search(text):
        return None  # an explicit tag (`!!str 999`) means what ruamel says it means
    try:
        node = yaml.compose(text, Loader=loader_class)
        return _plain(node, set(), 0)
    except (yaml.YAMLError, _Unusual, RecursionError):
        return None


def too_deep_at(text: str) -> tuple[int, int] | None:
    """Line and column (0-based) where nesting first goes past MAX_DEPTH, found by libyaml;
    None when it does not, or when libyaml cannot tell (missing, or a syntax error first)."""
    loader_class = getattr(yaml, "CSafeLoader", None)
    if loader_class is None:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader_class):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line, event.start_mark.column
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as err:
        # libyaml's own limit (1,000 levels) stops it before the first event of such a line.
        if "maximum nesting depth" in str(err.problem) and err.problem_mark is not None:
            return err.problem_mark.line, err.problem_mark.column
    except yaml.YAMLError:
        pass
    return None


def _plain(node: yaml.Node, seen: set[int], depth: int) -> Any:
    if id(node) in seen:
        raise _Unusual("alias")  # the same node twice means an alias (*name)
    seen.add(id(node))
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and depth >= MAX_DEPTH:
        raise _Unusual("too deep")
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            raise _Unusual(node.tag)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(_plain(key_node, seen, depth + 1))
            if key in result:
                raise _Unusual("duplicate key")
            result[key] = _plain(value_node, seen, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _Unusual(node.tag)
        return [_plain(item, seen, depth + 1) for item in node.value]
    return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> Any:
    value, tag = node.value, node.tag
    if node.style:  # quoted or block text (plain scalars have no style): a string unless tagged otherwise
        if tag != _STR:
            raise _Unusual(tag)
        return value
    if tag != _STR and tag not in _IMPLICIT:
        raise _Unusual(tag)
    # An explicit `!!str 999` also lands here and becomes 999; validation then fails and the
    # careful loader, which honours the tag, reads the file instead.
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if (int_digits(value) or 0) > MAX_INT_DIGITS:
        raise _Unusual("too many digits")  # int() would refuse it, without saying where
    if _INT.match(value) and any(c.isdigit() for c in value):
        return int(value.replace("_", ""), 0) if value[:2] in ("0o", "0x") else int(value.replace("_", ""))
    if _FLOAT.match(value):
        return float(value.replace("_", ""))
    if _SPECIAL_FLOAT.match(value):
        return float(value.lower().replace(".", ""))
    return value
