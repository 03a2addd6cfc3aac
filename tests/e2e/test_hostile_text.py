"""In headless Chromium: author text with markup in it (tests/hostile_text.py) is only text.

On every page of a site whose titles, summary, site name, site description and glossary
explanation all carry script tags, event handlers, `"` + `>`, a meta refresh to example.org
and entity text: nothing runs, the page goes nowhere, the Content-Security-Policy <meta> is
still in <head>, and the text reads as typed in the tab title, the description, the header,
the navigation, the glossary explanation (on hover and on focus) and the search results.
"""

from __future__ import annotations

import pytest

from hostile_text import OLD_SLUG, SUBSECTION_ID, SUBSECTION_WORD, TOPIC_SLUG
from support import (
    WATCH_SEARCH_WORKER,
    open_search,
    search,
    site_pages,
    wait_until_requests_are_reported,
)

GUIDE = TOPIC_SLUG + "/"
TOOLTIP = ".md-tooltip2[role='tooltip']"
COLLECT_VIOLATIONS = """
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + (e.sample || '')));
"""
# What an attack leaves behind if the author's text became markup anywhere in the document.
INJECTED = """() => ({
    ran: window.__hostile,
    violations: window.__cspViolations,
    images: document.querySelectorAll('img[src="x"], [onerror]').length,
    refresh: document.querySelectorAll('meta[http-equiv="refresh" i]').length,
    policyInHead: !!document.querySelector('head > meta[http-equiv="Content-Security-Policy"]'),
})"""
CLEAN = {"ran": None, "violations": [], "images": 0, "refresh": 0, "policyInHead": True}


@pytest.fixture(scope="module")
def hostile(hostile_site):
    """The hostile site, built with --strict and served on 127.0.0.1 (../../conftest.py)."""
    return hostile_site


@pytest.fixture
def watched(browser, hostile):
    """A page that records CSP violations, every request and every main-frame navigation."""
    _, _, url = hostile
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(COLLECT_VIOLATIONS)
    context.add_init_script(WATCH_SEARCH_WORKER)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    yield page, requests, navigations
    context.close()


def assert_untouched(page, requests, site_url, where):
    assert page.evaluate(INJECTED) == CLEAN, where
    wait_until_requests_are_reported(page)
    offsite = [url for url in requests if not url.startswith((site_url, "data:", "blob:"))]
    assert offsite == [], f"{where}: requests to other hosts: {offsite}"


def test_no_page_runs_author_text_and_each_keeps_its_policy_in_head(watched, hostile):
    _, site_dir, site_url = hostile
    page, requests, navigations = watched
    urls = [url for url in site_pages(site_dir) if not url.startswith(OLD_SLUG + "/")] + ["404.html"]
    for url in urls:
        page.goto(site_url + url)
        page.wait_for_load_state("networkidle")
        assert_untouched(page, requests, site_url, f"/{url}")
        assert page.url == site_url + url, f"/{url} went to {page.url}"
    # The theme also replaces each page's history entry with its own address: same page.
    elsewhere = [url for url in navigations if url not in {site_url + url for url in urls}]
    assert elsewhere == [], f"a page went elsewhere: {elsewhere}"


def test_titles_descriptions_and_names_read_as_typed(watched, hostile):
    site, _, site_url = hostile
    page, requests, _ = watched
    page.goto(site_url + GUIDE)
    assert page.title() == f"{site.topic_title} - {site.site_name}"
    assert page.get_attribute("meta[name=description]", "content") == site.topic_summary
    header = page.locator(".md-header__topic .md-ellipsis")
    assert [header.nth(i).text_content().strip() for i in range(2)] == [site.site_name, site.topic_title]
    sidebar = page.locator("nav.md-nav--primary")
    assert sidebar.locator("> label.md-nav__title").text_content().strip() == site.site_name
    assert site.topic_title in [text.strip() for text in sidebar.locator(".md-ellipsis").all_text_contents()]
    assert page.get_attribute("nav.topic-menu", "aria-label") == f"Pages about {site.topic_title[:1].lower()}{site.topic_title[1:]}"
    page.goto(site_url)
    assert page.title() == site.site_name
    assert page.get_attribute("meta[name=description]", "content") == site.site_description
    assert_untouched(page, requests, site_url, "titles")


