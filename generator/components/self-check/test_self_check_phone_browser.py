"""The self-check as patients meet it on a phone (390 x 844): every warning sign, answered
"yes", gives the level the guide's cards give it; an emergency answer puts the emergency advice
on screen at once; links to a result's advice land on visible text."""

from __future__ import annotations

import pytest

from generator.model.loading import load_content
from support import ROOT, twitching

PAGE = "facial-twitching/self-check/"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "content")


@pytest.fixture(scope="module")
def topic(content):
    return twitching(content).topic


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def open_self_check(page, site_url):
    page.goto(site_url + PAGE)
    page.wait_for_selector("[data-self-check-form]:not([hidden])")


def on_screen(page, selector: str) -> bool:
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
        }""",
        selector,
    )


@pytest.mark.parametrize("answer", ["yes", "not-sure"])
def test_the_first_emergency_answer_puts_the_emergency_advice_on_screen_at_once(phone, site_url, content, topic, answer):
    open_self_check(phone, site_url)
    first = topic.triage.questions()[0]
    phone.locator(f'#{first.id} input[value="{answer}"]').check()

    phone.wait_for_function("() => document.activeElement && document.activeElement.id.endsWith('result-title')")
    action = f"Call {content.site.emergency_number}"
    level_line = "[data-self-check-result] .care-card__level"
    phone.wait_for_function(
        "([selector, action]) => { const el = document.querySelector(selector); return el && el.innerText.includes(action); }",
        arg=[level_line, action],
    )
    assert on_screen(phone, level_line), "the emergency call to action is not on the screen"
    assert on_screen(phone, "[data-self-check-result] h2")
    summary = phone.locator("[data-self-check-summary]")
    assert summary.get_attribute("aria-live") == "polite" and "Emergency" in summary.inner_text()


def test_every_sign_answered_yes_gives_its_own_level_on_a_phone(phone, site_url, topic):
    """A realistic reader per sign: "no" to every more urgent question, "yes" to this one."""
    open_self_check(phone, site_url)
    labels = {level: topic.self_check.outcome_for(level) for level in ("emergency", "urgent", "see-doctor")}
    questions = topic.triage.questions()
    order = ["emergency", "urgent", "see-doctor"]
    for sign in topic.signs:
        phone.locator("[data-self-check-form] button[type=reset]").click()
        phone.wait_for_function("() => document.querySelector('[data-self-check-result]').hidden")
        for question in questions:
            if order.index(topic.sign(question.id).level) < order.index(sign.level):
                phone.locator(f'#{question.id} input[value="no"]').check()
        phone.locator(f'#{sign.id} input[value="yes"]').check()
        outcome = labels[sign.level]
        phone.wait_for_function(
            "(title) => { const r = document.querySelector('[data-self-check-result]');"
            " return !r.hidden && r.querySelector('[data-self-check-outcome] h3').textContent.trim() === title; }",
            arg=outcome.title,
        )
        said = phone.locator(f'[data-self-check-result] [data-said="{sign.id}"]')
        assert said.is_visible(), f"{sign.id}: the result does not say why"


@pytest.mark.parametrize("level", ["emergency", "urgent", "see-doctor", "self-care"])
def test_a_link_to_a_result_lands_on_its_advice_shown_as_text(phone, site_url, topic, level):
    outcome = topic.self_check.outcome_for(level)
    phone.goto(site_url + PAGE + "#" + outcome.id)
    target = phone.locator(f"#{outcome.id}")
    target.wait_for(state="visible")
    card = phone.locator(f'.self-check__outcomes [data-outcome="{level}"]')
    assert card.is_visible()
    assert outcome.title in card.inner_text()
