"""The page cache (generator/engine/mkdocs/page_cache.py): a build converts only the pages whose
Markdown conversion could differ from the last build's, and the site is the same either way.

Conversions are counted at MkDocs' own Page.render, which the cache calls on a miss."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.engine.mkdocs import page_cache
from generator.engine.mkdocs.page_cache import PageCache
from generator.render import disk_cache
from support import FAQ, ROOT, markdown_extensions

MISSING_ANCHOR = "Doc file 'broken-anchor.md' contains a link 'sample-topic/faq.md#no-such-question', but the doc 'sample-topic/faq.md' does not contain an anchor '#no-such-question'."
MISSING_PAGE = "Doc file 'broken-link.md' contains a link 'no-such-page.md', but the target is not found among documentation files."


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(disk_cache.ENV_VAR, str(folder))
    return folder


def build_site(content, site_dir: Path, monkeypatch, **settings) -> None:
    """`mkdocs build --strict` of `content`, in this process (so conversions can be counted)."""
    monkeypatch.setenv("HEALTHGUIDE_CONTENT", str(content.root))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True, **settings))


EXTRA_FILES_HOOK = """
from pathlib import Path
from mkdocs.structure.files import File

def on_files(files, config):
    for path in sorted((Path(__file__).parent / "docs").iterdir()):
        files.append(File.generated(config, path.name, content=path.read_bytes()))
    return files
