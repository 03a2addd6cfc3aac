"""Reference evaluator of the self-check rules. The browser script must agree with it exactly.

A result at some level is shown only when no unanswered question could still make it more
urgent: an emergency answer shows the emergency advice at once; self-care needs every answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from .common import CARE_LEVELS, CareLevel
from .self_check import SelfCheck


@dataclass(frozen=True)
class Verdict:
    level: CareLevel | None  # None: not enough answers yet to give a safe result
    reasons: tuple[str, ...]  # ids of the questions whose answers led to the level


def evaluate(self_check: SelfCheck, answers: dict[str, str]) -> Verdict:
    fired: dict[str, CareLevel] = {}
    for rule in self_check.rules:
        if answers.get(rule.question) in rule.answers:
            current = fired.get(rule.question)
            if current is None or CARE_LEVELS.index(rule.outcome) < CARE_LEVELS.index(current):
                fired[rule.question] = rule.outcome
    unanswered = [q.id for q in self_check.questions() if answers.get(q.id) not in ("yes", "not-sure", "no")]
    if fired:
        level = min(fired.values(), key=CARE_LEVELS.index)
        more_urgent_possible = any(
            CARE_LEVELS.index(self_check.question_level(qid)) < CARE_LEVELS.index(level) for qid in unanswered
        )
        if more_urgent_possible:
            return Verdict(None, ())
        order = [q.id for q in self_check.questions()]
        reasons = tuple(qid for qid in order if fired.get(qid) == level)
        return Verdict(level, reasons)
    if unanswered:
        return Verdict(None, ())
    return Verdict("self-care", ())
