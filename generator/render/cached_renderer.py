"""PageRenderer that reuses a topic's rendered pages while nothing they are built from changed,
and renders the others together (on every core when there are many; see parallel.py)."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from ..model.loading import SITE_FILE, Content, LoadedTopic
from ..structure.routes import page_of
from . import parallel
from .cache import TopicCache, file_digest, fingerprint, shared_inputs
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
        self.shared_key = fingerprint(shared_inputs(self.content.root / SITE_FILE), self.today, self.site_url, languages)

    def every_topic_s_pages(self) -> list[list[RenderedPage]]:
        """Cached topics as they were; the others rendered together (parallel.py)."""
        found: dict[int, list[RenderedPage]] = {}
        missing: list[tuple[int, LoadedTopic, str | None]] = []
        shown = self.topics_to_render()
        for position, loaded in enumerate(shown):
            key = self._key(loaded)
            cached = None if key is None else self.cache.lookup("pages", loaded.source, key)
            if cached is None:
                missing.append((position, loaded, key))
            else:
                found[position] = cached
        rendered = parallel.render_topics(self.content, [loaded for _, loaded, _ in missing], self.today, self.site_url, renderer=self, workers=self.workers)
        for (position, loaded, key), topic_pages in zip(missing, rendered, strict=True):
            if key is not None:
                self.cache.put("pages", loaded.source, key, topic_pages)
            found[position] = topic_pages
        return [found[position] for position in range(len(shown))]

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
