"""Warning signs: the one clinical model every view of urgency is rendered from.

A sign is written once, with its level, the question the self-check asks about it and its
sources. The "when to get help" cards (the emergency ones also on the first page), the warning
table, FAQ answers and the self-check's questions and rules all show signs by reference, so they
cannot disagree:
generator/model/sign_checks.py refuses a view that puts a sign at another level.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .common import ItemRef, Linkable, PlainText, Strict

# Levels a sign can have: a reason to get help. "Self-care" is what is left when no sign applies.
SignLevel = Literal["emergency", "urgent", "see-doctor"]
# How a sign starts. Every emergency sign is sudden: a weakness that has been there for years
# (an old stroke, known carpal tunnel) must not send a reader to the emergency number.
Onset = Literal["sudden", "recent", "gradual", "any"]


class SignQuestion(Strict):
    text: PlainText = Field(description="The self-check question, answered yes / not sure / no.")
    hint: PlainText | None = Field(default=None, description="Extra help shown under the question.")
    you_said: PlainText = Field(description="How the result repeats a 'yes' answer, e.g. 'One side of your face drooped'.")


class SignWords(Linkable):
    """What a sign is, wherever it is written: a topic's own `signs`, or the site's shared signs
    (model/shared_signs.py), which a topic uses by id."""

    title_field = "text"

    text: PlainText = Field(description="The sign in plain words, as care cards list it.")
    level: SignLevel = Field(description="How soon to get help: emergency, urgent (today) or see-doctor.")
    onset: Onset = Field(description="When it counts: sudden, recent (days), gradual (weeks or months) or any.")
    question: SignQuestion
    sources: list[ItemRef] = Field(min_length=1, description="Ids of the references that give this sign its level.")

    @model_validator(mode="after")
    def _emergencies_are_sudden(self) -> SignWords:
        if self.level == "emergency" and self.onset != "sudden":
            raise ValueError("an emergency sign must have onset 'sudden' (say in the question how recent it is)")
        return self


class Sign(SignWords):
    """A topic's sign: its words, and the guide sections the self-check's result links to."""

    explained_by: list[ItemRef] = Field(min_length=1, description="Ids of guide sections that explain why this matters.")
