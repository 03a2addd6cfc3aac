"""Run a child process (the `mkdocs build`) that never outlives this one.

The child gets its own process group: a Ctrl-C in the terminal reaches only this process, which
passes a SIGTERM on to the whole group (the child and any worker it started) and then cleans up.
On Linux the child also asks the kernel for SIGKILL when its parent dies (PR_SET_PDEATHSIG):
that covers the one signal nobody can catch, `kill -9` of this process.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import signal
import subprocess
from collections.abc import Callable

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_PR_SET_PDEATHSIG = 1

try:
    _prctl = ctypes.CDLL(None, use_errno=True).prctl  # loaded before any fork: the child only calls it
except (AttributeError, OSError):
    _prctl = None  # not Linux: a killed parent leaves the child to finish on its own


class Stopped(Exception):
    """A stop signal arrived while nothing was running that could be stopped instead."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class StopSignals:
    """While active, SIGINT/SIGTERM/SIGHUP never kill this process half-way through.

    While a child runs, a signal is passed on to its process group (a second one kills it);
    inside `interruptible()` it raises Stopped; anywhere else it is only remembered in
    `received`, for the caller to check at a safe point."""

    def __init__(self):
        self.received: int | None = None
        self._child: subprocess.Popen | None = None
        self._interruptible = False
        self._saved: dict[int, object] = {}

    def __enter__(self) -> StopSignals:
        for signum in STOP_SIGNALS:
            self._saved[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc_info) -> None:
        for signum, handler in self._saved.items():
            signal.signal(signum, handler)

    @contextlib.contextmanager
    def interruptible(self):
        if self.received:
            raise Stopped(self.received)
        self._interruptible = True
        try:
            yield
        finally:
            self._interruptible = False

    def _handle(self, signum: int, _frame) -> None:
        again = self.received is not None
        self.received = self.received or signum
        if self._child is not None:
            self._stop_child(signal.SIGKILL if again else signal.SIGTERM)
        elif self._interruptible:
            raise Stopped(signum)

    def _stop_child(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._child.pid, signum)

    def run(self, argv: list[str], env: dict[str, str], on_line: Callable[[str], None]) -> int:
        """Run `argv`, handing each line of its output (stdout and stderr) to `on_line`."""
        child = subprocess.Popen(
            argv,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            process_group=0,
            preexec_fn=functools.partial(die_with_parent, os.getpid()),
        )
        self._child = child
        try:
            if self.received:  # arrived before the child could be told
                self._stop_child(signal.SIGTERM)
            for line in child.stdout:
                on_line(line)
            return child.wait()
        finally:
            child.stdout.close()
            if child.poll() is None:  # on_line failed: do not leave the child behind
                self._stop_child(signal.SIGKILL)
                child.wait()
            self._child = None


def die_with_parent(parent: int) -> None:
    """Ask the kernel to SIGKILL this process when its parent (pid `parent`) ends (Linux only;
    strictly, when the parent's thread that started it ends: start it from one that outlives it).

    Also for processes the child starts (parallel_render's workers): killing their parent
    leaves nobody to tell them to stop."""
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
