"""The symptom diary page in Chromium, on a fixed clock: entries are added, edited and deleted,
kept only in localStorage, summarised over 14 days (checked against a Python count), exported
as CSV and printed; damaged storage is reported and kept aside, never erased."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from generator.content import load_content
from support import ROOT, describe_violations, run_axe

pytestmark = pytest.mark.browser

PAGE = "facial-twitching/diary/"
KEY = "healthguide:facial-twitching:diary:v1"
ASIDE_KEY = "healthguide:facial-twitching:diary:set-aside"
# The test's "now": noon in London on 25 November 2026 (GMT, so UTC noon too).
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def diary():
    return load_content(ROOT / "content").topics[0].topic.diary


@pytest.fixture
def page(browser):
    """A page whose clock is fixed at NOW, in London time, so 'today' and 'now' never drift."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Europe/London", accept_downloads=True)
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    yield page
    context.close()


def open_diary(page, site_url, stored: str | None = None, extra: dict | None = None):
    """Open the diary; `stored` (raw text) is put under the diary's key before the script runs."""
    page.goto(site_url + PAGE)
    if stored is not None or extra:
        page.evaluate(
            "([key, stored, extra]) => { if (stored !== null) localStorage.setItem(key, stored); for (const k in extra) localStorage.setItem(k, extra[k]); }",
            [KEY, stored, extra or {}],
        )
        page.reload()
    page.wait_for_selector("[data-diary-form]:not([hidden])")


def storage(page) -> dict:
    return page.evaluate("() => ({...localStorage})")


def stored_entries(page) -> list[dict]:
    data = json.loads(storage(page)[KEY])
    assert data["version"] == 1
    return data["entries"]


def entry(when: str, location: str, duration="diary-time-seconds", strength="diary-strength-mild", triggers=(), note="", id=None) -> dict:
    return {"id": id or f"e-{when}-{location}", "when": when, "location": location, "duration": duration, "strength": strength, "triggers": list(triggers), "note": note}


def envelope(entries: list[dict]) -> str:
    return json.dumps({"version": 1, "entries": entries})


def label(choices, choice_id: str) -> str:
    return next(choice.label for choice in choices if choice.id == choice_id)


def add_entry(page, when: str, where: str, how_long: str, how_strong: str, triggers=(), note=""):
    form = page.locator("[data-diary-form]")
    form.get_by_label("Date and time").fill(when)
    form.locator("fieldset", has_text="Where was").get_by_label(where, exact=True).check()
    form.locator("fieldset", has_text="How long").get_by_label(how_long, exact=True).check()
    form.locator("fieldset", has_text="How strong").get_by_label(how_strong, exact=True).check()
    for trigger in triggers:
        form.locator("fieldset", has_text="triggers").get_by_label(trigger, exact=True).check()
    form.get_by_label("Note (optional)").fill(note)
    form.get_by_role("button", name=re.compile("^Save")).click()


def entry_texts(page) -> list[str]:
    return [" ".join(text.split()) for text in page.locator("[data-diary-list] > li").all_inner_texts()]


# -- Adding, editing, deleting -----------------------------------------------------------------