"""


def extra_files(tmp_path: Path) -> tuple[Path, dict]:
    """A folder whose files a MkDocs hook adds to the site (the plugin publishes only its own
    docs_dir), and the build settings that load the hook."""
    (tmp_path / "extra_files.py").write_text(EXTRA_FILES_HOOK, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    settings = {"hooks": [str(tmp_path / "extra_files.py")], "validation": {"nav": {"omitted_files": "info"}, "links": {"anchors": "warn"}}}
    return tmp_path / "docs", settings


def site_files(site_dir: Path) -> dict[str, bytes]:
    """Every file of a built site, by path; sitemap.xml.gz's gzip header holds the build's time."""
    files = {}
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        data = path.read_bytes()
        files[str(path.relative_to(site_dir))] = data[10:] if path.name.endswith(".gz") else data
    return files


def test_a_second_build_converts_no_page_and_writes_the_same_site(content, cache_dir, converted, tmp_path, monkeypatch):
    build_site(content, tmp_path / "cold", monkeypatch)
    pages = len(converted)
    converted.clear()

    build_site(content, tmp_path / "warm", monkeypatch)

    assert pages >= 10 and converted == []
    assert site_files(tmp_path / "warm") == site_files(tmp_path / "cold")


def test_an_edit_to_one_page_s_markdown_converts_only_that_page(content, cache_dir, converted, tmp_path, monkeypatch):
    build_site(content, tmp_path / "first", monkeypatch)
    content.replace("Rarely. The word zebrafish appears only here.", "Hardly ever. The word zebrafish appears only here.")
    converted.clear()

    build_site(content, tmp_path / "edited", monkeypatch)

    assert converted == [FAQ]
    assert "Hardly ever." in (tmp_path / "edited" / "sample-topic" / "faq" / "index.html").read_text(encoding="utf-8")


def test_a_new_glossary_term_converts_every_page(content, cache_dir, converted, tmp_path, monkeypatch):
    """Each page ends with the whole glossary (render/glossary.py): its Markdown changed."""
    build_site(content, tmp_path / "first", monkeypatch)
    pages = list(converted)
    content.site_file.write_text(content.site_file.read_text(encoding="utf-8") + "glossary:\n  GP: General practitioner, a family doctor.\n", encoding="utf-8")
    converted.clear()

    build_site(content, tmp_path / "glossary", monkeypatch)

    assert sorted(converted) == sorted(pages)


def test_a_changed_markdown_extension_setting_converts_every_page(content, cache_dir, converted, tmp_path, monkeypatch):
    build_site(content, tmp_path / "first", monkeypatch)
    pages = list(converted)
    converted.clear()

    names, settings = markdown_extensions()
    extensions = [{name: {**settings.get(name, {}), "permalink": True}} if name == "toc" else name for name in names]
    build_site(content, tmp_path / "permalinks", monkeypatch, markdown_extensions=extensions)

    assert sorted(converted) == sorted(pages)
    assert 'class="headerlink"' in (tmp_path / "permalinks" / "sample-topic" / "faq" / "index.html").read_text(encoding="utf-8")


def test_a_full_build_deletes_the_entries_of_pages_the_site_no_longer_has(content, cache_dir, converted, tmp_path, monkeypatch):
    """Without this, each page ever built (renamed, moved, removed) kept its entry for good."""
    docs, settings = extra_files(tmp_path)
    (docs / "extra.md").write_text("# An extra page\n", encoding="utf-8")
    build_site(content, tmp_path / "first", monkeypatch, **settings)
    before = entries(cache_dir)
    (docs / "extra.md").unlink()

    build_site(content, tmp_path / "second", monkeypatch, **settings)

    after = entries(cache_dir)
    assert len(before) >= 10 and after < before and len(before - after) == 1


def test_a_build_that_skipped_pages_deletes_no_entry_and_other_sites_keep_theirs(tmp_path, mkdocs_config, converted):
    folder = tmp_path / "cache"
    render_page(PageCache(folder, "english"), mkdocs_config)
    render_page(PageCache(folder, "spanish"), mkdocs_config, PAGE_MARKDOWN.replace("Text.", "Texto."))
    both = entries(folder)
    PageCache(folder, "english").forget_unused(pages=1)  # a dirty build: its one page was not rendered
    assert entries(folder) == both and len(both) == 2

    old_layout = folder / page_cache.KIND / f"{'0' * 32}.json"  # VERSION 1's flat folder, never read now
    old_layout.write_text("{}", encoding="utf-8")
    english = PageCache(folder, "english")
    render_page(english, mkdocs_config)
    english.forget_unused(pages=1)
    assert entries(folder) == both


def test_a_new_file_in_the_site_converts_every_page(content, cache_dir, converted, tmp_path, monkeypatch):
    """A relative link may point at the new file: every page's links are resolved again."""
    docs, settings = extra_files(tmp_path)
    build_site(content, tmp_path / "first", monkeypatch, **settings)
    pages = list(converted)
    (docs / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    converted.clear()

    build_site(content, tmp_path / "second", monkeypatch, **settings)

    assert sorted(converted) == sorted(pages)


def test_broken_links_and_anchors_fail_a_warm_strict_build_as_they_fail_a_cold_one(content, cache_dir, converted, tmp_path, monkeypatch, caplog):
    """The anchor check runs after every page is built, from what render recorded; a broken
    link is logged during render itself."""
    docs, settings = extra_files(tmp_path)
    (docs / "broken-anchor.md").write_text("# Broken\n\n[a question](sample-topic/faq.md#no-such-question)\n", encoding="utf-8")
    (docs / "broken-link.md").write_text("# Broken\n\n[a page](no-such-page.md)\n", encoding="utf-8")
    (docs / "anchored.md").write_text("# Anchored\n\n[the question](sample-topic/faq.md#faq-one)\n", encoding="utf-8")
    warnings = []
    for site in ("cold", "warm"):
        caplog.clear()
        converted.clear()
        with caplog.at_level(logging.INFO), pytest.raises(Abort):
            build_site(content, tmp_path / site, monkeypatch, **settings)
        warnings.append(sorted(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING))

    assert warnings[1] == warnings[0] == sorted([MISSING_ANCHOR, MISSING_PAGE])
    # From the cache, with the links and anchors the check reads after the build ...
    assert not {"anchored.md", "broken-anchor.md", FAQ} & set(converted)
    assert converted == ["broken-link.md"]  # ... but a conversion that logged is never stored


# --- Entries on a faulty disk: a miss, never a crash or a wrong page ---------------------------

PAGE_MARKDOWN = "# Title\n\nSee [the other page](other.md#part).\n\n## Part {#part}\n\nText.\n"


def render_page(cache: PageCache, config, markdown: str = PAGE_MARKDOWN, flush: bool = True) -> Page:
    """One page (page.md beside other.md) rendered as MkDocs renders it, through the cache, its
    entry on disk as at the end of a build (`flush`)."""
    docs = Path(config.site_dir).parent / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "page.md").write_text(markdown, encoding="utf-8")
    (docs / "other.md").write_text("# Other\n", encoding="utf-8")
    files = Files([File(name, str(docs), config.site_dir, config.use_directory_urls) for name in ("page.md", "other.md")])
    page = Page(None, files.get_file_from_path("page.md"), config)
    Page(None, files.get_file_from_path("other.md"), config)
    page.read_source(config)
    cache.install(page)
    page.render(config, files)
    if flush:
        cache.flush()
    return page


def rendered(page: Page) -> tuple:
    toc = [(link.title, link.id, link.level, link.active, [(c.title, c.id) for c in link.children]) for link in page.toc]
    links = {file.src_uri: anchors for file, anchors in (page.links_to_anchors or {}).items()}
    return page.content, toc, page.title, page.present_anchor_ids, links


def test_a_page_from_the_cache_is_what_render_makes(tmp_path, mkdocs_config, converted):
    cold = rendered(render_page(PageCache(tmp_path / "cache", "site"), mkdocs_config))
    warm = rendered(render_page(PageCache(tmp_path / "cache", "site"), mkdocs_config))

    assert converted == ["page.md"]
    assert warm == cold
    assert cold[1][0][:2] == ("Title", "title") and cold[4] == {"other.md": {"part": "other.md#part"}}


