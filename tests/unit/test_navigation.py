"""The site navigation stays small with many topics: grouped by first letter from NAV_GROUP_FROM (10) topics on."""

from __future__ import annotations

from dataclasses import replace

from generator.content import load_content
from generator.pipeline import NAV_GROUP_FROM, TOPICS_SECTION, Generated
from support import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "minimal"


def site_with(titles: list[str]) -> Generated:
    """The fixture content with one topic per title (no pages rendered: only the nav is tested)."""
    content = load_content(FIXTURE)
    base = content.topics[0]
    topics = [
        replace(base, topic=base.topic.model_copy(update={"title": title, "slug": f"topic-{number}"}))
        for number, title in enumerate(sorted(titles, key=str.lower))
    ]
    return Generated(content=replace(content, topics=topics), pages=[])


def test_a_few_topics_get_one_section_each():
    nav = site_with(["Back pain", "Eyelid twitching"]).navigation()

    assert [next(iter(entry)) for entry in nav] == ["Home", "Back pain", "Eyelid twitching", "About this site"]
    assert nav[1]["Back pain"][0] == {"Guide": "topic-0/index.md"}


def test_many_topics_are_grouped_by_first_letter():
    titles = [f"{letter}{word} twitching" for letter in "ABC" for word in "abcdefghijklmnopqrstuvwxyz"][:max(NAV_GROUP_FROM, 28)]
    titles.append("1st topic")

    nav = site_with(titles).navigation()

    assert [next(iter(entry)) for entry in nav] == ["Home", TOPICS_SECTION, "About this site"]
    letters = nav[1][TOPICS_SECTION]
    assert [next(iter(group)) for group in letters] == ["0-9", "A", "B"]
    assert sum(len(next(iter(group.values()))) for group in letters) == len(titles)
    assert letters[2]["B"][0]["Ba twitching"][0] == {"Guide": "topic-27/index.md"}  # 1st, Aa-Az, Ba