def test_add_edit_and_delete_entries_survive_a_reload(page, site_url, diary):
    open_diary(page, site_url)
    assert page.get_by_label("Date and time").input_value() == "2026-11-25T12:00", "the time defaults to now"
    add_entry(page, "2026-11-23T08:30", "Left lower eyelid", "A few seconds", "Mild - a small flicker", ["Poor sleep last night"], "After a late night")
    assert page.locator("[data-diary-status]").inner_text() == "Your entry was saved."
    add_entry(page, "2026-11-24T17:45", "Cheek", "A few minutes", "Medium - easy to feel", ["Caffeine today (coffee, tea, cola, energy drinks)", "Stress or worry"])
    texts = entry_texts(page)
    assert len(texts) == 2
    assert "24 November 2026, 17:45" in texts[0] and "Cheek" in texts[0], "newest first"
    assert "23 November 2026, 08:30" in texts[1] and "Note: After a late night" in texts[1]

    page.reload()
    page.wait_for_selector("[data-diary-form]:not([hidden])")
    assert entry_texts(page) == texts
    saved = sorted(stored_entries(page), key=lambda e: e["when"])
    assert [(e["when"], e["location"], e["duration"], e["strength"], e["triggers"], e["note"]) for e in saved] == [
        ("2026-11-23T08:30", "diary-loc-left-lower-lid", "diary-time-seconds", "diary-strength-mild", ["diary-trigger-sleep"], "After a late night"),
        ("2026-11-24T17:45", "diary-loc-cheek", "diary-time-minutes", "diary-strength-medium", ["diary-trigger-caffeine", "diary-trigger-stress"], ""),
    ]

    # Edit the older entry: the form is filled in with its values, and the change is kept.
    page.get_by_role("button", name="Edit the entry from", exact=False).nth(1).click()
    form = page.locator("[data-diary-form]")
    assert form.get_by_label("Left lower eyelid").is_checked()
    assert form.get_by_label("Note (optional)").input_value() == "After a late night"
    assert page.evaluate("document.activeElement.matches('[data-diary-form-title]')")
    form.get_by_label("Right upper eyelid").check()
    form.get_by_label("Note (optional)").fill("Worse after reading")
    form.get_by_role("button", name="Save changes").click()
    assert page.locator("[data-diary-status]").inner_text() == "Your changes were saved."
    page.reload()
    page.wait_for_selector("[data-diary-form]:not([hidden])")
    texts = entry_texts(page)
    assert len(texts) == 2 and "Right upper eyelid" in texts[1] and "Worse after reading" in texts[1]
    assert len(stored_entries(page)) == 2

    # Delete the newer one; undo puts it back; deleting again sticks after a reload.
    page.get_by_role("button", name="Delete the entry from", exact=False).first.click()
    assert len(entry_texts(page)) == 1
    page.get_by_role("button", name="Undo delete").click()
    assert len(entry_texts(page)) == 2
    page.get_by_role("button", name="Delete the entry from", exact=False).first.click()
    page.reload()
    page.wait_for_selector("[data-diary-form]:not([hidden])")
    texts = entry_texts(page)
    assert len(texts) == 1 and "Right upper eyelid" in texts[0]
    assert [e["location"] for e in stored_entries(page)] == ["diary-loc-right-upper-lid"]


def test_missing_answers_are_named_and_nothing_is_saved(page, site_url):
    open_diary(page, site_url)
    page.get_by_role("button", name="Save entry").click()
    assert "Choose where the twitch was." in page.locator("[data-diary-error=location]").inner_text()
    assert page.evaluate("document.activeElement.name") == "location"
    assert page.locator("#diary-location").get_attribute("aria-invalid") == "true"
    assert KEY not in storage(page)


# -- The 14-day summary and chart --------------------------------------------------------------


def day(offset: int, time="09:00") -> str:
    return f"{(TODAY - timedelta(days=offset)).isoformat()}T{time}"


# Twitching noted for 20 days (lasting), only in the left lower lid at first, then more often
# and also in the cheek in the last week (spreading, more frequent). Two entries are too old
# for the 14-day window.
WORSENING = [
    entry(day(20), "diary-loc-left-lower-lid", triggers=["diary-trigger-caffeine"]),
    entry(day(15), "diary-loc-left-lower-lid"),
    entry(day(12), "diary-loc-left-lower-lid", triggers=["diary-trigger-sleep"]),
    entry(day(10), "diary-loc-left-lower-lid", triggers=["diary-trigger-sleep", "diary-trigger-caffeine"]),
    entry(day(6, "08:00"), "diary-loc-left-lower-lid", triggers=["diary-trigger-sleep"]),
    entry(day(6, "20:00"), "diary-loc-cheek", triggers=["diary-trigger-stress"]),
    entry(day(4), "diary-loc-left-lower-lid", triggers=["diary-trigger-sleep"]),
    entry(day(2, "07:00"), "diary-loc-left-lower-lid", triggers=["diary-trigger-screens", "diary-trigger-sleep"]),
    entry(day(2, "13:00"), "diary-loc-cheek"),
    entry(day(2, "22:00"), "diary-loc-left-lower-lid", triggers=["diary-trigger-screens"]),
    entry(day(0), "diary-loc-left-lower-lid", triggers=["diary-trigger-screens"]),
]


