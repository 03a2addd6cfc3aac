"""The self-check page in Chromium: the JavaScript agrees with the Python evaluator on every
combination of emergency answers crossed with a sample of the rest, and people can use it."""

from __future__ import annotations

import itertools
import json
import random
from urllib.parse import unquote

import pytest

from generator.model.loading import load_content
from generator.model.self_check import ANSWERS
from generator.model.triage import evaluate
from support import (
    ROOT,
    instant_navigation,
    open_through_instant_navigation,
    requests_made_by,
    twitching,
    wait_until_requests_are_reported,
)

PAGE = "facial-twitching/self-check/"


@pytest.fixture(scope="module")
def self_check():
    return twitching(load_content(ROOT / "content")).topic.triage


@pytest.fixture(scope="module")
def emergency_number():
    return load_content(ROOT / "content").site.emergency_number


def open_self_check(page, site_url):
    page.goto(site_url + PAGE)
    page.wait_for_selector("[data-self-check-form]:not([hidden])")


def answer(page, question_text_fragment: str, choice: str):
    fieldset = page.locator("fieldset.self-check__question", has_text=question_text_fragment)
    fieldset.get_by_label(choice, exact=True).check()


def answer_all(page, self_check, choice="No", except_ids=()):
    for question in self_check.questions():
        if question.id not in except_ids:
            page.locator(f'#{question.id} input[value="{ {"No": "no", "Yes": "yes", "Not sure": "not-sure"}[choice] }"]').check()


def emergency_combinations(emergency: list[str], seed: int = 3) -> list[dict]:
    """Answers to the emergency questions: every question alone and every pair with every
    answer (unanswered included), and a seeded sample of whole sets. All 4^n sets would be
    a million at 10 questions; the Python safety tests cover all 3^n answered ones."""
    options = [*ANSWERS, None]
    combos: list[dict] = [{}]
    for size in (1, 2):
        for chosen in itertools.combinations(emergency, size):
            for picked in itertools.product(options, repeat=size):
                combos.append({q: a for q, a in zip(chosen, picked, strict=True) if a is not None})
    rng = random.Random(seed)
    for _ in range(400):
        combos.append({q: a for q in emergency if (a := rng.choice(options)) is not None})
    return combos


def test_javascript_agrees_with_python_on_every_emergency_combination_and_a_sample(page, site_url, self_check):
    open_self_check(page, site_url)
    questions = [q.id for q in self_check.questions()]
    emergency = [q for q in questions if self_check.question_level(q) == "emergency"]
    rest = [q for q in questions if q not in emergency]
    rest_samples = [dict.fromkeys(rest, "no"), dict.fromkeys(rest, "yes"), {}]
    rest_samples += [{**dict.fromkeys(rest, "no"), q: a} for q in rest for a in ("yes", "not-sure")]
    rest_samples += [{q: ANSWERS[(i + j) % 3] for j, q in enumerate(rest)} for i in range(3)]
    combos = emergency_combinations(emergency)
    js = page.evaluate(
        """([combos, restSamples]) => {
            const data = JSON.parse(decodeURIComponent(document.querySelector('[data-self-check]').getAttribute('data-rules')));
            const out = [];
            for (const first of combos) {
                for (const rest of restSamples) {
                    const v = SelfCheck.evaluate(data, Object.assign({}, first, rest));
                    out.push(v.level + ":" + v.reasons.join(","));
                }
            }
            return out.join("\\n");
        }""",
        [combos, rest_samples],
    ).split("\n")
    mismatches, count = [], 0
    for first in combos:
        for rest in rest_samples:
            verdict = evaluate(self_check, {**first, **rest})
            expected = f"{verdict.level if verdict.level else 'null'}:{','.join(verdict.reasons)}"
            if js[count] != expected:
                mismatches.append((first, rest, expected, js[count]))
            count += 1
    assert count == len(js) == len(combos) * len(rest_samples)
    assert not mismatches, mismatches[:3]
    print(f"JavaScript and Python agree on {len(js)} answer combinations")


def result_text(page) -> str:
    result = page.locator("[data-self-check-result]")
    result.wait_for(state="visible")
    return result.inner_text()


