"""The symptom diary page in Chromium, on a fixed clock: entries are added, edited and deleted,
kept only in localStorage, summarised over 14 days (checked against a Python count), exported
as CSV and printed on one A4 sheet; data in the older (version 1) format is upgraded; damaged
storage is reported and kept aside, never erased."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from generator.model.loading import load_content
from support import (
    REFUSE_SAVING,
    ROOT,
    describe_violations,
    open_through_instant_navigation,
    requests_made_by,
    run_axe,
    twitching,
)

PAGE = "facial-twitching/diary/"
KEY = "healthguide:facial-twitching:diary:v2"
V1_KEY = "healthguide:facial-twitching:diary:v1"  # what the first published version wrote
ASIDE_KEY = "healthguide:facial-twitching:diary:set-aside"
# The test's "now": noon in London on 25 November 2026 (GMT, so UTC noon too).
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def diary():
    return twitching(load_content(ROOT / "content")).topic.diary


@pytest.fixture
def page(browser):
    """A page whose clock is fixed at NOW, in London time, so 'today' and 'now' never drift."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Europe/London", accept_downloads=True)
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    yield page
    context.close()


def open_diary(page, site_url, stored: str | None = None, extra: dict | None = None, key: str = KEY):
    """Open the diary; `stored` (raw text) is put under `key` before the script runs."""
    page.goto(site_url + PAGE)
    if stored is not None or extra:
        page.evaluate(
            "([key, stored, extra]) => { if (stored !== null) localStorage.setItem(key, stored); for (const k in extra) localStorage.setItem(k, extra[k]); }",
            [key, stored, extra or {}],
        )
        page.reload()
    page.wait_for_selector("[data-diary-form]:not([hidden])")


def storage(page) -> dict:
    return page.evaluate("() => ({...localStorage})")


def stored_entries(page) -> list[dict]:
    data = json.loads(storage(page)[KEY])
    assert data["version"] == 2
    return data["entries"]


def entry(when: str, location: str, duration="diary-time-seconds", strength="diary-strength-mild", triggers=(), note="", id=None, created=None, updated=None) -> dict:
    """A stored version-2 entry; created/updated are UTC instants as the script writes them."""
    return {
        "id": id or f"e-{when}-{location}", "when": when, "location": location, "duration": duration, "strength": strength,
        "triggers": list(triggers), "note": note, "created": created, "updated": updated,
    }


def envelope(entries: list[dict]) -> str:
    return json.dumps({"version": 2, "entries": entries})


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
    # Both were written down "now", days after the twitches: the list says so.
    assert [(e["created"], e["updated"]) for e in saved] == [("2026-11-25T12:00:00.000Z", None)] * 2
    assert "Written down later, on Wed, 25 November 2026, 12:00." in texts[1]
    original_id = saved[0]["id"]

    # Edit the older entry an hour later: the form is filled in with its values, and the change
    # is kept, with the time of the change; its id and when it was first written stay.
    page.clock.set_fixed_time(NOW + timedelta(hours=1))
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
    assert "Changed on Wed, 25 November 2026, 13:00." in texts[1] and "Changed on" not in texts[0]
    edited = next(e for e in stored_entries(page) if e["when"] == "2026-11-23T08:30")
    assert (edited["id"], edited["created"], edited["updated"]) == (original_id, "2026-11-25T12:00:00.000Z", "2026-11-25T13:00:00.000Z")
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
        assert any(href.endswith("facial-twitching/when-to-get-help/#when-to-get-help") for href in hrefs), hrefs
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
    assert "Last 7 days: 1 twitch, down from 4 in the 7 days before." in facts
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
    entry("2026-11-20T07:05", "diary-loc-mouth", "diary-time-hours", "diary-strength-strong", ["diary-trigger-alcohol", "diary-trigger-other"], 'Wedding, then "just one more" drink',
          id="a", created="2026-11-20T07:06:00.000Z", updated="2026-11-21T09:30:00.000Z"),
    entry("2026-11-22T21:40", "diary-loc-left-upper-lid", note="Line one\nLine two, with a comma\r\nand \"quotes\"", id="b", created="2026-11-23T08:00:00.000Z"),
    # Upgraded from version 1 with an id that does not tell when it was written: not known.
    entry("2026-11-21T12:00", "diary-loc-other", "diary-time-minutes", "diary-strength-medium", note="", id="c"),
]
# The CSV's "Written down" and "Last changed" columns, in London time (GMT in November).
WRITTEN = {"a": ("2026-11-20 07:06", "2026-11-21 09:30"), "b": ("2026-11-23 08:00", ""), "c": ("", "")}


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
    assert rows[0] == ["Date", "Time", "Where", "How long", "How strong", "Possible triggers", "Note", "Written down", "Last changed"]
    expected = [
        [e["when"][:10], e["when"][11:], label(diary.locations, e["location"]), label(diary.durations, e["duration"]),
         label(diary.strengths, e["strength"]), "; ".join(label(diary.triggers, t) for t in e["triggers"]), e["note"], *WRITTEN[e["id"]]]
        for e in sorted(TRICKY, key=lambda e: e["when"])
    ]
    assert rows[1:] == expected


def squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def print_pages(page) -> list[str]:
    """The page printed by Chromium to A4, as the text of each sheet."""
    from pypdf import PdfReader

    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return [squash(sheet.extract_text()) for sheet in pdf.pages]


def row_start(e: dict) -> str:
    """How a printed entry row begins: short date, time and place."""
    when = datetime.fromisoformat(e["when"])
    return f"{when:%a} {when.day} {when:%b}, {when:%H:%M}"


# A realistic two weeks before a GP appointment: 16 entries on 12 of the 14 days, some with long
# notes (commas, quotes, a line break); the twitch spreads to the cheek and gets more frequent.
TWO_WEEKS = [
    entry(day(13, "07:40"), "diary-loc-left-lower-lid", triggers=["diary-trigger-caffeine"], note="Started this morning after my second coffee."),
    entry(day(12, "22:10"), "diary-loc-left-lower-lid", triggers=["diary-trigger-sleep", "diary-trigger-screens"], note="Up late finishing a work report on the laptop, only about 5 hours' sleep."),
    entry(day(10, "15:30"), "diary-loc-left-lower-lid", "diary-time-minutes", "diary-strength-medium", ["diary-trigger-stress"],
          'Stressful meeting, then the twitch kept coming back for about 10 minutes. My partner said "I can see it from here", which surprised me.'),
    entry(day(9, "09:15"), "diary-loc-left-lower-lid", triggers=["diary-trigger-caffeine"]),
    entry(day(7, "08:05"), "diary-loc-left-lower-lid", triggers=["diary-trigger-sleep"]),
    entry(day(7, "20:45"), "diary-loc-left-lower-lid", "diary-time-minutes", "diary-strength-medium", ["diary-trigger-screens", "diary-trigger-alcohol"],
          "Two glasses of wine at a friend's birthday, then phone scrolling in bed."),
    entry(day(6, "07:30"), "diary-loc-left-lower-lid", triggers=["diary-trigger-sleep"], note="Woke at 4am and could not get back to sleep."),
    entry(day(6, "18:20"), "diary-loc-left-lower-lid", "diary-time-minutes", "diary-strength-medium", ["diary-trigger-stress", "diary-trigger-screens"],
          "Worst one so far.\nIt came in bursts all evening while I was answering emails, on and off for about 20 minutes, and my eye felt tired and dry afterwards."),
    entry(day(5, "12:00"), "diary-loc-left-lower-lid"),
    entry(day(4, "16:40"), "diary-loc-cheek", triggers=["diary-trigger-caffeine", "diary-trigger-stress"], note="First time I noticed it in my cheek, not just the eyelid."),
    entry(day(3, "08:50"), "diary-loc-left-lower-lid", "diary-time-minutes", "diary-strength-medium", ["diary-trigger-sleep", "diary-trigger-caffeine"], "Three coffees before lunch, deadline day."),
    entry(day(2, "13:10"), "diary-loc-cheek", "diary-time-minutes", "diary-strength-medium", ["diary-trigger-stress"]),
    entry(day(2, "21:30"), "diary-loc-left-lower-lid", triggers=["diary-trigger-screens"]),
    entry(day(1, "10:20"), "diary-loc-left-lower-lid", "diary-time-minutes", "diary-strength-strong", ["diary-trigger-sleep", "diary-trigger-stress"],
          "Strong enough that my eye partly closed for a moment while driving to work, which worried me. It stopped after I pulled over and rested my eyes, then came back at lunch, weaker."),
    entry(day(0, "07:10"), "diary-loc-left-lower-lid", triggers=["diary-trigger-sleep"]),
    entry(day(0, "11:45"), "diary-loc-cheek", note="Cheek again, very faint."),
]
CONTROLS = ("Save entry", "Delete all my data", "Download as a spreadsheet", "Where was the twitch?", "Show these numbers as a table", "Undo delete")


