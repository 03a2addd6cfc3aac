"""Shared helpers: a private copy of the fixture content, and a tiny HTML tree for assertions."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import markdown
import pytest
from ruamel.yaml import YAML

from generator.content import Content, load_content
from generator.errors import ContentError, Problem
from generator.render import PageRenderer

PROJECT = Path(__file__).resolve().parents[2]
FIXTURE = PROJECT / "tests" / "fixtures" / "minimal"
# The same extensions as mkdocs.yml, so the HTML is what the site would show.
MKDOCS_EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]
TODAY = date(2026, 6, 1)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


# --- HTML ------------------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Visible text with character references already decoded (like a browser shows it)."""
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def squashed_text(self) -> str:
        return " ".join(self.text.split())

    def iter(self) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        attrs = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [
            el
            for el in self.iter()
            if (tag is None or el.tag == tag)
            and all(el.attrs.get(k) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert len(found) == 1, f"expected one <{tag} {attrs}>, found {len(found)}"
        return found[0]

    def by_id(self, element_id: str) -> Element:
        return self.find(id=element_id)

    def ids(self) -> list[str]:
        return [el.attrs["id"] for el in self.iter() if el.attrs.get("id")]

    def tags(self) -> set[str]:
        return {el.tag for el in self.iter()}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def markdown_to_html(text: str, extensions: list[str] | None = None) -> str:
    """What MkDocs does with a page: drop the front matter, convert with the site's extensions."""
    return markdown.markdown(
        _FRONT_MATTER.sub("", text), extensions=extensions or MKDOCS_EXTENSIONS
    )


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
            path: parse_html(markdown_to_html(text)) for path, text in self.markdown_pages().items()
        }


@pytest.fixture
def content(tmp_path: Path) -> ContentCopy:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    return ContentCopy(root)


@pytest.fixture
def md_tree() -> Callable[[str], Element]:
    """Markdown -> parsed HTML, with the Markdown extensions the markup module is written for."""

    def convert(text: str) -> Element:
        return parse_html(markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables"]))

    return convert