def entries(folder: Path) -> set[Path]:
    return {path for path in (folder / page_cache.KIND).rglob("*") if path.is_file()}


def only_entry(folder: Path) -> Path:
    (entry,) = entries(folder)
    return entry


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda entry: entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2]), id="truncated"),
        pytest.param(lambda entry: entry.write_bytes(os.urandom(5000)), id="garbage"),
        pytest.param(lambda entry: entry.write_bytes(entry.read_bytes().split(b"\n")[0] + b"\n" + b"[" * 100_000), id="deeply-nested"),
        pytest.param(lambda entry: entry.write_bytes(entry.read_bytes().replace(b'"content":', b'"content": 1, "x":')), id="foreign-shape"),
        pytest.param(lambda entry: (entry.unlink(), os.mkfifo(entry)), id="fifo"),
        pytest.param(lambda entry: (entry.unlink(), entry.symlink_to("/etc/hostname")), id="symlink"),
    ],
)
def test_a_damaged_entry_is_converted_again(damage, tmp_path, mkdocs_config, converted):
    folder = tmp_path / "cache"
    cold = rendered(render_page(PageCache(folder, "site"), mkdocs_config))
    damage(only_entry(folder))

    again = rendered(render_page(PageCache(folder, "site"), mkdocs_config))

    assert converted == ["page.md", "page.md"] and again == cold


def test_an_entry_too_big_to_be_ours_is_converted_again(tmp_path, mkdocs_config, converted, monkeypatch):
    folder = tmp_path / "cache"
    render_page(PageCache(folder, "site"), mkdocs_config)
    monkeypatch.setattr(disk_cache, "MAX_ENTRY_BYTES", only_entry(folder).stat().st_size - 1)

    render_page(PageCache(folder, "site"), mkdocs_config)

    assert converted == ["page.md", "page.md"]


def test_an_unwritable_cache_folder_only_costs_the_conversion(tmp_path, mkdocs_config, converted):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    cache = PageCache(blocked / "cache", "site")

    first = rendered(render_page(cache, mkdocs_config))
    second = rendered(render_page(cache, mkdocs_config))

    assert converted == ["page.md", "page.md"] and first == second


def test_another_site_s_entry_for_the_same_page_is_not_used(tmp_path, mkdocs_config, converted):
    """Two content folders (or languages) share a cache folder: the same page path, other Markdown."""
    render_page(PageCache(tmp_path / "cache", "english"), mkdocs_config)
    spanish = render_page(PageCache(tmp_path / "cache", "spanish"), mkdocs_config, PAGE_MARKDOWN.replace("Text.", "Texto."))

    assert converted == ["page.md", "page.md"] and "Texto." in spanish.content


def test_with_the_cache_off_every_build_converts(monkeypatch, tmp_path, mkdocs_config, converted):
    monkeypatch.setenv(disk_cache.ENV_VAR, "off")
    for _ in range(2):
        render_page(PageCache.for_content(tmp_path / "content", ""), mkdocs_config)

    assert converted == ["page.md", "page.md"]


def test_a_slugify_function_in_the_settings_is_keyed_by_what_it_does(tmp_path, converted):
    """Material's usual `slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: ...}` is
    a functools.partial: the same one reuses the page, other arguments convert it again."""
    from pymdownx.slugs import slugify

    for case in ("lower", "lower", "none"):
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"),
                             markdown_extensions=["attr_list", {"toc": {"slugify": slugify(case=case)}}])
        render_page(PageCache(tmp_path / "cache", "site"), config)

    assert converted == ["page.md", "page.md"]


def test_a_page_s_conversion_does_not_wait_for_its_entry_to_be_written(tmp_path, mkdocs_config, monkeypatch):
    """A cold build makes a file for every page: a thread writes the entries while the build
    goes on converting, and flush() (at the end of a build) waits for them."""
    writing, release = threading.Event(), threading.Event()
    real_write = page_cache.write_entry

    def held_write(entry, key, body):
        writing.set()
        release.wait(timeout=30)  # until the test has looked (the bound only stops a hang)
        real_write(entry, key, body)

    monkeypatch.setattr(page_cache, "write_entry", held_write)
    cache = PageCache(tmp_path / "cache", "site")
    render_page(cache, mkdocs_config, flush=False)
    assert writing.wait(timeout=30)
    assert entries(tmp_path / "cache") == set(), "the conversion waited for its entry to be written"
    release.set()
    cache.flush()
    assert len(entries(tmp_path / "cache")) == 1
    assert [thread for thread in threading.enumerate() if thread.name == "page-cache-writer"] == []
