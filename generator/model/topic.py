"""The typed schema of one topic: every part of a patient guide, each linkable item with an id."""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AfterValidator, Field, HttpUrl, StringConstraints, model_validator

from .common import (
    AnyTopicItemRef,
    CareLevel,
    Id,
    ItemRef,
    LayTerms,
    Linkable,
    PlainText,
    Prose,
    Strict,
)
from .diary import Diary
from .pictures import FacePicture, FastPicture
from .self_check import SelfCheck, SelfCheckPage
from .signs import Sign

if TYPE_CHECKING:
    from .strings import Strings


class Section(Linkable):
    """A titled part of the guide; its id is the anchor of its heading."""

    title: PlainText
    intro: Prose | None = None


class Subsection(Linkable):
    title: PlainText
    body: Prose


class Overview(Section):
    body: Prose
    picture: FacePicture | None = Field(default=None, description="A face diagram of where twitches happen, after the body.")
    subsections: list[Subsection] = Field(default_factory=list)


class Cause(Linkable):
    title_field = "name"

    name: PlainText
    description: Prose
    what_helps: Prose = Field(description="What the reader can do about this cause.")


class Causes(Section):
    items: list[Cause] = Field(min_length=1)


class Condition(Linkable):
    title_field = "name"

    name: PlainText
    description: Prose
    how_it_differs: Prose = Field(description="How it differs from the ordinary, harmless symptom (shown after the section's how_it_differs_title).")
    urgency: CareLevel = Field(description="How soon to get it checked if you think you have it.")
    urgency_note: PlainText = Field(description="One line saying who to see and how soon.")
    see_also: list[AnyTopicItemRef] = Field(default_factory=list, description="Ids of related items in this topic, or 'other-topic#id'.")
    # A topic slug, not an item id (ItemRef): checked once every topic is loaded (topic_links.py).
    topic: Id | None = Field(
        default=None, description="Slug of the topic that covers this condition in full; the entry links to it ('Read more about ...')."
    )


class Conditions(Section):
    how_it_differs_title: PlainText = Field(description="Leads each condition's how_it_differs, e.g. 'How it differs from ordinary twitching'.")
    items: list[Condition] = Field(min_length=1)


class WarningRow(Linkable):
    title_field = "feature"

    feature: PlainText = Field(description="What to look at, e.g. 'Where it happens'.")
    usually_harmless: PlainText
    get_checked: PlainText = Field(description="What about this feature means a doctor should look.")
    signs: list[ItemRef] = Field(
        min_length=1, description="Ids of the warning signs this row describes; the row shows the most urgent one's level."
    )


class WarningColumns(Strict):
    feature: PlainText = "What to notice"
    usually_harmless: PlainText = "Usually harmless"
    get_checked: PlainText = "See a doctor"


class WarningSigns(Section):
    caption: PlainText = Field(description="Table caption read by screen readers and shown above it.")
    columns: WarningColumns = Field(default_factory=WarningColumns)
    rows: list[WarningRow] = Field(min_length=1)


class ListItem(Linkable):
    title_field = "text"

    text: PlainText


class RedFlags(Section):
    """The emergency part of the guide's first page: what to do, the emergency cards of
    `when_to_get_help` (each sign anchored there, written once in `signs`), the reminder."""

    even_if_it_passes: PlainText = Field(description="Reminder to call even if the symptoms go away.")
    picture: FastPicture | None = Field(default=None, description="The FAST / BE-FAST letters, drawn after the cards.")


# NHS care cards keep to a few bullets a reader takes in at a glance: more signs of one level
# go on more cards of that level, each with its own title.
MAX_CARD_BULLETS = 5
# Cards run from the most likely to the most urgent, as on the NHS's symptom pages.
CARD_ORDER: tuple[CareLevel, ...] = ("self-care", "see-doctor", "urgent", "emergency")


def _few_bullets(bullets: list) -> list:
    if len(bullets) > MAX_CARD_BULLETS:
        raise ValueError(
            f"a care card lists at most {MAX_CARD_BULLETS} bullets (found {len(bullets)}): "
            "put the rest on another card of the same level, with its own title"
        )
    return bullets


