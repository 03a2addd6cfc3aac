"""The Spanish site (/es/) in Chromium: the self-check's emergency result, the diary (entries,
summary, CSV with Spanish headers, printout), the clinicians' deep links, the language switcher
landing on the same section, search for Spanish lay words, which Spanish pages the browser walks (axe and the rest), no English
interface word on a Spanish page, and the same triage as the English for every emergency
combination (the levels come from the one English model)."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from generator.model.loading import load_content, load_language
from generator.model.strings import CATALOGS, load_strings
from generator.model.translation import translation_codes
from html_tree import parse_html
from support import (
    ROOT,
    WATCH_SEARCH_WORKER,
    one_page_of_each_kind,
    open_search,
    pages_to_walk,
    result_location,
    search,
    site_pages,
    twitching,
)

GUIDE = "es/facial-twitching/"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def english():
    return load_content(ROOT / "content")


@pytest.fixture(scope="module")
def spanish(english):
    return load_language(ROOT / "content", "es", english)


@pytest.fixture(scope="module")
def words(spanish):
    return spanish.strings.sections


@pytest.fixture
def es_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Europe/London", accept_downloads=True, locale="es-ES")
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    yield page
    context.close()


def test_every_published_language_has_a_complete_catalog():
    codes = translation_codes(ROOT / "content")
    assert "es" in codes
    for code in codes:
        problems = []
        assert load_strings(code, problems) is not None and problems == [], (code, problems)
        assert (CATALOGS / f"{code}.yaml").is_file()


def test_the_spanish_self_check_gives_the_emergency_result(es_page, site_url, spanish, words):
    topic = twitching(spanish).topic
    sign = next(s for s in topic.signs if s.level == "emergency")
    es_page.goto(site_url + GUIDE + "self-check/")
    es_page.wait_for_selector("[data-self-check-form]:not([hidden])")
    es_page.locator(f"#{sign.id}").get_by_label(words["self_check_script"]["answer_yes"], exact=True).check()
    result = es_page.locator("[data-self-check-result]")
    result.wait_for(state="visible")
    assert result.locator('[data-outcome="emergency"]').count() == 1
    text = result.inner_text()
    assert topic.triage.outcome("emergency").title in text and spanish.site.emergency_number in text
    assert "noviembre" in es_page.locator("[data-self-check-result]").inner_text() or "Checked" not in text


def test_the_spanish_diary_saves_summarises_exports_and_prints(es_page, site_url, spanish, words):
    diary = twitching(spanish).topic.diary
    es_page.goto(site_url + GUIDE + "diary/")
    form = es_page.locator("[data-diary-form]:not([hidden])")
    form.wait_for()
    form.locator("fieldset", has_text=diary.words.location_question).get_by_label(diary.locations[0].label, exact=True).check()
    form.locator("fieldset", has_text=diary.words.duration_question).get_by_label(diary.durations[0].label, exact=True).check()
    form.locator("fieldset", has_text=diary.words.strength_question).get_by_label(diary.strengths[0].label, exact=True).check()
    form.get_by_role("button", name=words["diary_script"]["save_entry"]).click()
    entry = es_page.locator("[data-diary-list] > li").first
    entry.wait_for()
    assert diary.locations[0].label in entry.inner_text() and "nov" in entry.inner_text()

    summary = es_page.locator("[data-diary-summary]")
    summary.wait_for(state="visible")
    assert diary.words.days_with in summary.inner_text()

    with es_page.expect_download() as download_info:
        es_page.get_by_role("button", name=words["diary"]["download"]).click()
    text = open(download_info.value.path(), "rb").read().decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text, newline="")))
    script = words["diary_script"]
    assert header == [script[key] for key in ("csv_date", "csv_time", "csv_where", "csv_how_long", "csv_how_strong", "csv_triggers", "csv_note", "csv_written", "csv_changed")]
    assert download_info.value.suggested_filename.endswith(".csv")

    es_page.emulate_media(media="print")
    printed = es_page.locator("main").inner_text()
    assert words["diary"]["questions"] in printed and diary.questions_to_ask[0] in printed


def test_a_clinician_s_spanish_link_opens_the_spanish_section(es_page, site_url):
    es_page.goto(site_url + GUIDE + "links/")
    link = es_page.locator(f'a[href="{site_url}{GUIDE}when-to-get-help/#help-urgent"]').first
    assert link.count() == 1
    link.click()
    es_page.wait_for_url(site_url + GUIDE + "when-to-get-help/#help-urgent")
    es_page.wait_for_function("() => document.documentElement.lang === 'es'")
    expect(es_page.locator("#help-urgent")).to_be_visible()  # waits: the page may still be opening it
    english = es_page.locator(f'a[href="{site_url}facial-twitching/when-to-get-help/#help-urgent"]')
    es_page.go_back()
    assert english.first.get_attribute("hreflang") == "en"


def test_the_switcher_keeps_the_reader_on_the_same_section(es_page, site_url, words):
    es_page.goto(site_url + "facial-twitching/faq/#faq-how-long")
    es_page.get_by_role("navigation", name="Read this page in").get_by_role("link", name="Español").click()
    es_page.wait_for_url(site_url + GUIDE + "faq/#faq-how-long")
    es_page.wait_for_function("() => document.documentElement.lang === 'es' && document.getElementById('faq-how-long') !== null")
    es_page.get_by_role("navigation", name=words["language"]["switcher"]).get_by_role("link", name="English").click()
    es_page.wait_for_url(site_url + "facial-twitching/faq/#faq-how-long")


@pytest.mark.parametrize(("query", "expected"), [("me salta el párpado", GUIDE), ("cara caída", GUIDE)])
def test_search_finds_spanish_lay_words_on_the_spanish_pages(page, site_url, query, expected):
    page.add_init_script(WATCH_SEARCH_WORKER)
    page.goto(site_url + "es/")
    open_search(page, prompt="Teclee")  # Material's own Spanish words: theme.language is es
    results = search(page, query)["results"]
    assert results, query
    assert all(result_location(href, site_url).startswith("es/") for href, _ in results[:3]), results[:3]
    assert any(result_location(href, site_url).startswith(expected) for href, _ in results[:3]), results[:3]


def test_the_browser_walks_open_every_english_page_and_each_kind_of_spanish_page(built_site):
    """Axe (at every width and scheme), keyboard, zoom, privacy and CSP walks open
    pages_to_walk: each Spanish page kind once, as the Spanish pages share the English markup."""
    walked = pages_to_walk(built_site)
    assert [url for url in site_pages(built_site) if not url.startswith("es/")] == [url for url in walked if not url.startswith("es/")]
    spanish = [url for url in walked if url.startswith("es/")]
    expected = {"es/", "es/about/", GUIDE, GUIDE + "faq/", GUIDE + "self-check/", GUIDE + "diary/", GUIDE + "links/"}
    assert expected <= set(spanish), spanish
    later_guide_pages = set(spanish) - expected
    assert len(later_guide_pages) == 1 and later_guide_pages <= {GUIDE + page + "/" for page in ("causes", "conditions", "when-to-get-help", "tests-and-treatment", "sources")}, spanish


def test_a_walk_of_one_page_of_each_kind_covers_every_kind_in_every_language(built_site):
    """The second width or scheme of a walk (one_page_of_each_kind) opens each kind of page once
    per language: both topic kinds' pages in English, and the Spanish ones as pages_to_walk does."""
    sampled = one_page_of_each_kind(built_site)
    english = [url for url in sampled if not url.startswith("es/")]
    assert {"", "about/", "facial-twitching/", "facial-twitching/faq/", "facial-twitching/self-check/",
            "facial-twitching/diary/", "facial-twitching/links/"} <= set(english), english
    condition_pages = [url for url in english if url.split("/")[0] in {"bells-palsy", "blepharospasm", "hemifacial-spasm"}]
    assert any(url.count("/") == 1 for url in condition_pages) and any(url.endswith("/faq/") for url in condition_pages), english
    assert len(english) == len(set(english)) and len(english) < len([u for u in site_pages(built_site) if not u.startswith("es/")])
    assert [url for url in sampled if url.startswith("es/")] == [url for url in pages_to_walk(built_site) if url.startswith("es/")]


