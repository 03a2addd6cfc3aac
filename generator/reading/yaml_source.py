"""Safe YAML loading that remembers where every value came from.

Content is written by people, so the loader refuses anything that could hurt the build
(custom tags, aliases, huge files, control characters, nesting or numbers past the limits in
fast_yaml.py) and keeps line/column positions for error messages.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent
from ruamel.yaml.reader import Reader, ReaderError

from .content_files import read_content_file
from .fast_yaml import MAX_DEPTH, MAX_INT_DIGITS, fast_load, int_digits, too_deep_at
from .problems import ContentError, Problem

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
TOO_DEEP = f"YAML nested more than {MAX_DEPTH} levels deep; content never needs that many (check the brackets and indentation)"
MAX_LISTED = 20  # problems of one kind listed per file; the rest are the same mistake again


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
    # Both YAML parsers refuse these (ruamel without saying where); each is listed with its place.
    control = []
    for found in itertools.islice(Reader.NON_PRINTABLE.finditer(text), MAX_LISTED):
        line, column = _line_and_column(text, found.start())
        control.append(Problem(path, _control_character_message(ord(found.group())), line=line, column=column))
    if control:
        raise ContentError(control)
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


def _control_character_message(code: int) -> str:
    return f"invisible control character U+{code:04X} is not allowed in content; delete it"


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of the character at `index`."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _yaml_problem(path: Path, text: str, err: YAMLError) -> Problem:
    """Any error of ruamel's as a located problem (never its own text, which names no file)."""
    if isinstance(err, ReaderError) and isinstance(err.character, int):
        line, column = _line_and_column(text, err.position)
        return Problem(path, _control_character_message(err.character), line=line, column=column)
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
