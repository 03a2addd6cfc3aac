"""Site-wide settings: name, locale, emergency numbers and care-level wording."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator

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

# A plain address a mail program accepts in a mailto: link as it is: no quoting, no comments,
# and none of the characters that would start a mailto: query (?), escape (%) or fragment (#).
EMAIL_PATTERN = r"^[A-Za-z0-9_+-]+(\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9](-*[A-Za-z0-9])*(\.[A-Za-z0-9](-*[A-Za-z0-9])*)*\.[A-Za-z]{2,}$"
# Domains that can never receive mail (RFC 2606, RFC 6761): fine while writing the site, never
# on a published one.
RESERVED_TOP_LEVEL = ("example", "invalid", "test", "localhost")
RESERVED_DOMAINS = ("example.com", "example.org", "example.net")


def _email_address(address: str) -> str:
    if len(address) > 254 or not re.match(EMAIL_PATTERN, address):
        raise ValueError(f"{address!r} is not an email address such as corrections@your-site.org")
    return address


EmailAddress = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_email_address),
    Field(description="An email address, e.g. corrections@your-site.org.", json_schema_extra={"format": "email"}),
]


def is_reserved_address(address: str) -> bool:
    """The address is at a domain reserved for examples and tests: no one can ever read it."""
    domain = address.rpartition("@")[2].lower()
    return domain.rpartition(".")[2] in RESERVED_TOP_LEVEL or any(
        domain == reserved or domain.endswith("." + reserved) for reserved in RESERVED_DOMAINS
    )


class Publisher(Strict):
    """Who publishes the site and how readers reach them about the content (the About page)."""

    name: PlainText = Field(description="The organisation's name, e.g. 'Twitch Check project'.")
    description: PlainText = Field(
        description="Who they are, after the name, e.g. 'an independent project, not part of the NHS'."
    )
    contact: EmailAddress = Field(
        description="Email address for corrections and questions about the content (not medical advice). "
        "A reserved address (e.g. at .example) is refused by the production build."
    )


class CareLevelWording(Strict):
    label: PlainText = Field(description="Short name of the urgency level, e.g. 'Emergency'.")
    action: PlainText = Field(description="The one call to action for this level, e.g. 'Call 999 now'.")
    explanation: PlainText = Field(description="One sentence on what this level means.")


class Language(Strict):
    """Which language a site.yaml is in: content/languages/<code>/site.yaml says it; the English
    site at the root may leave it out (its code comes from `locale`, left to right)."""

    code: str = Field(pattern=r"^[a-z]{2,3}$", description="The language's code, its folder and its address: es -> /es/.")
    name: PlainText = Field(description="The language's name in itself, for the language switcher, e.g. Español.")
    dir: Literal["ltr", "rtl"] = Field(default="ltr", description="Writing direction: rtl for Arabic, Hebrew, Urdu...")
    locale: str | None = Field(
        default=None, pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$",
        description="Optional: how dates and numbers are written, e.g. es-ES (default: the site's locale).",
    )


class SiteSettings(Strict):
    language: Language | None = Field(default=None, description="The language of this site.yaml (required in content/languages/<code>/).")
    site_name: PlainText
    site_description: PlainText
    publisher: Publisher = Field(description="Who publishes the site, and how to contact them about the content.")
    locale: str = Field(pattern=r"^[a-z]{2}(-[A-Z]{2})?$", description="BCP 47 language tag, e.g. en-GB.")
    emergency_number: PlainText = Field(description="Emergency phone number, e.g. 999.")
    urgent_help: PlainText = Field(description="Where to get help today when it is not an emergency.")
    disclaimer: Prose
    care_levels: dict[CareLevel, CareLevelWording]
    glossary: dict[GlossaryTerm, PlainText] = Field(
        default_factory=dict,
        description="Abbreviations and medical terms explained on hover or focus wherever they appear, e.g. EMG.",
    )

    @property
    def formats_locale(self) -> str:
        """How dates and numbers are written for the readers of this site (e.g. es-ES)."""
        return self.language.locale if self.language and self.language.locale else self.locale

    @model_validator(mode="after")
    def _every_level_worded(self) -> SiteSettings:
        missing = [level for level in CARE_LEVELS if level not in self.care_levels]
        if missing:
            raise ValueError(f"care_levels must define every level; missing: {', '.join(missing)}")
        return self