def expected_summary(entries: list[dict]) -> dict:
    """An independent count of what the page should show."""
    window = [(TODAY - timedelta(days=offset)).isoformat() for offset in range(13, -1, -1)]
    per_day = Counter(e["when"][:10] for e in entries if e["when"][:10] in window)
    triggers = Counter(t for e in entries if e["when"][:10] in window for t in e["triggers"])
    return {"window": window, "per_day": [per_day[d] for d in window], "triggers": triggers}


def test_summary_and_chart_match_the_entries(page, site_url, diary):
    open_diary(page, site_url, envelope(WORSENING))
    expected = expected_summary(WORSENING)
    total = sum(expected["per_day"])
    days_with = sum(1 for n in expected["per_day"] if n)
    assert (total, days_with) == (9, 6)  # the data is what this test means it to be
    facts = page.locator("[data-diary-facts] li").all_inner_texts()
    assert f"Days with twitching: {days_with} of the last 14 days." in facts
    assert f"Twitches noted: {total} in total, about {total / 14:.1f} a day." in facts
    # Poor sleep 5 times, screens 3, caffeine 1 (in the window), stress 1: ties keep the YAML order.
    top = [trigger for trigger, _ in sorted(expected["triggers"].items(), key=lambda kv: (-kv[1], [t.id for t in diary.triggers].index(kv[0])))][:3]
    triggers_fact = next(f for f in facts if f.startswith("Most common possible triggers"))
    assert triggers_fact == "Most common possible triggers: " + ", ".join(
        f"{label(diary.triggers, t)} ({expected['triggers'][t]} time{'s' if expected['triggers'][t] > 1 else ''})" for t in top
    ) + "."
    assert "Last 7 days: 7 twitches, up from 2 in the 7 days before." in facts
    assert "New place in the last 7 days: Cheek." in facts
    assert page.locator("[data-diary-period]").inner_text() == "From Thu, 12 November 2026 to Wed, 25 November 2026."

    # The chart: one bar per day with twitching, its height proportional to the count.
    bars = page.eval_on_selector_all(
        "[data-diary-chart] svg rect.diary__bar", "bars => bars.map(b => [b.dataset.day, Number(b.dataset.count), b.getBBox().height])"
    )
    drawn = {d: n for d, n, _ in bars}
    assert drawn == {d: n for d, n in zip(expected["window"], expected["per_day"], strict=True) if n}
    heights = {n: round(h, 3) for _, n, h in bars}
    assert heights[3] == pytest.approx(3 * heights[1], rel=1e-3)
    assert page.locator("[data-diary-chart] svg").get_attribute("aria-hidden") == "true"
    # The table alternative gives the same numbers, day by day.
    page.get_by_text("Show these numbers as a table").click()
    rows = page.locator("[data-diary-chart-rows] tr").all_inner_texts()
    assert [int(row.split("\t")[-1]) for row in rows] == expected["per_day"]
    assert rows[0].startswith("Thu, 12 November 2026") and rows[-1].startswith("Wed, 25 November 2026")

    # All three warning patterns match, each pointing to the guide and the self-check.
    for kind in ("spreading", "more-frequent", "lasting"):
        warning = page.locator(f'[data-diary-warning="{kind}"]')
        assert warning.is_visible(), kind
        hrefs = warning.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert any(href.endswith("facial-twitching/#when-to-get-help") for href in hrefs), hrefs
        assert any(href.endswith("facial-twitching/self-check/") for href in hrefs), hrefs


def test_a_settling_twitch_shows_no_warning(page, site_url):
    settling = [
        entry(day(12, "08:00"), "diary-loc-left-upper-lid"),
        entry(day(12, "18:00"), "diary-loc-left-upper-lid"),
        entry(day(11), "diary-loc-left-upper-lid"),
        entry(day(9), "diary-loc-left-upper-lid"),
        entry(day(3), "diary-loc-left-upper-lid"),
    ]
    open_diary(page, site_url, envelope(settling))
    facts = page.locator("[data-diary-facts] li").all_inner_texts()
    assert "Days with twitching: 4 of the last 14 days." in facts
    assert "Last 7 days: 1 twitches, down from 4 in the 7 days before." in facts
    assert "Most common possible triggers: none ticked." in facts
    assert page.locator("[data-diary-warning]:visible").count() == 0
    assert page.locator("[data-diary-chart] rect.diary__bar").count() == 4


