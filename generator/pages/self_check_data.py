"""The self-check rules as JSON data for the browser script (never hand-copied into JS)."""

from __future__ import annotations

import json

from markupsafe import Markup

from ..model.common import CARE_LEVELS
from ..model.self_check import SelfCheck


def self_check_data(self_check: SelfCheck, words: dict[str, str]) -> dict:
    """Rules, question texts and the script's own words (the strings catalog's
    self_check_script); links and advice are rendered in the page by templates."""
    return {
        "strings": words,
        "levels": list(CARE_LEVELS),
        "questions": [
            {
                "id": question.id,
                "text": question.text,
                "level": self_check.question_level(question.id),
            }
            for question in self_check.questions()
        ],
        "rules": [rule.model_dump(include={"question", "answers", "outcome"}) for rule in self_check.rules],
    }


def json_attribute(data: dict) -> Markup:
    """JSON for a data-* attribute, percent-encoded (the scripts read it with decodeURIComponent).
    Not HTML-escaped: md_in_html decodes one layer of entities, so an author's `&quot;` became a
    bare quote in the JSON. Percent-encoding leaves only letters, digits, `-_.~` and `%XX`,
    which Markdown and HTML pass through unchanged. An attribute, not a <script> block, because
    Material's instant navigation re-creates script elements and drops their attributes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup("".join(map(_PERCENT_ENCODED.__getitem__, text.encode())))


# urllib.parse.quote(text, safe="") byte for byte, a lookup per UTF-8 byte: quote runs a Python
# loop over the bytes, ~5% of a cold build's rendering for the pages' JSON attributes.
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")
_PERCENT_ENCODED = tuple(chr(byte) if byte in _UNRESERVED else f"%{byte:02X}" for byte in range(256))
