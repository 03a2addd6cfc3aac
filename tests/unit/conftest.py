"""Fixtures for the unit tests (the `content` fixture, a private copy of the fixture content, is
in ../../conftest.py: the components' tests use it too)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from html_tree import Element, parse_html
from support import markdown_to_html


@pytest.fixture
def md_tree() -> Callable[[str], Element]:
    """Markdown -> parsed HTML, with the site's Markdown extensions (mkdocs.yml)."""

    def convert(text: str) -> Element:
        return parse_html(markdown_to_html(text))

    return convert
