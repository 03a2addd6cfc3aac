"""The cold generator's cost per topic: each topic's models are walked for their links once.

A cold generate() at 1,000 topics took 128-134 s (issue 17); a profile found each topic's
models walked for their cross-topic links three times (the cross-topic check, the page cache's
key, the workers' share of linked topics), and the walk reading each type's shape again for
every value. These count the work, never time it; the pages are checked elsewhere
(test_parallel_render.py, test_cross_topic_references.py) and must not change.
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import date

import pytest

from generator.model import references, topic_links
from generator.model.loading import load_content
from generator.model.topic import Topic
from generator.pipeline import generate
from generator.render import parallel
from generator.render.cache import TopicCache
from support import ROOT

TODAY = date(2026, 6, 1)


@pytest.fixture
def walks(monkeypatch) -> Counter:
    """How many times each topic's models were walked for the links they hold, by slug."""
    counted: Counter = Counter()
    original = topic_links.links_in

    def counting(model, data, *args):
        counted[data["slug"]] += 1
        return original(model, data, *args)

    monkeypatch.setattr(topic_links, "links_in", counting)
    return counted


def test_a_cold_generate_walks_each_topic_for_its_links_once(walks):
    generated = generate(ROOT / "content", today=TODAY, cache=TopicCache(None))
    slugs = {loaded.topic.slug for loaded in generated.content.topics}
    assert any(page.path.startswith("bells-palsy/") for page in generated.pages)
    assert walks == dict.fromkeys(slugs, 1)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one CPU: render_topics renders serially")
def test_sharing_topics_out_to_workers_walks_no_topic_again(walks, content, monkeypatch):
    for number in range(2, 9):
        text = content.text.replace("slug: sample-topic", f"slug: sample-topic-{number}")
        (content.root / "topics" / f"sample-{number}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 4)
    generated = generate(content.root, today=TODAY, cache=TopicCache(None))
    assert len(generated.content.topics) == 8
    assert walks == {loaded.topic.slug: 1 for loaded in generated.content.topics}


def test_a_walk_for_links_reads_no_type_s_shape_it_has_read_before(monkeypatch):
    data = load_content(ROOT / "content").topics[0].topic.model_dump()
    first = list(references.links_in(Topic, data))
    read: list = []
    original = references.get_origin
    monkeypatch.setattr(references, "get_origin", lambda annotation: read.append(annotation) or original(annotation))
    assert list(references.links_in(Topic, data)) == first and first
    assert not read, f"the shapes of {len(read)} types read again"
