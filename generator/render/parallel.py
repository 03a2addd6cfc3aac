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

from ..child_process import die_with_parent
from ..model.loading import Content, LoadedTopic
from .renderer import PageRenderer, RenderedPage

PARALLEL_FROM = 8


def render_topics(content: Content, topics: list[LoadedTopic], today: date, site_url: str | None,
                  renderer: PageRenderer | None = None) -> list[list[RenderedPage]]:
    """Each topic's pages, in the order of `topics`. `renderer` (of the same content) renders
    them when they are few, with its templates already compiled (a preview's save)."""
    workers = min(os.cpu_count() or 1, len(topics) // (PARALLEL_FROM // 2))
    if len(topics) < PARALLEL_FROM or workers < 2:
        renderer = renderer or PageRenderer(content, today=today, site_url=site_url)
        return [renderer.topic_pages(loaded) for loaded in topics]
    # "spawn", not "fork": `mkdocs serve` runs threads, and forking a threaded process can hang.
    context = multiprocessing.get_context("spawn")
    # A few batches per worker: each batch makes one renderer (its templates compile once) and
    # the batches still share out unevenly sized topics. A batch carries the site and only the
    # other topics its topics link to (titles, the pages of their items), not the whole site.
    size = max(1, len(topics) // (workers * 4))
    batches = [(_with_linked(content, topics[start : start + size]), today, site_url, topics[start : start + size]) for start in range(0, len(topics), size)]
    with ProcessPoolExecutor(workers, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        # die_with_parent: a killed build must not leave workers waiting for work forever.
        return [pages for batch in pool.map(_render_batch, batches) for pages in batch]


def _with_linked(content: Content, batch: list[LoadedTopic]) -> Content:
    wanted = set().union(*(loaded.links.linked_slugs() for loaded in batch))  # walked once, at loading
    linked = [loaded for loaded in content.topics if loaded.topic.slug in wanted]
    return Content(root=content.root, site=content.site, topics=linked, strings=content.strings, language=content.language, languages=content.languages)


def _render_batch(batch: tuple[Content, date, str | None, list[LoadedTopic]]) -> list[list[RenderedPage]]:
    site_and_linked, today, site_url, topics = batch
    renderer = PageRenderer(site_and_linked, today=today, site_url=site_url)
    return [renderer.topic_pages(loaded) for loaded in topics]
