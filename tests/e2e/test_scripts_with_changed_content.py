"""The self-check, diary and checklist scripts on sites built from changed content: author text
full of characters that mean something in HTML, JSON or JavaScript reaches the scripts intact,
and a topic renamed the documented way (moved_from) keeps each reader's diary and ticks."""

from __future__ import annotations

import functools
import json
import shutil
import socket
import threading
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from support import ROOT, QuietHandler, build_site

pytestmark = pytest.mark.browser
TOPIC_FILE = Path("topics") / "facial-twitching.yaml"

# Entities, markup, quotes, a JSON/JavaScript line separator and backslashes, as an author
# might paste them: every one must be shown exactly as written.
HOSTILE = "Tom said &quot;stop&quot; &amp; <b>left</b> &lt;script&gt;x&lt;/script&gt; \"q\" 'a' < \u2028 back\\slash \\u0022 end"


def one_line(text: str) -> str:
    """Text as the page's own HTML shows it: plain text is one line, whitespace runs (U+2028
    included) read as one space (generator/markup.py plain_text). The scripts get the text itself."""
    return " ".join(text.split())


@contextmanager
def built_and_served(content: Path, site: Path):
    """Build `content` with --strict and serve it on 127.0.0.1 (site_url set to where it is served)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = build_site(site, content_dir=content, extra_env={"SITE_URL": f"http://127.0.0.1:{port}/"})
    assert result.returncode == 0, result.stdout + result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# -- Author text reaches the scripts intact ------------------------------------------------------

QUESTION = "text: Has one side of your face drooped or felt weak, or has your smile become uneven?"
LOCATION = "label: Left upper eyelid"
CHECKLIST_ITEM = "text: Go to bed and get up at regular times, and aim for enough sleep."


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The real content with HOSTILE as a self-check question, a diary choice and a checklist item."""
    tmp = tmp_path_factory.mktemp("hostile")
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    topic = content / TOPIC_FILE
    quoted = json.dumps(HOSTILE)  # a YAML double-quoted scalar with the same escapes as JSON
    replace_once(topic, QUESTION, f"text: {quoted}")
    replace_once(topic, LOCATION, f"label: {quoted}")
    replace_once(topic, CHECKLIST_ITEM, f"text: {quoted}")
    with built_and_served(content, tmp / "site") as url:
        yield url


def test_self_check_starts_and_shows_the_question_as_written(page, hostile_site):
    page.goto(hostile_site + "facial-twitching/self-check/")
    page.wait_for_selector("[data-self-check-form]:not([hidden])")
    assert one_line(page.locator("fieldset#sc-face-droop legend").text_content()) == one_line(HOSTILE)
    page.locator('#sc-face-droop input[value="yes"]').check()
    page.locator("[data-self-check-result]").wait_for(state="visible")
    answers = page.locator("[data-self-check-all-answers-list] li").all_text_contents()
    assert answers == [HOSTILE + " Yes"]


def test_diary_starts_and_shows_the_choice_as_written(page, hostile_site):
    page.goto(hostile_site + "facial-twitching/diary/")
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


def test_checklist_item_is_tickable_and_shown_as_written(page, hostile_site):
    page.goto(hostile_site + "facial-twitching/")
    page.wait_for_selector("[data-checklist] input[type=checkbox]")
    label = page.locator('label[for="tick-do-sleep"]')
    assert one_line(label.text_content()) == one_line(HOSTILE)
    page.locator("#tick-do-sleep").check()
    page.reload()
    page.wait_for_selector("[data-checklist] input[type=checkbox]")
    assert page.locator("#tick-do-sleep").is_checked()
