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


def test_a_page_kind_out_of_the_menu_is_in_no_topic_section_but_in_the_footer_links():
    """routes.LINKS has in_menu=False: the clinicians' page is built, but not for patients' menus."""
    from generator.structure.navigation import footer_links
    from generator.structure.routes import LINKS, off_menu_paths

    content = site_with(["Back pain"])
    pages = nav_pages(navigation(content))

    assert not LINKS.in_menu
    assert "topic-0/links.md" not in pages and "topic-0/faq.md" in pages
    assert off_menu_paths(loaded.topic for loaded in content.topics) == {"topic-0/links.md"}
    assert footer_links(content)["topic-0/faq.md"] == [("Links for clinicians", "topic-0/links/")]


def nav_pages(nav) -> list[str]:
    """Every Markdown path in a MkDocs nav structure."""
    found = []
    for entry in nav:
        for value in entry.values():
            found += nav_pages(value) if isinstance(value, list) else [value]
    return found
