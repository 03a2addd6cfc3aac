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
from support import ROOT, calls_during

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
    assert walks == {}  # each was walked once, in the worker that loaded it (test_parallel_loading.py)


def test_a_walk_for_links_reads_no_type_s_shape_it_has_read_before(monkeypatch):
    data = load_content(ROOT / "content").topics[0].topic.model_dump()
    first = list(references.links_in(Topic, data))
    read: list = []
    original = references.get_origin
    monkeypatch.setattr(references, "get_origin", lambda annotation: read.append(annotation) or original(annotation))
    assert list(references.links_in(Topic, data)) == first and first
    assert not read, f"the shapes of {len(read)} types read again"


def test_rendering_a_topic_s_pages_walks_none_of_its_items_for_renamed_ids_again(monkeypatch):
    """Each page's copy-link marker read the renamed ids from a new model_dump() walk (11 a topic)."""
    from generator.model import previous_ids
    from generator.render.renderer import PageRenderer

    content = load_content(ROOT / "content")
    twitching = next(loaded for loaded in content.topics if loaded.topic.slug == "facial-twitching")
    assert twitching.links.renamed_ids  # walked at loading; the guide has renamed items
    walked: list = []
    original = previous_ids.renamed_items
    monkeypatch.setattr(previous_ids, "renamed_items", lambda node: walked.append(node) or original(node))
    pages = PageRenderer(content, today=TODAY).topic_pages(twitching)
    assert any('data-moved="{&#34;' in page.markdown for page in pages)  # the markers still forward them
    assert walked == []


def test_walking_a_topic_s_items_costs_one_call_per_mapping_or_list():
    """Items were walked by nested generators, resumed once per level for every item found."""
    from generator.model.items import walk_items

    data = load_content(ROOT / "content").topics[0].topic.model_dump()

    def containers(node) -> int:
        inside = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        return isinstance(node, (dict, list)) + sum(containers(value) for value in inside)

    found, calls = calls_during(lambda: list(walk_items(data)), kinds=("call",), in_file="items.py")
    assert len(found) > 20
    assert sum(calls.values()) <= containers(data) + 1, calls


def test_a_link_to_a_topic_page_does_not_search_the_list_of_topics():
    """Each link to a topic page looked for its topic along the whole list: the home page of
    1,000 topics made a million comparisons. Now a page reads the list a fixed number of times."""
    from dataclasses import replace

    from generator.render.renderer import PageRenderer

    class CountingTopics(list):
        reads = 0

        def __iter__(self):
            CountingTopics.reads += 1
            return super().__iter__()

    content = load_content(ROOT / "content")
    renderer = PageRenderer(replace(content, topics=CountingTopics(content.topics)), today=TODAY)
    CountingTopics.reads = 0
    pages = renderer.pages()
    assert CountingTopics.reads <= 2 * len(pages), f"{CountingTopics.reads} reads of the topic list for {len(pages)} pages"


@pytest.mark.parametrize("escape", ["plain_text", "prose"])
def test_escaping_text_costs_no_python_call_per_character_escaped(escape):
    """Text is escaped in one pass (str.translate), not by a Python callback per special
    character: a page's titles and prose hold many (every '&', '#', '_'...)."""
    from generator.render import markup

    text = "R&D_#1 <b>[x]</b> " * 200
    escape_text = markup.plain_text if escape == "plain_text" else lambda text: markup.prose(text, str)
    escaped, calls = calls_during(escape_text, text, kinds=("call",))
    assert "&amp;" in escaped and "&#35;" in escaped
    assert sum(calls.values()) < 50, calls.most_common(3)
