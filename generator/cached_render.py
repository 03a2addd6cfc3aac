"""PageRenderer that reuses a topic's rendered pages while nothing they are built from changed."""

from __future__ import annotations

from .cache import TOPICS, file_digest, fingerprint, shared_inputs
from .content import SITE_FILE, LoadedTopic
from .render import PageRenderer, RenderedPage


class CachedPageRenderer(PageRenderer):
    """Topic pages come from generator.cache when the topic file and the shared inputs
    (site.yaml, templates, generator code, date, site URL) are the same as last time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shared_key = fingerprint(shared_inputs(self.content.root / SITE_FILE), self.today, self.site_url)

    def topic_pages(self, loaded: LoadedTopic) -> list[RenderedPage]:
        digest = file_digest(loaded.source)
        key = None if digest is None else digest + self.shared_key
        return TOPICS.get("pages", loaded.source, key, lambda: super(CachedPageRenderer, self).topic_pages(loaded))