class CareCard(Linkable):
    """One care card of "when to get help": one call to action (its level's), at most 5 bullets.

    A level may have several cards (signs of a stroke, eye signs...). Only the self-care card
    lists plain items: every reason to get help is a sign, so the self-check asks about it.
    """

    level: CareLevel
    title: PlainText = Field(description="States the card's one action and what it is about, e.g. 'Call {emergency_number} if you have signs of a stroke'.")
    signs: Annotated[list[ItemRef], AfterValidator(_few_bullets)] = Field(
        default_factory=list, description="Ids of the signs at this level (at most 5)."
    )
    items: Annotated[list[ListItem], AfterValidator(_few_bullets)] = Field(
        default_factory=list, description="Self-care card only: what to expect, when to come back (at most 5)."
    )

    @model_validator(mode="after")
    def _signs_or_self_care_items(self) -> CareCard:
        if self.level == "self-care":
            if self.signs or not self.items:
                raise ValueError("the self-care card lists items, not signs")
        elif self.items or not self.signs:
            raise ValueError(f"the {self.level} card lists signs (by id), not items: a reason to get help must be a sign")
        return self


class WhenToGetHelp(Section):
    cards: list[CareCard] = Field(
        min_length=1, description="Most likely first: self-care, see-doctor, urgent, then emergency cards."
    )

    @model_validator(mode="after")
    def _most_likely_first(self) -> WhenToGetHelp:
        for before, card in zip(self.cards, self.cards[1:], strict=False):
            if CARD_ORDER.index(card.level) < CARD_ORDER.index(before.level):
                raise ValueError(
                    f"card '{card.id}' ({card.level}) comes after '{before.id}' ({before.level}): "
                    f"order the cards most likely first: {', '.join(CARD_ORDER)}"
                )
        if not self.emergency_cards:
            raise ValueError("no emergency card: the guide's first page shows the emergency cards (red_flags)")
        return self

    @property
    def emergency_cards(self) -> list[CareCard]:
        return [card for card in self.cards if card.level == "emergency"]


class Step(Linkable):
    title: PlainText
    body: Prose


class Steps(Section):
    items: list[Step] = Field(min_length=1)


class Test(Linkable):
    """Something that happens at the appointment: history, examination, EMG, MRI..."""

    title_field = "name"

    name: PlainText
    body: Prose
    who_needs_it: PlainText | None = None


class Appointment(Section):
    items: list[Test] = Field(min_length=1)


class Treatment(Linkable):
    title_field = "name"

    name: PlainText
    body: Prose
    used_for: list[AnyTopicItemRef] = Field(default_factory=list, description="Ids of causes or conditions it treats (or 'other-topic#id').")
    sources: list[ItemRef] = Field(default_factory=list, description="Ids of the references its figures come from.")


class Treatments(Section):
    items: list[Treatment] = Field(min_length=1)


class FaqEntry(Linkable):
    title_field = "question"

    question: PlainText
    answer: Prose
    related: list[AnyTopicItemRef] = Field(default_factory=list, description="Ids of items that say more, in this topic or as 'other-topic#id'.")
    signs: list[ItemRef] = Field(default_factory=list, description="Warning signs this answer is about; shown with their level.")


class Faq(Section):
    items: list[FaqEntry] = Field(min_length=1)


class Checklist(Section):
    do: list[ListItem] = Field(min_length=1)
    dont: list[ListItem] = Field(min_length=1)


class Story(Section):
    illustrative: Literal[True] = Field(
        description="Must be true: stories are made-up examples, never real patients."
    )
    body: Prose
    takeaway: PlainText | None = None


class Closing(Section):
    body: Prose


class Reference(Linkable):
    publisher: PlainText
    title: PlainText
    url: HttpUrl | None = Field(default=None, description="Only where you are sure of the address.")


class References(Section):
    items: list[Reference] = Field(min_length=1)


class ClinicalReview(Strict):
    """Whether a clinician has checked the page. A page says so only after they have."""

    status: Literal["not-reviewed", "approved"]
    reviewer_role: PlainText | None = Field(
        default=None, description="The reviewing clinician's role, e.g. 'Consultant neurologist' (required when approved)."
    )
    reviewed_on: date | None = Field(default=None, description="The day the clinician signed the page off (required when approved).")
    reviewer: PlainText | None = Field(default=None, description="The reviewer's name, only if they agree to be named.")

    @model_validator(mode="after")
    def _approval_is_dated_and_attributed(self) -> ClinicalReview:
        if self.status == "approved" and not (self.reviewer_role and self.reviewed_on):
            raise ValueError("an approved review needs the reviewer's role (reviewer_role) and the date (reviewed_on)")
        if self.status == "not-reviewed" and (self.reviewed_on or self.reviewer or self.reviewer_role):
            raise ValueError("a page that is not reviewed names no reviewer and no review date")
        return self


