"""`python -m generator translations [--update] CODE`: which translated items are older than their
English (exit 1 when any is), or, once they are brought up to date, record the English they now
match in content/languages/<code>/translations.lock."""

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
        text = lock_text(english, translated)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}: {len(translated.topics)} topic(s) match their English now")
        return 0
    lines = staleness(english, translated).lines(code)
    for line in lines:
        print(line)
    if not lines:
        print(f"ok: every '{code}' topic matches its English ({len(translated.topics)} topic(s))")
    return 1 if lines else 0
