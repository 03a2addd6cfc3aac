"""Warn when a topic is past its next-review date; fail instead when strict review is on.

A warning goes through MkDocs' logger, so `mkdocs build --strict` (the project's normal build)
counts it and stops at the end of the build. With strict review on
(HEALTHGUIDE_STRICT_REVIEW=1, read through `extra.strict_review` in mkdocs.yml) the build
fails at once with a ContentError naming every overdue topic's file and line.
"""

from __future__ import annotations

import logging
from datetime import date

from ..reading.problems import ContentError, Problem
from ..reading.yaml_source import load_yaml

log = logging.getLogger("mkdocs.plugins.healthguide.review")

FIELD = ("review", "next_review_due")
_TRUE = {"1", "true", "yes", "on"}


def is_strict(value: object) -> bool:
    return value is True or str(value).strip().lower() in _TRUE


def overdue_problems(content, today: date) -> list[Problem]:
    """One located problem per topic whose next review date is before `today`."""
    problems = []
    for loaded in content.topics:
        due = loaded.topic.review.next_review_due
        if due >= today:
            continue
        days = (today - due).days
        message = (
            f"topic '{loaded.topic.slug}' is past its next review date ({due.isoformat()}, "
            f"{days} day{'' if days == 1 else 's'} ago): review it, then update "
            "review.written_on (or the clinical review) and review.next_review_due"
        )
        problems.append(load_yaml(loaded.source).problem(FIELD, message))
    return problems


def check_reviews(content, strict: object = False, today: date | None = None) -> None:
    """Warn per overdue topic, or raise ContentError listing them all when `strict`."""
    problems = overdue_problems(content, today or date.today())
    if problems and is_strict(strict):
        raise ContentError(problems)
    for problem in problems:
        log.warning("%s", problem)
