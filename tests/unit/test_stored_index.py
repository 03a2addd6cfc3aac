"""The last search index, kept and reused when a build's pages are all the same
(search/stored_index.py, issue 17: Pagefind was about 37 s of a 178 s warm build at 1,000
topics). A reused index must be the one Pagefind would make; anything else is a new index."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from test_mkdocs_plugin import serve_rebuild_config

from generator.engine.mkdocs.search import pagefind_index
from generator.engine.mkdocs.search.lay_terms import BuiltPage
from generator.engine.mkdocs.search.stored_index import StoredIndex
from support import pagefind_records

PAGE = '<html lang="en"><head><title>{name}</title></head><body><nav>Menu</nav><article><h1>{name}</h1><p>{words}</p></article></body></html>'


class Started:
    """How many times Pagefind was started (PagefindIndexes made: its processes, one per index)."""

    def __init__(self, monkeypatch) -> None:
        self.count = 0
        real = pagefind_index.PagefindIndexes

        def counted(*args, **kwargs):
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(pagefind_index, "PagefindIndexes", counted)


@pytest.fixture
def site(tmp_path, content):
    return three_pages(tmp_path, content)


def three_pages(tmp_path: Path, content) -> tuple[Path, object]:
    """A built site of three pages of the fixture topic (its guide, FAQ and sources), and the content."""
    site_dir = tmp_path / "site"
    for name, words in (("guide", "Crunchy apple words"), ("faq", "Yellow banana words"), ("sources", "Red cherry words")):
        write_page(site_dir, name, words)
    return site_dir, content.load()


def write_page(site_dir: Path, name: str, words: str) -> None:
    path = site_dir / name / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(name=name, words=words), encoding="utf-8")


def source_of(name: str) -> str:
    """The fixture topic's page each folder stands for (the index reads the topic's sources page)."""
    return "sample-topic/index.md" if name == "guide" else f"sample-topic/{name}.md"


def index(site_dir: Path, content, kept: Path | None) -> None:
    """One build's indexing: each page of site_dir added as MkDocs would write it, then finished."""
    pages_added(site_dir, content, kept).finish()


def pages_added(site_dir: Path, content, kept: Path | None) -> pagefind_index.SiteIndex:
    pages = [BuiltPage(src=source_of(path.parent.name), url=f"{path.parent.name}/", html_path=path)
             for path in sorted(site_dir.glob("*/index.html"))]
    binary = pagefind_index.pagefind_binary()
    site_index = pagefind_index.SiteIndex(site_dir, pagefind_index.IndexInputs.of(content, pages), binary=binary,
                                          stored=None if kept is None else StoredIndex(kept, binary))
    for page in pages:
        site_index.add(page.src, page.html_path.read_text(encoding="utf-8"))
    return site_index


def index_files(site_dir: Path) -> dict[str, bytes]:
    root = site_dir / "pagefind"
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def words_found(site_dir: Path) -> dict[str, str]:
    return {url: record["content"] for url, record in pagefind_records(site_dir).items()}


def test_a_build_whose_pages_are_all_the_same_copies_the_kept_index_without_starting_pagefind(site, tmp_path, monkeypatch):
    site_dir, content = site
    index(site_dir, content, tmp_path / "kept")
    made = index_files(site_dir)
    (site_dir / "pagefind" / "pagefind.js").unlink()  # a clean build starts from an empty site

    started = Started(monkeypatch)
    index(site_dir, content, tmp_path / "kept")
    assert started.count == 0
    assert index_files(site_dir) == made
    assert "Crunchy apple words" in words_found(site_dir)["guide/"]


def test_a_changed_page_is_indexed_with_the_pages_held_back_before_it(site, tmp_path, monkeypatch):
    """Pagefind starts at the first page that differs; the same pages before it are sent then."""
    site_dir, content = site
    index(site_dir, content, tmp_path / "kept")
    write_page(site_dir, "sources", "Dark cherry words")  # the last page added: two held back before it

    started = Started(monkeypatch)
    site_index = pages_added(site_dir, content, tmp_path / "kept")
    assert started.count == 1  # while MkDocs still writes pages, not after the last
    site_index.finish()
    found = words_found(site_dir)
    assert sorted(found) == ["faq/", "guide/", "sources/"]
    assert "Dark cherry words" in found["sources/"] and "Crunchy apple words" in found["guide/"]
    fresh = tmp_path / "fresh"
    for page in site_dir.glob("*/index.html"):
        write_page(fresh, page.parent.name, "")
        (fresh / page.parent.name / "index.html").write_bytes(page.read_bytes())
    index(fresh, content, None)
    assert index_files(site_dir) == index_files(fresh)


