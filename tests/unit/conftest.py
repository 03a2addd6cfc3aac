"""Shared helpers: a private copy of the fixture content, and a tiny HTML tree for assertions."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.model.loading import Content, load_content
from generator.reading.problems import ContentError, Problem
from generator.render.renderer import PageRenderer
from html_tree import Element, parse_html
from support import markdown_to_html, page_to_html

PROJECT = Path(__file__).resolve().parents[2]
FIXTURE = PROJECT / "tests" / "fixtures" / "minimal"
PARTS = PROJECT / "tests" / "fixtures" / "parts"
TODAY = date(2026, 6, 1)


# --- Content ---------------------------------------------------------------------------------


class ContentCopy:
    """A copy of tests/fixtures/minimal that a test may break or change freely."""

    def __init__(self, root: Path):
        self.root = root
        self.site_file = root / "site.yaml"
        self.topic_file = root / "topics" / "sample.yaml"

    @property
    def text(self) -> str:
        return self.topic_file.read_text(encoding="utf-8")

    def replace(self, old: str, new: str, file: Path | None = None) -> ContentCopy:
        """Replace the one occurrence of `old` in the topic file (or `file`)."""
        path = file or self.topic_file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return self

    def line_of(self, needle: str) -> int:
        """1-based number of the first line of the topic file containing `needle`."""
        for number, line in enumerate(self.text.splitlines(), 1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {self.topic_file}")

    def edit_yaml(self, change: Callable[[dict], None]) -> ContentCopy:
        """Round-trip the topic through ruamel.yaml, letting `change` modify the data."""
        yaml = YAML(typ="rt")
        data = yaml.load(self.text)
        change(data)
        out = StringIO()
        yaml.dump(data, out)
        self.topic_file.write_text(out.getvalue(), encoding="utf-8")
        return self

    def append_part(self, name: str) -> ContentCopy:
        """Add an optional part (tests/fixtures/parts/<name>.yaml: self_check, diary) to the topic."""
        part = (PARTS / f"{name}.yaml").read_text(encoding="utf-8")
        self.topic_file.write_text(self.text + part, encoding="utf-8")
        return self

    def load(self) -> Content:
        return load_content(self.root)

    def problems(self) -> list[Problem]:
        with pytest.raises(ContentError) as info:
            load_content(self.root)
        assert info.value.problems, "ContentError without problems"
        return info.value.problems

    def markdown_pages(self) -> dict[str, str]:
        return {page.path: page.markdown for page in PageRenderer(self.load(), today=TODAY).pages()}

    def html_pages(self) -> dict[str, Element]:
        return {
            path: parse_html(page_to_html(text)) for path, text in self.markdown_pages().items()
        }


@pytest.fixture
def content(tmp_path: Path) -> ContentCopy:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    return ContentCopy(root)


@pytest.fixture
def md_tree() -> Callable[[str], Element]:
    """Markdown -> parsed HTML, with the site's Markdown extensions (mkdocs.yml)."""

    def convert(text: str) -> Element:
        return parse_html(markdown_to_html(text))

    return convert
