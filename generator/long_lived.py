"""Keep Python's cycle collector off the objects a worker process keeps for long.

CPython's collector walks every object it tracks on each full collection. A worker (loading
or rendering topics: render/parallel.py, render/background.py) holds the generator's modules
for its whole life, and a loading worker holds each batch of topics it loads until it sends
the batch back: at 1,000 topics each loading worker spent 4.6 s in collections that freed
nothing, walking the same objects again and again (1 s with this module), and the rendering
worker 2.8 s (0.8 s). The build's own process is left as it is while it builds: there, setting
the loaded content aside (gc.freeze) only made full collections more frequent, for the same 8 s
in all. But when it exits, Python walks everything once more in a last collection that can only
free what the process is about to give back anyway: ~0.1 s of a one-topic build (issue 17).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gc
from collections.abc import Iterator


@functools.cache  # once per process
def set_aside_in_worker() -> None:
    """In a worker process, once, at its first task: its modules and settings, imported to
    unpickle that task and kept until it ends, leave the collector's walks (reference counting
    still frees them). Later tasks' objects are not set aside: a worker runs many, and what one
    leaves in cycles must still be collected."""
    gc.freeze()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No collection while a task builds objects it keeps to its end (a worker's batch of
    loaded topics): each one would free nothing and walk the growing batch again. Reference
    counting still frees the task's temporary objects; the collector runs again after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@functools.cache  # once per process
def no_collection_at_exit() -> None:
    """Set everything aside when the process exits, so that Python's last collection walks
    nothing. Only then: a process that goes on (`mkdocs serve`, a test run) still collects
    between builds. Files and processes are closed by the build itself, never left to it."""
    atexit.register(gc.freeze)
