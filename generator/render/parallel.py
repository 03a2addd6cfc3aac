"""Load and render many topics on every CPU core: the cold build (nothing cached yet).

A topic's pages depend only on the site settings and that topic (the home page, which lists
every topic, is rendered by the caller), so topics can be rendered in separate processes; a
topic file is read and checked on its own too (model/loading.py), so loading uses the same
workers. Below PARALLEL_FROM topics, starting the workers (each imports the generator, ~1 s)
costs more than it saves, and the work stays in this process as before.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from typing import Any

from ..child_process import die_with_parent
from ..long_lived import collector_paused, set_aside_in_worker
from ..model.loading import Content, LoadedTopic
from .renderer import PageRenderer, RenderedPage

PARALLEL_FROM = 8


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """`workers` processes for the generator's work (loading, rendering here and in background.py)."""
    # "spawn", not "fork": `mkdocs serve` runs threads, and forking a threaded process can hang.
    # die_with_parent: a killed build must not leave workers waiting for work forever.
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=die_with_parent, initargs=(os.getpid(),))


def workers_for(tasks: int) -> int:
    """How many worker processes `tasks` topics are worth sharing out to; below 2, none (they
    stay in the calling process)."""
    workers = min(os.cpu_count() or 1, tasks // (PARALLEL_FROM // 2))
    return workers if tasks >= PARALLEL_FROM and workers >= 2 else 0


class Workers:
    """Worker processes started when first given work and shared by whoever is handed this
    (generate() loads, then renders, with the same ones: each start imports the generator)."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def map(self, function: Callable[[Any], Any], batches: Iterable[Any], workers: int) -> Iterator[Any]:
        """`function` of each batch, in order, run in the workers (started now if not yet)."""
        if self._pool is None:
            self._pool = worker_pool(workers)
        return self._pool.map(function, batches)

    def each(self, function: Callable[..., list], items: list, *common: Any) -> list | None:
        """`function(batch, *common)` (a list of results, one per item of the batch) for batches
        of `items`, run in the workers, the results in the order of `items`; None when they are
        too few to be worth it (the caller does them itself)."""
        count = workers_for(len(items))
        if not count:
            return None
        batches = [(batch, *common) for batch in batches_of(items, count)]
        return [result for results in self.map(_call, ((function, batch) for batch in batches), count) for result in results]

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


def _call(task: tuple[Callable[..., list], tuple]) -> list:
    set_aside_in_worker()
    function, arguments = task
    with collector_paused():  # a batch of topics loaded, all kept until it is sent back
        return function(*arguments)


def batches_of(items: list, workers: int) -> list[list]:
    """A few batches per worker: each batch pays its fixed costs once (a renderer compiles its
    templates) and the batches still share out unevenly sized topics."""
    size = max(1, len(items) // (workers * 4))
    return [items[start : start + size] for start in range(0, len(items), size)]


def render_topics(content: Content, topics: list[LoadedTopic], today: date, site_url: str | None,
                  renderer: PageRenderer | None = None, workers: Workers | None = None) -> list[list[RenderedPage]]:
    """Each topic's pages, in the order of `topics`. `renderer` (of the same content) renders
    them when they are few, with its templates already compiled (a preview's save). `workers`:
    ones already started (for the loading), else new ones are started when worth it."""
    with Workers() as own:
        pool = workers or own
        count = workers_for(len(topics))
        if not count:
            renderer = renderer or PageRenderer(content, today=today, site_url=site_url)
            return [renderer.topic_pages(loaded) for loaded in topics]
        batches = [render_task(content, batch, today, site_url) for batch in batches_of(topics, count)]
        return [pages for batch in pool.map(render_batch, batches, count) for pages in batch]


def render_task(content: Content, batch: list[LoadedTopic], today: date, site_url: str | None) -> tuple:
    """What render_batch needs for `batch` in a worker: the site and only the other topics its
    topics link to (titles, the pages of their items), not the whole site."""
    return _with_linked(content, batch), today, site_url, batch


def _with_linked(content: Content, batch: list[LoadedTopic]) -> Content:
    wanted = set().union(*(loaded.links.linked_slugs() for loaded in batch))  # walked once, at loading
    linked = [loaded for loaded in content.topics if loaded.topic.slug in wanted]
    return Content(root=content.root, site=content.site, topics=linked, strings=content.strings, language=content.language, languages=content.languages)


def render_batch(batch: tuple[Content, date, str | None, list[LoadedTopic]]) -> list[list[RenderedPage]]:
    set_aside_in_worker()
    site_and_linked, today, site_url, topics = batch
    renderer = PageRenderer(site_and_linked, today=today, site_url=site_url)
    return [renderer.topic_pages(loaded) for loaded in topics]
