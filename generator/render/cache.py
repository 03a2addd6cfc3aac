"""Remember each topic's loaded model and rendered pages while its inputs stay the same.

`mkdocs serve` rebuilds everything after any edit; with hundreds of topics, reading and
rendering the unchanged ones again is almost all of that time. A TopicCache is made by whoever
runs the pipeline and passed in (the MkDocs plugin keeps one across the serve loop's rebuilds);
a topic is reused when nothing it is built from changed:

- its loaded model: keyed by the bytes of its YAML file;
- its rendered pages: keyed by those bytes plus a fingerprint of everything shared (site.yaml,
  the templates, the generator's own code, today's date, the site URL).

With a DiskStore (disk_cache.py) the entries are also kept on disk, as JSON, for the next process.
Only the newest entry per topic file is kept, so memory stays proportional to the site.
Topic pages depend on their own topic and the shared inputs only (the home page, which lists
every topic, is always rendered afresh).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ..model.shared_signs import SHARED_SIGNS_FILE
from ..reading.content_files import read_content_file
from ..reading.problems import ContentError

GENERATOR_DIR = Path(__file__).resolve().parent.parent  # the whole generator package
MISSING = object()  # what a store returns when it has no value for a key
T = TypeVar("T")


def file_digest(path: Path) -> str | None:
    """Digest of a content file's bytes; None when it cannot be read (the loader reports why)."""
    try:
        return hashlib.sha256(read_content_file(path)).hexdigest()
    except ContentError:
        return None


def fingerprint(files: Iterable[Path], *values: object) -> str:
    """One digest of the names and bytes of `files` and the text of `values`."""
    digest = hashlib.sha256()
    for path in sorted(Path(p) for p in files):
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    for value in values:
        digest.update(repr(value).encode() + b"\0")
    return digest.hexdigest()


def generator_files() -> list[Path]:
    """The generator's code, templates and its own data (interface words, schemas): what every
    cached result depends on besides the content. The one list both caches key on."""
    return [p for p in GENERATOR_DIR.rglob("*") if p.is_file() and p.suffix in {".py", ".j2", ".json", ".yaml"}]


def generator_digest() -> str:
    """fingerprint(generator_files()), read again only when a file is added, removed or saved
    since the last call in this process: the build reads it twice (its caches' keys) and each
    `mkdocs serve` rebuild once, and reading the files took ~10 ms each time (issue 17)."""
    return _digest_of(tuple((str(path), *_size_and_time(path)) for path in generator_files()))


@functools.lru_cache(maxsize=1)  # the files as they are now
def _digest_of(stamp: tuple[tuple[str, int, int], ...]) -> str:
    return fingerprint(Path(name) for name, _, _ in stamp)


def _size_and_time(path: Path) -> tuple[int, int]:
    found = path.stat()
    return found.st_size, found.st_mtime_ns


def shared_inputs(site_file: Path) -> list[Path]:
    """The files every topic page is built from besides its topic and the generator's own
    (generator_digest): site.yaml and the shared warning signs beside it."""
    shared_signs = Path(site_file).parent / SHARED_SIGNS_FILE
    return [Path(site_file), *([shared_signs] if shared_signs.is_file() else [])]


class Store(Protocol):
    """Where entries outlive the process (disk_cache.DiskStore)."""

    def load(self, kind: str, path: Path, key: str) -> Any: ...

    def save(self, kind: str, path: Path, key: str, value: Any) -> None: ...


class TopicCache:
    """Newest result per topic file, reused while its key is unchanged."""

    def __init__(self, store: Store | None = None) -> None:
        self._entries: dict[tuple[str, Path], tuple[str, Any]] = {}
        self.hits = 0
        self.misses = 0
        self.disk_hits = 0
        self.store = store  # a disk_cache.DiskStore, when results are also kept on disk

    def get(self, kind: str, path: Path, key: str | None, make: Callable[[], T]) -> T:
        """The remembered value for (kind, path) if made with the same key; else make it."""
        if key is None:
            return make()
        value = self.lookup(kind, path, key)
        if value is None:
            value = make()
            self.put(kind, path, key, value)
        return value

    def lookup(self, kind: str, path: Path, key: str) -> Any:
        """The value made with `key`, from memory or disk; None if there is none."""
        slot = (kind, Path(path).resolve())
        entry = self._entries.get(slot)
        if entry is not None and entry[0] == key:
            self.hits += 1
            return entry[1]
        self.misses += 1
        value = self._from_disk(kind, path, key)
        if value is not None:
            self._entries[slot] = (key, value)
        return value

    def put(self, kind: str, path: Path, key: str, value: Any) -> None:
        if value is None:  # failures are never remembered: they must be reported again
            return
        self._entries[(kind, Path(path).resolve())] = (key, value)
        if self.store is not None:
            self.store.save(kind, path, key, value)

    def _from_disk(self, kind: str, path: Path, key: str):
        value = MISSING if self.store is None else self.store.load(kind, path, key)
        if value is MISSING:
            return None
        self.disk_hits += 1
        return value

    def clear(self) -> None:
        self._entries.clear()
        self.hits = self.misses = self.disk_hits = 0

