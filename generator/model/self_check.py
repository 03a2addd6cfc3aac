"""The self-check: what an author writes (`SelfCheckPage`) and the questionnaire built from it.

The questions and rules are never written by hand: `SelfCheck.from_signs` makes one question
and one rule per warning sign (model/signs.py), at the sign's level, so the self-check cannot
triage differently from the guide's care cards. The built questionnaire is validated again:
a rule fires on "yes" and "not sure" (never on "no"), so answering "yes" to more questions never
lowers the urgency, and every question that can lead to a more urgent outcome comes first.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from .common import (
    CARE_LEVELS,
    AnyTopicItemRef,
    CareLevel,
    ItemRef,
    Linkable,
    PlainText,
    Prose,
    Strict,
)
from .signs import Sign, SignLevel

Answer = Literal["yes", "not-sure", "no"]
ANSWERS: tuple[Answer, ...] = ("yes", "not-sure", "no")


class Question(Linkable):
    title_field = "text"

    text: PlainText = Field(description="The question, answered yes / not sure / no.")
    hint: PlainText | None = Field(default=None, description="Extra help shown under the question.")
    you_said: PlainText = Field(description="How the result repeats a 'yes' answer, e.g. 'One side of your face droops'.")
    explained_by: list[ItemRef] = Field(min_length=1, description="Ids of guide sections that explain why this matters.")


class QuestionGroup(Linkable):
    # No title of its own to link by: without the topic's step_titles it is the catalog's words.
    title_field: ClassVar[str | None] = None

    level: SignLevel
    title: PlainText | None = None  # None: the strings catalog's words for the level, in the page's language
    questions: list[Question] = Field(min_length=1)


class Rule(Strict):
    question: ItemRef = Field(description="Id of the question this rule reads.")
    answers: list[Literal["yes", "not-sure"]] = Field(min_length=1, description="Answers that trigger the rule.")
    outcome: CareLevel
    sources: list[ItemRef] = Field(min_length=1, description="Ids of the references this rule is based on.")

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
    explained_by: list[AnyTopicItemRef] = Field(default_factory=list, description="Ids of guide sections to read next (or 'other-topic#id').")
    safety_net: list[PlainText] = Field(default_factory=list, description="Changes that should bring the reader back.")


class SelfCheckPage(Linkable):
    """What the author writes: the page's words and the advice for each result."""

    title: PlainText
    intro: Prose
    step_titles: dict[SignLevel, PlainText] = Field(
        default_factory=dict,
        description="Optional: the heading over a level's questions (emergency questions come first); a level not given takes the interface words of the page's language (strings catalog: self_check.step_*).",
    )
    outcomes: list[Outcome] = Field(min_length=1)

    @model_validator(mode="after")
    def _outcomes_once_each(self) -> SelfCheckPage:
        defined = [outcome.level for outcome in self.outcomes]
        if len(defined) != len(set(defined)):
            raise ValueError("each outcome level may be defined only once")
        if "self-care" not in defined:
            raise ValueError("outcome level 'self-care' must be defined: it is the result when no sign applies")
        if not self.outcome_for("self-care").safety_net:
            raise ValueError("the self-care outcome needs a safety_net: which changes should bring the reader back")
        return self

    def outcome_for(self, level: CareLevel) -> Outcome | None:
        return next((outcome for outcome in self.outcomes if outcome.level == level), None)


class SelfCheck(Linkable):
    """The questionnaire as the evaluator and the browser script see it: built, never authored."""

    title: PlainText
    intro: Prose
    question_groups: list[QuestionGroup] = Field(min_length=1)
    rules: list[Rule] = Field(min_length=1)
    outcomes: list[Outcome] = Field(min_length=1)

    @classmethod
    def from_signs(cls, page: SelfCheckPage, signs: list[Sign]) -> SelfCheck:
        """One question and one rule per sign, most urgent level first, in the signs' order."""
        groups, rules = [], []
        for level in ("emergency", "urgent", "see-doctor"):
            at_level = [sign for sign in signs if sign.level == level]
            if not at_level:
                continue
            questions = [
                {"id": sign.id, "explained_by": sign.explained_by, **sign.question.model_dump()}
                for sign in at_level
            ]
            groups.append({"id": f"sc-group-{level}", "level": level, "title": page.step_titles.get(level), "questions": questions})
            # "Not sure" counts as "yes" at every level: when unsure, get it checked.
            rules += [
                {"question": sign.id, "answers": ["yes", "not-sure"], "outcome": level, "sources": sign.sources}
                for sign in at_level
            ]
        return cls.model_validate(
            {
                "id": page.id,
                "title": page.title,
                "intro": page.intro,
                "question_groups": groups,
                "rules": rules,
                "outcomes": [outcome.model_dump() for outcome in page.outcomes],
            }
        )

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
