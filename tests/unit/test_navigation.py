"""The site navigation stays small with many topics: from NAV_GROUP_FROM (10) topics on it lists none."""

from __future__ import annotations

from dataclasses import replace

from generator.model.loading import Content, load_content
from generator.structure.navigation import NAV_GROUP_FROM, navigation
from support import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "minimal"


def site_with(titles: list[str]) -> Content:
    """The fixture content with one topic per title (no pages rendered: only the nav is tested)."""
    content = load_content(FIXTURE)
    base = content.topics[0]
    topics = [
        replace(base, topic=base.topic.model_copy(update={"title": title, "slug": f"topic-{number}"}))
        for number, title in enumerate(sorted(titles, key=str.lower))
    ]
    return replace(content, topics=topics)


def test_a_few_topics_get_one_section_each():
    nav = navigation(site_with(["Back pain", "Eyelid twitching"]))

    assert [next(iter(entry)) for entry in nav] == ["Home", "Back pain", "Eyelid twitching", "About this site"]
    assert nav[1]["Back pain"][0] == {"Overview and self-help": "topic-0/index.md"}


def test_many_topics_leave_the_navigation_the_same_size():
    """From NAV_GROUP_FROM topics on, no topic is in the navigation: a page's size does not grow
    with the site. Topics are on the home page's A to Z list."""
    few = navigation(site_with([f"Topic {number}" for number in range(NAV_GROUP_FROM)]))
    many = navigation(site_with([f"Topic {number}" for number in range(10 * NAV_GROUP_FROM)]))

    assert few == many == [{"Home": "index.md"}, {"About this site": "about.md"}]