def test_the_glossary_explanation_is_text_on_hover_and_on_focus(watched, hostile):
    site, _, site_url = hostile
    page, requests, _ = watched
    page.goto(site_url + GUIDE)
    page.wait_for_function("() => !!window.GlossaryTooltip")
    terms = page.locator("article abbr")
    hovered = terms.nth(1)
    hovered.scroll_into_view_if_needed()
    hovered.hover()
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().strip() == site.glossary_explanation
    assert page.evaluate("(tip) => tip.querySelectorAll('*').length", tooltip.element_handle()) == 1  # its text box only
    assert_untouched(page, requests, site_url, "hovered explanation")
    page.mouse.move(0, 0)
    tooltip.wait_for(state="detached")
    focused = page.locator("article abbr[tabindex='0']")
    focused.focus()
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().strip() == site.glossary_explanation
    assert page.locator(f"#{focused.get_attribute('aria-describedby')}").inner_text().strip() == site.glossary_explanation
    assert_untouched(page, requests, site_url, "focused explanation")
    assert page.url == site_url + GUIDE


def test_search_results_show_titles_as_typed(watched, hostile):
    site, _, site_url = hostile
    page, requests, _ = watched
    page.goto(site_url + GUIDE)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("literally", delay=30)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    titles = page.locator(".md-search-result__item h1").all_text_contents()
    assert site.topic_title in [" ".join(title.split()) for title in titles]
    assert_untouched(page, requests, site_url, "search results")


def css_string(text: str) -> str:
    """`text` as getComputedStyle serializes a CSS string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_search_results_show_section_headings_as_typed(watched, hostile):
    """Pagefind decodes entities in heading text twice: an author's literal "&amp;" and
    "&lt;b&gt;" came out of the search as "&" and "<b>". A subsection's result shows its
    heading (title) and its section's heading (label) exactly as written, as text only."""
    site, _, site_url = hostile
    page, requests, _ = watched
    page.goto(site_url + GUIDE)
    open_search(page)
    search(page, SUBSECTION_WORD)
    heading = page.locator(f'.md-search-result__list a[href*="#{SUBSECTION_ID}"] article h2')
    assert " ".join(heading.text_content().split()) == site.subsection_title
    label = heading.locator(".search-result-section")
    assert label.get_attribute("data-section") == site.section_title
    assert label.evaluate("el => getComputedStyle(el, '::before').content") == css_string("Section: " + site.section_title)
    assert heading.evaluate("el => [...el.querySelectorAll('*')].map(child => child.className)") == ["search-result-section"]
    assert_untouched(page, requests, site_url, "search result sections")


# A result's text: what its article holds besides the icon and the title.
RESULT_TEXT = "(article) => [...article.childNodes].filter(n => !(n.matches && n.matches('h1, h2, .md-search-result__icon')))"


def test_search_excerpts_show_author_text_as_typed_with_only_matches_marked(watched, hostile):
    """Pagefind's excerpts escape "<" and ">" but leave "&": an author's literal "&lt;b&gt;"
    read as "<b>" in a result's text. The text is the author's words as typed, with only the
    matched word in <mark>. (A result's text leaves out its heading, which its title shows: the
    hostile summary, the page's opening, is the text here.)"""
    site, _, site_url = hostile
    page, requests, _ = watched
    page.goto(site_url + GUIDE)
    open_search(page)
    search(page, "literally")
    articles = page.locator(".md-search-result__list article")
    texts = [" ".join(text.split()) for text in articles.evaluate_all(f"all => all.map(a => ({RESULT_TEXT})(a).map(n => n.textContent).join(''))")]
    opening = next(index for index, text in enumerate(texts) if "literally" in text)
    assert "&amp; &lt;b&gt; must read literally," in texts[opening]
    assert texts[opening] in site.topic_summary
    elements = articles.nth(opening).evaluate(f"a => ({RESULT_TEXT})(a).filter(n => n.nodeType === 1).map(n => [n.tagName, n.innerHTML])")
    assert elements == [["MARK", "literally,"]]
    assert_untouched(page, requests, site_url, "search result texts")
