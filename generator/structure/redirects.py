"""Redirects for topics that moved (`moved_from: [old-slug]`): each page the topic has keeps its
old address, as a small page that sends the reader on (rendered from the REDIRECT page kind)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.loading import Content
from .routes import REDIRECT, page_url, pages_of, topic_page_path


@dataclass(frozen=True)
class MovedPage:
    old_url: str  # site-relative, e.g. "/old-slug/faq/"
    new_url: str
    title: str  # the topic's title


def moved_pages(content: Content) -> list[MovedPage]:
    moved = []
    for loaded in content.topics:
        topic = loaded.topic
        if not REDIRECT.exists(topic):
            continue
        for old_slug in topic.moved_from:
            for page in pages_of(topic):
                new_url = page_url(topic_page_path(topic.slug, page))
                moved.append(MovedPage("/" + old_slug + new_url.removeprefix("/" + topic.slug), new_url, topic.title))
    return moved
