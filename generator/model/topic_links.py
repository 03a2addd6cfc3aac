"""Links between topics: every slug a topic names (`related_topics`, a condition's `topic`) is
another topic of the site. Checked once every topic is loaded, since no file alone can tell."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

from ..reading.problems import ContentError, Problem
from ..reading.yaml_source import format_loc, load_yaml
from .topic import Topic


def check_topic_links(topics: list[tuple[Topic, Path]]) -> list[Problem]:
    """Problems for each slug that names no other topic; `topics` are (topic, its file)."""
    slugs = {topic.slug for topic, _ in topics}
    moved = {old: topic.slug for topic, _ in topics for old in topic.moved_from}
    problems = []
    for topic, source in topics:
        for slug, loc in topic_links(topic):
            if slug == topic.slug:
                message = f"'{slug}' is this topic itself; name other topics here"
            elif slug in moved:  # links name the current slug; only published addresses are forwarded
                message = f"topic '{slug}' has moved to '{moved[slug]}': name the new slug"
            elif slug not in slugs:
                guess = difflib.get_close_matches(slug, sorted(slugs - {topic.slug}), n=1)
                message = f"links to unknown topic '{slug}'" + (f" (did you mean '{guess[0]}'?)" if guess else "")
            else:
                continue
            problems.append(_located(source, loc, message))
    return problems


def topic_links(topic: Topic) -> Iterator[tuple[str, tuple]]:
    """Each slug of another topic this topic names, with where it is written."""
    for index, slug in enumerate(topic.related_topics):
        yield slug, ("related_topics", index)
    for index, condition in enumerate(topic.conditions.items if topic.conditions else []):
        if condition.topic is not None:
            yield condition.topic, ("conditions", "items", index, "topic")


def _located(source: Path, loc: tuple, message: str) -> Problem:
    """The problem at the line of `loc`; the file is read again only on this error path (a
    loaded topic, perhaps from the cache, keeps no line numbers)."""
    try:
        return load_yaml(source).problem(loc, message)
    except ContentError:
        return Problem(source, message, field=format_loc(loc))
