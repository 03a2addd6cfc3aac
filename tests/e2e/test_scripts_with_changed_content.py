"""The self-check, diary and checklist scripts on a site built from changed content: author text
full of characters that mean something in HTML, JSON or JavaScript reaches the scripts intact,
and a topic renamed the documented way (moved_from) keeps each reader's diary and ticks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import built_and_served, copy_content

TOPIC_FILE = Path("topics") / "facial-twitching.yaml"
SHARED_SIGNS_FILE = Path("shared-signs.yaml")  # the face-droop question is a shared sign's

# Entities, markup, quotes, a JSON/JavaScript line separator and backslashes, as an author
# might paste them: every one must be shown exactly as written.
HOSTILE = "Tom said &quot;stop&quot; &amp; <b>left</b> &lt;script&gt;x&lt;/script&gt; \"q\" 'a' < \u2028 back\\slash \\u0022 end"


def one_line(text: str) -> str:
    """Text as the page's own HTML shows it: plain text is one line, whitespace runs (U+2028
    included) read as one space (generator/markup.py plain_text). The scripts get the text itself."""
    return " ".join(text.split())


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# -- The changed site: hostile author text, and the topic renamed ---------------------------------

QUESTION = "text: Has one side of your face suddenly drooped or gone weak, or has your smile suddenly become uneven?"
LOCATION = "label: Left upper eyelid"
CHECKLIST_ITEM = "text: Go to bed and get up at regular times, and aim for enough sleep."
OLD, NEW = "facial-twitching", "face-twitching"


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory):
    """The real content, changed twice in one build (a full build of the real content is the
    slow part): HOSTILE as a self-check question, a diary choice and a checklist item, and the
    topic renamed the documented way (a new slug, the old one in moved_from)."""
    tmp = tmp_path_factory.mktemp("changed")
    content = copy_content(tmp / "content")
    topic = content / TOPIC_FILE
    quoted = json.dumps(HOSTILE)  # a YAML double-quoted scalar with the same escapes as JSON
    replace_once(content / SHARED_SIGNS_FILE, QUESTION, f"text: {quoted}")
    replace_once(topic, LOCATION, f"label: {quoted}")
    replace_once(topic, CHECKLIST_ITEM, f"text: {quoted}")
    replace_once(topic, f"\nslug: {OLD}\n", f"\nslug: {NEW}\nmoved_from: [{OLD}]\n")
    # The other topics name it in related_topics and link to its items (OLD#id); the build asks
    # for the new slug there. Its translations keep the English slug.
    for other in (content / "topics").glob("*.yaml"):
        if other.name != TOPIC_FILE.name:
            text = other.read_text(encoding="utf-8").replace(f"related_topics: [{OLD},", f"related_topics: [{NEW},")
            other.write_text(text.replace(f"]({OLD}#", f"]({NEW}#"), encoding="utf-8")
    for translated in (content / "languages").glob(f"*/{TOPIC_FILE}"):
        replace_once(translated, f"\nslug: {OLD}\n", f"\nslug: {NEW}\nmoved_from: [{OLD}]\n")
    with built_and_served(content, tmp / "site") as url:
        yield url


# -- Author text reaches the scripts intact ------------------------------------------------------

def test_self_check_starts_and_shows_the_question_as_written(page, changed_site):
    page.goto(changed_site + f"{NEW}/self-check/")
    page.wait_for_selector("[data-self-check-form]:not([hidden])")
    assert one_line(page.locator("fieldset#flag-face-droop legend").text_content()) == one_line(HOSTILE)
    page.locator('#flag-face-droop input[value="yes"]').check()
    page.locator("[data-self-check-result]").wait_for(state="visible")
    answers = page.locator("[data-self-check-all-answers-list] li").all_text_contents()
    assert answers == [HOSTILE + " Yes"]


def test_diary_starts_and_shows_the_choice_as_written(page, changed_site):
    page.goto(changed_site + f"{NEW}/diary/")
    page.wait_for_selector("[data-diary-form]:not([hidden])")
    form = page.locator("[data-diary-form]")
    assert one_line(form.locator('label[for="diary-loc-left-upper-lid"]').text_content()) == one_line(HOSTILE)
    form.get_by_label("Date and time").fill("2026-11-23T08:30")
    form.locator("#diary-loc-left-upper-lid").check()
    form.locator("fieldset", has_text="How long").locator("input").first.check()
    form.locator("fieldset", has_text="How strong").locator("input").first.check()
    form.get_by_role("button", name="Save entry").click()
    shown = page.locator("[data-diary-list] > li p").nth(1).text_content()
    assert shown.startswith(HOSTILE + ". "), shown


def test_checklist_item_is_tickable_and_shown_as_written(page, changed_site):
    page.goto(changed_site + f"{NEW}/")
    page.wait_for_selector("[data-checklist] input[type=checkbox]")
    label = page.locator('label[for="tick-do-sleep"]')
    assert one_line(label.text_content()) == one_line(HOSTILE)
    page.locator("#tick-do-sleep").check()
    page.reload()
    page.wait_for_selector("[data-checklist] input[type=checkbox]")
    assert page.locator("#tick-do-sleep").is_checked()


# -- A renamed topic keeps each reader's diary and ticks -----------------------------------------

def diary_entry(id: str, when: str, note: str) -> dict:
    """An entry exactly as diary.js (format version 2) stores it."""
    return {"id": id, "when": when, "location": "diary-loc-cheek", "duration": "diary-time-seconds", "strength": "diary-strength-mild",
            "triggers": [], "note": note, "created": None, "updated": None}


def open_with_storage(page, url: str, stored: dict, ready: str) -> None:
    """Open `url` with `stored` (key -> raw text) in localStorage before its scripts run."""
    page.goto(url)
    page.evaluate("(stored) => { for (const key in stored) localStorage.setItem(key, stored[key]); }", stored)
    page.reload()
    page.wait_for_selector(ready)


def test_diary_entries_stored_under_the_old_slug_are_brought_over(page, changed_site):
    earlier = [diary_entry("a1", "2026-11-20T08:30", "Written before the rename"), diary_entry("a2", "2026-11-21T09:00", "Also before")]
    old_key, new_key = f"healthguide:{OLD}:diary:v2", f"healthguide:{NEW}:diary:v2"
    open_with_storage(page, changed_site + f"{NEW}/diary/", {old_key: json.dumps({"version": 2, "entries": earlier})}, "[data-diary-form]:not([hidden])")
    notes = page.locator("[data-diary-list] .diary__note").all_text_contents()
    assert notes == ["Note: Also before", "Note: Written before the rename"]
    assert page.locator("[data-diary-moved]").is_visible()
    stored = page.evaluate("() => ({...localStorage})")
    assert old_key not in stored, "the old copy is removed once the new one is saved"
    assert json.loads(stored[new_key])["entries"] == earlier


def test_diary_entries_under_both_slugs_are_all_kept(page, changed_site):
    """A tab still showing the old page saved after the new one brought the entries over."""
    old_key, new_key = f"healthguide:{OLD}:diary:v2", f"healthguide:{NEW}:diary:v2"
    before = diary_entry("b1", "2026-11-20T08:30", "Old page")
    after = diary_entry("b2", "2026-11-22T08:30", "New page")
    stored = {old_key: json.dumps({"version": 2, "entries": [before]}), new_key: json.dumps({"version": 2, "entries": [after]})}
    open_with_storage(page, changed_site + f"{NEW}/diary/", stored, "[data-diary-form]:not([hidden])")
    assert page.locator("[data-diary-list] .diary__note").all_text_contents() == ["Note: New page", "Note: Old page"]
    assert sorted(e["id"] for e in json.loads(page.evaluate("(key) => localStorage.getItem(key)", new_key))["entries"]) == ["b1", "b2"]


def test_checklist_ticks_stored_under_the_old_slug_are_brought_over(page, changed_site):
    old_key, new_key = f"healthguide:{OLD}:checklist:v1", f"healthguide:{NEW}:checklist:v1"
    open_with_storage(page, changed_site + f"{NEW}/", {old_key: json.dumps({"version": 1, "ticked": ["do-sleep", "do-relax"]})},
                      "[data-checklist] input[type=checkbox]")
    checked = page.locator("[data-checklist] input:checked").evaluate_all("boxes => boxes.map(b => b.id)")
    assert checked == ["tick-do-sleep", "tick-do-relax"]
    stored = page.evaluate("() => ({...localStorage})")
    assert old_key not in stored
    assert json.loads(stored[new_key]) == {"version": 1, "ticked": ["do-sleep", "do-relax"]}
    assert page.locator("[data-checklist-moved]").is_visible()