class Review(Strict):
    written_on: date = Field(description="The day the content was written or last changed by its authors.")
    next_review_due: date
    clinical_review: ClinicalReview

    @model_validator(mode="after")
    def _dates_in_order(self) -> Review:
        reviewed_on = self.clinical_review.reviewed_on
        if reviewed_on is not None and reviewed_on < self.written_on:
            raise ValueError("clinical_review.reviewed_on is before written_on: the review was of an earlier version")
        if self.next_review_due <= self.updated:
            raise ValueError("next_review_due must be after written_on and the review date")
        return self

    @property
    def approved(self) -> bool:
        return self.clinical_review.status == "approved"

    @property
    def updated(self) -> date:
        """The last time the page changed or was checked: the sitemap's and JSON-LD's date."""
        return max(self.written_on, self.clinical_review.reviewed_on or self.written_on)

    def status_line(self, strings: Strings) -> str:
        """One line for printed pages: what the review status is, in the reader's language."""
        due = strings.long_date(self.next_review_due)
        if self.approved:
            return strings.text("review.status_approved").format(reviewed=strings.long_date(self.clinical_review.reviewed_on), due=due)
        return strings.text("review.status_unreviewed").format(written=strings.long_date(self.written_on), due=due)


class MedicalCode(Strict):
    """A code for the condition in a medical coding system, for search engines (JSON-LD)."""

    system: Literal["ICD-10", "SNOMED CT"]
    code: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9.]{0,19}$")] = Field(
        description="The code exactly as the system writes it, e.g. G51.0. Give it only when you are sure of it."
    )


class Topic(Strict):
    slug: Id = Field(description="URL name of the topic, e.g. facial-twitching. Never change it once published.")
    title: PlainText
    summary: PlainText = Field(description="One or two sentences; used as the page description.")
    about: Literal["MedicalSignOrSymptom", "MedicalCondition"] = "MedicalSignOrSymptom"
    moved_from: list[Id] = Field(default_factory=list, description="Slugs this topic was published under before; they redirect here.")
    codes: list[MedicalCode] = Field(default_factory=list, description="Condition pages: the condition's codes (ICD-10, SNOMED CT).")
    related_topics: list[Id] = Field(default_factory=list, description="Slugs of other topics, listed as links on this topic's first page.")
    lay_terms: LayTerms
    review: Review
    overview: Overview
    shared_signs: list[Id] = Field(
        default_factory=list,
        description="Ids of the site's shared warning signs (content/shared-signs.yaml) this topic uses, "
        "e.g. flag-face-droop. List them on cards like the topic's own signs.",
    )
    signs: list[Sign] = Field(
        min_length=1,
        description="Every warning sign of this topic, defined once with its level and self-check question "
        "(the shared signs it uses are added after them).",
    )
    red_flags: RedFlags
    causes: Causes | None = Field(default=None, description="Optional: everyday causes and what helps (a symptom guide).")
    warning_signs: WarningSigns | None = Field(default=None, description="Optional: a table of harmless features against features to get checked.")
    conditions: Conditions | None = Field(default=None, description="Optional: conditions that can cause the symptom.")
    when_to_get_help: WhenToGetHelp
    steps: Steps | None = Field(default=None, description="Optional: what the reader can do, step by step.")
    appointment: Appointment | None = Field(default=None, description="Optional: what happens at the appointment (tests).")
    treatments: Treatments | None = Field(default=None, description="Optional: treatments.")
    checklist: Checklist | None = Field(default=None, description="Optional: a do and don't checklist.")
    story: Story | None = Field(default=None, description="Optional: a made-up example.")
    closing: Closing | None = Field(default=None, description="Optional: the main points.")
    faq: Faq | None = Field(default=None, description="Optional: questions and answers, on a page of their own.")
    references: References
    self_check: SelfCheckPage | None = Field(default=None, description="Optional questionnaire: how urgently to seek care.")
    diary: Diary | None = Field(default=None, description="Optional symptom diary page, kept only in the reader's browser.")

    @cached_property
    def triage(self) -> SelfCheck | None:
        """The self-check questionnaire, built from the signs (None without a self-check page)."""
        if self.self_check is None:
            return None
        # Asked in the order the cards list the signs, shared or not: the stroke card's signs together.
        listed = [sign_id for card in self.when_to_get_help.cards for sign_id in card.signs]
        ordered = sorted(self.signs, key=lambda sign: listed.index(sign.id) if sign.id in listed else len(listed))
        return SelfCheck.from_signs(self.self_check, ordered)

    def sign(self, sign_id: str) -> Sign:
        return next(sign for sign in self.signs if sign.id == sign_id)