def test_a_two_week_diary_prints_on_one_a4_sheet(page, site_url, diary):
    open_diary(page, site_url, envelope(TWO_WEEKS))
    pages = print_pages(page)
    assert len(pages) == 1, f"printed on {len(pages)} pages"
    text = pages[0]
    expected = expected_summary(TWO_WEEKS)
    total, days_with = sum(expected["per_day"]), sum(1 for n in expected["per_day"] if n)
    assert (total, days_with) == (16, 12)  # the data is what this test means it to be
    for fact in (
        "From Thu, 12 November 2026 to Wed, 25 November 2026.",
        f"Days with twitching: {days_with} of the last 14 days.",
        f"Twitches noted: {total} in total, about {total / 14:.1f} a day.",
        "Last 7 days: 10 twitches, up from 6 in the 7 days before.",
        "New place in the last 7 days: Cheek.",
        "Twitches each day, last 14 days",
    ):
        assert fact in text, fact
    for pattern in diary.warning_patterns:
        assert (squash(pattern.message) in text) == (pattern.when in ("spreading", "more-frequent")), pattern.when
    for question in diary.questions_to_ask:
        assert squash(question) in text, question
    assert "Your entries: all 16, newest first, from Thu, 12 November 2026 to Wed, 25 November 2026." in text
    assert "Strength: " + ", ".join(f"{i} = {s.label}" for i, s in enumerate(diary.strengths, 1)) + "." in text
    for e in TWO_WEEKS:
        strength = [s.id for s in diary.strengths].index(e["strength"]) + 1
        assert f"{row_start(e)} {label(diary.locations, e['location'])} {label(diary.durations, e['duration'])} {strength}" in text, e["when"]
        if e["note"]:
            assert squash("Note: " + e["note"]) in text, e["note"]
    assert text.index(row_start(TWO_WEEKS[-1])) < text.index(row_start(TWO_WEEKS[0])), "newest first"
    for control in CONTROLS:
        assert control not in text, control


def test_a_long_diary_keeps_the_summary_and_questions_on_page_one_and_continues_the_entries(page, site_url, diary):
    """The rule for a diary too long for one sheet: everything but the entry table is on page 1;
    the table continues on the next pages with its headings repeated, no entry split."""
    places = [c.id for c in diary.locations]
    long_diary = [
        entry(day(offset, f"{8 + 4 * n:02d}:{offset:02d}"), places[(offset + n) % len(places)], triggers=["diary-trigger-sleep"] if n else [],
              note=f"Day {offset}, twitch {n + 1}: it came back while reading, then stopped after a short walk outside, as it did before." if n == 1 else "")
        for offset in range(20) for n in range(3)
    ]
    open_diary(page, site_url, envelope(long_diary))
    pages = print_pages(page)
    assert len(pages) >= 2
    first = pages[0]
    for part in ("Your last 14 days", "Days with twitching: 14 of the last 14 days.", "Twitches each day, last 14 days", "Questions to ask at your appointment", "Your entries: all 60, newest first"):
        assert part in first, part
    for question in diary.questions_to_ask:
        assert squash(question) in first, question
    newest_first = sorted(long_diary, key=lambda e: e["when"], reverse=True)
    assert row_start(newest_first[0]) in first, "the newest entries start on page 1"
    assert row_start(newest_first[-1]) in pages[-1], "the oldest entry is printed last"
    for number, sheet in enumerate(pages, 1):
        assert "When Where How long Strength Possible triggers" in sheet, f"no column headings on page {number}"
        for control in CONTROLS:
            assert control not in sheet, control
    for e in long_diary:
        holding = [number for number, sheet in enumerate(pages) if row_start(e) in sheet]
        assert len(holding) == 1, f"{e['when']} printed on pages {holding}"
        if e["note"]:
            assert squash("Note: " + e["note"]) in pages[holding[0]], f"the note of {e['when']} is split from its entry"


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


