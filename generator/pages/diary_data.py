"""The diary's choices as JSON data for the browser script (never hand-copied into JS)."""

from __future__ import annotations

from ..model.diary import Diary


def diary_data(slug: str, diary: Diary, locale: str, moved_from: list[str], words: dict[str, str]) -> dict:
    """Choices (ids and labels), the topic's own diary words and the script's interface words
    (the strings catalog's diary_script); links and questions are rendered in the page."""

    def choices(items) -> list[dict]:
        return [{"id": item.id, "label": item.label} for item in items]

    return {
        "topic": slug,  # the script keeps entries under healthguide:<topic>:diary:v<format version>
        # Slugs the topic had before: entries stored under them are brought over to `topic`.
        "moved_from": list(moved_from),
        "locale": locale,  # dates are shown the way the site's readers write them
        "locations": choices(diary.locations),
        "durations": choices(diary.durations),
        "strengths": choices(diary.strengths),
        "triggers": choices(diary.triggers),
        "patterns": [pattern.when for pattern in diary.warning_patterns],
        "words": diary.words.model_dump(),  # the topic's own: what an episode is called, its questions
        "strings": words,
    }
