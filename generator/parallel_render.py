"""Render many topics' pages on every CPU core: the cold build (nothing cached yet).

A topic's pages depend only on the site settings and that topic (the home page, which lists
every topic, is rendered by the caller), so topics can be rendered in separate processes.
Below PARALLEL_FROM topics, starting the workers (each imports the generator, ~1 s) costs
more than it saves, and they render in this process as before.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from datetime import date

from .child_process import die_with_parent
from .content import Content, LoadedTopic
from .render import PageRenderer, RenderedPage

PARALLEL_FROM = 8

_worker_renderer: PageRenderer | None = None


def render_topics(content: Content, topics: list[LoadedTopic], today: date, site_url: str | None) -> list[list[RenderedPage]]:
    """Each topic's pages, in the order of `topics`."""
    workers = min(os.cpu_count() or 1, len(topics) // (PARALLEL_FROM // 2))
    if len(topics) < PARALLEL_FROM or workers < 2:
        renderer = PageRenderer(content, today=today, site_url=site_url)
        return [renderer.topic_pages(loaded) for loaded in topics]
    # "spawn", not "fork": `mkdocs serve` runs threads, and forking a threaded process can hang.
    context = multiprocessing.get_context("spawn")
    site_only = Content(root=content.root, site=content.site, topics=[])
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(site_only, today, site_url, os.getpid())) as pool:
        return list(pool.map(_render_topic, topics, chunksize=max(1, len(topics) // (workers * 4))))


def _start_worker(site_only: Content, today: date, site_url: str | None, parent: int) -> None:
    global _worker_renderer
    die_with_parent(parent)  # a killed build must not leave workers waiting for work forever
    _worker_renderer = PageRenderer(site_only, today=today, site_url=site_url)


def _render_topic(loaded: LoadedTopic) -> list[RenderedPage]:
    return _worker_renderer.topic_pages(loaded)
