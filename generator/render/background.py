"""Topics rendered in a worker process while the build goes on: the cold build's generator work
off its critical path (issue 17).

The MkDocs build converts pages one by one, in the order the site lists them, on one core. A
topic's pages depend only on the site settings and that topic (parallel.py), so they can be
rendered in the background, a few topics ahead of the page the build is converting, and each
page is waited for only when the build reads it (PagesInProgress.page). Before, every topic was
rendered before the first page was converted.

The workers leave one core to the build: it is the critical path, and rendering a topic takes
less time than converting its pages, so the rendering stays ahead. Topics are handed out in
small batches, the first ones smallest (the build's first topic page should not wait long), and
only a few batches ahead of the page asked for (a failed build leaves little work to cancel).

Rendering takes a fraction of the second core. The engine can give the rest of it work of its
own (`from_the_end`): a second worker takes the batches from the last one back, renders them
and does with their pages what the build would do next (MkDocs converts them:
engine/mkdocs/converted_ahead.py), until it meets the pages the build has reached. Each batch
is the first worker's or the second's, never both: the build waits for a batch the second
worker has begun, and takes back (cancels) the ones it has not.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date

from ..model.loading import Content, LoadedTopic
from . import parallel
from .renderer import RenderedPage

FIRST_BATCH = 1  # topics: the build's first topic page waits for one topic's rendering
LARGEST_BATCH = 8  # each batch doubles up to this many topics
BATCHES_AHEAD = 3  # batches handed to the workers beyond the one the build is waiting for


class RenderError(Exception):
    """A topic's pages could not be rendered in the background (a worker failed or stopped)."""


def background_workers() -> int:
    """Every core but the one the build converts pages on; at least one."""
    return max(1, (os.cpu_count() or 1) - 1)


def growing_batches(count: int) -> list[range]:
    """Positions 0..count-1 in consecutive batches of 1, 2, 4 ... LARGEST_BATCH topics."""
    batches, start, size = [], 0, FIRST_BATCH
    while start < count:
        batches.append(range(start, min(start + size, count)))
        start += size
        size = min(size * 2, LARGEST_BATCH)
    return batches


class BackgroundRender:
    """`topics` rendered in worker processes, batch after batch; pages(i) waits for topic i."""

    def __init__(self, content: Content, topics: list[LoadedTopic], today: date, site_url: str | None) -> None:
        self._content, self._topics, self._today, self._site_url = content, topics, today, site_url
        self._batches = growing_batches(len(topics))
        self._batch_of = [number for number, batch in enumerate(self._batches) for _ in batch]
        # By batch number: the first worker's (None: a batch the second worker has).
        self._futures: list[Future | None] = []
        self._pool: ProcessPoolExecutor | None = parallel.worker_pool(background_workers())
        self._from_end: dict[int, Future] = {}  # by batch number: the second worker's
        self._end_pool: ProcessPoolExecutor | None = None
        self._hand_out(BATCHES_AHEAD)

    def from_the_end(self, work: Callable[[tuple], list[list[RenderedPage]]]) -> None:
        """Start a second worker on the batches not handed out yet, the last first. `work` takes
        a batch's task (parallel.render_task) and returns what parallel.render_batch would (the
        same pages), having done what else it does with them."""
        if self._pool is None or self._end_pool is not None:
            return
        self._end_pool = parallel.worker_pool(1)
        for number in reversed(range(len(self._futures), len(self._batches))):
            self._from_end[number] = self._end_pool.submit(work, self._task(number))

    def submitted(self) -> int:
        """How many topics have been handed to the first worker so far."""
        return sum(len(self._batches[number]) for number, future in enumerate(self._futures) if future is not None)

    def pages(self, position: int) -> list[RenderedPage]:
        """The pages of topics[position], waiting for them if they are still being rendered."""
        number = self._batch_of[position]
        try:
            rendered = self._rendered_from_the_end(number)
            if rendered is None:
                self._hand_out(number + 1 + BATCHES_AHEAD)
                if number >= len(self._futures) or self._pool is None:
                    raise RuntimeError("the rendering was stopped")
                if self._futures[number] is None:  # the second worker failed on it: the first one renders it
                    self._futures[number] = self._pool.submit(parallel.render_batch, self._task(number))
                rendered = self._futures[number].result()
        except Exception as err:  # a worker's exception, or BrokenProcessPool when one died
            self.close()
            raise RenderError(f"{self._topics[position].source}: its pages could not be rendered: {err or type(err).__name__}") from None
        return rendered[position - self._batches[number].start]

    def close(self) -> None:
        """Stop the workers; topics not yet rendered never will be."""
        for pool in (self._end_pool, self._pool):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._end_pool = None

    def _task(self, number: int) -> tuple:
        batch = [self._topics[position] for position in self._batches[number]]
        return parallel.render_task(self._content, batch, self._today, self._site_url)

    def _hand_out(self, batches: int) -> None:
        if self._pool is None:
            return
        while len(self._futures) < min(batches, len(self._batches)):
            number = len(self._futures)
            if self._second_worker_has(number):
                self._futures.append(None)
            else:
                self._futures.append(self._pool.submit(parallel.render_batch, self._task(number)))

    def _second_worker_has(self, number: int) -> bool:
        """True when the second worker has begun or done batch `number`; otherwise it is the
        first worker's from now on, and so is every batch before it (the second worker has
        not begun those either: it goes from the end)."""
        future = self._from_end.get(number)
        if future is None:
            return False
        if not future.cancel():  # running or done
            return True
        for earlier in [other for other in self._from_end if other <= number]:
            self._from_end.pop(earlier).cancel()
        return False

    def _rendered_from_the_end(self, number: int) -> list[list[RenderedPage]] | None:
        """Batch `number` as the second worker rendered it (waiting for it if it has begun);
        None when it is the first worker's, or the second failed on it (the first worker renders
        it then, and reports its own error if it fails too)."""
        if not self._second_worker_has(number):
            return None
        try:
            return self._from_end[number].result()
        except Exception:  # handed to the first worker, as if never taken
            del self._from_end[number]
            return None


