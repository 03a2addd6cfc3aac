"""`python -m generator lock [--check]`: rewrite content/links.lock, or fail when it is stale."""

from __future__ import annotations

import sys
from pathlib import Path

from ..model.loading import load_content, load_language
from ..model.translation import translation_codes
from ..reading.problems import ContentError
from ..structure.links_lock import (
    CROSS_ARROW,
    LOCK_FILE,
    lock_text,
    read_cross_references,
    read_lock,
    site_link_index,
)


def run_lock(content_root: Path, check: bool = False) -> int:
    """`python -m generator lock [--check]`: rewrite the lock, or fail when it is stale."""
    content_root = Path(content_root)
    english = load_content(content_root)
    translations = {code: load_language(content_root, code, english) for code in translation_codes(content_root)}
    index = site_link_index(english, translations)  # every language's links (/es/...)
    if index.problems:
        raise ContentError(index.problems)
    path = content_root / LOCK_FILE
    locked = read_lock(path)
    text = lock_text(index, locked)
    if check:
        if path.exists() and path.read_text(encoding="utf-8") == text:
            print(f"ok: {path} lists every published link")
            return 0
        written = set(locked) | {here + CROSS_ARROW + there for here, there in read_cross_references(path)}
        wanted = {line for line in text.splitlines() if line and not line.startswith("#")}
        for link in sorted(wanted - written):
            print(f"{path}: missing {link}", file=sys.stderr)
        for link in sorted(written - wanted):
            print(f"{path}: lost {link}", file=sys.stderr)
        print(f"{path} is out of date: run python -m generator lock", file=sys.stderr)
        return 1
    for link in locked:
        if index.resolve(link) is None:
            print(f"unpublished (old links to it will break): {link}")
    path.write_text(text, encoding="utf-8")
    links = [line for line in text.splitlines() if line and not line.startswith("#")]
    print(f"wrote {path}: {len(links)} links")
    return 0
