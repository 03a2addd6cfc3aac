"""`python -m generator translations [--update] CODE`: which translated items are older than their
English, lack a translation, or are no longer in the English (exit 1 when any is); with --update,
first record the English the translated items now match in content/languages/<code>/translations.lock."""

from __future__ import annotations

from pathlib import Path

from ..model.loading import load_content, load_language
from ..model.strings import CATALOGS
from ..structure.translations_lock import LOCK_FILE, lock_text, staleness


def run_translations(content_root: Path, code: str, update: bool = False) -> int:
    english = load_content(Path(content_root))
    translated = load_language(Path(content_root), code, english, catalogs=CATALOGS)
    path = translated.root / LOCK_FILE
    if update:
        path.write_text(lock_text(english, translated), encoding="utf-8")
        print(f"wrote {path}: the English each translated item now matches, in {len(translated.topics)} topic(s)")
    # Items still in English words (new or reshaped in the English) and the translation's items
    # the English no longer has are not fixed by --update: named, and exit 1, so CI can insist.
    lines = staleness(english, translated).lines(code)
    for line in lines:
        print(line)
    if not lines:
        print(f"ok: every '{code}' topic matches its English ({len(translated.topics)} topic(s))")
    return 1 if lines else 0
