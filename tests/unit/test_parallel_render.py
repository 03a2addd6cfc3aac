"""generator.render.parallel: topics rendered in worker processes give exactly the serial pages."""

from __future__ import annotations

import os
from datetime import date

import pytest

from generator.model.loading import load_content
from generator.render import disk_cache
from generator.render import parallel as parallel_render
from generator.render.renderer import PageRenderer

TODAY = date(2026, 6, 1)


@pytest.fixture
def many_topics(content):
    """The fixture topic under eight slugs: enough for the parallel path."""
    for number in range(2, 9):
        text = content.text.replace("slug: sample-topic", f"slug: sample-topic-{number}")
        (content.root / "topics" / f"sample-{number}.yaml").write_text(text, encoding="utf-8")
    return load_content(content.root)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one CPU: render_topics renders serially")
def test_workers_render_the_same_pages_as_one_process(many_topics, monkeypatch):
    serial = [PageRenderer(many_topics, today=TODAY).topic_pages(loaded) for loaded in many_topics.topics]
    monkeypatch.setattr(parallel_render, "PARALLEL_FROM", 4)

    parallel = parallel_render.render_topics(many_topics, many_topics.topics, TODAY, None)

    assert parallel == serial
    assert [pages[0].path for pages in parallel] == [f"{t.topic.slug}/index.md" for t in many_topics.topics]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one CPU: render_topics renders serially")
def test_workers_render_links_to_other_topics_as_one_process_does(content, monkeypatch):
    """A worker gets the topics its batch links to (related_topics, `other-slug#id`), not the whole site."""
    content.replace("      see_also: [cause-one]\n", "      see_also: [cause-one, sample-topic-5#faq-one]\n")
    content.replace("summary: A short", "related_topics: [sample-topic-7]\nsummary: A short")
    for number in range(2, 9):
        text = content.text.replace("slug: sample-topic", f"slug: sample-topic-{number}").replace("sample-topic-5#", "sample-topic#")
        text = text.replace("related_topics: [sample-topic-7]", "related_topics: [sample-topic]")
        (content.root / "topics" / f"sample-{number}.yaml").write_text(text, encoding="utf-8")
    loaded = load_content(content.root)
    serial = [PageRenderer(loaded, today=TODAY).topic_pages(topic) for topic in loaded.topics]
    monkeypatch.setattr(parallel_render, "PARALLEL_FROM", 4)

    assert parallel_render.render_topics(loaded, loaded.topics, TODAY, None) == serial


def test_few_topics_render_in_this_process(many_topics, monkeypatch):
    monkeypatch.setattr(parallel_render, "ProcessPoolExecutor", None)  # would fail if used
    pages = parallel_render.render_topics(many_topics, many_topics.topics[:3], TODAY, None)
    assert len(pages) == 3


def test_a_cold_build_fills_the_cache_for_every_topic(many_topics, monkeypatch, tmp_path):
    from generator.pipeline import generate

    monkeypatch.setenv("HEALTHGUIDE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(parallel_render, "PARALLEL_FROM", 4)
    first = generate(many_topics.root, today=TODAY)
    cache = disk_cache.topic_cache(many_topics.root)  # a new process: nothing in memory
    second = generate(many_topics.root, today=TODAY, cache=cache)
    assert cache.disk_hits == 2 * len(many_topics.topics)  # models and pages
    assert second.pages == first.pages
