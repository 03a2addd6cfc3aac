"""The last search index built, kept so that a build whose pages are all the same reuses it.

Pagefind's part of a build (indexing every page, then handing over and writing about 10,000
files at 1,000 topics) was about 37 s of a 178 s warm build there, and the same pages always
make the same index. So each index written is kept in the cache folder (render/disk_cache.py:
beside the content, $HEALTHGUIDE_CACHE_DIR, `off`), with a manifest that holds:
- a digest of each page exactly as Pagefind was given it (its path and its marked text), and
  a key of the Pagefind binary and the generator's code;
- a digest of each file of the index.
The next build compares each page's digest as the page comes (pagefind_index.py) and starts
Pagefind only at the first page that differs. If none differs and none is missing or new, the
kept files are copied into the site, each checked against its digest first.

Anything else is a miss, and Pagefind indexes the site as before: a changed, missing or extra
page, a file changed or lost on disk, an unreadable or foreign manifest. The cache can be
deleted at any time; writing to it is best effort (a full or read-only disk only costs speed).
Like the rest of the cache folder, whoever can write it can change what the site publishes.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ....render.disk_cache import (
    body_if_key_matches,
    code_fingerprint,
    folder_for,
    regular_file,
    write_entry,
)
from .pagefind_service import write_index_files

KIND = "search-index"  # the cache folder's subfolder for these
VERSION = 1  # bump when the manifest's shape or what a digest covers changes
MAX_FILE_BYTES = 64_000_000  # an index file is a few hundred KB at most; more is not ours
_MANIFEST = "manifest.json"


class _Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    folder: str = Field(pattern=r"^files-[A-Za-z0-9_]+$")  # beside the manifest
    pages: dict[str, str]  # page path in the site -> page_digest()
    files: dict[str, str]  # index file path -> sha256 of its bytes


class _Miss(Exception):
    """A kept file that is not what the manifest says."""


def page_digest(path: str, text: str) -> str:
    """What Pagefind is given for one page: its path in the site and its marked HTML."""
    return hashlib.sha256(f"{path}\0{text}".encode()).hexdigest()


class StoredIndex:
    """The kept index of one site (content folder and language) in `folder`."""

    def __init__(self, folder: Path, binary: Path):
        self.folder = Path(folder)
        binary = binary_digest(binary)
        # None: the binary cannot be read, so which Pagefind made a kept index cannot be told
        self._key = hashlib.sha256(f"{VERSION}\0{binary}\0{code_fingerprint()}".encode()).hexdigest() if binary else None
        self._manifest: _Manifest | None = None
        self._read = False

    @classmethod
    def for_content(cls, content_dir: Path, language: str, binary: Path) -> StoredIndex | None:
        """The kept index for this content folder and language; None when the cache is off."""
        cache = folder_for(content_dir)
        if cache is None:
            return None
        site = hashlib.sha256(f"{Path(content_dir).resolve()}\0{language}".encode()).hexdigest()[:32]
        return cls(cache / KIND / site, binary)

    def pages(self) -> dict[str, str] | None:
        """Each page's digest in the kept index (page_digest), or None when there is none to use."""
        if not self._read:
            self._read = True
            self._manifest = None if self._key is None else self._load()
        return None if self._manifest is None else dict(self._manifest.pages)

    def restore(self, output_dir: Path) -> bool:
        """Write the kept index into output_dir; False, a miss, when a kept file is not as it
        was kept (output_dir may then hold part of it: the full index written next replaces
        it). A write into output_dir that fails is a SearchIndexError, as for a new index."""
        if self.pages() is None:
            return False
        try:
            write_index_files(output_dir, self._kept_files())
        except _Miss:
            return False
        return True

    def keep(self, pages: dict[str, str], files: list[tuple[str, bytes]], output_dir: Path) -> None:
        """Keep the index just written to output_dir (`files`, as written) as the one of these
        `pages`, in place of the last one. Each file is linked to its copy in output_dir where
        the disk allows, else copied: a cold build pays little for keeping it."""
        if self._key is None:
            return
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            kept = Path(tempfile.mkdtemp(prefix="files-", dir=self.folder))
            digests = {}
            try:
                for relative, data in files:
                    target = kept / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        os.link(output_dir / relative, target)
                    except OSError:  # another disk, or links not allowed
                        target.write_bytes(data)
                    digests[relative] = hashlib.sha256(data).hexdigest()
            except OSError:
                shutil.rmtree(kept, ignore_errors=True)
                raise
            manifest = _Manifest(folder=kept.name, pages=pages, files=digests)
            write_entry(self.folder / _MANIFEST, self._key, manifest.model_dump_json().encode())
            self._manifest, self._read = manifest, True
            for other in self.folder.glob("files-*"):
                if other.name != kept.name:
                    shutil.rmtree(other, ignore_errors=True)

    def _load(self) -> _Manifest | None:
        try:
            body = body_if_key_matches(self.folder / _MANIFEST, self._key)
            return None if body is None else _Manifest.model_validate_json(body)
        except (OSError, ValueError, ValidationError, RecursionError):  # absent, half-written, foreign
            return None

    def _kept_files(self) -> Iterator[tuple[str, bytes]]:
        """Each kept file and its bytes, checked against its digest (raises _Miss)."""
        kept = (self.folder / self._manifest.folder).resolve()
        for relative, digest in self._manifest.files.items():
            path = (kept / relative).resolve()
            if kept not in path.parents:
                raise _Miss(relative)
            data = _read_regular_file(path)
            if data is None or hashlib.sha256(data).hexdigest() != digest:
                raise _Miss(relative)
            yield relative, data


def _read_regular_file(path: Path) -> bytes | None:
    """The file's bytes, if it is a regular file of a sane size (not a link, a FIFO, a folder)."""
    try:
        with regular_file(path, MAX_FILE_BYTES) as kept:
            return None if kept is None else kept.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None


def binary_digest(binary: Path) -> str:
    """The Pagefind binary's bytes (an upgrade makes another index), read once per version."""
    try:
        status = binary.stat()
    except OSError:
        return ""
    return _digest_of(str(binary), status.st_size, status.st_mtime_ns)


@functools.cache
def _digest_of(path: str, size: int, modified: int) -> str:
    try:
        with open(path, "rb") as binary:
            return hashlib.file_digest(binary, "sha256").hexdigest()
    except OSError:
        return ""
