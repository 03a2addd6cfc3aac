"""Pagefind running beside the build (`pagefind --service`), fed one page at a time.

MkDocs renders pages one after another on one core; the service indexes each page on the
other while MkDocs renders the next, so only writing the index is left when the last page is
done. The `pagefind` Python package drives the same service, but reads one answer each tenth of
a second (a 10,000-page site would wait 1,000 s); this speaks its protocol directly: each
message is base64 of JSON, ended by a comma, on the process's stdin and stdout. Pagefind
hands the finished index over in one answer and this module writes its files (see write()).

Two threads do the talking, so a page handed over never waits for Pagefind: one writes the
queued messages, one reads the answers and keeps the first failure. Any failure (the binary
missing, a crash, an error answer, a timeout) is one SearchIndexError naming what and where;
close() always ends the process and both threads.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path

TIMEOUT_SECONDS = 600
# Pages queued for the writer thread: enough to keep Pagefind busy, few enough that a stalled
# Pagefind holds up the build (and its timeout) instead of filling memory with pages.
_QUEUED_PAGES = 64
_STOP = b""  # tells the writer thread to end (no message is empty)


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message names what and where."""


class PagefindService:
    """One `pagefind --service` process building one index."""

    def __init__(self, binary: Path, timeout: float = TIMEOUT_SECONDS) -> None:
        self.timeout = timeout
        self._stderr = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr)
        except OSError as err:
            self._stderr.close()
            raise SearchIndexError(f"search index: could not run {binary}: {err}") from None
        self._outbox: queue.Queue[bytes] = queue.Queue(maxsize=_QUEUED_PAGES)
        self._answers: dict[int, dict] = {}  # message id -> answer, for the ones waited on
        self._waited: dict[int, threading.Event] = {}
        self._about: dict[int, str] = {}  # message id -> what it sent (a page's path), until answered
        self._failure: str | None = None
        self._closing = False  # set by close(): the process's end is no failure then
        self._last_id = 0
        self._lock = threading.Lock()
        self._files_indexed = 0  # pages Pagefind has indexed so far
        self._files_asked: tuple[int, threading.Event] | None = None  # the index's files, asked for (ask_for_files)
        self._progress = threading.Condition()
        self._writer = threading.Thread(target=self._write, name="pagefind-writer", daemon=True)
        self._reader = threading.Thread(target=self._read, name="pagefind-reader", daemon=True)
        self._writer.start()
        self._reader.start()
        try:
            self._index_id = self._request({"type": "NewIndex", "config": None}, about=str(binary))["index_id"]
        except SearchIndexError:
            self.close()
            raise

    @property
    def pages_indexed(self) -> int:
        """Pages Pagefind has indexed so far."""
        return self._files_indexed

    @property
    def exit_status(self) -> int | None:
        """The process's exit status once it has ended (negative: killed by that signal)."""
        return self._process.poll()

    @property
    def failed(self) -> bool:
        return self._failure is not None

    def add(self, source_path: str, html: str, about: str) -> None:
        """Queue a page for the index; `source_path` ('a/b/index.html', relative to the site)
        gives its URL, as Pagefind's --site gives it; `about` names the page in errors.
        Returns at once unless Pagefind is far behind."""
        self._send({"type": "AddFile", "index_id": self._index_id, "file_path": source_path, "url": None, "file_contents": html},
                   about=about)

    def write(self, output_dir: Path) -> list[tuple[str, bytes]]:
        """Write the index of every page added into output_dir, then end the process; returns
        the files written (path relative to output_dir, bytes).

        Pagefind's own WriteFiles answers while its last writes are still on their way (each
        file's last chunk is left to a background thread), and it exits the moment its input
        closes: on a slow disk files were lost (a CI build's pagefind.js was empty, so search
        never started). So Pagefind hands the files over (GetFiles) and they are written here,
        whole, before the build goes on."""
        try:
            written = self.index_files(about=str(output_dir))
            write_index_files(output_dir, written)
            self.end()
        finally:
            self.close()
        self.raise_failure()
        return written

    def ask_for_files(self, about: str) -> None:
        """Have Pagefind start making the index's files (of every page added so far): another
        index can be made at the same time, by its own process, before index_files() waits."""
        if self._files_asked is None:
            self._files_asked = self._send({"type": "GetFiles", "index_id": self._index_id}, about=about, waited=True)

    def index_files(self, about: str) -> list[tuple[str, bytes]]:
        """The index's files (path relative to its folder, bytes), without Pagefind's own search
        pages; `about` names the index in errors."""
        self.ask_for_files(about)
        files = self._answer_to(self._files_asked, about).get("files")
        if not isinstance(files, list):
            self._fail(f"{about}: search index: pagefind answered without the index's files")
            self.raise_failure()
        decoded = [(str(file.get("path", "")), base64.b64decode(file.get("content", ""))) for file in files]
        return [(path, data) for path, data in decoded if not path.startswith(_UNUSED_FILES)]

    def end(self) -> None:
        """Once its files are in hand: close Pagefind's input, which ends it, and wait for it
        (then close()). Killed, a wrapper around it (a tracer, a sandbox) could leave it running
        with the answer pipe open."""
        self._closing = True
        self._outbox.put(_STOP)
        self._writer.join()
        try:
            self._process.stdin.close()
        except OSError:
            pass  # it ended already
        try:
            self._process.wait(self.timeout)
        except subprocess.TimeoutExpired:
            pass  # close() kills it

    def wait_for_pages(self, count: int, timeout: float) -> bool:
        """Whether Pagefind has indexed `count` pages within `timeout` seconds (False at once
        on a failure): how a caller sees that it indexes while pages are still coming."""
        with self._progress:
            self._progress.wait_for(lambda: self.pages_indexed >= count or self._failure is not None, timeout)
            return self.pages_indexed >= count

    def raise_failure(self) -> None:
        if self._failure is not None:
            raise SearchIndexError(self._failure)

    def close(self) -> None:
        """End the process and both threads (safe to call more than once, and on any failure)."""
        self._closing = True
        if self._process.poll() is None:
            self._process.kill()  # not wanted (a failed build), or it did not end by itself
        self._process.wait()
        self._drop_queued()
        self._outbox.put(_STOP)
        self._writer.join()
        self._reader.join()
        for stream in (self._process.stdin, self._process.stdout):
            try:
                stream.close()
            except OSError:
                pass  # the pipe was already broken
        self._stderr.close()

    def _request(self, payload: dict, about: str) -> dict:
        """Send a message and wait for its answer."""
        return self._answer_to(self._send(payload, about, waited=True), about)

    def _answer_to(self, sent: tuple[int, threading.Event], about: str) -> dict:
        """The answer to a message sent to be waited on (_send's message id and event)."""
        message_id, answered = sent
        if not answered.wait(self.timeout) and self._failure is None:
            self._fail(f"{about}: search index: pagefind gave no answer in {self.timeout:g} s")
        self.raise_failure()
        return self._answers[message_id]

    def _send(self, payload: dict, about: str, waited: bool = False) -> tuple[int, threading.Event | None]:
        self.raise_failure()
        with self._lock:
            self._last_id += 1
            message_id = self._last_id
            self._about[message_id] = about
            answered = threading.Event() if waited else None
            if answered is not None:
                self._waited[message_id] = answered
        message = base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")) + b","
        try:
            self._outbox.put(message, timeout=self.timeout)
        except queue.Full:
            self._fail(f"{about}: search index: pagefind took no page in {self.timeout:g} s")
            self.raise_failure()
        return message_id, answered

    def _write(self) -> None:
        broken = False
        while (message := self._outbox.get()) != _STOP:
            if broken or self._failure is not None:
                continue  # the index is lost: drop the rest until told to stop
            try:
                self._process.stdin.write(message)
                self._process.stdin.flush()
            except (OSError, ValueError):  # the process ended: the reader says why
                broken = True

    def _read(self) -> None:
        unfinished: list[bytes] = []  # the parts of a message not yet ended by its comma
        while chunk := self._process.stdout.read1(1 << 16):
            first, *messages = chunk.split(b",")
            unfinished.append(first)
            if not messages:
                continue  # joined once whole: the index's files are one message of many chunks
            messages.insert(0, b"".join(unfinished))
            unfinished = [messages.pop()]
            for message in messages:
                self._answer(json.loads(base64.b64decode(message)))
        self._fail_unless_said()
        for answered in list(self._waited.values()):
            answered.set()  # nobody waits for an answer that will not come

    def _answer(self, answer: dict) -> None:
        message_id, payload = answer.get("message_id"), answer.get("payload", {})
        with self._lock:
            where = self._about.pop(message_id, None)
        if payload.get("type") == "Error":
            self._fail(f"{where or self._unanswered()}: search index: pagefind failed: {_said(str(payload.get('message', '')))}")
        if payload.get("type") == "IndexedFile":
            with self._progress:
                self._files_indexed += 1
                self._progress.notify_all()
        answered = self._waited.get(message_id)
        if answered is not None:
            self._answers[message_id] = payload
            answered.set()

    def _fail_unless_said(self) -> None:
        if self._failure is None and not self._closing:
            status = self._process.wait()
            self._stderr.seek(0)
            said = _said(self._stderr.read().decode("utf-8", "replace")) or f"exit status {status}"
            self._fail(f"{self._unanswered()}: search index: pagefind failed before the index was written: {said}")

    def _unanswered(self) -> str:
        """What Pagefind was working on: the first message it has not answered."""
        with self._lock:
            return self._about[min(self._about)] if self._about else "search index"

    def _fail(self, message: str) -> None:
        with self._lock:
            if self._failure is None:
                self._failure = message
        with self._progress:
            self._progress.notify_all()  # wait_for_pages: no more pages will come
        for answered in list(self._waited.values()):
            answered.set()

    def _drop_queued(self) -> None:
        while True:
            try:
                self._outbox.get_nowait()
            except queue.Empty:
                return


