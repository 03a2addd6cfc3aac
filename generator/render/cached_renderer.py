"""PageRenderer that reuses a topic's rendered pages while nothing they are built from changed,
and renders the others together (on every core when there are many; see parallel.py)."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from ..model.loading import SITE_FILE, Content, LoadedTopic
from ..structure.routes import page_of, pages_of, topic_page_path
from . import parallel
from .background import BackgroundRender, PagesInProgress
from .cache import TopicCache, file_digest, fingerprint, generator_digest, shared_inputs
from .renderer import PageRenderer, RenderedPage


class CachedPageRenderer(PageRenderer):
    """Topic pages come from the cache passed in when the topic file and the shared inputs
    (site.yaml, templates, generator code, date, site URL) are the same as last time."""

    def __init__(self, content: Content, cache: TopicCache, today: date | None = None, site_url: str | None = None,
                 workers: parallel.Workers | None = None):
        super().__init__(content, today=today, site_url=site_url)
        self.cache = cache
        self.workers = workers  # already started for the loading: rendering uses them too
        # The languages too: a topic's clinicians' page links it in every language that has it.
        # Their topics in sorted order: a set's order changes with each process's hash seed.
        languages = sorted((ref.code, ref.name, ref.prefix, sorted(ref.slugs)) for ref in self.content.languages)
        self._by_slug = {other.topic.slug: other for other in self.content.topics}
        self.shared_key = fingerprint(shared_inputs(self.content.root / SITE_FILE), generator_digest(), self.today, self.site_url, languages)

    def every_topic_s_pages(self) -> list[list[RenderedPage]]:
        """Cached topics as they were; the others rendered together (parallel.py)."""
        return self._rendering_the_rest(*self._cached_and_missing())

    def _rendering_the_rest(self, found: dict[int, list[RenderedPage]], missing: list[tuple[int, LoadedTopic, str | None]]) -> list[list[RenderedPage]]:
        rendered = parallel.render_topics(self.content, [loaded for _, loaded, _ in missing], self.today, self.site_url, renderer=self, workers=self.workers)
        for (position, loaded, key), topic_pages in zip(missing, rendered, strict=True):
            self._keep(loaded, key, topic_pages)
            found[position] = topic_pages
        return [found[position] for position in range(len(found))]

    def pages_in_progress(self) -> PagesInProgress:
        """Every page, the topics not cached rendered in the background while the caller goes on
        (background.py) when they are many enough to be worth a worker; else all rendered now."""
        found, missing = self._cached_and_missing()
        site_pages = self.site_pages()
        if not parallel.workers_for(len(missing)):  # too few to be worth a worker
            return PagesInProgress.of(site_pages + [page for pages in self._rendering_the_rest(found, missing) for page in pages])
        shown = self.topics_to_render()
        paths = [page.path for page in site_pages]
        waiting: dict[int, list[str]] = {}
        missing_at = {position: number for number, (position, _, _) in enumerate(missing)}
        for position, loaded in enumerate(shown):
            if position in found:
                paths += [page.path for page in found[position]]
            else:
                waiting[missing_at[position]] = [topic_page_path(loaded.topic.slug, kind) for kind in pages_of(loaded.topic)]
                paths += waiting[missing_at[position]]
        ready = {page.path: page for pages in [site_pages, *found.values()] for page in pages}

        def keep(number: int, topic_pages: list[RenderedPage]) -> None:
            _, loaded, key = missing[number]
            self._keep(loaded, key, topic_pages)

        render = BackgroundRender(self.content, [loaded for _, loaded, _ in missing], self.today, self.site_url)
        return PagesInProgress(paths=paths, ready=ready, waiting=waiting, render=render, on_rendered=keep)

    def _cached_and_missing(self) -> tuple[dict[int, list[RenderedPage]], list[tuple[int, LoadedTopic, str | None]]]:
        """The cached topics' pages by position among topics_to_render(); the others' position,
        topic and cache key."""
        found: dict[int, list[RenderedPage]] = {}
        missing: list[tuple[int, LoadedTopic, str | None]] = []
        for position, loaded in enumerate(self.topics_to_render()):
            key = self._key(loaded)
            cached = None if key is None else self.cache.lookup("pages", loaded.source, key)
            if cached is None:
                missing.append((position, loaded, key))
            else:
                found[position] = cached
        return found, missing

    def _keep(self, loaded: LoadedTopic, key: str | None, topic_pages: list[RenderedPage]) -> None:
        if key is not None:
            self.cache.put("pages", loaded.source, key, topic_pages)

    def topics_to_render(self) -> list[LoadedTopic]:
        """Every topic; a one-topic preview (engine/mkdocs/topic_preview.py) renders one."""
        return self.content.topics

    def _key(self, loaded: LoadedTopic) -> str | None:
        digest = file_digest(loaded.source)
        return None if digest is None else digest + self.shared_key + self._linked_topics_key(loaded)

    def _linked_topics_key(self, loaded: LoadedTopic) -> str:
        """The title and summary of each topic this one links to, and the page and title of each
        other topic's item it links to: its pages show them. What it links to was walked once, at loading."""
        by_slug = self._by_slug
        shown = [(slug, by_slug[slug].topic.title, by_slug[slug].topic.summary) for slug, _ in loaded.links.slugs_named]
        for target, _ in loaded.links.items_named:
            slug, _, item_id = target.partition("#")
            other = by_slug[slug]
            shown.append((target, other.topic.title, other.titles_by_id[item_id], page_of(other, item_id).file))
        return hashlib.sha256(json.dumps(shown).encode()).hexdigest() if shown else ""
