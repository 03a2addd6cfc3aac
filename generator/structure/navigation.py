"""The site navigation: Home, one short section per topic (its pages, from the route registry),
then the other site pages."""

from __future__ import annotations

from ..model.loading import Content
from .routes import (
    HOME,
    SITE_PAGES,
    menu_pages_of,
    off_menu_paths,
    page_url,
    pages_of,
    topic_page_path,
)

NAV_GROUP_FROM = 10  # below this, one section per topic is short enough


def navigation(content: Content) -> list[dict]:
    """Home (the A-Z topic list), one short section per topic, then About.

    From NAV_GROUP_FROM topics on, the navigation is only Home and About: listing topics
    (even grouped by letter) made every page carry part of the topic list, so a page grew
    with the site (113 KB instead of 95 KB at 1,000 topics; benchmarks/RESULTS.md). Readers
    find a topic on the home page's A to Z list, and move between its pages with the menu
    at the top of each (components/topic-menu/template.md.j2).
    """
    strings = content.strings
    others = [{kind.name(strings): kind.file} for kind in SITE_PAGES if kind is not HOME]
    if len(content.topics) >= NAV_GROUP_FROM:
        return [{HOME.name(strings): HOME.file}, *others]
    sections = [
        {loaded.topic.title: [{page.title_of(loaded.topic, strings): topic_page_path(loaded.topic.slug, page)} for page in menu_pages_of(loaded.topic)]}
        for loaded in content.topics
    ]
    return [{HOME.name(strings): HOME.file}, *sections, *others]


def left_out_of_navigation(content: Content) -> set[str]:
    """Docs-relative paths of the topic pages built but, on purpose, in no menu: the off-menu
    page kinds and, from NAV_GROUP_FROM topics on, every topic page (not omissions for --strict)."""
    topics = [loaded.topic for loaded in content.topics]
    if len(topics) >= NAV_GROUP_FROM:
        return {topic_page_path(topic.slug, kind) for topic in topics for kind in pages_of(topic)}
    return off_menu_paths(topics)


def footer_links(content: Content) -> dict[str, list[tuple[str, str]]]:
    """For each topic page (docs-relative path), the topic's pages left out of the menus, as
    (title, site-relative URL without the leading "/"): the theme's footer links to them."""
    links = {}
    for loaded in content.topics:
        topic = loaded.topic
        off_menu = [(kind.title_of(topic, content.strings), page_url(topic_page_path(topic.slug, kind)).lstrip("/")) for kind in pages_of(topic) if not kind.in_menu]
        links.update({topic_page_path(topic.slug, kind): off_menu for kind in pages_of(topic)})
    return links
