"""Smoke run of the benchmark tools at N=2 (no timing): the synthetic topics are valid, differ
from each other, and go through the generator; the timed build wraps every event of the real plugin."""

from __future__ import annotations

import importlib.util
import sys

from generator.engine.mkdocs.plugin import HealthGuidePlugin
from generator.pipeline import generate
from support import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from make_topics import make_topics  # noqa: E402


def test_synthetic_topics_are_valid_distinct_and_render(tmp_path):
    files = make_topics(2, tmp_path / "content")

    generated = generate(tmp_path / "content")

    slugs = sorted(loaded.topic.slug for loaded in generated.content.topics)
    assert slugs == sorted(path.stem for path in files) and len(set(slugs)) == 2
    first, second = (loaded.topic for loaded in generated.content.topics)
    assert first.title != second.title
    assert [e.id for e in first.faq.items] != [e.id for e in second.faq.items]  # shuffled
    assert len(first.faq.items) >= 10 and first.self_check is not None and first.warning_signs.rows
    assert {f"{slug}/index.md" for slug in slugs} <= {page.path for page in generated.pages}


def test_same_seed_writes_the_same_topics(tmp_path):
    one = [p.read_bytes() for p in make_topics(2, tmp_path / "one")]
    two = [p.read_bytes() for p in make_topics(2, tmp_path / "two")]

    assert one == two


def test_timed_build_wraps_every_event_of_the_real_plugin_and_keeps_its_priority():
    spec = importlib.util.spec_from_file_location("timed_build", ROOT / "benchmarks" / "timed_build.py")
    timed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(timed)
    plugin_class = type("Timed", (HealthGuidePlugin,), {})  # leave the real class unwrapped

    wrapped = timed.wrap_events(plugin_class)

    events = {name for name in dir(HealthGuidePlugin) if name.startswith("on_")}
    assert events and set(wrapped) == events
    assert all(getattr(plugin_class, name) is not getattr(HealthGuidePlugin, name) for name in events)
    assert plugin_class.on_post_build.mkdocs_priority == HealthGuidePlugin.on_post_build.mkdocs_priority == -100