def english_interface_words(words_es: dict, words_en: dict) -> set[str]:
    """The English catalog's texts that the Spanish says differently, without their placeholders,
    as the phrases (3 words or more) a page would show."""
    found = set()
    for component, texts in words_en.items():
        for key, text in texts.items():
            if words_es[component][key] == text:
                continue
            for part in re.split(r"\{[a-z_]+\}", text):
                part = part.strip(" .:,;()")
                if len(part.split()) >= 3:
                    found.add(part)
    return found


def visible_text(node) -> str:
    """The text of the page's body and of its attributes a reader hears, without scripts."""
    if isinstance(node, str):
        return node
    if node.tag in {"script", "style", "head"}:
        return ""
    heard = " ".join(node.attrs.get(name) or "" for name in ("aria-label", "title", "alt", "placeholder"))
    return heard + " " + "".join(visible_text(child) for child in node.children)


def test_no_english_interface_words_on_a_spanish_page(built_site, words):
    english = load_strings("en-GB", []).sections
    phrases = english_interface_words(words, english)
    assert "Show my result" in phrases and "Your browser is not letting this page save" in phrases

    def shown(url: str) -> list[str]:
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        text = " ".join(visible_text(parse_html(html)).split())
        data = " ".join(unquote(value) for value in re.findall(r'data-(?:rules|config|strings)="([^"]*)"', html))
        return [f"/{url}: {phrase!r}" for phrase in phrases if phrase in text or phrase in data]

    assert len(shown("facial-twitching/diary/")) > 20  # the scan finds the English words on an English page
    leaks = [leak for url in site_pages(built_site) if url.startswith("es/") for leak in shown(url)]
    assert not leaks, leaks[:20]


def test_both_languages_triage_every_emergency_combination_alike(browser, site_url, english):
    """The rules in each language's page data, run by the page's own script on every emergency
    answer combination: the same level and reasons in English and Spanish."""
    import itertools

    topic = twitching(english).topic
    emergency = [q.id for q in topic.triage.questions() if topic.triage.question_level(q.id) == "emergency"]
    combos = [dict(zip(emergency, answers, strict=True)) for answers in itertools.product(("yes", "no", "not-sure"), repeat=len(emergency))]
    verdicts = {}
    context = browser.new_context()
    try:
        for prefix in ("", "es/"):
            page = context.new_page()
            page.goto(site_url + prefix + "facial-twitching/self-check/")
            page.wait_for_selector("[data-self-check-form]:not([hidden])")
            verdicts[prefix] = page.evaluate(
                """(combos) => {
                    const data = JSON.parse(decodeURIComponent(document.querySelector('[data-self-check]').getAttribute('data-rules')));
                    return combos.map(answers => { const v = SelfCheck.evaluate(data, answers); return v.level + ':' + v.reasons.join(','); });
                }""",
                combos,
            )
    finally:
        context.close()
    assert len(verdicts[""]) == len(combos) and verdicts[""] == verdicts["es/"]
    for answers, verdict in zip(combos, verdicts["es/"], strict=True):  # any yes or not sure is an emergency
        assert verdict.startswith("emergency:") == any(answer != "no" for answer in answers.values()), (answers, verdict)
