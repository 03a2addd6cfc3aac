"""Building blocks shared by every content model."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Ids become URL anchors that clinicians paste into letters: lowercase, hyphenated, stable.
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=80),
    Field(description="Stable anchor id: lowercase letters, digits and single hyphens. Never reuse or change a published id."),
]


class RefersToItem:
    """Metadata of `ItemRef`: the value names another item of the same topic (model/references.py
    finds every field that carries it, so no list of reference fields is kept by hand)."""

    def __repr__(self) -> str:
        return "REFERS_TO_ITEM"


REFERS_TO_ITEM = RefersToItem()
# The id of another item of the same topic (see_also, sources, signs...): the build fails,
# naming the file, line and field, when no item has it.
ItemRef = Annotated[Id, REFERS_TO_ITEM]
# A reference that may also name an item of another topic, as `other-slug#item-id` (see_also,
# related, used_for, explained_by): checked once every topic is loaded (model/topic_links.py).
AnyTopicItemRef = Annotated[
    str,
    StringConstraints(pattern=r"^([a-z][a-z0-9]*(-[a-z0-9]+)*#)?[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=161),
    Field(description="Id of an item of this topic, or 'other-topic-slug#item-id' for an item of another topic."),
    REFERS_TO_ITEM,
]


class WordsForReaders:
    """Metadata of `PlainText` and `Prose`: words a translation rewrites. Every other value of a
    topic (ids, levels, onsets, URLs, dates) is its structure, which a translation keeps from the
    English (model/translation.py finds the words from the models, with no list kept by hand)."""

    def __repr__(self) -> str:
        return "WORDS_FOR_READERS"


WORDS_FOR_READERS = WordsForReaders()
# One line of text shown exactly as written (Markdown and HTML characters are escaped).
PLAIN_TEXT_LONGEST = 2000  # characters
PlainText = Annotated[
    str,
    WORDS_FOR_READERS,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=PLAIN_TEXT_LONGEST),
    Field(description="Plain text, shown exactly as written."),
]
# Longer text: paragraphs plus a small Markdown subset (see docs/authoring.md).
Prose = Annotated[
    str,
    WORDS_FOR_READERS,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=20000),
    Field(description="Prose: paragraphs, *emphasis*, **strong**, '- ' lists and links [text](#id), [text](other-topic#id) or [text](https://...). No HTML."),
]
LayTerms = Annotated[
    list[PlainText],
    Field(default_factory=list, description="Words patients might search with (shown nowhere, used by search)."),
]

CareLevel = Literal["emergency", "urgent", "see-doctor", "self-care"]
CARE_LEVELS: tuple[CareLevel, ...] = ("emergency", "urgent", "see-doctor", "self-care")


class Strict(BaseModel):
    """Unknown keys are errors so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Linkable(Strict):
    """An item with a published anchor. Renamed ids stay reachable through `previous_ids`.

    `title_field` names the field that is its visible title (a link to it shows that text);
    None for an item without one (its id is used)."""

    title_field: ClassVar[str | None] = "title"

    id: Id
    previous_ids: list[Id] = Field(
        default_factory=list,
        description="Ids this item had before; old links to them are redirected here.",
    )
    lay_terms: LayTerms
