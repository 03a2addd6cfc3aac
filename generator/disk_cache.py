"""Keep generator.cache's results on disk, so a new process reuses them too.

`make site`, a CI job that keeps the folder between runs, or a restarted `mkdocs serve` would
otherwise load, check and render every topic again, QR codes and all. An entry is a pickle of
(key, value) per (kind, topic file), written atomically; its key also covers the generator's
own code and the libraries that shape the result, so an upgrade never reuses stale output.
Anything unreadable is a miss: the cache can be deleted at any time, nothing depends on it.

The folder is `.cache/healthguide/` beside the content folder, or $HEALTHGUIDE_CACHE_DIR;
HEALTHGUIDE_CACHE_DIR=off turns it off.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .cache import GENERATOR_DIR, fingerprint

ENV_VAR = "HEALTHGUIDE_CACHE_DIR"
MISSING = object()


@functools.cache
def code_fingerprint() -> str:
    """The generator's code and templates, Python, and the libraries its output depends on."""
    code = [p for p in GENERATOR_DIR.rglob("*") if p.is_file() and p.suffix in {".py", ".j2", ".json"}]
    libraries = [version(name) for name in ("pydantic", "jinja2", "segno", "markupsafe", "PyYAML", "ruamel.yaml")]
    return fingerprint(code, sys.version, libraries)


def folder_for(content_dir: Path) -> Path | None:
    """Where the cache lives for this content folder; None when turned off."""
    configured = os.environ.get(ENV_VAR)
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    return Path(content_dir).resolve().parent / ".cache" / "healthguide"


class DiskStore:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _file(self, kind: str, path: Path) -> Path:
        name = hashlib.sha256(f"{kind}\0{Path(path).resolve()}".encode()).hexdigest()[:32]
        return self.folder / kind / f"{name}.pickle"

    def load(self, kind: str, path: Path, key: str) -> Any:
        """The stored value if it was made with `key` by this code; else MISSING."""
        try:
            with self._file(kind, path).open("rb") as stored:
                stored_key, value = pickle.load(stored)
        except Exception:  # absent, half-written by a killed process, or from other code
            return MISSING
        return value if stored_key == key + code_fingerprint() else MISSING

    def save(self, kind: str, path: Path, key: str, value: Any) -> None:
        target = self._file(kind, path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=target.parent, delete=False) as temporary:
                pickle.dump((key + code_fingerprint(), value), temporary, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary.name, target)
        except OSError:
            pass  # a read-only or full disk only costs speed