@dataclass
class PagesInProgress:
    """The site's pages by path, in the site's order: paths now, each page once rendered.

    `ready`: pages rendered already (the site's own pages, cached topics); `waiting`: for each
    topic still being rendered (its position in `render`), the paths of its pages;
    `on_rendered`: told each such topic's pages when they arrive (the cache keeps them)."""

    paths: list[str]
    ready: dict[str, RenderedPage]
    waiting: dict[int, list[str]] = field(default_factory=dict)
    render: BackgroundRender | None = None
    on_rendered: Callable[[int, list[RenderedPage]], None] | None = None

    def __post_init__(self) -> None:
        self._topic_of = {path: position for position, paths in self.waiting.items() for path in paths}

    @classmethod
    def of(cls, pages: list[RenderedPage]) -> PagesInProgress:
        """Pages all rendered already."""
        return cls(paths=[page.path for page in pages], ready={page.path: page for page in pages})

    def __contains__(self, path: str) -> bool:
        return path in self.ready or path in self._topic_of

    def __len__(self) -> int:
        return len(self.paths)

    def __iter__(self) -> Iterator[RenderedPage]:
        return (self.page(path) for path in self.paths)

    def page(self, path: str) -> RenderedPage:
        """The page at `path`, waiting for it if it is still being rendered; raises RenderError."""
        if path not in self.ready:
            position = self._topic_of[path]
            topic_pages = self.render.pages(position)
            if [page.path for page in topic_pages] != self.waiting[position]:  # the routes and the renderer disagree
                raise RenderError(f"{[page.path for page in topic_pages]} rendered, {self.waiting[position]} expected")
            for page in topic_pages:
                self.ready[page.path] = page
                del self._topic_of[page.path]
            if self.on_rendered is not None:
                self.on_rendered(position, topic_pages)
        return self.ready[path]

    def from_the_end(self, work: Callable[[tuple], list[list[RenderedPage]]]) -> None:
        """The topics still to render: a second worker on them from the last back
        (BackgroundRender.from_the_end); nothing when none are rendering."""
        if self.render is not None:
            self.render.from_the_end(work)

    def files(self) -> dict[str, str]:
        """Every page's files (docs-relative path -> text), waiting for the pages not rendered yet."""
        return {path: text for page in self for path, text in page.files.items()}

    def close(self) -> None:
        if self.render is not None:
            self.render.close()
