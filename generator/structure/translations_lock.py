"""Which translated items are older than their English: one digest per item, like links.lock.

content/languages/<code>/translations.lock records, for each translated item, a digest of the
English words it was translated from (`<slug> <item-id> <digest>` a line), written by
`python -m generator translations --update <code>` once the translation is brought up to date.
When an English item's words change, its digest no longer matches: the item is stale. The build
names stale items (an INFO message: an English edit must not fail `make site`, and the reader
is told on the page) and the translated pages that show one say that the English is newer.
An item whose structure changed in the English (or that is new there) is shown with its English
words (model/translation.py, `Drift`): it is stale whatever the lock says, and never locked.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..model.loading import Content, LoadedTopic
from ..model.translation import words_by_item
from ..reading.problems import ContentError, Problem

LOCK_FILE = "translations.lock"
LOCK_HEADER = (
    "# The English words each translated item was translated from, as digests: <topic> <item> <digest>.\n"
    "# Written by `python -m generator translations --update <language>`; see AUTHORING.md.\n"
)


def item_digests(english: LoadedTopic) -> dict[str, str]:
    """Each item's digest of its English words."""
    return {
        item: hashlib.sha256(json.dumps(words, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
        for item, words in words_by_item(english.topic).items()
    }


def read_lock(path: Path) -> dict[tuple[str, str], str]:
    """(topic slug, item id) -> digest; empty when there is no lock yet."""
    if not path.exists():
        return {}
    found, problems = {}, []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 3:
            problems.append(Problem(path, f"'{line}' is not '<topic> <item> <digest>'", line=number, column=1))
            continue
        found[(parts[0], parts[1])] = parts[2]
    if problems:
        raise ContentError(problems)
    return found


def lock_text(english: Content, translated: Content) -> str:
    """The lock for every topic the language has: the current English digests of its items."""
    by_slug = {loaded.topic.slug: loaded for loaded in english.topics}
    lines = [
        f"{loaded.topic.slug} {item} {digest}\n"
        for loaded in translated.topics
        for item, digest in sorted(item_digests(by_slug[loaded.topic.slug]).items())
        if item not in loaded.drift.untranslated  # still in English words: not translated from anything
    ]
    return LOCK_HEADER + "".join(sorted(lines))


@dataclass(frozen=True)
class Staleness:
    """Per translated topic slug, the items whose English changed since they were translated (or
    that the translation lacks), and the translation's items the English no longer has."""

    stale: dict[str, list[str]]
    unmatched: dict[str, list[str]] = field(default_factory=dict)

    def of(self, slug: str) -> list[str]:
        return self.stale.get(slug, [])

    def lines(self, code: str) -> list[str]:
        update = f"(update the translation, then run: python -m generator translations --update {code})"
        stale = [
            f"translation '{code}' of '{slug}': the English of {len(items)} item(s) changed since it was translated: {', '.join(items)} {update}"
            for slug, items in sorted(self.stale.items())
        ]
        unmatched = [
            f"translation '{code}' of '{slug}': the English no longer has {len(items)} item(s), so their words are not shown: {', '.join(items)}"
            " (remove them from the translation)"
            for slug, items in sorted(self.unmatched.items())
        ]
        return stale + unmatched


def staleness(english: Content, translated: Content) -> Staleness:
    """Items whose English digest is not the locked one (or that the lock does not have yet), and
    those the translation could not give words to (new or reshaped in the English)."""
    locked = read_lock(translated.root / LOCK_FILE)
    by_slug = {loaded.topic.slug: loaded for loaded in english.topics}
    stale, unmatched = {}, {}
    for loaded in translated.topics:
        slug = loaded.topic.slug
        items = [item for item, digest in item_digests(by_slug[slug]).items() if locked.get((slug, item)) != digest]
        items = list(dict.fromkeys(items + list(loaded.drift.untranslated)))
        if items:
            stale[slug] = items
        if loaded.drift.unmatched:
            unmatched[slug] = list(loaded.drift.unmatched)
    return Staleness(stale, unmatched)
