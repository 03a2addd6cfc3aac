"""A preview of one topic: `make serve TOPIC=slug` sets HEALTHGUIDE_TOPIC=slug.

MkDocs renders every page on every rebuild (~86 ms a page), so a save in `mkdocs serve` took
as long as the whole site's build. The preview still loads and checks every topic (links
between topics, links.lock; unchanged files come from the plugin's cache), but renders and
builds only the site's own pages (home, about...) and the chosen topic's, so a rebuild takes
the same time at any site size. Links to other topics' pages lead nowhere in the preview;
the link checks that would fail on them are quietened (to DEBUG) for it alone.
"""

from __future__ import annotations

import dataclasses
import difflib
import logging
import os
from pathlib import Path

from jinja2 import Environment

from ...model.loading import Content, LoadedTopic, load_content
from ...model.strings import Strings
from ...pipeline import Generated
from ...reading.problems import ContentError
from ...render.cache import TopicCache
from ...render.cached_renderer import CachedPageRenderer
from ...structure.links_lock import LOCK_FILE, compare, link_index, read_lock
from ...structure.routes import SITE_PAGES, page_url

TOPIC_VARIABLE = "HEALTHGUIDE_TOPIC"


class PreviewError(Exception):
    """The preview cannot run: an unknown topic, or a preview where the site is published."""


def previewed_topic() -> str | None:
    """The slug to preview, or None for the whole site."""
    return os.environ.get(TOPIC_VARIABLE, "").strip() or None


class OneTopicRenderer(CachedPageRenderer):
    """The site's own pages and one topic's; the other topics stay loaded for links and lists."""

    def __init__(self, content: Content, cache: TopicCache, slug: str, site_url: str | None = None):
        super().__init__(content, cache, site_url=site_url)
        self.slug = slug

    def topics_to_render(self) -> list[LoadedTopic]:
        return [loaded for loaded in self.content.topics if loaded.topic.slug == self.slug]


class TopicPreview:
    """Kept by the plugin across `mkdocs serve` rebuilds: the Jinja environments, whose compiled
    templates took longer than the rest of a preview rebuild (Jinja still reloads a template
    whose file changed)."""

    def __init__(self) -> None:
        self.environments: tuple[Strings, tuple[Environment, Environment]] | None = None
        self.theme: tuple[tuple, Environment] | None = None

    def theme_environment(self, env: Environment, theme_dirs: list[str], watched: Path) -> Environment:
        """The theme's Jinja environment of an earlier rebuild, whose templates are compiled:
        MkDocs makes a new one on every build and compiles Material's templates again (~0.7 s
        of a save). A new one is kept when the theme's folders change or a file in `watched`
        (the package's theme overrides, edited by its developers) does."""
        stamp = (tuple(theme_dirs), max((path.stat().st_mtime_ns for path in Path(watched).rglob("*") if path.is_file()), default=0))
        if self.theme is None or self.theme[0] != stamp:
            self.theme = (stamp, env)
        return self.theme[1]

    def generate(self, content_dir: Path, slug: str, site_url: str | None, cache: TopicCache, publishing: bool) -> Generated:
        """Like pipeline.generate, for one topic, and that topic's lines of links.lock checked.
        The site it returns holds only that topic (for navigation and search); its home page
        still lists them all. Raises ContentError on bad content, PreviewError on a slug that
        names no topic or when the site is being published."""
        if publishing:
            raise PreviewError(f"{TOPIC_VARIABLE}={slug} previews one topic; unset it to build the site to publish")
        content = load_content(content_dir, cache)
        slugs = sorted(loaded.topic.slug for loaded in content.topics)
        if slug not in slugs:
            guess = difflib.get_close_matches(slug, slugs, n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else f"; topics: {', '.join(slugs[:10])}{'...' if len(slugs) > 10 else ''}"
            raise PreviewError(f"{TOPIC_VARIABLE} (make serve TOPIC=...): no topic '{slug}' in {content_dir / 'topics'}{hint}")
        renderer = OneTopicRenderer(content, cache, slug, site_url=site_url)
        if self.environments is not None and self.environments[0] == content.strings:
            renderer.md_env, renderer.html_env = self.environments[1]
        self.environments = (content.strings, (renderer.md_env, renderer.html_env))
        pages = renderer.pages()
        shown = dataclasses.replace(content, topics=renderer.topics_to_render())
        check_topic_lock(shown, slug)
        return Generated(content=shown, pages=pages, redirects=[])


def check_topic_lock(content: Content, slug: str) -> None:
    """links.lock's lines for this topic's pages (and the site's own): checking every topic's
    took longer than the rest of the rebuild. `make site` checks them all."""
    (loaded,) = content.topics
    names = {slug, *loaded.topic.moved_from}
    site_pages = {page_url(kind.file) for kind in SITE_PAGES}
    locked = [link for link in read_lock(Path(content.root) / LOCK_FILE)
              if link.strip("/").split("/")[0] in names or link.partition("#")[0] in site_pages]
    report = compare(link_index(content), locked, Path(content.root))
    if report.lost:
        raise ContentError(report.lost)


class _DirtyBuildWarning(logging.Filter):
    """MkDocs warns on every --dirty build, and --strict fails on that warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def allow_dirty_builds() -> None:
    """`make serve TOPIC=slug` serves with --dirty: MkDocs then neither empties the site folder
    nor copies the theme's unchanged files on each save (~1 s of a 4.9 s profiled rebuild). A
    preview is rebuilt from scratch on its next start, so its warning is not the author's mistake."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(each, _DirtyBuildWarning) for each in logger.filters):
        logger.addFilter(_DirtyBuildWarning())


def quieten_link_checks(config) -> None:
    """Links and menu entries to the other topics' pages, not built in a preview, are not
    mistakes: log them at DEBUG, so --strict does not fail on them."""
    for checks in (config.validation.links, config.validation.nav):
        for name in ("not_found", "unrecognized_links", "anchors"):
            if name in checks:
                checks[name] = logging.DEBUG
