"""The engine-agnostic pipeline: content folder -> validated models -> Markdown pages.

Nothing here knows about MkDocs; the MkDocs plugin (engine/mkdocs/) and the commands both call
`generate`. Reading and the model stage load the content, the route registry (structure/)
says which pages there are, and the render stage writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .model.loading import Content, SiteLanguageRef, load_content, load_language
from .model.translation import translation_codes
from .render.background import PagesInProgress
from .render.cache import TopicCache
from .render.cached_renderer import CachedPageRenderer
from .render.disk_cache import topic_cache
from .render.parallel import Workers
from .render.renderer import PageRenderer, RedirectPage, RenderedPage
from .structure.redirects import moved_pages
from .structure.translations_lock import Staleness, staleness


@dataclass(frozen=True)
class LoadedSite:
    """The content folder as one build loaded it: the English and each translation, by code.
    Handed on within the build (its checks, each translation's build) instead of loading again."""

    english: Content
    translations: dict[str, Content] = field(default_factory=dict)


@dataclass(frozen=True)
class Generated:
    content: Content
    pages: list[RenderedPage] | PagesInProgress  # the latter: generate(in_background=True)
    redirects: list[RedirectPage]
    english: Content | None = None  # a translated site: the English content it is merged with
    staleness: Staleness = Staleness({})  # a translated site: items whose English changed since
    loaded: LoadedSite | None = None  # what this build loaded (None: a one-topic preview)


def generate(
    content_dir: Path, today: date | None = None, site_url: str | None = None, cache: TopicCache | None = None, language: str | None = None,
    loaded: LoadedSite | None = None, in_background: bool = False,
) -> Generated:
    """Load and validate everything, then render every page. Raises ContentError on bad input.

    `site_url` is the deployed address, for the absolute links some pages show. `cache` keeps
    unchanged topics between calls (the MkDocs plugin passes the same one to every rebuild);
    without one, a new cache is made, which still reuses what earlier builds left on disk.
    `language`: the code of a translation (content/languages/<code>/) to generate instead of the
    English; its pages are rendered afresh each time (a translated page also depends on the
    English topic, which the page cache's key does not cover). `loaded`: the content as this
    build already loaded it (a translation's build gets the English build's), not loaded again.
    `in_background`: the English site's topics that are not cached are rendered in a worker while
    the caller goes on; `pages` is then a PagesInProgress (render/background.py), which the caller
    closes."""
    cache = cache if cache is not None else topic_cache(Path(content_dir))
    # One set of worker processes, started only when many topics are not cached, loads the
    # topics and then renders them (starting them twice would import the generator twice);
    # in_background, a worker of its own renders them once this call has returned.
    with Workers() as workers:
        return _generate(Path(content_dir), today, site_url, cache, language, workers, loaded, in_background)


def load_site(content_dir: Path, cache: TopicCache | None = None, workers: Workers | None = None) -> LoadedSite:
    """The English content and each translation (content/languages/<code>/). Raises ContentError."""
    english = load_content(Path(content_dir), cache, workers)
    return LoadedSite(english, {code: load_language(Path(content_dir), code, english) for code in translation_codes(Path(content_dir))})


def _generate(
    content_dir: Path, today: date | None, site_url: str | None, cache: TopicCache, language: str | None, workers: Workers, loaded: LoadedSite | None,
    in_background: bool = False,
) -> Generated:
    loaded = loaded if loaded is not None else load_site(content_dir, cache, workers)
    english, translations = loaded.english, loaded.translations
    languages = every_language(english, translations)
    content = replace(english, languages=languages)
    if language is not None:
        content = replace(translations[language], languages=languages)
        report = staleness(english, content)
        renderer = PageRenderer(content, today=today, site_url=site_url, stale=report.stale, english=english)
        return Generated(content=content, pages=renderer.pages(), redirects=[], english=english, staleness=report, loaded=loaded)
    renderer = CachedPageRenderer(content, cache, today=today, site_url=site_url, workers=workers)
    redirects = redirect_pages(renderer)
    pages = renderer.pages_in_progress() if in_background else renderer.pages()  # last: nothing can fail after it starts a worker
    return Generated(content=content, pages=pages, redirects=redirects, loaded=loaded)


def every_language(english: Content, translations: dict[str, Content]) -> tuple[SiteLanguageRef, ...]:
    """The English, then each translation, with the topics each has (the clinicians' page links them)."""
    code = english.site.language.code if english.site.language else english.strings.language
    found = [SiteLanguageRef(code, english.strings.text("language.name"), "", frozenset(t.topic.slug for t in english.topics))]
    for other, translated in translations.items():
        found.append(SiteLanguageRef(other, translated.language.name, f"{other}/", frozenset(t.topic.slug for t in translated.topics)))
    return tuple(found)


def redirect_pages(renderer: PageRenderer) -> list[RedirectPage]:
    return [renderer.redirect_page(moved) for moved in moved_pages(renderer.content)]
