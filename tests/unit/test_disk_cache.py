"""generator.disk_cache: a new process reuses unchanged topics from disk, never stale ones."""

from __future__ import annotations

from datetime import date

import pytest

from generator import cache, disk_cache
from generator.pipeline import generate

TODAY = date(2026, 6, 1)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "generator-cache"
    monkeypatch.setenv(disk_cache.ENV_VAR, str(folder))
    cache.TOPICS.clear()
    yield folder
    cache.TOPICS.clear()


def new_process() -> None:
    """What a new `make site` starts with: nothing in memory."""
    cache.TOPICS.clear()


def pages_of(generated) -> dict[str, str]:
    return {page.path: page.markdown for page in generated.pages}


def test_a_new_process_reuses_the_topic_from_disk_with_the_same_pages(content, cache_dir):
    first = pages_of(generate(content.root, today=TODAY))
    assert len(list(cache_dir.rglob("*.pickle"))) == 2  # the topic's model and its pages
    new_process()

    second = pages_of(generate(content.root, today=TODAY))

    assert cache.TOPICS.disk_hits == 2
    assert second == first


def test_an_edited_topic_is_never_served_from_disk(content, cache_dir):
    generate(content.root, today=TODAY)
    content.replace("title: Sample topic", "title: Sample topic, edited")
    new_process()

    pages = pages_of(generate(content.root, today=TODAY))

    assert cache.TOPICS.disk_hits == 0
    assert "# Sample topic, edited" in pages["sample-topic/index.md"]


def test_other_generator_code_does_not_reuse_the_entries(content, cache_dir, monkeypatch):
    generate(content.root, today=TODAY)
    new_process()
    monkeypatch.setattr(disk_cache, "code_fingerprint", lambda: "a different version of the generator")

    generate(content.root, today=TODAY)

    assert cache.TOPICS.disk_hits == 0


def test_a_damaged_cache_file_is_a_miss_and_is_replaced(content, cache_dir):
    first = pages_of(generate(content.root, today=TODAY))
    for entry in cache_dir.rglob("*.pickle"):
        entry.write_bytes(b"half-written")
    new_process()

    assert pages_of(generate(content.root, today=TODAY)) == first
    assert cache.TOPICS.disk_hits == 0
    new_process()
    generate(content.root, today=TODAY)
    assert cache.TOPICS.disk_hits == 2


def test_the_cache_can_be_turned_off(content, tmp_path, monkeypatch):
    monkeypatch.setenv(disk_cache.ENV_VAR, "off")
    cache.TOPICS.clear()
    generate(content.root, today=TODAY)
    assert not list(tmp_path.rglob("*.pickle"))


def test_by_default_it_lives_beside_the_content_folder(content, monkeypatch):
    monkeypatch.delenv(disk_cache.ENV_VAR, raising=False)
    assert disk_cache.folder_for(content.root) == content.root.parent / ".cache" / "healthguide"
