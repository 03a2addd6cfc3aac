"""generator.render.disk_cache: a new process reuses unchanged topics from disk, never stale ones."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from generator.model.loading import load_content
from generator.pipeline import generate
from generator.render import disk_cache
from generator.render.cache import TopicCache
from generator.render.renderer import PageRenderer

TODAY = date(2026, 6, 1)
PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "generator-cache"
    monkeypatch.setenv(disk_cache.ENV_VAR, str(folder))
    return folder


class NewProcess:
    """What a new `make site` starts with: nothing in memory, a cache over what is on disk."""

    def __init__(self, content):
        self.cache: TopicCache = disk_cache.topic_cache(content.root)
        self.pages = pages_of(generate(content.root, today=TODAY, cache=self.cache))

    @property
    def disk_hits(self) -> int:
        return self.cache.disk_hits


def pages_of(generated) -> dict[str, str]:
    return {page.path: page.markdown for page in generated.pages}


def test_a_new_process_reuses_the_topic_from_disk_with_the_same_pages(content, cache_dir):
    first = NewProcess(content).pages
    assert len(list(cache_dir.rglob("*.json"))) == 2  # the topic's model and its pages

    second = NewProcess(content)

    assert second.disk_hits == 2
    assert second.pages == first


def test_an_edited_topic_is_never_served_from_disk(content, cache_dir):
    NewProcess(content)
    content.replace("title: Sample topic", "title: Sample topic, edited")

    edited = NewProcess(content)

    assert edited.disk_hits == 0
    assert "# Sample topic, edited" in edited.pages["sample-topic/index.md"]


def test_other_generator_code_does_not_reuse_the_entries(content, cache_dir, monkeypatch):
    NewProcess(content)
    monkeypatch.setattr(disk_cache, "code_fingerprint", lambda: "a different version of the generator")

    assert NewProcess(content).disk_hits == 0


def test_a_damaged_cache_file_is_a_miss_and_is_replaced(content, cache_dir):
    first = NewProcess(content).pages
    for entry in cache_dir.rglob("*.json"):
        entry.write_bytes(b"half-written")

    damaged = NewProcess(content)
    assert damaged.pages == first
    assert damaged.disk_hits == 0
    assert NewProcess(content).disk_hits == 2


def test_the_cache_can_be_turned_off(content, tmp_path, monkeypatch):
    monkeypatch.setenv(disk_cache.ENV_VAR, "off")
    NewProcess(content)
    assert not list(tmp_path.rglob("*.json"))


def test_by_default_it_lives_beside_the_content_folder(content, monkeypatch):
    monkeypatch.delenv(disk_cache.ENV_VAR, raising=False)
    assert disk_cache.folder_for(content.root) == content.root.parent / ".cache" / "healthguide"


class _RunsCodeWhenUnpickled:
    """A pickle that creates `marker` when loaded: what a hostile cache entry could do."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_crafted_pickle_in_the_cache_never_runs_and_the_build_still_succeeds(content, cache_dir, tmp_path):
    first = NewProcess(content).pages
    marker = tmp_path / "the-cache-ran-code"
    entries = [entry for entry in cache_dir.rglob("*") if entry.is_file()]
    assert entries
    for entry in entries:  # every file where the cache looks, under its own name and as .pickle
        crafted = pickle.dumps(_RunsCodeWhenUnpickled(marker))
        entry.write_bytes(crafted)
        entry.with_suffix(".pickle").write_bytes(crafted)

    again = NewProcess(content)
    assert again.pages == first
    assert not marker.exists()
    assert again.disk_hits == 0


def test_an_entry_with_our_key_but_a_foreign_value_is_a_miss(content, cache_dir):
    first = NewProcess(content).pages
    for entry in cache_dir.rglob("*.json"):
        header = entry.read_bytes().split(b"\n")[0]
        entry.write_bytes(header + b"\n" + b'{"not": "what we stored"}')

    again = NewProcess(content)
    assert again.pages == first
    assert again.disk_hits == 0


def test_an_over_large_entry_is_a_miss(content, cache_dir, monkeypatch):
    NewProcess(content)
    monkeypatch.setattr(disk_cache, "MAX_ENTRY_BYTES", 100)

    assert NewProcess(content).disk_hits == 0


def test_the_real_topics_and_their_pages_come_back_from_disk_unchanged(tmp_path):
    """The real content uses every part of the model (the fixture does not): JSON must keep it all."""
    loaded = load_content(PROJECT / "content")
    store = disk_cache.DiskStore(tmp_path)
    for topic in loaded.topics:
        pages = PageRenderer(loaded, today=TODAY).topic_pages(topic)
        store.save("model", topic.source, "key", topic)
        store.save("pages", topic.source, "key", pages)

        assert store.load("model", topic.source, "key") == topic
        assert store.load("pages", topic.source, "key") == pages
        assert store.load("pages", topic.source, "another key") is disk_cache.MISSING


CHILD_BUILD = """
import sys
from pathlib import Path
from generator.pipeline import generate
from generator.render import disk_cache
if __name__ == "__main__":
    cache = disk_cache.topic_cache(Path(sys.argv[1]))
    generate(Path(sys.argv[1]), cache=cache)
    print(cache.disk_hits)
"""


def test_a_new_process_with_another_hash_seed_reuses_every_topic_s_pages(tmp_path):
    """Each `make site` is a new Python with its own string-hash seed: a key built from a set's
    order (the topics a language has) missed the cache for every topic of a site with several."""
    content = PROJECT / "content"
    topics = len(list((content / "topics").glob("*.yaml")))
    assert topics >= 3
    env = {**os.environ, disk_cache.ENV_VAR: str(tmp_path / "cache"), "PYTHONPATH": str(PROJECT)}

    def new_process(seed: str) -> int:
        run = subprocess.run([sys.executable, "-c", CHILD_BUILD, str(content)], env={**env, "PYTHONHASHSEED": seed},
                             capture_output=True, text=True, check=True, cwd=PROJECT)
        return int(run.stdout.split()[-1])

    assert new_process("1") == 0
    assert new_process("2") == 2 * topics  # each topic's model and its pages
