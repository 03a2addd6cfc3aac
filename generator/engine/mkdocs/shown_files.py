"""The files the pages show (the clinicians' pages' QR codes), written into the site by a
thread of their own while MkDocs builds the pages.

They are many small files (about 165 a topic: 16,500 at 100 topics). Handed to MkDocs, each was
written by the build's one thread before the first page, and making a file is a system call
the build waited on: about a fifth of a cold build's time at 100 topics. This thread writes
them instead, and the build goes on meanwhile (a thread waiting in the kernel does not hold
Python's lock). finish() waits for the last one and reports the first failure, naming the file.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


class ShownFilesError(Exception):
    """A file could not be written; the message names it and why."""


class ShownFiles:
    """Writes {path relative to the site: text} into site_dir in the background."""

    def __init__(self, site_dir: Path, files: dict[str, str]) -> None:
        self.site_dir = Path(site_dir)
        self._files = files
        self._failure: str | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._write_all, name="shown-files-writer", daemon=True)
        self._thread.start()

    def finish(self) -> None:
        """Wait until every file is written; ShownFilesError on the first that could not be."""
        self._thread.join()
        if self._failure is not None:
            raise ShownFilesError(self._failure)

    def close(self) -> None:
        """Stop writing (a failed build) and wait for the thread to end (safe to call again)."""
        self._stopping.set()
        self._thread.join()

    def _write_all(self) -> None:
        root = os.path.abspath(self.site_dir)
        made: set[str] = set()  # folders made already: a topic's QR codes share one
        for relative, text in self._files.items():
            if self._stopping.is_set():
                return
            target = os.path.normpath(os.path.join(root, relative))
            if not target.startswith(root + os.sep):  # paths come from the generator; checked all the same
                self._failure = f"{relative}: a file the pages show would be written outside the site"
                return
            folder = os.path.dirname(target)
            try:
                if folder not in made:
                    os.makedirs(folder, exist_ok=True)
                    made.add(folder)
                with open(target, "w", encoding="utf-8") as written:
                    written.write(text)
            except OSError as err:
                self._failure = f"{err.filename or target}: could not write it: {err.strerror or err}"
                return
