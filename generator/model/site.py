"""Site-wide settings: name, locale, emergency numbers and care-level wording."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from .common import CARE_LEVELS, CareLevel, PlainText, Prose, Strict

# Starts and ends with a letter or digit (so it can be matched as a whole word); in between,
# letters, digits, spaces and a little punctuation. Not `[`, `]` or `\`, which would break the
# `*[TERM]: ...` definition line.
TERM_PATTERN = r"^[^\W_](?:[\w '’.&/+-]*[^\W_])?$"
TERM_RULE = (
    "must start and end with a letter or digit and may only use letters, digits, spaces and "
    "' ’ . & / + - (it must match the page text exactly)"
)


def _matchable_term(term: str) -> str:
    """A glossary term is matched against the page text exactly as the page shows it."""
    if not re.match(TERM_PATTERN, term):
        raise ValueError(f"glossary term {term!r} {TERM_RULE}")
    return term


GlossaryTerm = Annotated[str, AfterValidator(_matchable_term)]


class CareLevelWording(Strict):
    label: PlainText = Field(description="Short name of the urgency level, e.g. 'Emergency'.")
    action: PlainText = Field(description="The one call to action for this level, e.g. 'Call 999 now'.")
    explanation: PlainText = Field(description="One sentence on what this level means.")


class SiteSettings(Strict):
    site_name: PlainText
    site_description: PlainText
    publisher: PlainText = Field(description="Organisation that publishes the site.")
    locale: str = Field(pattern=r"^[a-z]{2}(-[A-Z]{2})?$", description="BCP 47 language tag, e.g. en-GB.")
    emergency_number: PlainText = Field(description="Emergency phone number, e.g. 999.")
    urgent_help: PlainText = Field(description="Where to get help today when it is not an emergency.")
    disclaimer: Prose
    care_levels: dict[CareLevel, CareLevelWording]
    glossary: dict[GlossaryTerm, PlainText] = Field(
        default_factory=dict,
        description="Abbreviations and medical terms explained on hover or focus wherever they appear, e.g. EMG.",
    )

    @model_validator(mode="after")
    def _every_level_worded(self) -> SiteSettings:
        missing = [level for level in CARE_LEVELS if level not in self.care_levels]
        if missing:
            raise ValueError(f"care_levels must define every level; missing: {', '.join(missing)}")
        return self