@pytest.mark.parametrize("damaged", ["{not json", "[1, 2, 3]", '{"version": 99, "entries": []}', '{"version": 1, "entries": []}', '"hello"', '{"entries": "nope"}'])
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
    good = entry("2026-11-24T10:00", "diary-loc-cheek", id="good", created="2026-11-24T10:01:00.000Z")
    bad = [
        {"id": "no-date", "location": "diary-loc-cheek"}, "just text", entry("24/11/2026", "diary-loc-cheek", id="bad-date"),
        entry("2026-11-24T11:00", "diary-loc-cheek", id="bad-created", created="yesterday"),
        {key: value for key, value in entry("2026-11-24T12:00", "diary-loc-cheek", id="no-times").items() if key not in ("created", "updated")},
    ]
    open_diary(page, site_url, envelope([good, *bad]))
    assert len(entry_texts(page)) == 1
    assert page.locator("[data-diary-problem]").is_visible()
    assert stored_entries(page) == [good]
    aside = json.loads(storage(page)[ASIDE_KEY])
    assert json.loads(aside[0]["data"]) == bad


def test_an_unknown_choice_id_is_shown_not_dropped(page, site_url):
    open_diary(page, site_url, envelope([entry("2026-11-24T10:00", "diary-loc-nose", id="old")]))
    assert "diary-loc-nose (no longer listed)" in entry_texts(page)[0]
    assert page.locator("[data-diary-problem]").is_hidden()


# -- Upgrading data saved by the first published version (format 1) ------------------------------


def base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while number:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
    return text or "0"


def v1_id(written: datetime, tail: str) -> str:
    """An id as version 1 made it: Date.now() in base 36, a dash and 6 random letters."""
    return f"{base36(int(written.timestamp() * 1000))}-{tail}"


def instant(moment: datetime) -> str:
    """A UTC instant the way the script writes it (Date#toISOString)."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


WRITTEN_ON_THE_DAY = datetime(2026, 11, 20, 7, 6, 12, 345000, tzinfo=UTC)
WRITTEN_LATER = datetime(2026, 11, 24, 19, 30, tzinfo=UTC)
# Entries exactly as the version-1 script stored them (its readForm: these fields, this order).
V1_ENTRIES = [
    {"id": v1_id(WRITTEN_ON_THE_DAY, "k3j9x2"), "when": "2026-11-20T07:05", "location": "diary-loc-mouth", "duration": "diary-time-hours",
     "strength": "diary-strength-strong", "triggers": ["diary-trigger-alcohol", "diary-trigger-other"], "note": 'Wedding, then "just one more" drink'},
    {"id": v1_id(WRITTEN_LATER, "q0w8e7"), "when": "2026-11-22T21:40", "location": "diary-loc-left-upper-lid", "duration": "diary-time-seconds",
     "strength": "diary-strength-mild", "triggers": [], "note": "Line one\nLine two, with a comma\nand \"quotes\" – café, naïve 😩"},
    {"id": v1_id(datetime(2026, 11, 24, 9, 0, tzinfo=UTC), "a1b2c3"), "when": "2026-11-24T08:55", "location": "diary-loc-nose", "duration": "diary-time-minutes",
     "strength": "diary-strength-medium", "triggers": ["diary-trigger-sleep"], "note": ""},
    # An id that does not carry a plausible time (the 1970s in base 36): when it was written is not known.
    {"id": "abc-def", "when": "2026-11-21T12:00", "location": "diary-loc-other", "duration": "diary-time-minutes",
     "strength": "diary-strength-medium", "triggers": [], "note": ""},
]
V1_CREATED = [instant(WRITTEN_ON_THE_DAY), instant(WRITTEN_LATER), "2026-11-24T09:00:00.000Z", None]


def store_like_version_1(page, site_url, entries: list, extra: dict | None = None):
    """Write the diary the way the version-1 script's save() did, then open the page again."""
    page.goto(site_url + PAGE)
    page.evaluate(
        "([key, entries, extra]) => { localStorage.setItem(key, JSON.stringify({ version: 1, entries: entries })); for (const k in extra) localStorage.setItem(k, extra[k]); }",
        [V1_KEY, entries, extra or {}],
    )
    page.reload()
    page.wait_for_selector("[data-diary-form]:not([hidden])")