def test_emergency_scenario_shows_call_999_at_once(page, site_url, offsite_requests):
    open_self_check(page, site_url)
    # A reader whose smile went lopsided for a few minutes this morning: not sure, so "Not sure".
    answer(page, "smile", "Not sure")
    text = result_text(page)
    assert "Your result: Emergency" in text and "Call 999" in text
    assert "you were not sure" in text
    said = page.locator("[data-said]:visible").first
    assert "face suddenly drooped" in said.inner_text()
    with instant_navigation(page):  # no load event: wait for the guide to be swapped in
        said.get_by_role("link").first.click()
    assert page.evaluate("() => location.pathname.endsWith('/facial-twitching/') && location.hash === '#red-flags'"), page.url
    wait_until_requests_are_reported(page)
    assert offsite_requests == []


def test_urgent_scenario(page, site_url, self_check):
    open_self_check(page, site_url)
    answer_all(page, self_check, "No")
    answer(page, "unable to close one eye", "Yes")
    text = result_text(page)
    assert "Your result: Urgent" in text and "Get medical help today" in text
    assert "cannot close one eye" in text
    assert page.locator('[data-self-check-result] [data-outcome="emergency"]').count() == 0


def test_see_a_doctor_scenario_and_changing_answers_updates_the_result(page, site_url, self_check):
    open_self_check(page, site_url)
    answer_all(page, self_check, "No")
    assert "Likely harmless" in result_text(page)
    answer(page, "gone on for more than 2 weeks", "Yes")
    text = result_text(page)
    assert "Book an appointment with a GP" in text
    assert "gone on for more than 2 weeks" in page.locator("[data-self-check-said]").inner_text()
    answer(page, "fit (seizure)", "Yes")  # changing an answer raises the result at once
    assert "Your result: Emergency" in result_text(page)


def test_self_care_scenario_gives_the_safety_net(page, site_url, self_check):
    open_self_check(page, site_url)
    answer_all(page, self_check, "No")
    text = result_text(page)
    assert "Your result: Self-care" in text or "Likely harmless" in text
    assert "lasts more than 2 weeks" in text and "999" in text
    assert page.locator("[data-self-check-said]").is_hidden()


def test_no_result_until_every_question_that_could_raise_it_is_answered(page, site_url, self_check):
    open_self_check(page, site_url)
    first, second = self_check.questions()[:2]
    page.locator(f'#{first.id} input[value="no"]').check()
    assert page.locator("[data-self-check-result]").is_hidden()
    assert "Answer the remaining" in page.locator("[data-self-check-pending]").inner_text()
    assert page.locator(f"#{second.id}").is_visible()


def test_questions_come_in_steps_and_stop_once_the_result_is_sure(page, site_url, self_check):
    open_self_check(page, site_url)
    groups = self_check.question_groups
    assert [group.id for group in groups] == ["sc-group-emergency", "sc-group-urgent", "sc-group-see-doctor"]
    first_urgent, first_gp = groups[1].questions[0], groups[2].questions[0]
    assert page.locator(f"#{first_urgent.id}").is_hidden() and page.locator(f"#{first_gp.id}").is_hidden()

    for question in groups[0].questions:  # every emergency question answered "no": the next step opens
        page.locator(f'#{question.id} input[value="no"]').check()
    page.locator(f"#{first_urgent.id}").wait_for(state="visible")
    assert page.locator(f"#{first_gp.id}").is_hidden()

    page.locator(f'#{first_urgent.id} input[value="yes"]').check()  # the result is now sure: no more steps
    assert "Your result: Urgent" in result_text(page)
    assert page.locator(f"#{first_gp.id}").is_hidden()

    page.get_by_role("button", name="Start over").click()
    page.wait_for_function(f"() => document.getElementById('{first_urgent.id}').closest('[data-self-check-step]').hidden")


def test_start_over_clears_answers_and_result(page, site_url, self_check):
    open_self_check(page, site_url)
    answer(page, "smile", "Yes")
    result_text(page)
    page.get_by_role("button", name="Start over").click()
    page.wait_for_function("() => document.querySelector('[data-self-check-result]').hidden")
    assert page.locator("input[type=radio]:checked").count() == 0


def test_keyboard_only_completion_moves_focus_to_the_result(page, site_url, self_check):
    open_self_check(page, site_url)
    page.locator(f"#{self_check.questions()[0].id} input").first.focus()
    for index, _question in enumerate(self_check.questions()):
        if index:
            page.keyboard.press("Tab")  # next radio group
        page.keyboard.press("ArrowDown")  # Yes -> Not sure
        page.keyboard.press("ArrowDown")  # Not sure -> No
    assert page.locator("input[type=radio]:checked").count() == len(self_check.questions())
    assert page.locator('input[value="no"]:checked').count() == len(self_check.questions())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Show my result"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id.endsWith('result-title')")
    assert "Likely harmless" in result_text(page)
    live = page.locator("[data-self-check-summary]")
    assert live.get_attribute("aria-live") == "polite"


