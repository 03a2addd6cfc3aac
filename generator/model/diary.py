"""The symptom diary of a topic: the choices a reader picks from and the patterns worth acting on.

Entries live only in the reader's browser; the site publishes the choices (by id, so a renamed
label never orphans a stored entry) and the warning patterns the page script looks for.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .common import Id, ItemRef, Linkable, PlainText, Prose, Strict

# Patterns the page script can detect in the last 14 days of entries (docs/javascripts/diary.js).
PatternKind = Literal["spreading", "more-frequent", "lasting"]


class DiaryChoice(Strict):
    """One option of a diary field. The id is what is stored in the browser: never change it."""

    id: Id
    label: PlainText


class WarningPattern(Linkable):
    title_field = None  # a message, not a title: links to it show its id

    when: PatternKind = Field(
        description="spreading: a new place in the last 7 days; more-frequent: clearly more episodes than the 7 days before; lasting: twitching recorded over more than 2 weeks."
    )
    message: PlainText = Field(description="What the reader is told when their entries show this pattern.")
    explained_by: list[ItemRef] = Field(min_length=1, description="Ids of guide sections to read, e.g. the warning-signs row.")


class Diary(Linkable):
    title: PlainText
    intro: Prose
    locations: list[DiaryChoice] = Field(min_length=2, description="Where the twitch was.")
    durations: list[DiaryChoice] = Field(min_length=2, description="How long it lasted, shortest first.")
    strengths: list[DiaryChoice] = Field(min_length=2, max_length=5, description="How strong it was, mildest first.")
    triggers: list[DiaryChoice] = Field(min_length=1, description="Possible triggers the reader can tick.")
    warning_patterns: list[WarningPattern] = Field(default_factory=list)
    questions_to_ask: list[PlainText] = Field(min_length=1, description="Questions to take to the appointment; printed with the summary.")

    @model_validator(mode="after")
    def _each_pattern_once(self) -> Diary:
        kinds = [pattern.when for pattern in self.warning_patterns]
        if len(kinds) != len(set(kinds)):
            raise ValueError("each warning pattern ('when') may appear only once")
        return self