def test_version_1_entries_are_upgraded_with_nothing_lost(page, site_url, diary):
    store_like_version_1(page, site_url, V1_ENTRIES)
    left = storage(page)
    assert V1_KEY not in left, "the old copy is removed once the upgraded one is saved"
    assert ASIDE_KEY not in left and page.locator("[data-diary-problem]").is_hidden()
    # Every field kept as it was; created read back from the id; not changed since.
    upgraded = {e["id"]: e for e in stored_entries(page)}
    assert len(upgraded) == len(V1_ENTRIES)
    for old, created in zip(V1_ENTRIES, V1_CREATED, strict=True):
        assert upgraded[old["id"]] == {**old, "created": created, "updated": None}

    texts = entry_texts(page)
    newest_first = ["Tue, 24 November 2026, 08:55", "Sun, 22 November 2026, 21:40", "Sat, 21 November 2026, 12:00", "Fri, 20 November 2026, 07:05"]
    assert len(texts) == 4 and all(text.startswith(when) for text, when in zip(texts, newest_first, strict=True)), texts
    assert "diary-loc-nose (no longer listed)" in texts[0]
    assert squash('Note: Line one Line two, with a comma and "quotes" – café, naïve 😩') in texts[1]
    assert "Written down later, on Tue, 24 November 2026, 19:30." in texts[1]
    assert "Written down later" not in texts[0] + texts[2] + texts[3]
    assert page.locator("[data-diary-list] .diary__note").nth(0).inner_text() == "Note: " + V1_ENTRIES[1]["note"], "line breaks kept"

    # A reload reads the upgraded data as it is; the CSV has every entry, note unchanged.
    page.reload()
    page.wait_for_selector("[data-diary-form]:not([hidden])")
    assert entry_texts(page) == texts
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download as a spreadsheet (CSV)").click()
    rows = list(csv.reader(io.StringIO(open(download_info.value.path(), "rb").read().decode("utf-8-sig"), newline="")))
    assert [(row[0] + "T" + row[1], row[6], row[7]) for row in rows[1:]] == [
        ("2026-11-20T07:05", V1_ENTRIES[0]["note"], "2026-11-20 07:06"),
        ("2026-11-21T12:00", "", ""),
        ("2026-11-22T21:40", V1_ENTRIES[1]["note"], "2026-11-24 19:30"),
        ("2026-11-24T08:55", "", "2026-11-24 09:00"),
    ]


