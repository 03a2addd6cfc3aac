"""The site navigation: Home, one short section per topic (its pages, from the route registry),
then the other site pages."""

from __future__ import annotations

from ..model.loading import Content
from .routes import HOME, SITE_PAGES, pages_of, topic_page_path

NAV_GROUP_FROM = 10  # below this, one section per topic is short enough


def navigation(content: Content) -> list[dict]:
    """Home (the A-Z topic list), one short section per topic, then About.

    From NAV_GROUP_FROM topics on, the navigation is only Home and About: listing topics
    (even grouped by letter) made every page carry part of the topic list, so a page grew
    with the site (113 KB instead of 95 KB at 1,000 topics; benchmarks/RESULTS.md). Readers
    find a topic on the home page's A to Z list, and move between its pages with the menu
    at the top of each (components/topic_menu.md.j2).
    """
    others = [{kind.title: kind.file} for kind in SITE_PAGES if kind is not HOME]
    if len(content.topics) >= NAV_GROUP_FROM:
        return [{HOME.title: HOME.file}, *others]
    sections = [
        {loaded.topic.title: [{page.title: topic_page_path(loaded.topic.slug, page)} for page in pages_of(loaded.topic)]}
        for loaded in content.topics
    ]
    return [{HOME.title: HOME.file}, *sections, *others]