@pytest.mark.parametrize("change", ["removed", "added"])
def test_a_page_gone_or_new_makes_a_new_index(site, tmp_path, monkeypatch, change):
    site_dir, content = site
    index(site_dir, content, tmp_path / "kept")
    if change == "removed":
        (site_dir / "faq" / "index.html").unlink()
    else:
        write_page(site_dir, "diary", "Sweet date words")

    started = Started(monkeypatch)
    index(site_dir, content, tmp_path / "kept")
    assert started.count == 1
    expected = {"removed": ["guide/", "sources/"], "added": ["diary/", "faq/", "guide/", "sources/"]}[change]
    assert sorted(words_found(site_dir)) == expected


def tamper(kept: Path, how: str) -> None:
    files = next(kept.glob("files-*"))
    fragment = next((files / "fragment").iterdir())
    if how == "changed":
        data = fragment.read_bytes()
        fragment.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # one bit, as a faulty disk flips it
    elif how == "lost":
        fragment.unlink()
    elif how == "a link":
        elsewhere = kept.parent / "elsewhere"
        elsewhere.write_bytes(fragment.read_bytes())  # the same bytes, but not a file of the cache
        fragment.unlink()
        fragment.symlink_to(elsewhere)
    elif how == "a FIFO":
        fragment.unlink()
        os.mkfifo(fragment)  # reading it would hang the build
    elif how == "a foreign manifest":
        (kept / "manifest.json").write_text('{"format": 2, "key": "x"}\n{"folder": "../../etc"}', encoding="utf-8")
    elif how == "a manifest leaving the folder":
        manifest = (kept / "manifest.json").read_text(encoding="utf-8")
        (kept / "manifest.json").write_text(manifest.replace('"pagefind.js"', '"../../../outside.js"'), encoding="utf-8")


@pytest.mark.parametrize("how", ["changed", "lost", "a link", "a FIFO", "a foreign manifest", "a manifest leaving the folder"])
def test_a_kept_index_not_as_it_was_kept_is_made_again(site, tmp_path, monkeypatch, how):
    """A faulty disk or a hand in the cache folder: the site gets the index Pagefind makes."""
    site_dir, content = site
    index(site_dir, content, tmp_path / "kept")
    made = index_files(site_dir)
    tamper(tmp_path / "kept", how)

    started = Started(monkeypatch)
    index(site_dir, content, tmp_path / "kept")
    assert started.count == 1
    assert index_files(site_dir) == made
    assert not (tmp_path / "outside.js").exists()


def test_a_cache_folder_that_cannot_be_written_costs_only_speed(site, tmp_path, monkeypatch):
    site_dir, content = site
    blocked = tmp_path / "kept"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    started = Started(monkeypatch)
    index(site_dir, content, blocked)
    index(site_dir, content, blocked)
    assert started.count == 2
    assert "Yellow banana words" in words_found(site_dir)["faq/"]


def test_a_rebuild_of_the_same_site_reuses_its_index_and_a_preview_keeps_none(content, tmp_path, monkeypatch):
    """Through the plugin: the kept index is found by content folder, so the second build of
    the real pages copies it; a one-topic preview (make serve TOPIC=slug) neither uses nor keeps one."""
    monkeypatch.setenv("HEALTHGUIDE_CACHE_DIR", str(tmp_path / "cache"))
    first = serve_rebuild_config(content)
    first.site_dir = str(tmp_path / "first")
    build(first)
    assert list((tmp_path / "cache" / "search-index").glob("*/manifest.json"))

    started = Started(monkeypatch)
    second = serve_rebuild_config(content)
    second.site_dir = str(tmp_path / "second")
    build(second)
    assert started.count == 0
    assert index_files(Path(second.site_dir)) == index_files(Path(first.site_dir))
    assert words_found(Path(second.site_dir)) == words_found(Path(first.site_dir))

    monkeypatch.setenv("HEALTHGUIDE_TOPIC", "sample-topic")
    preview = serve_rebuild_config(content)
    preview.site_dir = str(tmp_path / "preview")
    build(preview)
    assert started.count == 1
    kept = next((tmp_path / "cache" / "search-index").glob("*/manifest.json")).read_text(encoding="utf-8")
    assert "sample-topic/index.html" in kept and len(list((tmp_path / "cache" / "search-index").glob("*/files-*"))) == 1