def test_summary_follows_new_entries_at_once(page, site_url):
    open_diary(page, site_url)
    assert page.locator("[data-diary-summary]").is_hidden()
    add_entry(page, "2026-11-25T09:15", "Right lower eyelid", "Up to an hour", "Strong - the eyelid or face pulls hard")
    assert "Days with twitching: 1 of the last 14 days." in page.locator("[data-diary-facts]").inner_text()
    assert page.locator('[data-diary-chart] rect[data-day="2026-11-25"]').get_attribute("data-count") == "1"


# -- Export: CSV and print -----------------------------------------------------------------------

TRICKY = [
    entry("2026-11-20T07:05", "diary-loc-mouth", "diary-time-hours", "diary-strength-strong", ["diary-trigger-alcohol", "diary-trigger-other"], 'Wedding, then "just one more" drink', id="a"),
    entry("2026-11-22T21:40", "diary-loc-left-upper-lid", note="Line one\nLine two, with a comma\r\nand \"quotes\"", id="b"),
    entry("2026-11-21T12:00", "diary-loc-other", "diary-time-minutes", "diary-strength-medium", note="", id="c"),
]


def test_csv_holds_exactly_the_entries_with_proper_quoting(page, site_url, diary):
    open_diary(page, site_url, envelope(TRICKY))
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download as a spreadsheet (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "facial-twitching-diary-2026-11-25.csv"
    raw = open(download.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM so spreadsheet programs read UTF-8"
    text = raw.decode("utf-8-sig")
    assert '"Wedding, then ""just one more"" drink"' in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["Date", "Time", "Where", "How long", "How strong", "Possible triggers", "Note"]
    expected = [
        [e["when"][:10], e["when"][11:], label(diary.locations, e["location"]), label(diary.durations, e["duration"]),
         label(diary.strengths, e["strength"]), "; ".join(label(diary.triggers, t) for t in e["triggers"]), e["note"]]
        for e in sorted(TRICKY, key=lambda e: e["when"])
    ]
    assert rows[1:] == expected


def squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_printed_summary_has_the_summary_chart_entries_and_questions(page, site_url, diary):
    from pypdf import PdfReader

    open_diary(page, site_url, envelope(WORSENING))
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = squash(" ".join(p.extract_text() for p in pdf.pages))
    first_page = squash(pdf.pages[0].extract_text())
    assert "Your last 14 days" in first_page
    assert "Days with twitching: 6 of the last 14 days." in first_page
    assert "Twitches each day, last 14 days" in text
    assert squash("A twitch that spreads to other parts of the face should be checked by a GP.") in text
    assert "Your entries" in text and "Wed, 25 November 2026, 09:00" in text
    for question in diary.questions_to_ask:
        assert squash(question) in text, question
    for control in ("Save entry", "Delete all my data", "Download as a spreadsheet", "Where was the twitch?"):
        assert control not in text, control
    assert len(pdf.pages) <= 2


# -- Deleting everything, and damaged storage ---------------------------------------------------


def test_delete_all_empties_this_topics_storage(page, site_url):
    checklist_key = "healthguide:facial-twitching:checklist:v1"
    open_diary(page, site_url, envelope(TRICKY), extra={checklist_key: json.dumps({"version": 1, "ticked": ["do-sleep"]}), "unrelated": "kept"})
    page.get_by_role("button", name="Delete all my data").click()
    page.get_by_role("button", name="No, keep my data").click()
    assert len(stored_entries(page)) == 3
    page.get_by_role("button", name="Delete all my data").click()
    page.get_by_role("button", name="Yes, delete everything").click()
    left = storage(page)
    assert not [key for key in left if key.startswith("healthguide:")], left
    assert left.get("unrelated") == "kept", "only this site's topic data is deleted"
    assert entry_texts(page) == []
    assert page.locator("[data-diary-empty]").is_visible()
    assert "deleted from this browser" in page.locator("[data-diary-data-status]").inner_text()
    page.reload()
    page.wait_for_selector("[data-diary-form]:not([hidden])")
    assert entry_texts(page) == []


@pytest.mark.parametrize("damaged", ["{not json", "[1, 2, 3]", '{"version": 99, "entries": []}', '"hello"', '{"entries": "nope"}'])
def test_unreadable_storage_is_reported_and_kept_aside_unchanged(page, site_url, damaged):
    open_diary(page, site_url, damaged)
    problem = page.locator("[data-diary-problem]")
    assert problem.is_visible()
    assert "We have not deleted it" in problem.inner_text()
    aside = json.loads(storage(page)[ASIDE_KEY])
    assert [item["data"] for item in aside] == [damaged]
    assert aside[0]["key"] == KEY
    # The diary still works, and the set-aside data survives new entries and reloads.
    add_entry(page, "2026-11-25T10:00", "Cheek", "A few seconds", "Mild - a small flicker")
    page.reload()
    page.wait_for_selector("[data-diary-form]:not([hidden])")
    assert len(entry_texts(page)) == 1
    assert [item["data"] for item in json.loads(storage(page)[ASIDE_KEY])] == [damaged]
    assert page.locator("[data-diary-problem]").is_visible()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the data we could not read").click()
    assert json.loads(open(download_info.value.path(), encoding="utf-8").read())[0]["data"] == damaged
    page.get_by_role("button", name="Delete the data we could not read").click()
    assert page.locator("[data-diary-problem]").is_hidden()
    assert ASIDE_KEY not in storage(page)


def test_bad_entries_are_kept_aside_and_the_good_ones_shown(page, site_url):
    good = entry("2026-11-24T10:00", "diary-loc-cheek", id="good")
    bad = [{"id": "no-date", "location": "diary-loc-cheek"}, "just text", entry("24/11/2026", "diary-loc-cheek", id="bad-date")]
    open_diary(page, site_url, json.dumps({"version": 1, "entries": [good, *bad]}))
    assert len(entry_texts(page)) == 1
    assert page.locator("[data-diary-problem]").is_visible()
    assert stored_entries(page) == [good]
    aside = json.loads(storage(page)[ASIDE_KEY])
    assert json.loads(aside[0]["data"]) == bad


def test_an_unknown_choice_id_is_shown_not_dropped(page, site_url):
    open_diary(page, site_url, envelope([entry("2026-11-24T10:00", "diary-loc-nose", id="old")]))
    assert "diary-loc-nose (no longer listed)" in entry_texts(page)[0]
    assert page.locator("[data-diary-problem]").is_hidden()


# -- Privacy, no JavaScript, accessibility -----------------------------------------------------------


def test_no_network_request_while_using_the_diary(page, site_url):
    open_diary(page, site_url)
    page.wait_for_load_state("networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    add_entry(page, "2026-11-25T10:00", "Cheek", "A few seconds", "Mild - a small flicker", note="private note")
    page.get_by_role("button", name="Edit the entry from", exact=False).click()
    page.get_by_role("button", name="Save changes").click()
    with page.expect_download():
        page.get_by_role("button", name="Download as a spreadsheet (CSV)").click()
    page.get_by_role("button", name="Delete the entry from", exact=False).click()
    page.wait_for_timeout(300)
    assert [url for url in requests if not url.startswith("blob:")] == []
    assert "private" not in page.url
    assert page.context.cookies() == []


def test_without_javascript_the_page_explains_a_paper_diary(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGE)
    assert page.locator("[data-diary-form]").is_hidden()
    fallback = page.locator("[data-diary-fallback]")
    assert fallback.is_visible() and "paper" in fallback.inner_text()
    assert "nothing you write is sent" in page.locator(".diary__notice").inner_text().lower()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_entries_warnings_and_the_table_open(browser, site_url, axe_script, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme, bypass_csp=True, timezone_id="Europe/London")
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    try:
        open_diary(page, site_url, envelope(WORSENING))
        page.get_by_text("Show these numbers as a table").click()
        page.get_by_role("button", name="Save entry").click()  # the error messages too
        violations = run_axe(page, axe_script)
        assert not violations, describe_violations(violations)
    finally:
        context.close()


def test_works_after_instant_navigation(page, site_url):
    page.goto(site_url + "facial-twitching/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.fullLoadMarker = true")  # survives only if no full page load happens
    page.locator('.md-sidebar--primary a.md-nav__link[href$="diary/"]').click()
    page.wait_for_selector("[data-diary-form]:not([hidden])")
    assert page.evaluate("window.fullLoadMarker") is True, "expected Material's instant navigation"
    add_entry(page, "2026-11-25T10:00", "Cheek", "A few seconds", "Mild - a small flicker")
    assert len(entry_texts(page)) == 1