def test_unreadable_version_1_entries_are_kept_aside_as_they_were(page, site_url):
    bad = [{"id": "no-date", "location": "diary-loc-cheek"}, "just text", {**V1_ENTRIES[2], "when": "24/11/2026 08:55"}]
    store_like_version_1(page, site_url, [V1_ENTRIES[0], *bad])
    assert len(entry_texts(page)) == 1
    assert page.locator("[data-diary-problem]").is_visible()
    assert stored_entries(page) == [{**V1_ENTRIES[0], "created": V1_CREATED[0], "updated": None}]
    aside = json.loads(storage(page)[ASIDE_KEY])
    assert [(item["key"], json.loads(item["data"])) for item in aside] == [(V1_KEY, bad)]
    assert V1_KEY not in storage(page)


@pytest.mark.parametrize("old", ["{not json", "[1, 2]", '{"version": 1, "entries": "nope"}', '{"version": 3, "entries": []}', "null"])
def test_old_data_that_cannot_be_upgraded_is_reported_and_kept_aside(page, site_url, old):
    open_diary(page, site_url, old, key=V1_KEY)
    problem = page.locator("[data-diary-problem]")
    assert problem.is_visible() and "We have not deleted it" in problem.inner_text()
    aside = json.loads(storage(page)[ASIDE_KEY])
    assert [(item["key"], item["data"]) for item in aside] == [(V1_KEY, old)], "kept aside unchanged, with where it was found"
    assert V1_KEY not in storage(page) and KEY not in storage(page)
    # The diary works on; the old data stays aside and is not read again.
    add_entry(page, "2026-11-25T10:00", "Cheek", "A few seconds", "Mild - a small flicker")
    page.reload()
    page.wait_for_selector("[data-diary-form]:not([hidden])")
    assert len(entry_texts(page)) == 1
    assert [item["data"] for item in json.loads(storage(page)[ASIDE_KEY])] == [old]


def test_version_1_data_saved_after_the_upgrade_is_added_not_lost(page, site_url):
    """A tab still running the old script saves its list after this one upgraded: entries it
    added join the current ones; for an entry in both, the current copy wins."""
    current = {**V1_ENTRIES[0], "note": "Changed after the upgrade", "created": V1_CREATED[0], "updated": "2026-11-25T11:00:00.000Z"}
    store_like_version_1(page, site_url, [V1_ENTRIES[0], V1_ENTRIES[1]], extra={KEY: envelope([current])})
    by_id = {e["id"]: e for e in stored_entries(page)}
    assert by_id == {current["id"]: current, V1_ENTRIES[1]["id"]: {**V1_ENTRIES[1], "created": V1_CREATED[1], "updated": None}}
    assert V1_KEY not in storage(page) and ASIDE_KEY not in storage(page)
    assert len(entry_texts(page)) == 2


# -- When the browser refuses to save ------------------------------------------------------------

def refuse_saving_from_the_start(page):
    """From the next page load on, the browser refuses every save, before any script runs."""
    page.add_init_script(REFUSE_SAVING + "; window.refuseSaving = true;")


def csv_rows(page) -> list[list[str]]:
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download as a spreadsheet (CSV)").click()
    return list(csv.reader(io.StringIO(open(download_info.value.path(), "rb").read().decode("utf-8-sig"), newline="")))


def test_a_refused_save_at_load_keeps_entries_shown_and_downloadable(page, site_url):
    """Version-1 data must be saved again to upgrade it: the browser refuses, so the entries
    are shown from memory, the old data stays as it was, and the page says what to do."""
    page.goto(site_url + PAGE)
    page.evaluate("([key, entries]) => localStorage.setItem(key, JSON.stringify({ version: 1, entries: entries }))", [V1_KEY, V1_ENTRIES])
    before = storage(page)
    refuse_saving_from_the_start(page)
    page.reload()
    page.wait_for_selector("[data-diary-form]:not([hidden])")
    assert len(entry_texts(page)) == len(V1_ENTRIES)
    warning = page.locator('[data-diary-storage-message="not-saving"]')
    assert warning.is_visible()
    assert "not letting this page save" in warning.inner_text() and "lost when you close the page" in warning.inner_text()
    assert page.locator("[data-diary-problem]").is_hidden()
    assert len(csv_rows(page)) == 1 + len(V1_ENTRIES)
    # A new entry is shown and exported too, and said to be unsaved; storage is untouched.
    add_entry(page, "2026-11-25T10:00", "Cheek", "A few seconds", "Mild - a small flicker", note="Not saved")
    assert "was not saved" in page.locator("[data-diary-status]").inner_text()
    assert len(entry_texts(page)) == len(V1_ENTRIES) + 1
    assert [row[6] for row in csv_rows(page)].count("Not saved") == 1
    assert storage(page) == before


