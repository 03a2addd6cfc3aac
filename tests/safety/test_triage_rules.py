"""Safety properties of the self-check rules, checked on the real topic with the Python evaluator.

The browser script is checked against this evaluator in tests/e2e/test_self_check.py.
"""

from __future__ import annotations

import itertools
import random

import pytest
from pydantic import ValidationError

from generator.model.common import CARE_LEVELS
from generator.model.loading import load_content
from generator.model.self_check import ANSWERS, SelfCheck
from generator.model.triage import evaluate
from support import ROOT

URGENCY_ORDER = {"no": 0, "not-sure": 1, "yes": 2}


@pytest.fixture(scope="module")
def self_check() -> SelfCheck:
    topic = next(loaded.topic for loaded in load_content(ROOT / "content").topics if loaded.topic.slug == "facial-twitching")
    assert topic.triage is not None
    return topic.triage


def questions_at(self_check, level):
    return [q.id for q in self_check.questions() if self_check.question_level(q.id) == level]


def rank(level):
    return CARE_LEVELS.index(level)


def sample_of_the_rest(self_check, count=60, seed=7):
    """Answer sets for every non-emergency question: all-no, all-yes, each single yes, and random ones."""
    rest = [q.id for q in self_check.questions() if self_check.question_level(q.id) != "emergency"]
    rng = random.Random(seed)
    samples = [dict.fromkeys(rest, "no"), dict.fromkeys(rest, "yes"), dict.fromkeys(rest, "not-sure")]
    for qid in rest:
        samples.append({**dict.fromkeys(rest, "no"), qid: "yes"})
    while len(samples) < count:
        samples.append({qid: rng.choice(ANSWERS) for qid in rest})
    return samples


def test_covers_the_required_emergency_questions(self_check):
    emergency = questions_at(self_check, "emergency")
    assert len(emergency) >= 7
    first = [q.id for q in self_check.questions()][: len(emergency)]
    assert first == emergency, "emergency questions must come first"


def test_any_emergency_answer_gives_emergency_whatever_else_is_answered(self_check):
    emergency = questions_at(self_check, "emergency")
    checked = 0
    # All-no, all-yes, all-not-sure and 2 mixed sets of the rest, for each of the 3^n sets.
    samples = sample_of_the_rest(self_check)
    samples = samples[:3] + samples[-2:]
    for combo in itertools.product(ANSWERS, repeat=len(emergency)):
        first = dict(zip(emergency, combo, strict=True))
        for rest in samples:
            verdict = evaluate(self_check, {**first, **rest})
            checked += 1
            if any(answer in ("yes", "not-sure") for answer in combo):
                assert verdict.level == "emergency", (first, rest)
            else:
                assert verdict.level != "emergency"
                assert verdict.level is not None, "a complete set of answers must always give a result"
    assert checked == 3 ** len(emergency) * len(samples)


def test_an_emergency_answer_shows_emergency_at_once_even_with_nothing_else_answered(self_check):
    for qid in questions_at(self_check, "emergency"):
        for answer in ("yes", "not-sure"):
            verdict = evaluate(self_check, {qid: answer})
            assert verdict.level == "emergency"
            assert verdict.reasons == (qid,)


def test_self_care_only_when_every_answer_is_no(self_check):
    all_ids = [q.id for q in self_check.questions()]
    assert evaluate(self_check, dict.fromkeys(all_ids, "no")).level == "self-care"
    for qid in all_ids:
        for answer in ("yes", "not-sure"):
            verdict = evaluate(self_check, {**dict.fromkeys(all_ids, "no"), qid: answer})
            assert verdict.level == self_check.question_level(qid) != "self-care"
            assert verdict.reasons == (qid,)


def test_adding_a_yes_never_lowers_the_urgency(self_check):
    """Monotonic: raising any one answer (no -> not sure -> yes) never makes the result less urgent."""
    all_ids = [q.id for q in self_check.questions()]
    rng = random.Random(11)
    for _ in range(3000):
        answers = {qid: rng.choice(ANSWERS) for qid in all_ids}
        before = evaluate(self_check, answers).level
        qid = rng.choice(all_ids)
        for higher in ANSWERS:
            if URGENCY_ORDER[higher] > URGENCY_ORDER[answers[qid]]:
                after = evaluate(self_check, {**answers, qid: higher}).level
                assert rank(after) <= rank(before), (answers, qid, higher)


def test_partial_answers_never_show_a_less_urgent_result_than_the_unanswered_could(self_check):
    """With questions left blank, a result shows only if no blank question could raise it."""
    all_ids = [q.id for q in self_check.questions()]
    rng = random.Random(5)
    for _ in range(3000):
        answers = {qid: rng.choice(ANSWERS) for qid in all_ids if rng.random() < 0.7}
        verdict = evaluate(self_check, answers)
        if verdict.level is None:
            continue
        for qid in set(all_ids) - set(answers):
            assert rank(self_check.question_level(qid)) >= rank(verdict.level)
            worst = evaluate(self_check, {**answers, qid: "yes"})
            assert worst.level == min(verdict.level, self_check.question_level(qid), key=rank)


def rules_data(self_check, **changes):
    data = self_check.model_dump()
    data.update(changes)
    return data


def test_schema_refuses_unsafe_rules(self_check):
    base = self_check.model_dump()
    no_emergency = [dict(r, outcome="urgent") if r["outcome"] == "emergency" else r for r in base["rules"]]
    bad_cases = {
        "fire on 'yes'": [dict(base["rules"][0], answers=["not-sure"])] + base["rules"][1:],
        "also fire on 'not-sure'": [dict(base["rules"][0], answers=["yes"])] + base["rules"][1:],
        "unknown question": [dict(base["rules"][0], question="sc-nope")] + base["rules"][1:],
        "at least one rule must lead to the emergency": no_emergency,
    }
    for expected, rules in bad_cases.items():
        with pytest.raises(ValidationError, match=expected):
            SelfCheck.model_validate({**base, "rules": rules})
    outcomes_without_urgent = [o for o in base["outcomes"] if o["level"] != "urgent"]
    with pytest.raises(ValidationError, match="'urgent' is used but not defined"):
        SelfCheck.model_validate({**base, "outcomes": outcomes_without_urgent})
    reordered = list(reversed(base["question_groups"]))
    with pytest.raises(ValidationError, match="most urgent first"):
        SelfCheck.model_validate({**base, "question_groups": reordered})