def test_every_question_is_a_fieldset_with_a_legend(page, site_url, self_check):
    open_self_check(page, site_url)
    for question in self_check.questions():
        fieldset = page.locator(f"fieldset#{question.id}")
        assert fieldset.locator("legend").inner_text().strip() == question.text
        assert fieldset.locator("input[type=radio]").count() == 3


def test_without_javascript_the_lists_are_shown_instead(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGE)
    assert page.locator("[data-self-check-form]").is_hidden()
    fallback = page.locator("[data-self-check-fallback]")
    assert fallback.is_visible()
    assert "Call 999" in fallback.inner_text() and "GP" in fallback.inner_text()
    assert page.locator(".care-card--emergency").first.is_visible()
    context.close()


def test_no_request_at_all_while_answering(page, site_url, self_check):
    open_self_check(page, site_url)
    page.wait_for_load_state("networkidle")
    storage_before = page.evaluate("JSON.stringify([{...localStorage}, {...sessionStorage}])")

    def answer_and_start_over():
        answer_all(page, self_check, "Not sure")
        page.get_by_role("button", name="Show my result").click()
        result_text(page)
        page.get_by_role("button", name="Start over").click()
        # Start over finishes after the form's reset event: the focus is back on the first answer.
        page.wait_for_function("() => document.activeElement.matches('[data-self-check-form] input[type=radio]') && !document.querySelector('input[type=radio]:checked')")

    assert requests_made_by(page, answer_and_start_over) == []
    assert "?" not in page.url and "#" not in page.url
    # Material keeps its own settings there; the self-check adds nothing.
    assert page.evaluate("JSON.stringify([{...localStorage}, {...sessionStorage}])") == storage_before
    assert page.context.cookies() == []


def test_works_after_instant_navigation(page, site_url):
    open_through_instant_navigation(page, site_url, "self-check/", "[data-self-check-form]:not([hidden])")
    answer(page, "smile", "Yes")
    assert "Call 999" in page.locator("[data-self-check-result]").inner_text()


def test_works_on_a_phone_sized_screen(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_self_check(page, site_url)
    page.locator("fieldset.self-check__question", has_text="smile").get_by_label("Yes", exact=True).tap()
    assert "Call 999" in page.locator("[data-self-check-result]").inner_text()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    context.close()


def test_rules_on_the_page_are_the_yaml_rules(page, site_url, self_check):
    open_self_check(page, site_url)
    data = json.loads(unquote(page.locator("[data-self-check]").get_attribute("data-rules")))
    assert data["rules"] == [r.model_dump(include={"question", "answers", "outcome"}) for r in self_check.rules]


def test_printed_result_has_the_date_the_answers_and_the_advice_only(page, site_url, self_check):
    import io
    from datetime import date

    from pypdf import PdfReader

    open_self_check(page, site_url)
    answer_all(page, self_check, "No")
    answer(page, "gone on for more than 2 weeks", "Yes")
    result_text(page)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    today = date.today()
    assert f"Checked on {today.day} {today:%B %Y}" in text
    assert "Book an appointment with a GP" in text  # the advice
    assert "gone on for more than 2 weeks" in text  # what led to it
    assert "All your answers" in text and "Yes" in text  # the answers
    assert "Show my result" not in text and "Start over" not in text  # no form controls
    assert "Print this result" not in text


def test_a_keyboard_user_gets_the_emergency_advice_under_the_question_and_keeps_their_place(page, site_url, self_check, emergency_number):
    """Arrowing through Yes, Not sure, No checks each on the way: focus must not be taken away,
    but the emergency advice is said at once, under the question, with a way to the result."""
    open_self_check(page, site_url)
    first = self_check.questions()[0]
    page.locator(f"#{first.id} input").first.focus()
    page.keyboard.press("ArrowDown")  # Yes -> Not sure: an emergency answer
    alert = page.locator(f"#{first.id} + .self-check__alert[role=alert]")
    alert.wait_for(state="visible")
    assert f"Call {emergency_number}" in alert.inner_text()
    assert page.evaluate("document.activeElement.name") == first.id  # still on the question
    page.keyboard.press("ArrowDown")  # Not sure -> No
    alert.wait_for(state="hidden")
    page.keyboard.press("ArrowUp")  # back to Not sure, then to the advice
    alert.wait_for(state="visible")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "See what to do now"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id.endsWith('result-title')")
    assert "Your result: Emergency" in result_text(page)
