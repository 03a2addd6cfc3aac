"""Author text with markup in it (tests/hostile_text.py) is text in every built page.

A fast check of the built HTML; tests/e2e/test_hostile_text.py proves the same in Chromium.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from generator.engine.mkdocs.search.pagefind_pages import HEADING_END
from generator.render.environment import mid_sentence
from hostile_text import OLD_SLUG, SUBSECTION_ID, TOPIC_SLUG, HostileSite
from html_tree import Element, parse_html
from support import pagefind_records, site_pages

HEAD_ELEMENTS = {"meta", "link", "title", "script", "style"}
# Everything a page may have before its policy: nothing that shows author text.
BEFORE_CSP = re.compile(
    r'\A\s*<!doctype html>\s*<html [^<>]*>\s*<head>\s*<meta charset="utf-8">\s*'
    r'<meta name="viewport" content="width=device-width,initial-scale=1">\s*'
    r'<meta http-equiv="Content-Security-Policy" content="[^"<>]*">'
)


@pytest.fixture(scope="module")
def hostile(hostile_site) -> tuple[HostileSite, Path]:
    """The hostile site's one build of the session (../../conftest.py), shared with the browser tests."""
    site, site_dir, _ = hostile_site
    return site, site_dir


def theme_pages(site_dir: Path) -> dict[str, str]:
    """Built pages the theme renders (not the moved topic's redirect pages), by URL."""
    urls = [url for url in site_pages(site_dir) if not url.startswith(OLD_SLUG + "/")] + ["404.html"]
    return {url: (site_dir / url / "index.html" if url != "404.html" else site_dir / url).read_text(encoding="utf-8") for url in urls}


def head_of(tree: Element) -> Element:
    return tree.find("head")


def assert_no_injected_markup(url: str, tree: Element) -> None:
    for element in tree.iter():
        assert "onerror" not in element.attrs, f"/{url}: an author's event handler became an attribute: {element}"
        assert not (element.tag == "img" and element.attrs.get("src") == "x"), f"/{url}: an author's <img> became markup"
        if element.tag == "meta" and element.attrs.get("http-equiv", "").lower() == "refresh":
            raise AssertionError(f"/{url}: an author's <meta http-equiv=refresh> became markup")
        if element.tag == "script":
            assert "__hostile" not in element.text or element.attrs.get("type") == "application/ld+json", (
                f"/{url}: an author's <script> became markup"
            )


def test_the_hostile_site_builds_and_no_author_text_becomes_markup(hostile):
    _, site_dir = hostile
    for url, html in theme_pages(site_dir).items():
        assert_no_injected_markup(url, parse_html(html))


def test_the_policy_comes_first_in_head_and_head_holds_only_head_elements(hostile):
    _, site_dir = hostile
    for url, html in theme_pages(site_dir).items():
        assert BEFORE_CSP.match(html), f"/{url}: something comes before the Content-Security-Policy <meta>"
        head = head_of(parse_html(html))
        # Text or a body element here would make the browser close <head> early.
        assert not [c for c in head.children if isinstance(c, str) and c.strip()], f"/{url}: text in <head>"
        assert {child.tag for child in head.children if isinstance(child, Element)} <= HEAD_ELEMENTS, url


def test_titles_and_descriptions_read_as_written(hostile):
    site, site_dir = hostile
    pages = theme_pages(site_dir)
    guide = parse_html(pages[f"{TOPIC_SLUG}/"])
    assert guide.find("title").text == f"{site.topic_title} - {site.site_name}"
    assert guide.find("meta", name="description").attrs["content"] == site.topic_summary
    assert guide.find("meta", property="og:title").attrs["content"] == site.topic_title
    assert guide.find("meta", property="og:description").attrs["content"] == site.topic_summary
    assert guide.find("meta", property="og:site_name").attrs["content"] == site.site_name
    header = [el.squashed_text for el in guide.find_all("div", **{"class": "md-header__topic"})]
    assert header == [site.site_name, site.topic_title]
    home = parse_html(pages[""])
    assert home.find("title").text == site.site_name
    assert home.find("meta", name="description").attrs["content"] == site.site_description
    not_found = parse_html(pages["404.html"])
    assert not_found.find("title").text == site.site_name


def test_the_navigation_and_the_topic_menu_read_as_written(hostile):
    site, site_dir = hostile
    guide = parse_html(theme_pages(site_dir)[f"{TOPIC_SLUG}/"])
    sidebar = guide.find("nav", **{"class": "md-nav md-nav--primary"})
    assert sidebar.find_all("label", **{"class": "md-nav__title"})[0].squashed_text == site.site_name
    assert site.topic_title in [el.squashed_text for el in sidebar.find_all("span", **{"class": "md-ellipsis"})]
    assert guide.find("nav", **{"class": "topic-menu"}).attrs["aria-label"] == f"Pages about {mid_sentence(site.topic_title)}"


def test_the_glossary_explanation_is_the_abbr_title_as_written(hostile):
    site, site_dir = hostile
    guide = parse_html(theme_pages(site_dir)[f"{TOPIC_SLUG}/"])
    titles = {abbr.attrs["title"] for abbr in guide.find_all("abbr")}
    assert titles == {site.glossary_explanation}


def test_search_records_hold_the_titles_as_written(hostile):
    """Pagefind's records (what a search result shows) keep each page's title as text, exactly
    as written: the search worker escapes it when it shows a result (tests/e2e/test_hostile_text.py
    sees it there)."""
    site, site_dir = hostile
    records = pagefind_records(site_dir)
    for url, expected in [("", site.site_name), (f"{TOPIC_SLUG}/", site.topic_title)]:
        assert records[url]["meta"]["title"] == expected, f"{url!r}: {records[url]['meta']!r}"


def test_search_records_hold_the_headings_as_written(hostile):
    """A section heading's words in Pagefind's record, from its anchor to the marker that ends
    it (search/pagefind_pages.py), are the heading as written: what the search worker shows
    (Pagefind's own anchor text decodes "&amp;" a second time)."""
    site, site_dir = hostile
    record = pagefind_records(site_dir)[f"{TOPIC_SLUG}/"]
    words, anchors = record["content"].split(), record["anchors"]
    shown = {}
    for index, anchor in enumerate(anchors):
        if anchor["id"] in {"overview", SUBSECTION_ID}:
            end = next(later for later in anchors[index + 1 :] if later["id"] == HEADING_END)
            shown[anchor["id"]] = " ".join(words[anchor["location"] : end["location"]])
    assert shown == {"overview": site.section_title, SUBSECTION_ID: site.subsection_title}


def test_structured_data_keeps_the_text_and_cannot_end_its_script(hostile):
    site, site_dir = hostile
    guide = theme_pages(site_dir)[f"{TOPIC_SLUG}/"]
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', guide, re.S)
    assert "<" not in script and ">" not in script
    data = json.loads(script)
    assert data["name"] == site.topic_title
    assert data["description"] == site.topic_summary


def test_redirect_pages_show_the_title_as_written(hostile):
    site, site_dir = hostile
    html = (site_dir / OLD_SLUG / "index.html").read_text(encoding="utf-8")
    tree = parse_html(html)
    assert tree.find("title").text == f"This page has moved: {site.topic_title}"
    refreshes = [el.attrs["content"] for el in tree.iter() if el.tag == "meta" and el.attrs.get("http-equiv") == "refresh"]
    assert refreshes == ["0; url=../sample-topic/"]
    assert "__hostile" not in "".join(el.text for el in tree.find_all("script"))
    assert unescape(html).count("example.org") == 1  # in the title's text only
