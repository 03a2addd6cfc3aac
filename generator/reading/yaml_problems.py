"""What both YAML parsers (yaml_source.py's fast one, careful_yaml.py) say the same way."""

from __future__ import annotations

from .fast_yaml import MAX_DEPTH

TOO_DEEP = f"YAML nested more than {MAX_DEPTH} levels deep; content never needs that many (check the brackets and indentation)"
MAX_LISTED = 20  # problems of one kind listed per file; the rest are the same mistake again


def control_character_message(code: int) -> str:
    return f"invisible control character U+{code:04X} is not allowed in content; delete it"


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of the character at `index`."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
