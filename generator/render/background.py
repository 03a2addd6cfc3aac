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
        self._futures: list[Future] = []
        self._pool: ProcessPoolExecutor | None = parallel.worker_pool(background_workers())
        self._hand_out(BATCHES_AHEAD)

    def submitted(self) -> int:
        """How many topics have been handed to the workers so far."""
        return sum(len(batch) for batch in self._batches[: len(self._futures)])

    def pages(self, position: int) -> list[RenderedPage]:
        """The pages of topics[position], waiting for them if they are still being rendered."""
        number = self._batch_of[position]
        try:
            self._hand_out(number + 1 + BATCHES_AHEAD)
            if number >= len(self._futures):
                raise RuntimeError("the rendering was stopped")
            rendered = self._futures[number].result()
        except Exception as err:  # a worker's exception, or BrokenProcessPool when one died
            self.close()
            raise RenderError(f"{self._topics[position].source}: its pages could not be rendered: {err or type(err).__name__}") from None
        return rendered[position - self._batches[number].start]

    def close(self) -> None:
        """Stop the workers; topics not yet rendered never will be."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _hand_out(self, batches: int) -> None:
        if self._pool is None:
            return
        while len(self._futures) < min(batches, len(self._batches)):
            batch = [self._topics[position] for position in self._batches[len(self._futures)]]
            task = parallel.render_task(self._content, batch, self._today, self._site_url)
            self._futures.append(self._pool.submit(parallel.render_batch, task))


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

    def files(self) -> dict[str, str]:
        """Every page's files (docs-relative path -> text), waiting for the pages not rendered yet."""
        return {path: text for page in self for path, text in page.files.items()}

    def close(self) -> None:
        if self.render is not None:
            self.render.close()
