"""generator.render.background: a cold build's topics are rendered in a worker process while the
build converts the pages before them, and the pages are exactly those rendered in one process."""

from __future__ import annotations

import functools
import multiprocessing
import re
from datetime import date

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import BuildError

from generator.engine.mkdocs.search import index_process
from generator.model.loading import load_content
from generator.render import background, parallel
from generator.render.background import RenderError
from generator.render.cache import TopicCache
from generator.render.cached_renderer import CachedPageRenderer
from generator.render.renderer import PageRenderer
from support import MANY_TOPICS as TOPICS
from support import ROOT, build_site, pagefind_records, poll_until

TODAY = date(2026, 6, 1)


def test_batches_start_small_and_grow_to_the_largest():
    sizes = [len(batch) for batch in background.growing_batches(20)]
    assert sizes == [1, 2, 4, 8, 5]
    assert [position for batch in background.growing_batches(20) for position in batch] == list(range(20))
    assert background.growing_batches(0) == []


def test_a_topic_s_pages_come_before_the_later_topics_are_rendered_and_are_the_one_process_pages(many_topics):
    loaded = load_content(many_topics.root)
    cache = TopicCache()
    pages = CachedPageRenderer(loaded, cache, today=TODAY).pages_in_progress()
    try:
        assert pages.render is not None, "the topics were not rendered in the background"
        first = pages.page(f"{loaded.topics[0].topic.slug}/index.md")
        # The build reads the first topic's page while later topics are not even handed out.
        assert pages.render.submitted() < TOPICS
        one_process = PageRenderer(loaded, today=TODAY).pages()
        assert first in one_process
        assert pages.paths == [page.path for page in one_process]
        assert list(pages) == one_process
        assert pages.files() == {path: text for page in one_process for path, text in page.files.items()}
        assert any(path.endswith(".svg") for path in pages.files())  # the clinicians' page's QR codes
    finally:
        pages.close()
    # Each topic's pages went into the cache as they arrived: the next build renders nothing.
    again = CachedPageRenderer(loaded, cache, today=TODAY).pages_in_progress()
    assert again.render is None and list(again) == one_process


def test_a_worker_that_dies_is_one_error_naming_a_topic_file(many_topics):
    loaded = load_content(many_topics.root)
    pages = CachedPageRenderer(loaded, TopicCache(), today=TODAY).pages_in_progress()
    try:
        for process in list(pages.render._pool._processes.values()):
            process.kill()
        with pytest.raises(RenderError, match=r"sample-?\d*\.yaml: its pages could not be rendered"):
            for path in pages.paths:
                pages.page(path)
    finally:
        pages.close()


def test_a_build_of_many_topics_publishes_every_page_qr_code_and_search_record(many_topics, tmp_path):
    """The MkDocs build reads each page as its topic arrives, and the QR codes once all have;
    the search index of that many pages is built in a process of its own (search/index_process.py)."""
    site = tmp_path / "site"
    result = build_site(site, content_dir=many_topics.root)
    assert result.returncode == 0, result.stdout + result.stderr
    loaded = load_content(many_topics.root)
    for topic in loaded.topics:
        html = (site / topic.topic.slug / "index.html").read_text(encoding="utf-8")
        assert re.search(r"<h1[^>]*>Sample topic", html), topic.topic.slug
        links = (site / topic.topic.slug / "links" / "index.html").read_text(encoding="utf-8")
        codes = re.findall(r'<img class="qr-code" src="(qr/[^"]+)"', links)
        assert codes and all((site / topic.topic.slug / "links" / code).is_file() for code in codes), topic.topic.slug
    records = pagefind_records(site)
    assert len(records) >= index_process.PROCESS_FROM
    assert all(f"{topic.topic.slug}/" in records and f"{topic.topic.slug}/faq/" in records for topic in loaded.topics)


def test_a_build_that_fails_while_topics_render_leaves_no_worker_behind(many_topics, monkeypatch):
    """`mkdocs serve` goes on after a failed build: its rendering worker must not."""
    many_topics.replace("next_review_due: 2027-01-01", "next_review_due: 2026-02-01")  # one topic overdue
    monkeypatch.setenv("HEALTHGUIDE_CONTENT", str(many_topics.root))
    monkeypatch.setenv("HEALTHGUIDE_CACHE_DIR", "off")
    monkeypatch.setenv("HEALTHGUIDE_STRICT_REVIEW", "1")
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["healthguide"]
    with pytest.raises(BuildError, match="review"):
        plugin.on_config(config)  # the review check fails once the topics are rendering
    assert multiprocessing.active_children(), "no worker was rendering the topics"

    plugin.on_build_error(BuildError("the build failed"))

    assert not multiprocessing.active_children()


# --- A second worker from the end (BackgroundRender.from_the_end) -----------------------------


def render_from_the_end(folder, task):
    """The second worker's work: the batch rendered, then a mark naming its first topic; it
    fails after marking when the test left "fail" in the folder."""
    rendered = parallel.render_batch(task)
    (folder / rendered[0][0].path.split("/")[0]).write_text("", encoding="utf-8")
    if (folder / "fail").exists():
        raise RuntimeError("the second worker failed")
    return rendered


def last_batch_topic(loaded) -> str:
    """The slug of the first topic of the last batch (the second worker begins with it)."""
    return loaded.topics[background.growing_batches(TOPICS)[-1].start].topic.slug


@pytest.mark.parametrize("fails", [False, True], ids=["renders", "fails"])
def test_a_second_worker_takes_the_last_batches_and_the_pages_are_the_one_process_pages(many_topics, tmp_path, fails):
    """A failed second worker costs nothing but time: the first worker renders its batches."""
    loaded = load_content(many_topics.root)
    marks = tmp_path / "marks"
    marks.mkdir()
    if fails:
        (marks / "fail").write_text("", encoding="utf-8")
    pages = CachedPageRenderer(loaded, TopicCache(), today=TODAY).pages_in_progress()
    try:
        pages.from_the_end(functools.partial(render_from_the_end, marks))
        # The build reads its first page only once the second worker has rendered the last batch.
        poll_until(lambda: (marks / last_batch_topic(loaded)).exists(), "the second worker's first batch")
        one_process = PageRenderer(loaded, today=TODAY).pages()
        assert list(pages) == one_process
        last_batch = len(background.growing_batches(TOPICS)[-1])
        if fails:
            assert pages.render.submitted() == TOPICS  # the first worker rendered every batch
        else:
            assert pages.render.submitted() <= TOPICS - last_batch  # never the second worker's
    finally:
        pages.close()
    assert not multiprocessing.active_children()
