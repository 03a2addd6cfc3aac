"""generator.render.cache: an unchanged topic is neither read nor rendered again; any change is seen."""

from __future__ import annotations

from datetime import date

import pytest

from generator.pipeline import generate
from generator.reading.problems import ContentError
from generator.render.cache import TopicCache

TODAY = date(2026, 6, 1)


@pytest.fixture
def two_topics(content):
    """The fixture content plus a second topic, so one can change while the other does not."""
    text = content.text.replace("slug: sample-topic", "slug: other-topic").replace("title: Sample topic", "title: Other topic")
    (content.root / "topics" / "other.yaml").write_text(text, encoding="utf-8")
    return content


@pytest.fixture
def cache() -> TopicCache:
    """One cache passed to every run, as the MkDocs plugin passes its own to every rebuild."""
    return TopicCache()


def pages_of(generated) -> dict[str, str]:
    return {page.path: page.markdown for page in generated.pages}


def counts(cache: TopicCache) -> tuple[int, int]:
    return cache.hits, cache.misses


def test_second_run_reuses_every_topic_and_gives_the_same_pages(two_topics, cache):
    first = pages_of(generate(two_topics.root, today=TODAY, cache=cache))
    assert counts(cache) == (0, 4)  # two topics: loaded and rendered once each

    second = pages_of(generate(two_topics.root, today=TODAY, cache=cache))

    assert counts(cache) == (4, 4)
    assert second == first


def test_editing_one_topic_rebuilds_only_that_topic(two_topics, cache):
    generate(two_topics.root, today=TODAY, cache=cache)
    two_topics.replace("title: Sample topic", "title: Sample topic, edited")

    pages = pages_of(generate(two_topics.root, today=TODAY, cache=cache))

    assert counts(cache) == (2, 6)  # the other topic: model and pages reused; this one: both redone
    assert "# Sample topic, edited" in pages["sample-topic/index.md"]
    assert "Sample topic, edited" in pages["index.md"]  # the A-Z list is always fresh


def test_changing_site_settings_rerenders_every_topic_but_keeps_the_models(two_topics, cache):
    generate(two_topics.root, today=TODAY, cache=cache)
    two_topics.replace("site_name: Test Guide", "site_name: Renamed Guide", file=two_topics.site_file)

    generate(two_topics.root, today=TODAY, cache=cache)

    assert counts(cache) == (2, 6)  # both models reused; both topics' pages rendered again


def test_another_day_rerenders_the_pages(two_topics, cache):
    generate(two_topics.root, today=TODAY, cache=cache)

    generate(two_topics.root, today=date(2026, 6, 2), cache=cache)

    assert counts(cache) == (2, 6)


def test_a_broken_topic_is_reported_every_time_until_fixed(two_topics, cache):
    generate(two_topics.root, today=TODAY, cache=cache)
    two_topics.replace("urgency: see-doctor", "urgency: sometimes")

    for _ in range(2):
        with pytest.raises(ContentError) as info:
            generate(two_topics.root, today=TODAY, cache=cache)
        assert any("sometimes" in problem.message for problem in info.value.problems)

    two_topics.replace("urgency: sometimes", "urgency: see-doctor")
    assert "sample-topic/index.md" in pages_of(generate(two_topics.root, today=TODAY, cache=cache))


def test_renaming_a_related_topic_rerenders_the_topics_that_link_to_it(two_topics, cache):
    """A topic's pages show the titles of the topics it links to (related_topics), so they are
    not reused when one of those changes."""
    two_topics.replace("summary: A short", "related_topics: [other-topic]\nsummary: A short")
    generate(two_topics.root, today=TODAY, cache=cache)
    other = two_topics.root / "topics" / "other.yaml"
    two_topics.replace("title: Other topic", "title: Other topic, renamed", file=other)

    pages = pages_of(generate(two_topics.root, today=TODAY, cache=cache))

    assert "Other topic, renamed" in pages["sample-topic/sources.md"]


def test_retitling_another_topic_s_linked_item_rerenders_the_topics_that_link_to_it(two_topics, cache):
    """A cross-topic reference (`other-topic#faq-one`) shows the item's title and links to its
    page: the linking topic's pages are not reused when that item changes."""
    two_topics.replace("      see_also: [cause-one]\n", "      see_also: [cause-one, other-topic#faq-one]\n")
    generate(two_topics.root, today=TODAY, cache=cache)
    other = two_topics.root / "topics" / "other.yaml"
    two_topics.replace("question: Is it serious?", "question: Is it ever serious?", file=other)

    pages = pages_of(generate(two_topics.root, today=TODAY, cache=cache))

    assert "Is it ever serious? (Other topic)" in pages["sample-topic/conditions.md"]


def test_editing_the_generator_s_interface_words_rerenders_every_topic(two_topics, cache, tmp_path, monkeypatch):
    """generator/strings/<language>.yaml words are on every page: an edit under `mkdocs serve`
    (one process, the in-memory cache) renders the pages again, as a code edit does."""
    import shutil

    from generator.render import cache as cache_module

    generator = tmp_path / "generator"
    shutil.copytree(cache_module.GENERATOR_DIR, generator, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache_module, "GENERATOR_DIR", generator)
    generate(two_topics.root, today=TODAY, cache=cache)
    words = generator / "strings" / "en.yaml"
    words.write_text(words.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")

    generate(two_topics.root, today=TODAY, cache=cache)

    assert counts(cache) == (2, 6)


def test_the_generator_s_files_are_read_again_only_when_one_changes(tmp_path, monkeypatch):
    """Both caches key on the generator's files; reading them all took ~10 ms each time (issue 17)."""
    from generator.render import cache as cache_module

    (tmp_path / "a.py").write_text("one = 1\n", encoding="utf-8")
    (tmp_path / "b.j2").write_text("{{ x }}\n", encoding="utf-8")
    monkeypatch.setattr(cache_module, "GENERATOR_DIR", tmp_path)
    reads = []
    fingerprint = cache_module.fingerprint
    monkeypatch.setattr(cache_module, "fingerprint", lambda files, *values: reads.append(files) or fingerprint(files, *values))

    first = cache_module.generator_digest()
    assert cache_module.generator_digest() == first and len(reads) == 1
    (tmp_path / "a.py").write_text("one = 2\n", encoding="utf-8")  # a save during `mkdocs serve`
    assert cache_module.generator_digest() != first and len(reads) == 2
    (tmp_path / "c.yaml").write_text("new: file\n", encoding="utf-8")
    third = cache_module.generator_digest()
    assert len(reads) == 3 and third == fingerprint(cache_module.generator_files())
