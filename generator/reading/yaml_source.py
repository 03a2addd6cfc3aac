"""Safe YAML loading that remembers where every value came from.

Content is written by people, so the loader refuses anything that could hurt the build
(custom tags, aliases, huge files, control characters, nesting or numbers past the limits in
fast_yaml.py) and keeps line/column positions for error messages. A file is read by the fast
loader (fast_yaml.py); the careful one (careful_yaml.py) explains a file the fast one refuses,
and finds the line of a problem.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

from .content_files import read_content_file
from .fast_yaml import fast_load
from .problems import ContentError, Problem
from .yaml_problems import MAX_LISTED, control_character_message, line_and_column

# Characters YAML does not allow in a file (its c-printable set, as ruamel's Reader checks it).
NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


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
        if self._data is not None:
            return self._data
        from .careful_yaml import plain

        return plain(self.tree)

    def locate(self, loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the deepest existing node on the path `loc`."""
        try:
            node = self.tree
        except ContentError:  # libyaml read it but ruamel cannot: no position to give
            return (None, None)
        from .careful_yaml import position

        return position(node, loc)

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
    for found in itertools.islice(NON_PRINTABLE.finditer(text), MAX_LISTED):
        line, column = line_and_column(text, found.start())
        control.append(Problem(path, control_character_message(ord(found.group())), line=line, column=column))
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


def _careful_tree(path: Path, text: str) -> Any:
    """The slow parse that knows every line (careful_yaml.py), imported only when needed: a
    build without mistakes never needs it (issue 17)."""
    from .careful_yaml import careful_tree

    return careful_tree(path, text)
