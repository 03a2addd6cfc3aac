"""Safe YAML loading that remembers where every value came from.

Content is written by people, so the loader refuses anything that could hurt the build
(custom tags, aliases, huge files) and keeps line/column positions for error messages.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

from .content_files import read_content_file
from .errors import ContentError, Problem
from .fast_yaml import fast_load

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


class _DatesAsText(RoundTripConstructor):
    """Leave dates as text: pydantic parses them, so an impossible date is a located problem."""


_DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", lambda self, node: self.construct_scalar(node))


class SourceDocument:
    """Parsed YAML plus a way to find the line and column of any field path."""

    def __init__(self, path: Path, tree: Any = None, *, data: Any = None, text: str | None = None):
        self.path = path
        self._tree = tree
        self._data = data  # from the fast loader; then the tree is parsed only to locate a problem
        self._text = text

    @property
    def tree(self) -> Any:
        if self._tree is None:
            self._tree = _careful_tree(self.path, self._text)
        return self._tree

    def data(self) -> Any:
        return self._data if self._data is not None else _plain(self.tree)

    def locate(self, loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the deepest existing node on the path `loc`."""
        try:
            node = self.tree
        except ContentError:  # libyaml read it but ruamel cannot: no position to give
            return (None, None)
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
        if line is None and hasattr(self.tree, "lc"):
            line, col = self.tree.lc.line, self.tree.lc.col
        return (line + 1 if line is not None else None, col + 1 if col is not None else None)

    def problem(self, loc: tuple[Any, ...], message: str) -> Problem:
        line, col = self.locate(loc)
        return Problem(self.path, message, field=format_loc(loc), line=line, column=col)


def format_loc(loc: tuple[Any, ...]) -> str:
    """('faq', 'items', 2, 'question') -> 'faq.items[2].question'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def load_yaml(path: Path, content_root: Path | None = None) -> SourceDocument:
    """Read one content file or raise ContentError describing exactly what is wrong
    (see content_files.read_content_file for which files are refused before reading)."""
    return parse_yaml(Path(path), read_content_file(path, content_root))


def parse_yaml(path: Path, raw: bytes) -> SourceDocument:
    """Parse the bytes read from `path`, or raise ContentError describing exactly what is wrong."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ContentError(
            [Problem(path, f"not valid UTF-8 (byte 0x{raw[err.start]:02x}); save the file as UTF-8", line=line)]
        ) from None
    if not text.strip():
        raise ContentError([Problem(path, "file is empty")])
    if "\t" in text:
        problems = [
            Problem(path, "tab character used for indentation; YAML needs spaces", line=n, column=1)
            for n, row in enumerate(text.splitlines(), 1)
            if row[: len(row) - len(row.lstrip())].count("\t")
        ]
        if problems:
            raise ContentError(problems)

    fast = fast_load(text)
    if isinstance(fast, dict):
        return SourceDocument(path, data=fast, text=text)
    return SourceDocument(path, _careful_tree(path, text))


def _careful_tree(path: Path, text: str) -> CommentedMap:
    """ruamel's round-trip parse: slow, but knows every line and explains every mistake."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _DatesAsText
    _refuse_unsafe_events(yaml, path, text)
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as err:
        raise ContentError([_yaml_problem(path, err)]) from None
    except YAMLError as err:
        raise ContentError([Problem(path, f"YAML error: {err}")]) from None
    if not isinstance(tree, CommentedMap):
        raise ContentError([Problem(path, "the file must contain a mapping of fields (key: value)", line=1)])
    return tree


def _refuse_unsafe_events(yaml: YAML, path: Path, text: str) -> None:
    """Scan the event stream first: aliases (billion-laughs) and custom tags never get built."""
    problems: list[Problem] = []
    try:
        for event in yaml.parse(text):
            mark = event.start_mark
            if isinstance(event, AliasEvent):
                problems.append(
                    Problem(path, "YAML aliases (*name) are not allowed in content; write the value out", line=mark.line + 1, column=mark.column + 1)
                )
            elif isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.tag not in STANDARD_TAGS:
                problems.append(
                    Problem(path, f"YAML tag {event.tag!r} is not allowed in content", line=mark.line + 1, column=mark.column + 1)
                )
            if len(problems) >= 20:
                break
    except MarkedYAMLError as err:
        raise ContentError([_yaml_problem(path, err)]) from None
    if problems:
        raise ContentError(problems)


def _yaml_problem(path: Path, err: MarkedYAMLError) -> Problem:
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


def _plain(node: Any) -> Any:
    """ruamel's round-trip types -> plain dicts, lists and scalars for validation."""
    if isinstance(node, TaggedScalar):  # e.g. `!!str 999`
        return str(node.value)
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
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
