"""The symptom diary of a topic: the choices a reader picks from and the patterns worth acting on.

Entries live only in the reader's browser; the site publishes the choices (by id, so a renamed
label never orphans a stored entry) and the warning patterns the page script looks for.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .common import AnyTopicItemRef, Id, Linkable, PlainText, Prose, Strict

# Patterns the page script can detect in the last 14 days of entries (generator/components/diary/script.js).
PatternKind = Literal["spreading", "more-frequent", "lasting"]


class DiaryChoice(Strict):
    """One option of a diary field. The id is what is stored in the browser: never change it."""

    id: Id
    label: PlainText


class WarningPattern(Linkable):
    title_field = None  # a message, not a title: links to it show its id

    when: PatternKind = Field(
        description="spreading: a new place in the last 7 days; more-frequent: clearly more episodes than the 7 days before; lasting: episodes recorded over more than 2 weeks."
    )
    message: PlainText = Field(description="What the reader is told when their entries show this pattern.")
    explained_by: list[AnyTopicItemRef] = Field(min_length=1, description="Ids of guide sections to read, e.g. the warning-signs row (or 'other-topic#id').")


class DiaryWords(Strict):
    """What this topic's diary asks and how its summary counts, in the topic's own words: the
    diary component is the same for every symptom, these are not."""

    location_question: PlainText = Field(description="The form's question for `locations`, e.g. 'Where was the twitch?'.")
    location_missing: PlainText = Field(description="Said when no place is chosen, e.g. 'Choose where the twitch was.'.")
    duration_question: PlainText = Field(description="The form's question for `durations`, e.g. 'How long did it last?'.")
    duration_missing: PlainText = Field(description="Said when no duration is chosen, e.g. 'Choose how long it lasted.'.")
    strength_question: PlainText = Field(description="The form's question for `strengths`, e.g. 'How strong was it?'.")
    strength_missing: PlainText = Field(description="Said when no strength is chosen, e.g. 'Choose how strong it was.'.")
    triggers_question: PlainText = Field(description="The form's question for `triggers`, e.g. 'Possible triggers (tick any that apply)'.")
    paper_note: PlainText = Field(description="Leads the list of what to note on paper (without JavaScript), e.g. 'Each time you notice a twitch, write down:'.")
    days_with: PlainText = Field(description="The summary's count of days with an episode, e.g. 'Days with twitching'.")
    noted: PlainText = Field(description="The summary's count of episodes, e.g. 'Twitches noted'.")
    episode_one: PlainText = Field(description="One episode, after a number, e.g. 'twitch' (1 twitch).")
    episode_other: PlainText = Field(description="Several episodes, after a number, e.g. 'twitches' (3 twitches).")
    chart_title: PlainText = Field(description="The chart's title, e.g. 'Twitches each day, last 14 days'.")
    chart_caption: PlainText = Field(description="The caption of the chart's table, e.g. 'Number of twitches noted each day, last 14 days'.")
    chart_column: PlainText = Field(description="The table's count column, e.g. 'Twitches'.")


class Diary(Linkable):
    title: PlainText
    intro: Prose
    locations: list[DiaryChoice] = Field(min_length=2, description="Where it happened.")
    durations: list[DiaryChoice] = Field(min_length=2, description="How long it lasted, shortest first.")
    strengths: list[DiaryChoice] = Field(min_length=2, max_length=5, description="How strong it was, mildest first.")
    triggers: list[DiaryChoice] = Field(min_length=1, description="Possible triggers the reader can tick.")
    warning_patterns: list[WarningPattern] = Field(default_factory=list)
    questions_to_ask: list[PlainText] = Field(min_length=1, description="Questions to take to the appointment; printed with the summary.")
    words: DiaryWords = Field(description="The diary's questions and the summary's words about this symptom.")

    @model_validator(mode="after")
    def _each_pattern_once(self) -> Diary:
        kinds = [pattern.when for pattern in self.warning_patterns]
        if len(kinds) != len(set(kinds)):
            raise ValueError("each warning pattern ('when') may appear only once")
        return self
