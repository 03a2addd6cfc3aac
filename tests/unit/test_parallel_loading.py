"""generator.model.loading with worker processes: a cold generate of many topics reads and
checks the topic files in the workers that then render them, with exactly the content and the
problems (same order, same lines) of loading in one process."""

from __future__ import annotations

import os

import pytest

from generator.model import loading
from generator.model.loading import load_content
from generator.pipeline import generate
from generator.reading.problems import ContentError
from generator.render import parallel
from generator.render.cache import TopicCache

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one CPU: topics load in this process")


@pytest.fixture
def eight_topics(content, monkeypatch):
    """The fixture topic under eight slugs, with the workers used from four topics."""
    for number in range(2, 9):
        text = content.text.replace("slug: sample-topic", f"slug: sample-topic-{number}")
        (content.root / "topics" / f"sample-{number}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 4)
    return content


def test_a_cold_generate_loads_the_topics_in_the_workers(eight_topics, monkeypatch):
    loaded_here = []
    original = loading.load_topic
    monkeypatch.setattr(loading, "load_topic", lambda path, *args: loaded_here.append(path) or original(path, *args))
    generated = generate(eight_topics.root, cache=TopicCache(None))
    assert len(generated.content.topics) == 8
    assert loaded_here == []  # the workers (other processes) loaded them; this process's copy was never called


def test_topics_loaded_in_workers_are_those_loaded_here(eight_topics):
    here = load_content(eight_topics.root)
    with parallel.Workers() as workers:
        there = load_content(eight_topics.root, workers=workers)
    assert [(t.topic, t.source, t.parts_by_id, t.titles_by_id, t.links) for t in there.topics] == [
        (t.topic, t.source, t.parts_by_id, t.titles_by_id, t.links) for t in here.topics
    ]


def test_problems_found_in_workers_are_reported_as_here_in_file_order(eight_topics):
    root = eight_topics.root / "topics"
    (root / "sample-3.yaml").write_text((root / "sample-3.yaml").read_text(encoding="utf-8").replace("title: Sample topic", "title: 42\ntitle: twice"), encoding="utf-8")
    (root / "sample-5.yaml").unlink()
    (root / "sample-5.yaml").mkdir()  # not a regular file: a read problem, between two loaded files
    eight_topics.replace("see_also: [cause-one]", "see_also: [cause-none]")
    with pytest.raises(ContentError) as here:
        load_content(eight_topics.root)
    with parallel.Workers() as workers, pytest.raises(ContentError) as there:
        load_content(eight_topics.root, workers=workers)
    assert there.value.report() == here.value.report()
    assert [problem.file.name for problem in there.value.problems] == ["sample-3.yaml", "sample-5.yaml", "sample.yaml"]
