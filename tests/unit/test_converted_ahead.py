"""generator.engine.mkdocs.converted_ahead: on a cold build a second worker renders the last
topics and converts their pages into the page cache while MkDocs converts from the first page;
the build takes those pages from the cache, and the site is the one a build converting every
page itself writes.

Conversions by the build are counted at MkDocs' own Page.render in this process (the worker's
are in its own process). The build waits, before its first page, until the worker has kept the
last topic's first page: the worker's share does not depend on how fast either process runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from test_page_cache import build_site, site_files

from generator.engine.mkdocs import converted_ahead
from generator.engine.mkdocs.page_cache import PageCache
from generator.engine.mkdocs.plugin import HealthGuidePlugin
from generator.model.loading import load_content
from generator.render import disk_cache
from support import poll_until

HOOK = '''
def on_page_markdown(markdown, page, config, files):
    return markdown + "\\n\\nA line every page gets from a hook.\\n"
'''


@pytest.fixture
def cache_folder(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(disk_cache.ENV_VAR, str(folder))
    return folder


@pytest.fixture
def last_topic(many_topics, cache_folder, monkeypatch) -> str:
    """The slug of the site's last topic; the build reads its first page only once the second
    worker has kept that topic's first page."""
    slug = load_content(many_topics.root).topics[-1].topic.slug
    entry = PageCache.for_content(many_topics.root, "").entry(f"{slug}/index.md")
    read_source = HealthGuidePlugin.on_page_read_source

    def after_the_worker(plugin, page, config):
        poll_until(entry.exists, "the second worker's conversion of the last topic's first page")
        return read_source(plugin, page=page, config=config)

    monkeypatch.setattr(HealthGuidePlugin, "on_page_read_source", after_the_worker)
    return slug


def test_the_last_topics_pages_come_converted_and_the_site_is_the_one_the_build_converts_itself(
    many_topics, last_topic, converted, tmp_path, monkeypatch
):
    build_site(many_topics, tmp_path / "ahead", monkeypatch)
    built = list(converted)
    assert built, "the build converted no page itself"
    assert not [path for path in built if path.startswith(f"{last_topic}/")]

    monkeypatch.setenv(disk_cache.ENV_VAR, "off")  # no cache: nothing is converted ahead
    converted.clear()
    build_site(many_topics, tmp_path / "itself", monkeypatch)

    assert len(converted) > len(built) and any(path.startswith(f"{last_topic}/") for path in converted)
    assert site_files(tmp_path / "ahead") == site_files(tmp_path / "itself")


def test_a_plugin_that_changes_the_markdown_has_the_build_convert_every_page(many_topics, last_topic, converted, tmp_path, monkeypatch):
    """The worker converts the generator's Markdown; the build's is what every plugin left."""
    hook = tmp_path / "hook.py"
    hook.write_text(HOOK, encoding="utf-8")
    build_site(many_topics, tmp_path / "site", monkeypatch, hooks=[str(hook)])

    assert f"{last_topic}/index.md" in converted
    page = (tmp_path / "site" / last_topic / "index.html").read_text(encoding="utf-8")
    assert "A line every page gets from a hook." in page


def files_and_page(config, tmp_path: Path, markdown: str) -> tuple[Files, Page]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "page.md").write_text(markdown, encoding="utf-8")
    files = Files([File("page.md", str(docs), config.site_dir, config.use_directory_urls)])
    page = Page(None, files.get_file_from_path("page.md"), config)
    page.read_source(config)
    return files, page


@pytest.mark.parametrize(("markdown", "kept"), [("# Title\n\nText.\n", True), ("# Title\n\n[a page](no-such-page.md)\n", False)],
                         ids=["clean", "broken-link"])
def test_a_page_converted_ahead_is_kept_unless_its_conversion_logged(mkdocs_config, tmp_path, markdown, kept, converted):
    """A broken link's warning must come from the build: such a page is left to it."""
    cache = PageCache(tmp_path / "cache", "site")
    files, page = files_and_page(mkdocs_config, tmp_path, markdown)
    cache.convert_and_keep(page, mkdocs_config, files)
    cache.flush()  # as the worker does after each batch
    assert cache.entry("page.md").exists() is kept

    converted.clear()
    files, page = files_and_page(mkdocs_config, tmp_path, markdown)
    cache.install(page)
    page.render(mkdocs_config, files)
    assert converted == ([] if kept else ["page.md"])


def test_nothing_is_converted_ahead_without_a_cache_folder(mkdocs_config, tmp_path):
    files, _ = files_and_page(mkdocs_config, tmp_path, "# Title\n")
    assert converted_ahead.Conversion.of(PageCache(None, "site"), mkdocs_config, files) is None
    assert converted_ahead.Conversion.of(PageCache(tmp_path / "cache", "site"), mkdocs_config, files) is not None
