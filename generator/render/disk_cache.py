"""Keep a TopicCache's results (cache.py) on disk, so a new process reuses them too.

`make site`, a CI job that keeps the folder between runs, or a restarted `mkdocs serve` would
otherwise load, check and render every topic again, QR codes and all. An entry is one JSON
file per (kind, topic file), written atomically: a first line with the format and the key, then
the value. The key also covers the generator's own code and the libraries that shape the
result, so an upgrade never reuses stale output.

The folder may be restored from a CI cache, i.e. written by someone else: JSON cannot run code
(pickle could), the key is compared before the value is parsed, and the value is validated
into our own types. Anything unreadable, foreign or too big is a miss: the cache can be
deleted at any time, nothing depends on it.

The folder is `.cache/healthguide/` beside the content folder, or $HEALTHGUIDE_CACHE_DIR;
HEALTHGUIDE_CACHE_DIR=off turns it off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import BaseModel, ConfigDict, TypeAdapter

from ..model import Topic
from ..model.loading import LoadedTopic
from .cache import MISSING, TopicCache, fingerprint, generator_digest
from .renderer import RenderedPage

ENV_VAR = "HEALTHGUIDE_CACHE_DIR"
FORMAT = 2  # bump when the shape of an entry changes
MAX_HEADER_BYTES = 1_000  # {"format": 1, "key": ...}: two hex digests
MAX_ENTRY_BYTES = 64_000_000  # a topic's pages are a few hundred KB; more is not ours


@functools.cache
def code_fingerprint() -> str:
    """The generator's code and templates, Python, and the libraries its output depends on."""
    libraries = [version(name) for name in ("pydantic", "jinja2", "segno", "markupsafe", "PyYAML", "ruamel.yaml")]
    return fingerprint([], generator_digest(), sys.version, libraries)


def folder_for(content_dir: Path) -> Path | None:
    """Where the cache lives for this content folder; None when turned off."""
    configured = os.environ.get(ENV_VAR)
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    return Path(content_dir).resolve().parent / ".cache" / "healthguide"


def topic_cache(content_dir: Path) -> TopicCache:
    """A new cache for this content folder, kept on disk too unless turned off."""
    folder = folder_for(content_dir)
    return TopicCache(None if folder is None else DiskStore(folder))


class _StoredTopic(BaseModel):
    """A LoadedTopic as JSON; its source is the file it is looked up for, not stored."""

    model_config = ConfigDict(extra="forbid")
    topic: Topic
    parts_by_id: dict[str, str]
    titles_by_id: dict[str, str]


_PAGES = TypeAdapter(list[RenderedPage])


def _topic_to_json(loaded: LoadedTopic) -> bytes:
    stored = _StoredTopic(topic=loaded.topic, parts_by_id=loaded.parts_by_id, titles_by_id=loaded.titles_by_id)
    return stored.model_dump_json().encode()


def _topic_from_json(body: bytes, path: Path) -> LoadedTopic:
    stored = _StoredTopic.model_validate_json(body)
    return LoadedTopic(topic=stored.topic, source=path, parts_by_id=stored.parts_by_id, titles_by_id=stored.titles_by_id)


# kind -> (value to JSON bytes, JSON bytes and topic file to value); other kinds are not stored.
CODECS = {
    "model": (_topic_to_json, _topic_from_json),
    "pages": (_PAGES.dump_json, lambda body, path: _PAGES.validate_json(body)),
}


class DiskStore:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _file(self, kind: str, path: Path) -> Path:
        name = hashlib.sha256(f"{kind}\0{Path(path).resolve()}".encode()).hexdigest()[:32]
        return self.folder / kind / f"{name}.json"

    def load(self, kind: str, path: Path, key: str) -> Any:
        """The stored value if it was made with `key` by this code; else MISSING."""
        if kind not in CODECS:
            return MISSING
        try:
            body = body_if_key_matches(self._file(kind, path), key + code_fingerprint())
            return MISSING if body is None else CODECS[kind][1](body, Path(path))
        except (OSError, ValueError, RecursionError):  # absent, half-written, foreign (pydantic raises ValueErrors)
            return MISSING

    def save(self, kind: str, path: Path, key: str, value: Any) -> None:
        if kind not in CODECS:
            return
        write_entry(self._file(kind, path), key + code_fingerprint(), CODECS[kind][0](value))


def write_entry(entry: Path, key: str, body: bytes) -> None:
    """Write an entry (its format and key on the first line, then `body`) beside its place and
    rename it over: a reader sees the old entry or the new. A read-only or full disk only costs
    speed, and leaves no half-written file behind."""
    data = json.dumps({"format": FORMAT, "key": key}).encode() + b"\n" + body
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        written = tempfile.NamedTemporaryFile("wb", dir=entry.parent, delete=False)
    except OSError:
        return
    try:
        with written:
            written.write(data)
        os.replace(written.name, entry)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(written.name)


@contextlib.contextmanager
def regular_file(path: Path, max_bytes: int) -> Iterator[BinaryIO | None]:
    """The file at `path`, open for reading, if it is a regular file of at most `max_bytes`;
    else None (raises OSError when it cannot be opened). Opened without following a link and
    without blocking: a FIFO or a link planted in a cache folder must not hang or redirect the
    build."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(descriptor, "rb") as opened:
        status = os.fstat(opened.fileno())
        yield opened if stat.S_ISREG(status.st_mode) and status.st_size <= max_bytes else None


def body_if_key_matches(entry: Path, key: str) -> bytes | None:
    """The entry's value bytes, read only after its first line showed our format and key
    (a regular file of a sane size only: regular_file)."""
    with regular_file(entry, MAX_ENTRY_BYTES) as stored:
        if stored is None:
            return None
        header = json.loads(stored.readline(MAX_HEADER_BYTES))
        if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("key") != key:
            return None
        return stored.read(MAX_ENTRY_BYTES)
