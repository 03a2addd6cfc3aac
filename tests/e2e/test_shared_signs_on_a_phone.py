"""Shared warning signs and topic diaries as a reader meets them on a phone (390 x 844): every
topic with a self-check sends a "yes" to any stroke sign to the emergency number, and a diary
of a topic other than facial twitching speaks of its own symptom, never of twitches."""

from __future__ import annotations

import csv
import io
import re
import unicodedata

import pytest

from generator.model.loading import load_content
from support import ROOT

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
# BE-FAST: the stroke signs every topic takes from content/shared-signs.yaml.
STROKE_SIGNS = ("flag-face-droop", "flag-arm-weakness", "flag-speech", "flag-balance", "flag-eyesight")
TWITCH = re.compile("twitch", re.IGNORECASE)


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "content")


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE, accept_downloads=True)
    yield context.new_page()
    context.close()


def test_every_self_check_sends_each_shared_stroke_sign_to_the_emergency_number(phone, site_url, content):
    topics = [loaded.topic for loaded in content.topics if loaded.topic.triage is not None]
    assert len(topics) >= 2, "the test means most with more than one self-check"
    for topic in topics:
        assert set(STROKE_SIGNS) <= set(topic.shared_signs), f"{topic.slug} does not use every stroke sign"
        emergency = topic.self_check.outcome_for("emergency").title
        assert emergency == f"Call {content.site.emergency_number} now", topic.slug
        phone.goto(f"{site_url}{topic.slug}/self-check/")
        phone.wait_for_selector("[data-self-check-form]:not([hidden])")
        for sign_id in STROKE_SIGNS:
            phone.locator("[data-self-check-form] button[type=reset]").click()
            phone.wait_for_function("() => document.querySelector('[data-self-check-result]').hidden")
            phone.locator(f'#{sign_id} input[value="yes"]').check()
            phone.wait_for_function(
                "(title) => { const r = document.querySelector('[data-self-check-result]');"
                " return !r.hidden && r.querySelector('[data-self-check-outcome] h3').textContent.trim() === title; }",
                arg=emergency,
            )
            said = phone.locator(f'[data-self-check-result] [data-said="{sign_id}"]')
            assert said.is_visible(), f"{topic.slug}, {sign_id}: the result does not say why"


def without_site_name(text: str, site_name: str) -> str:
    """The site's own name ("Twitch Check") is a name, not the diary speaking of twitches."""
    return " ".join(unicodedata.normalize("NFKC", text).replace(site_name, "").split())


def test_a_diary_of_another_topic_never_says_twitch(phone, site_url, content):
    from pypdf import PdfReader

    topics = [loaded.topic for loaded in content.topics if loaded.topic.diary is not None and loaded.topic.slug != "facial-twitching"]
    assert topics, "no topic but facial-twitching has a diary: the test would check nothing"
    site_name = content.site.site_name
    for topic in topics:
        diary = topic.diary
        phone.goto(f"{site_url}{topic.slug}/diary/")
        form = phone.locator("[data-diary-form]")
        form.wait_for(state="visible")
        form.get_by_label("Date and time").fill("2026-11-20T09:30")
        form.locator("fieldset", has_text=diary.words.location_question).get_by_label(diary.locations[0].label, exact=True).check()
        form.locator("fieldset", has_text=diary.words.duration_question).get_by_label(diary.durations[0].label, exact=True).check()
        form.locator("fieldset", has_text=diary.words.strength_question).get_by_label(diary.strengths[0].label, exact=True).check()
        form.get_by_role("button", name=re.compile("^Save")).click()
        phone.wait_for_function("() => document.querySelectorAll('[data-diary-list] > li').length === 1")

        shown = phone.locator("article").first.inner_text()
        assert diary.words.location_question in shown
        assert not TWITCH.search(without_site_name(shown, site_name)), f"{topic.slug}: the diary page says 'twitch'"

        with phone.expect_download() as download_info:
            phone.get_by_role("button", name="Download as a spreadsheet (CSV)").click()
        text = open(download_info.value.path(), "rb").read().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert len(rows) == 2 and diary.locations[0].label in rows[1]
        assert not TWITCH.search(" ".join(rows[0])), f"{topic.slug}: the CSV's headings say 'twitch'"

        phone.emulate_media(media="print")
        printed = " ".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(phone.pdf(format="A4"))).pages)
        phone.emulate_media(media="screen")
        assert diary.words.noted in without_site_name(printed, site_name)
        assert not TWITCH.search(without_site_name(printed, site_name)), f"{topic.slug}: the printed diary says 'twitch'"
