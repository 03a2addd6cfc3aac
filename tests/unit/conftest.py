"""Fixtures for the unit tests (the `content` fixture, a private copy of the fixture content, is
in ../../conftest.py: the components' tests use it too)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from html_tree import Element, parse_html
from support import MANY_TOPICS, ROOT, markdown_to_html


@pytest.fixture
def md_tree() -> Callable[[str], Element]:
    """Markdown -> parsed HTML, with the site's Markdown extensions (mkdocs.yml)."""

    def convert(text: str) -> Element:
        return parse_html(markdown_to_html(text))

    return convert


@pytest.fixture
def many_topics(content):
    """The fixture topic under MANY_TOPICS slugs: enough for the cold build's background rendering."""
    for number in range(2, MANY_TOPICS + 1):
        text = content.text.replace("slug: sample-topic", f"slug: sample-topic-{number}")
        (content.root / "topics" / f"sample-{number}.yaml").write_text(text, encoding="utf-8")
    return content


@pytest.fixture
def converted(monkeypatch) -> list[str]:
    """The source path of every page MkDocs converts in this process, in order (counted at
    MkDocs' own Page.render: see the page cache's tests)."""
    pages: list[str] = []
    render = Page.render

    def counted(page, config, files):
        pages.append(page.file.src_uri)
        return render(page, config, files)

    monkeypatch.setattr(Page, "render", counted)
    return pages


@pytest.fixture
def mkdocs_config(tmp_path):
    """The site's mkdocs.yml, loaded, building into tmp_path/site."""
    return load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
