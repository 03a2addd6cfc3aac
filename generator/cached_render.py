"""PageRenderer that reuses a topic's rendered pages while nothing they are built from changed,
and renders the others together (on every core when there are many; see parallel_render.py)."""

from __future__ import annotations

from . import parallel_render
from .cache import TOPICS, file_digest, fingerprint, shared_inputs
from .content import SITE_FILE, LoadedTopic
from .render import PageRenderer, RenderedPage


class CachedPageRenderer(PageRenderer):
    """Topic pages come from generator.cache when the topic file and the shared inputs
    (site.yaml, templates, generator code, date, site URL) are the same as last time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shared_key = fingerprint(shared_inputs(self.content.root / SITE_FILE), self.today, self.site_url)

    def every_topic_s_pages(self) -> list[list[RenderedPage]]:
        """Cached topics as they were; the others rendered together (parallel_render)."""
        found: dict[int, list[RenderedPage]] = {}
        missing: list[tuple[int, LoadedTopic, str | None]] = []
        for position, loaded in enumerate(self.content.topics):
            key = self._key(loaded)
            cached = None if key is None else TOPICS.lookup("pages", loaded.source, key)
            if cached is None:
                missing.append((position, loaded, key))
            else:
                found[position] = cached
        rendered = parallel_render.render_topics(self.content, [loaded for _, loaded, _ in missing], self.today, self.site_url)
        for (position, loaded, key), topic_pages in zip(missing, rendered, strict=True):
            if key is not None:
                TOPICS.put("pages", loaded.source, key, topic_pages)
            found[position] = topic_pages
        return [found[position] for position in range(len(self.content.topics))]

    def _key(self, loaded: LoadedTopic) -> str | None:
        digest = file_digest(loaded.source)
        return None if digest is None else digest + self.shared_key
