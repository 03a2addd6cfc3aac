"""A right-to-left language end to end (tests/fixtures/rtl: an Arabic test catalog and the small
topic with its self-check and diary, `dir: rtl`): built under /ar/ beside the English, every page
says lang="ar" dir="rtl", the layout mirrors, the self-check and diary work, the language
switcher lands on the same section, and axe finds nothing on any Arabic page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import ROOT, built_and_served, describe_violations, run_axe, site_pages

FIXTURE = ROOT / "tests" / "fixtures" / "rtl"


@pytest.fixture(scope="module")
def rtl_site(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("rtl-site")
    with built_and_served(FIXTURE, site_dir) as url:
        yield site_dir, url


def arabic_pages(site_dir: Path) -> list[str]:
    return [url for url in site_pages(site_dir) if url.startswith("ar/")]


def test_every_arabic_page_says_its_language_and_direction_and_the_english_stays_at_the_root(rtl_site):
    site_dir, _ = rtl_site
    pages = arabic_pages(site_dir)
    assert "ar/sample-topic/self-check/" in pages and "ar/sample-topic/diary/" in pages
    for url in pages:
        html = (site_dir / url / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<html lang="ar" dir="rtl"', html), url
        assert '<body dir="rtl"' in html, url
        assert '<link rel="alternate" hreflang="en"' in html and '<link rel="alternate" hreflang="x-default"' in html, url
    english = (site_dir / "sample-topic" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english and '<link rel="alternate" hreflang="ar" href="http://127.0.0.1:' in english


def test_the_layout_mirrors(browser, rtl_site):
    _, url = rtl_site
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        boxes = {}
        for language, address in (("en", url + "sample-topic/"), ("ar", url + "ar/sample-topic/")):
            page.goto(address)
            boxes[language] = page.evaluate(
                "() => ({nav: document.querySelector('.md-sidebar--primary').getBoundingClientRect().left,"
                " content: document.querySelector('.md-content').getBoundingClientRect().left,"
                " direction: getComputedStyle(document.querySelector('article')).direction})"
            )
        assert boxes["en"]["direction"] == "ltr" and boxes["ar"]["direction"] == "rtl"
        assert boxes["en"]["nav"] < boxes["en"]["content"]  # the navigation on the left in English...
        assert boxes["ar"]["nav"] > boxes["ar"]["content"]  # ...and on the right in Arabic
    finally:
        context.close()


def test_the_arabic_self_check_gives_the_emergency_result(browser, rtl_site):
    _, url = rtl_site
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(url + "ar/sample-topic/self-check/")
        page.wait_for_selector("[data-self-check-form]:not([hidden])")
        page.locator("fieldset.self-check__question", has_text="هل تدلى أحد جانبي وجهك فجأة؟").get_by_label("نعم", exact=True).check()
        result = page.locator("[data-self-check-result]")
        result.wait_for(state="visible")
        assert result.locator('[data-outcome="emergency"]').count() == 1
        assert "999" in result.inner_text()
    finally:
        context.close()


def test_the_arabic_diary_saves_an_entry(browser, rtl_site):
    _, url = rtl_site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Europe/London")
    page = context.new_page()
    try:
        page.goto(url + "ar/sample-topic/diary/")
        form = page.locator("[data-diary-form]:not([hidden])")
        form.wait_for()
        form.locator("fieldset", has_text="أين كان الارتعاش؟").get_by_label("الخد", exact=True).check()
        form.locator("fieldset", has_text="How long").get_by_label("Seconds", exact=True).check()
        form.locator("fieldset", has_text="How strong").get_by_label("Mild", exact=True).check()
        form.get_by_role("button", name="احفظ الإدخال").click()
        page.locator("[data-diary-list] > li").first.wait_for()
        assert "الخد" in page.locator("[data-diary-list] > li").first.inner_text()
        page.wait_for_function("() => document.querySelector('[data-diary-status], [role=status]') !== null")
        assert "healthguide:sample-topic:diary:v2" in page.evaluate("() => Object.keys(localStorage)")
    finally:
        context.close()


def test_the_language_switcher_lands_on_the_same_section(browser, rtl_site):
    _, url = rtl_site
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(url + "sample-topic/when-to-get-help/#help-gp")
        switcher = page.get_by_role("navigation", name="Read this page in")
        switcher.get_by_role("link", name="العربية").click()
        page.wait_for_url(url + "ar/sample-topic/when-to-get-help/#help-gp")
        page.wait_for_function("() => document.documentElement.lang === 'ar' && document.getElementById('help-gp') !== null")

        back = page.get_by_role("navigation", name="اقرأ هذه الصفحة بلغة").get_by_role("link", name="English")
        assert back.get_attribute("hreflang") == "en" and back.get_attribute("lang") == "en"
        back.click()
        page.wait_for_url(url + "sample-topic/when-to-get-help/#help-gp")
    finally:
        context.close()


def test_the_switcher_follows_instant_navigation(browser, rtl_site):
    """Material swaps the page content but not the header: the switcher must open the page the
    reader moved to, not the one they first opened."""
    _, url = rtl_site
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(url + "sample-topic/")
        page.wait_for_function("() => window.document$ !== undefined")
        page.locator("article a[href$='when-to-get-help/']").first.click()
        page.wait_for_url(url + "sample-topic/when-to-get-help/")
        page.wait_for_function("() => document.querySelector('[data-language-alternates]').getAttribute('data-href-ar').endsWith('when-to-get-help/')")
        page.get_by_role("navigation", name="Read this page in").get_by_role("link", name="العربية").click()
        page.wait_for_url(url + "ar/sample-topic/when-to-get-help/")
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_arabic_pages_have_no_axe_violations(browser, rtl_site, axe_script, width):
    site_dir, url = rtl_site
    failures = []
    for address in arabic_pages(site_dir):
        context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
        try:
            page = context.new_page()
            page.goto(url + address)
            violations = run_axe(page, axe_script)
            if violations:
                failures.append(f"/{address}:\n{describe_violations(violations)}")
        finally:
            context.close()
    assert not failures, "\n".join(failures)
