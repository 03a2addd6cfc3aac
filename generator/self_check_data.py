"""The self-check rules as JSON data for the browser script (never hand-copied into JS)."""

from __future__ import annotations

import json

from markupsafe import Markup, escape

from .models.common import CARE_LEVELS
from .models.self_check import SelfCheck


def self_check_data(self_check: SelfCheck) -> dict:
    """Rules and question texts only; links and advice are rendered in the page by templates."""
    return {
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
    """JSON for a data-* attribute (HTML-escaped). An attribute, not a <script> block, because
    Material's instant navigation re-creates script elements and drops their attributes."""
    return escape(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
