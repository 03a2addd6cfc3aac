"""Links between topics: every slug a topic names (`related_topics`, a condition's `topic`) is
another topic of the site, and every reference to another topic's item (`other-slug#item-id`,
in a reference list or a prose link) names an item that topic has. Checked once every topic is
loaded, since no file alone can tell."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..reading.problems import ContentError, Problem
from ..reading.yaml_source import format_loc, load_yaml
from .items import walk_ids
from .previous_ids import moved_ids
from .references import is_cross_topic, links_in
from .topic import Topic


@dataclass(frozen=True)
class TopicLinks:
    """What the cross-topic check needs of one topic, taken from its models once: walking them
    took ~60 ms a topic, so a save that re-walked every topic grew with the site (issue 17).
    Kept by the topic cache per file digest, as the loaded topic is."""

    slug: str
    moved_from: tuple[str, ...]
    slugs_named: tuple[tuple[str, tuple], ...]  # (another topic's slug, where it is written)
    items_named: tuple[tuple[str, tuple], ...]  # ("other-slug#item-id", where it is written)
    ids: frozenset[str]  # every item id of this topic, for the references into it
    renamed_ids: dict[str, str]  # previous id -> current id

    def linked_slugs(self) -> set[str]:
        """The other topics this topic's pages show something of (a title, a summary, an item's page)."""
        return {slug for slug, _ in self.slugs_named} | {target.partition("#")[0] for target, _ in self.items_named}


def links_of(topic: Topic) -> TopicLinks:
    """The one walk of a topic's models the cross-topic check needs."""
    data = topic.model_dump()
    return TopicLinks(
        slug=topic.slug,
        moved_from=tuple(topic.moved_from),
        slugs_named=tuple(topic_links(topic)),
        items_named=tuple(cross_topic_references(topic, data)),
        ids=frozenset(item_id for item_id, _ in walk_ids(data)),
        renamed_ids=moved_ids(data),
    )


def check_topic_links(topics: list[tuple[TopicLinks, Path]]) -> list[Problem]:
    """Problems for each slug that names no other topic and each `other-slug#id` naming no item
    of it; `topics` are (what the topic links to, its file). Only set look-ups: no model is walked."""
    by_slug = {links.slug: links for links, _ in topics}
    slugs = set(by_slug)
    moved = {old: links.slug for links, _ in topics for old in links.moved_from}
    problems = []
    for links, source in topics:
        for slug, loc in links.slugs_named:
            message = _slug_problem(slug, links.slug, slugs, moved)
            if message:
                problems.append(_located(source, loc, message))
        for target, loc in links.items_named:
            slug, _, item_id = target.partition("#")
            message = _slug_problem(slug, links.slug, slugs, moved, itself=f"write '{item_id}' (or '#{item_id}' in text) for an item of this topic")
            if message is None and item_id not in by_slug[slug].ids:
                message = _id_problem(slug, item_id, by_slug[slug].ids, by_slug[slug].renamed_ids)
            if message:
                problems.append(_located(source, loc, message))
    return problems


def _slug_problem(slug: str, own: str, slugs: set[str], moved: dict[str, str], itself: str = "name other topics here") -> str | None:
    if slug == own:
        return f"'{slug}' is this topic itself; {itself}"
    if slug in moved:  # links name the current slug; only published addresses are forwarded
        return f"topic '{slug}' has moved to '{moved[slug]}': name the new slug"
    if slug not in slugs:
        guess = difflib.get_close_matches(slug, sorted(slugs - {own}), n=1)
        return f"links to unknown topic '{slug}'" + (f" (did you mean '{guess[0]}'?)" if guess else "")
    return None


def _id_problem(slug: str, item_id: str, known: set[str], renamed: dict[str, str]) -> str:
    if item_id in renamed:  # the old id is forwarded for published links, but a link names the current one
        return f"'{item_id}' in topic '{slug}' is now '{renamed[item_id]}': write '{slug}#{renamed[item_id]}'"
    guess = difflib.get_close_matches(item_id, sorted(known), n=1)
    return f"links to unknown id '{item_id}' in topic '{slug}'" + (f" (did you mean '{slug}#{guess[0]}'?)" if guess else "")


def cross_topic_references(topic: Topic, data: dict | None = None) -> Iterator[tuple[str, tuple]]:
    """Each `other-slug#item-id` the topic links to (reference lists and prose links), with
    where it is written; `data` is `topic.model_dump()` when the caller has it already."""
    for target, loc in links_in(Topic, topic.model_dump() if data is None else data):
        if is_cross_topic(target):
            yield target, loc


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
