"""The search index of a big site, built in a process of its own while MkDocs writes the pages.

Marking each page for Pagefind (pagefind_pages.py: hidden parts, lay terms, headings) is
Python work on the page's HTML, and MkDocs converts pages one after another on one core: at
1,000 topics the marking was about 15 s of the build's critical path. IndexProcess does the
same work as SiteIndex (it runs one) in a child process, on the other core: MkDocs only hands
each page's article over a pipe. Below PROCESS_FROM pages, starting the process (it imports
the generator) costs more than the marking, and SiteIndex runs in the build's process as before.

The pipe is widened to hold several pages, so MkDocs goes on while the child catches up. The
child says nothing until finish() asks; any failure (a page that cannot be marked, Pagefind,
the child's own end) is one SearchIndexError then. The child asks the kernel to end it with
the build (child_process.die_with_parent), and Pagefind ends when the child's pipe to it closes.
"""

from __future__ import annotations

import contextlib
import fcntl
import multiprocessing
import os
import select
import signal
from multiprocessing.connection import Connection
from pathlib import Path

from ....child_process import die_with_parent
from .pagefind_index import IndexInputs, SiteIndex, article_only
from .pagefind_service import TIMEOUT_SECONDS, SearchIndexError
from .stored_index import StoredIndex

PROCESS_FROM = 100  # pages (a dozen topics)
_PIPE_BYTES = 1 << 20  # Linux's largest pipe by default (/proc/sys/fs/pipe-max-size): a few dozen articles
_F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)


def site_index(site_dir: Path, inputs: IndexInputs, binary: Path, stored: StoredIndex | None) -> SiteIndex | IndexProcess:
    """The search index of one build: in a process of its own for a big site."""
    if len(inputs.pages) >= PROCESS_FROM:
        return IndexProcess(site_dir, inputs, binary, stored)
    return SiteIndex(site_dir, inputs, binary, stored)


class IndexProcess:
    """A SiteIndex in a child process: add() each page as written, then finish() (or close())."""

    def __init__(self, site_dir: Path, inputs: IndexInputs, binary: Path, stored: StoredIndex | None,
                 timeout: float = TIMEOUT_SECONDS) -> None:
        self.timeout = timeout
        context = multiprocessing.get_context("spawn")  # not fork: `mkdocs serve` runs threads
        pages_reader, pages_writer = context.Pipe(duplex=False)
        answers_reader, answers_writer = context.Pipe(duplex=False)
        with contextlib.suppress(OSError):  # a smaller pipe only makes MkDocs wait for the child more often
            fcntl.fcntl(pages_writer.fileno(), _F_SETPIPE_SZ, _PIPE_BYTES)
        self._process = context.Process(target=_index_pages, name="healthguide-search-index", daemon=True,
                                        args=(pages_reader, answers_writer, site_dir, inputs, binary, stored, os.getpid()))
        self._process.start()
        pages_reader.close()  # the child's ends
        answers_writer.close()
        self._pages: Connection = pages_writer
        self._answers: Connection = answers_reader
        self._lost = False  # the child is gone: finish() says why
        self._failure: str | None = None  # the child's failure, when an answer to something else said it
        self._done = False

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def add(self, src: str, page_html: str) -> None:
        """Hand the page to the child (its article only: the rest is not indexed)."""
        self._send(("add", src, article_only(page_html)))

    def wait_for_pages(self, count: int, timeout: float) -> bool:
        """Whether Pagefind has indexed `count` of the pages added, within `timeout` seconds."""
        if not self._send(("wait", count, timeout)):
            return False
        answer = self._answer(timeout + self.timeout)
        if answer[0] == "failed":
            self._failure = answer[1]  # the child has stopped: finish() says it
        return answer == ("waited", True)

    def finish(self) -> None:
        """Have the child write the index (SiteIndex.finish) and wait for it; any failure is one
        SearchIndexError."""
        try:
            if self._failure is not None:
                raise SearchIndexError(self._failure)
            self._send(("finish",))
            answer = self._answer(self.timeout)
            if answer[0] == "failed":
                raise SearchIndexError(answer[1])
            if answer[0] != "finished":
                raise SearchIndexError(f"search index: the indexing process gave no answer ({answer[1]})")
            self._done = True
        finally:
            self.close()

    def close(self) -> None:
        """End the child, writing nothing more (safe to call again)."""
        if not self._done and not self._pages.closed:
            # Told, the child ends its Pagefind itself; a child too far behind to read it is
            # killed (its Pagefind ends when its input closes) rather than waited for.
            if not _has_room(self._pages) or not self._send(("close",)):
                self._process.kill()
        self._pages.close()
        self._process.join(self.timeout if self._done else 10)  # it ends Pagefind first
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._answers.close()

    def _send(self, message: tuple) -> bool:
        if self._lost or self._pages.closed:
            return False
        try:
            self._pages.send(message)
        except (OSError, ValueError):  # the child has ended: finish() says why
            self._lost = True
        return not self._lost

    def _answer(self, timeout: float) -> tuple:
        """The child's next answer; ("lost", why) when it ended without one or took too long."""
        try:
            if self._answers.poll(timeout):
                return self._answers.recv()
            return "lost", f"none in {timeout:g} s"
        except (EOFError, OSError):
            self._process.join(self.timeout)
            return "lost", f"it ended with exit status {self._process.exitcode}"


def _has_room(connection: Connection) -> bool:
    """Whether a short message can be sent without waiting (a pipe takes PIPE_BUF bytes whole)."""
    try:
        return bool(select.select([], [connection.fileno()], [], 0)[1])
    except (OSError, ValueError):
        return False


def _index_pages(pages: Connection, answers: Connection, site_dir: Path, inputs: IndexInputs, binary: Path,
                 stored: StoredIndex | None, parent: int) -> None:
    """The child: a SiteIndex fed from the pipe until told to finish or close."""
    die_with_parent(parent)
    # A Ctrl-C in the terminal reaches the whole process group: the build decides what ends
    # (it closes this process, or this one dies with it), and no traceback of ours is printed.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    index = None
    try:
        index = SiteIndex(site_dir, inputs, binary, stored)
        while True:
            message = pages.recv()
            if message[0] == "add":
                index.add(message[1], message[2])
            elif message[0] == "wait":
                answers.send(("waited", index.wait_for_pages(message[1], message[2])))
            elif message[0] == "finish":
                index.finish()
                answers.send(("finished", None))
                return
            else:  # "close": the build failed
                return
    except SearchIndexError as err:
        answers.send(("failed", str(err)))
    except EOFError:
        return  # the build ended without a word (killed): nothing to write
    finally:
        if index is not None:
            index.close()