def test_a_delete_the_browser_refuses_to_save_keeps_the_entry(page, site_url):
    open_diary(page, site_url, envelope(TRICKY))
    page.evaluate(REFUSE_SAVING + "; window.refuseSaving = true;")  # from now on, in this page
    page.get_by_role("button", name="Delete the entry from", exact=False).first.click()
    assert len(entry_texts(page)) == 3, "a stored entry is never hidden"
    assert "could not be deleted" in page.locator("[data-diary-list-status]").inner_text()
    assert page.locator('[data-diary-storage-message="not-saving"]').is_visible()
    assert page.locator("[data-diary-undo]").is_hidden()
    assert stored_entries(page) == TRICKY


def test_deleting_one_of_two_entries_with_the_same_id_deletes_only_that_one(page, site_url):
    twins = [entry("2026-11-20T08:00", "diary-loc-cheek", note="first", id="same"), entry("2026-11-21T08:00", "diary-loc-cheek", note="second", id="same")]
    open_diary(page, site_url, envelope(twins))
    page.get_by_role("button", name="Edit the entry from Sat, 21 November", exact=False).click()
    page.locator("[data-diary-form]").get_by_label("Note (optional)").fill("second, changed")
    page.get_by_role("button", name="Save changes").click()
    assert [e["note"] for e in stored_entries(page)] == ["first", "second, changed"]
    page.get_by_role("button", name="Delete the entry from Fri, 20 November", exact=False).click()
    texts = entry_texts(page)
    assert len(texts) == 1 and "second, changed" in texts[0]
    assert [e["note"] for e in stored_entries(page)] == ["second, changed"]


def test_data_saved_by_a_newer_version_is_reported_and_left_alone(page, site_url):
    newer_key = "healthguide:facial-twitching:diary:v3"
    newer = json.dumps({"version": 3, "entries": [{"id": "n1", "something": "new"}]})
    open_diary(page, site_url, envelope(TRICKY[:1]), extra={newer_key: newer})
    notice = page.locator("[data-diary-newer]")
    assert notice.is_visible() and "newer version" in notice.inner_text()
    assert len(entry_texts(page)) == 1
    add_entry(page, "2026-11-25T10:00", "Cheek", "A few seconds", "Mild - a small flicker")
    page.reload()
    page.wait_for_selector("[data-diary-form]:not([hidden])")
    assert storage(page)[newer_key] == newer, "never changed or overwritten"
    assert ASIDE_KEY not in storage(page)
    assert len(stored_entries(page)) == 2


# -- Privacy, no JavaScript, accessibility -----------------------------------------------------------


def test_no_network_request_while_using_the_diary(page, site_url):
    open_diary(page, site_url)
    page.wait_for_load_state("networkidle")

    def use_the_diary():
        add_entry(page, "2026-11-25T10:00", "Cheek", "A few seconds", "Mild - a small flicker", note="private note")
        page.get_by_role("button", name="Edit the entry from", exact=False).click()
        page.get_by_role("button", name="Save changes").click()
        with page.expect_download():
            page.get_by_role("button", name="Download as a spreadsheet (CSV)").click()
        page.get_by_role("button", name="Delete the entry from", exact=False).click()

    assert [url for url in requests_made_by(page, use_the_diary) if not url.startswith("blob:")] == []
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
    open_through_instant_navigation(page, site_url, "diary/", "[data-diary-form]:not([hidden])")
    add_entry(page, "2026-11-25T10:00", "Cheek", "A few seconds", "Mild - a small flicker")
    assert len(entry_texts(page)) == 1