class PagefindIndexes:
    """Indexes of the same pages, one Pagefind process each: `bundles` names each one's folder
    below the output folder ('' for the output folder itself).

    Pagefind makes an index's files one request at a time: two indexes in one process were
    made one after the other while the build waited (about 1.8 s per 1,000 pages), in two
    processes on two cores they are made side by side."""

    def __init__(self, binary: Path, bundles: tuple[str, ...], timeout: float = TIMEOUT_SECONDS) -> None:
        self._services: dict[str, PagefindService] = {}
        try:
            for bundle in bundles:
                self._services[bundle] = PagefindService(binary, timeout)
        except SearchIndexError:
            self.close()
            raise

    @property
    def pages_indexed(self) -> int:
        """Pages every index has taken in so far."""
        return min(service.pages_indexed for service in self._services.values())

    @property
    def failed(self) -> bool:
        return any(service.failed for service in self._services.values())

    def add(self, source_path: str, html: str, about: str, bundle: str = "") -> None:
        """Queue a page for the index of `bundle` (PagefindService.add)."""
        self._services[bundle].add(source_path, html, about)

    def wait_for_pages(self, count: int, timeout: float) -> bool:
        """Whether every index has taken in `count` pages within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        return all(service.wait_for_pages(count, max(0.0, deadline - time.monotonic())) for service in self._services.values())

    def write(self, output_dir: Path) -> list[tuple[str, bytes]]:
        """Write every index into its folder below output_dir (each one's files replace the last
        build's), then end the processes; returns the files written (path relative to
        output_dir, bytes). Each index's files are written as soon as Pagefind hands them over,
        in the order of `bundles`: a smaller index named first is written while Pagefind is still
        making the bigger one."""
        written: list[tuple[str, bytes]] = []
        try:
            for bundle, service in self._services.items():
                service.ask_for_files(about=str(output_dir / bundle))
            folder = IndexFolder(output_dir)
            for bundle, service in self._services.items():
                files = [(f"{bundle}/{path}" if bundle else path, data) for path, data in service.index_files(about=str(output_dir / bundle))]
                folder.write(files)
                written += files
            folder.remove_stale()
            for service in self._services.values():
                service.end()
        finally:
            self.close()
        for service in self._services.values():
            service.raise_failure()
        return written

    def close(self) -> None:
        """End every process (safe to call again)."""
        for service in self._services.values():
            service.close()


# Pagefind's ready-made search pages, which this site's own search box replaces: not published.
_UNUSED_FILES = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")


def write_index_files(output_dir: Path, files: Iterable[tuple[str, bytes]]) -> None:
    """Write each (path relative to output_dir, bytes) under output_dir and delete the files an
    earlier index left there (IndexFolder)."""
    folder = IndexFolder(output_dir)
    folder.write(files)
    folder.remove_stale()


class IndexFolder:
    """The folder an index is written into: write() each batch of its files, whole before its
    name appears (a temporary name, then a rename), then remove_stale() deletes the files an
    earlier index left there (a dirty rebuild's `mkdocs serve` kept every old page's
    fragment). A path that would leave the folder, or a failed write (a full disk), is a
    SearchIndexError.

    A big site's index is tens of thousands of files in a handful of folders, written while
    the build waits: each folder is made and checked once, and each file costs an open, a
    write and a rename (resolving every file's path was half a second per thousand files)."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        self._root = output_dir.resolve()
        self._left_before = _files_under(self._root)
        # A folder as Pagefind names it -> its checked path on disk; the index's own first, so
        # that a file in its way is the one named.
        self._folders: dict[str, str] = {"": _index_folder(self._root, "", output_dir)}

    def write(self, files: Iterable[tuple[str, bytes]]) -> None:
        for relative, data in files:
            folder_name, _, name = relative.rpartition("/")
            folder = self._folders.get(folder_name)
            if folder is None:
                folder = self._folders[folder_name] = _index_folder(self._root, folder_name, self.output_dir)
            if name in ("", ".", "..") or "\0" in name:
                raise SearchIndexError(f"{self.output_dir}: search index: pagefind named a file outside the index: {relative!r}")
            target = os.path.join(folder, name)
            _write_whole(target, data)
            self._left_before.discard(target)

    def remove_stale(self) -> None:
        for stale in self._left_before:
            with contextlib.suppress(OSError):  # already gone, or not ours to remove: only costs space
                os.unlink(stale)
        self._left_before = set()


def _index_folder(root: Path, folder_name: str, output_dir: Path) -> str:
    """The folder `folder_name` (relative, as Pagefind names it) below root, made if missing;
    a name or a link that leads out of root is a SearchIndexError."""
    folder = os.path.normpath(os.path.join(root, folder_name)) if folder_name else str(root)
    if folder != str(root) and not folder.startswith(str(root) + os.sep):  # checked before anything is made
        raise SearchIndexError(f"{output_dir}: search index: pagefind named a file outside the index: {folder_name!r}")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as err:  # a file where a folder should be, a read-only or full disk
        raise SearchIndexError(f"{err.filename or folder}: search index: could not make the folder: {err.strerror or err}") from None
    real = os.path.realpath(folder)
    if real != str(root) and not real.startswith(str(root) + os.sep):  # a link in the index folder to elsewhere
        raise SearchIndexError(f"{output_dir}: search index: pagefind named a file outside the index: {folder_name!r}")
    return folder


def _write_whole(target: str, data: bytes) -> None:
    """Write data to target through a temporary name beside it, which is never followed if it
    is a link."""
    folder, name = os.path.split(target)
    temporary = os.path.join(folder, f".{name}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view):]
        finally:
            os.close(descriptor)
        os.replace(temporary, target)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise SearchIndexError(f"{target}: search index: could not write it: {err.strerror or err}") from None


def _files_under(root: Path) -> set[str]:
    """Every file (and link) under root, without following a link into another folder: what a
    cleanup may remove stays inside root."""
    found = set()
    for folder, folders, names in os.walk(root, followlinks=False):
        found.update(os.path.join(folder, name) for name in names)
        found.update(os.path.join(folder, name) for name in folders if os.path.islink(os.path.join(folder, name)))
    return found


def _said(text: str) -> str:
    """Pagefind's message on one line, without a crash's backtrace notes."""
    text = text.split("stack backtrace:")[0].split("note: run with")[0]
    return " ".join(text.split())[-500:]
