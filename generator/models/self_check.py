"""The self-check questionnaire: questions, rules and outcomes, all validated as content.

Safety is structural: a rule can only fire on "yes" (or "yes" and "not sure"), never on "no",
so answering "yes" to more questions can never lower the urgency; emergency rules must also
fire on "not sure"; and every question that can lead to a more urgent outcome comes first.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .common import CARE_LEVELS, CareLevel, Id, Linkable, PlainText, Prose, Strict

Answer = Literal["yes", "not-sure", "no"]
ANSWERS: tuple[Answer, ...] = ("yes", "not-sure", "no")


class Question(Linkable):
    text: PlainText = Field(description="The question, answered yes / not sure / no.")
    hint: PlainText | None = Field(default=None, description="Extra help shown under the question.")
    you_said: PlainText = Field(description="How the result repeats a 'yes' answer, e.g. 'One side of your face droops'.")
    explained_by: list[Id] = Field(min_length=1, description="Ids of guide sections that explain why this matters.")


class QuestionGroup(Linkable):
    title: PlainText
    questions: list[Question] = Field(min_length=1)


class Rule(Strict):
    question: Id = Field(description="Id of the question this rule reads.")
    answers: list[Literal["yes", "not-sure"]] = Field(min_length=1, description="Answers that trigger the rule.")
    outcome: CareLevel
    sources: list[Id] = Field(min_length=1, description="Ids of the references this rule is based on.")

    @model_validator(mode="after")
    def _monotonic(self) -> Rule:
        if "yes" not in self.answers:
            raise ValueError("a rule must fire on 'yes' (so a 'yes' never lowers the urgency)")
        if self.outcome == "emergency" and "not-sure" not in self.answers:
            raise ValueError("an emergency rule must also fire on 'not-sure': when unsure, act")
        return self


class Outcome(Linkable):
    level: CareLevel
    title: PlainText
    body: Prose
    explained_by: list[Id] = Field(default_factory=list, description="Ids of guide sections to read next.")
    safety_net: list[PlainText] = Field(default_factory=list, description="Changes that should bring the reader back.")


class SelfCheck(Linkable):
    title: PlainText
    intro: Prose
    question_groups: list[QuestionGroup] = Field(min_length=1)
    rules: list[Rule] = Field(min_length=1)
    outcomes: list[Outcome] = Field(min_length=1)

    def questions(self) -> list[Question]:
        return [question for group in self.question_groups for question in group.questions]

    def outcome(self, level: CareLevel) -> Outcome:
        return next(outcome for outcome in self.outcomes if outcome.level == level)

    def question_level(self, question_id: str) -> CareLevel:
        """The most urgent outcome any rule gives this question."""
        levels = [rule.outcome for rule in self.rules if rule.question == question_id]
        return min(levels, key=CARE_LEVELS.index)

    @model_validator(mode="after")
    def _consistent(self) -> SelfCheck:
        question_ids = [question.id for question in self.questions()]
        problems = []
        for rule in self.rules:
            if rule.question not in question_ids:
                problems.append(f"a rule names unknown question '{rule.question}'")
        unused = [qid for qid in question_ids if not any(rule.question == qid for rule in self.rules)]
        if unused:
            problems.append(f"questions with no rule: {', '.join(unused)}")
        if not any(rule.outcome == "emergency" for rule in self.rules):
            problems.append("at least one rule must lead to the emergency outcome")
        defined = [outcome.level for outcome in self.outcomes]
        if len(defined) != len(set(defined)):
            problems.append("each outcome level may be defined only once")
        for level in {rule.outcome for rule in self.rules} | {"self-care"}:
            if level not in defined:
                problems.append(f"outcome level '{level}' is used but not defined in outcomes")
        if "self-care" in defined and not self.outcome("self-care").safety_net:
            problems.append("the self-care outcome needs a safety_net: which changes should bring the reader back")
        if not problems:
            order = [CARE_LEVELS.index(self.question_level(qid)) for qid in question_ids]
            if order != sorted(order):
                problems.append("questions must be ordered most urgent first (emergency questions before all others)")
        if problems:
            raise ValueError("; ".join(problems))
        return self
