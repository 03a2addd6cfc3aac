"""A fast first try at reading a content file, with libyaml (C) instead of ruamel's pure Python.

ruamel's round-trip loader keeps line numbers for error messages but takes ~0.2 s for a topic,
which dominated the build at hundreds of topics. Line numbers are only needed when something
is wrong, so a file is first read here; anything unusual (aliases, custom tags, duplicate keys,
a syntax error, libyaml missing) returns None and the caller falls back to the careful loader,
which produces the located messages. The data built here follows YAML 1.2 (like ruamel):
`yes`/`no` stay text and dates stay text for pydantic to parse.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"
_IMPLICIT = {_TAG + name for name in ("int", "float", "bool", "null", "timestamp")}
# YAML 1.2 rules for plain scalars, as ruamel resolves them; libyaml resolves by YAML 1.1 rules,
# so every plain scalar is resolved again here.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9_]+$|^0o[0-7_]+$|^0x[0-9a-fA-F_]+$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?$|^[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$")


# `!` where a tag could start: after a line start, a space or a flow indicator.
_MAYBE_TAG = re.compile(r"(?:^|[\s\[{,])!", re.M)


class _Unusual(Exception):
    """Something the careful loader must look at (and describe, with its line)."""


def fast_load(text: str) -> Any | None:
    """Plain dicts, lists and scalars, or None when the careful loader must take over."""
    loader_class = getattr(yaml, "CSafeLoader", None)
    if loader_class is None or _MAYBE_TAG.search(text):
        return None  # an explicit tag (`!!str 999`) means what ruamel says it means
    try:
        node = yaml.compose(text, Loader=loader_class)
        return _plain(node, set())
    except (yaml.YAMLError, _Unusual, RecursionError):
        return None


def _plain(node: yaml.Node, seen: set[int]) -> Any:
    if id(node) in seen:
        raise _Unusual("alias")  # the same node twice means an alias (*name)
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            raise _Unusual(node.tag)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(_plain(key_node, seen))
            if key in result:
                raise _Unusual("duplicate key")
            result[key] = _plain(value_node, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _Unusual(node.tag)
        return [_plain(item, seen) for item in node.value]
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
    if _INT.match(value) and any(c.isdigit() for c in value):
        return int(value.replace("_", ""), 0) if value[:2] in ("0o", "0x") else int(value.replace("_", ""))
    if _FLOAT.match(value):
        return float(value.replace("_", ""))
    if _SPECIAL_FLOAT.match(value):
        return float(value.lower().replace(".", ""))
    return value
