"""One build reads each content file once (issue 17): the English build, its checks and each
translation's build share what was loaded, instead of loading the content again (at 1,000
topics each load took tens of seconds).

Reads are counted where loading reads a file: read_content_file for every topic file, English
or translated, and _load_site for each site.yaml."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator.model import loading
from support import ROOT

TRANSLATION_BLOCK = "translation: {from_language: en, translated_from: 2026-01-01, review: {status: not-reviewed}}\n"


@pytest.fixture
def reads(monkeypatch) -> Counter:
    """How many times each content file was read, by path."""
    counted: Counter = Counter()
    read_topic, read_site = loading.read_content_file, loading._load_site

    def topic_read(path, root):
        counted[Path(path)] += 1
        return read_topic(path, root)

    def site_read(path, problems):
        counted[Path(path)] += 1
        return read_site(path, problems)

    monkeypatch.setattr(loading, "read_content_file", topic_read)
    monkeypatch.setattr(loading, "_load_site", site_read)
    return counted


def add_spanish(root: Path) -> Path:
    """content/languages/es/: the site and its one topic, translated (in the same words)."""
    folder = root / "languages" / "es"
    (folder / "topics").mkdir(parents=True)
    site = (root / "site.yaml").read_text(encoding="utf-8").replace("locale: en-GB", "locale: es-ES")
    (folder / "site.yaml").write_text("language: {code: es, name: Español, dir: ltr, locale: es-ES}\n" + site, encoding="utf-8")
    topic = (root / "topics" / "sample.yaml").read_text(encoding="utf-8")
    (folder / "topics" / "sample.yaml").write_text(TRANSLATION_BLOCK + topic, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def own_plugin_objects(monkeypatch) -> None:
    """MkDocs keeps one healthguide plugin object per process (it has on_startup) in its
    Plugins option: these tests' builds get their own, and leave none to later tests."""
    monkeypatch.setattr(dict(MkDocsConfig._schema)["plugins"], "plugin_cache", {})


def build_site(content_dir: Path, site_dir: Path, monkeypatch) -> None:
    """`mkdocs build --strict`, in this process (so the reads can be counted), with no cache on
    disk: a warm cache must not hide a second load."""
    monkeypatch.setenv("HEALTHGUIDE_CONTENT", str(content_dir))
    monkeypatch.setenv("HEALTHGUIDE_CACHE_DIR", "off")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True))


def test_a_build_without_translations_reads_each_content_file_once(content, reads, tmp_path, monkeypatch):
    build_site(content.root, tmp_path / "site", monkeypatch)

    assert reads == {content.root / "site.yaml": 1, content.topic_file: 1}


def test_a_build_with_a_translation_reads_each_content_file_once(content, reads, tmp_path, monkeypatch):
    spanish = add_spanish(content.root)

    build_site(content.root, tmp_path / "site", monkeypatch)

    assert (tmp_path / "site" / "es" / "sample-topic" / "index.html").is_file()  # the translation was built
    assert reads == {
        content.root / "site.yaml": 1, content.topic_file: 1,
        spanish / "site.yaml": 1, spanish / "topics" / "sample.yaml": 1,
    }


def test_a_rebuild_loads_the_edited_content_not_the_last_build_s(content, tmp_path, monkeypatch):
    """`mkdocs serve` rebuilds with the same plugin object (and MkDocs may hand the translation's
    build that object too): what one build loaded must not stand in for the next build's content."""
    spanish = add_spanish(content.root)
    build_site(content.root, tmp_path / "first", monkeypatch)
    topic = spanish / "topics" / "sample.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("title: Sample topic", "title: Tema editado", 1), encoding="utf-8")

    build_site(content.root, tmp_path / "second", monkeypatch)

    assert "Tema editado" in (tmp_path / "second" / "es" / "sample-topic" / "index.html").read_text(encoding="utf-8")
    assert "Tema editado" not in (tmp_path / "first" / "es" / "sample-topic" / "index.html").read_text(encoding="utf-8")
