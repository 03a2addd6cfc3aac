"""The files the pages show (the clinicians' pages' QR codes), written into the site by a
thread of their own while MkDocs converts and builds the pages.

They are many small files (about 165 a topic: 16,500 at 100 topics). Handed to MkDocs, each was
written by the build's one thread before the first page was built, and making a file is a
system call the build waited on: about a fifth of a cold build's time at 100 topics. This
thread writes them instead, from the moment each topic's pages are rendered, and the build goes
on meanwhile (a thread waiting in the kernel does not hold Python's lock). finish() waits for
the last one and reports the first failure, naming the file.
"""

from __future__ import annotations

import os
import queue
import threading
from pathlib import Path

_NO_MORE = None  # put last: the thread ends once it has written everything before it


class ShownFilesError(Exception):
    """A file could not be written; the message names it and why."""


class ShownFiles:
    """Writes {path relative to the site: text} into site_dir in the background: add() files as
    they are known (each path once), then finish() (or close(), when the build fails)."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = Path(site_dir)
        self._added: set[str] = set()
        self._queue: queue.SimpleQueue[dict[str, str] | None] = queue.SimpleQueue()
        self._failure: str | None = None
        self._stopping = threading.Event()
        self._ended = False
        self._thread = threading.Thread(target=self._write_all, name="shown-files-writer", daemon=True)
        self._thread.start()

    def add(self, files: dict[str, str]) -> None:
        """Write these files too (a path added before is not written again)."""
        new = {path: text for path, text in files.items() if path not in self._added}
        if new and not self._ended:
            self._added.update(new)
            self._queue.put(new)

    def finish(self) -> None:
        """Wait until every file added is written; ShownFilesError on the first that could not be."""
        self._end()
        if self._failure is not None:
            raise ShownFilesError(self._failure)

    def close(self) -> None:
        """Stop writing (a failed build) and wait for the thread to end (safe to call again)."""
        self._stopping.set()
        self._end()

    def _end(self) -> None:
        if not self._ended:
            self._ended = True
            self._queue.put(_NO_MORE)
        self._thread.join()

    def _write_all(self) -> None:
        root = os.path.abspath(self.site_dir)
        made: set[str] = set()  # folders made already: a topic's QR codes share one
        while (files := self._queue.get()) is not _NO_MORE:
            if self._stopping.is_set() or self._failure is not None:
                continue  # nothing more is written; the queue is read to its end
            for relative, text in files.items():
                target = os.path.normpath(os.path.join(root, relative))
                if not target.startswith(root + os.sep):  # paths come from the generator; checked all the same
                    self._failure = f"{relative}: a file the pages show would be written outside the site"
                    break
                folder = os.path.dirname(target)
                try:
                    if folder not in made:
                        os.makedirs(folder, exist_ok=True)
                        made.add(folder)
                    with open(target, "w", encoding="utf-8") as written:
                        written.write(text)
                except OSError as err:
                    self._failure = f"{err.filename or target}: could not write it: {err.strerror or err}"
                    break
