"""The files the pages show (the clinicians' pages' QR codes), written into the site by a
process of their own while MkDocs converts and builds the pages.

They are many small files (about 165 a topic: 16,500 at 100 topics). Handed to MkDocs, each was
written by the build's one thread before the first page was built, and making a file is a
system call the build waited on: about a fifth of a cold build's time at 100 topics. A thread
of the build's own process wrote them at half speed: after each system call it waited for
Python's lock, which the build holds (a warm build, which converts almost nothing, then waited
for it at the end). So a small Python process of its own writes them, from the moment each
topic's pages are read; a thread here hands it each topic's files in one piece over a pipe.
finish() waits for the last one and reports the first failure, naming the file.
"""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
from pathlib import Path

_NO_MORE = None  # put last: the thread ends once it has handed over everything before it

# The writer process: reads "<path length> <text length>\n<path><text>" records (UTF-8) from
# stdin until it closes, writes each file under the site folder (its one argument), and on the
# first failure prints it and exits 1. It imports nothing but the standard library's os and sys.
_WRITER = r"""
import os, sys
root = os.path.abspath(sys.argv[1])
source = sys.stdin.buffer
made = set()
while header := source.readline():
    path_length, text_length = map(int, header.split())
    relative = source.read(path_length).decode("utf-8")
    text = source.read(text_length)
    target = os.path.normpath(os.path.join(root, relative))
    if not target.startswith(root + os.sep):
        print(f"{relative}: a file the pages show would be written outside the site", flush=True)
        sys.exit(1)
    folder = os.path.dirname(target)
    try:
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(target, "wb") as written:
            written.write(text)
    except OSError as err:
        print(f"{err.filename or target}: could not write it: {err.strerror or err}", flush=True)
        sys.exit(1)
"""


class ShownFilesError(Exception):
    """A file could not be written; the message names it and why."""


class ShownFiles:
    """Writes {path relative to the site: text} into site_dir in the background: add() files as
    they are known (each path once), then finish() (or close(), when the build fails)."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = Path(site_dir)
        self._added: set[str] = set()
        self._queue: queue.SimpleQueue[dict[str, str] | None] = queue.SimpleQueue()
        self._ended = False
        self._process = subprocess.Popen([sys.executable, "-I", "-S", "-c", _WRITER, str(self.site_dir)],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self._thread = threading.Thread(target=self._hand_over, name="shown-files-writer", daemon=True)
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
        said = self._process.stdout.read().decode("utf-8", "replace").strip()
        self._process.stdout.close()
        status = self._process.wait()
        if status != 0:
            raise ShownFilesError(said.splitlines()[-1] if said else f"the files the pages show: the writer ended with exit status {status}")

    def close(self) -> None:
        """Stop writing (a failed build) and wait for the writer to end (safe to call again)."""
        if self._process.poll() is None:
            self._process.kill()
        self._end()
        self._process.wait()
        if not self._process.stdout.closed:
            self._process.stdout.close()

    def _end(self) -> None:
        if not self._ended:
            self._ended = True
            self._queue.put(_NO_MORE)
        self._thread.join()

    def _hand_over(self) -> None:
        try:
            while (files := self._queue.get()) is not _NO_MORE:
                records = []
                for path, text in files.items():
                    path_bytes, text_bytes = path.encode("utf-8"), text.encode("utf-8")
                    records += [f"{len(path_bytes)} {len(text_bytes)}\n".encode(), path_bytes, text_bytes]
                self._process.stdin.write(b"".join(records))  # one topic's files at once
        except (BrokenPipeError, ValueError):  # the writer failed (finish() says why) or was stopped
            pass
        finally:
            try:
                self._process.stdin.close()
            except (BrokenPipeError, OSError):
                pass
