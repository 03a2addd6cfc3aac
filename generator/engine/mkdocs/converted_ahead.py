"""Pages converted ahead by a second worker, from the site's last topic back (issue 17).

A cold build converts every page's Markdown (Python-Markdown, through MkDocs' Page.render) on
one core, one page after the other: about two thirds of its time. Rendering the topics takes
only part of the second core (render/background.py). So once MkDocs has the site's files (its
navigation event), a second worker renders the topics from the last one back and converts their
pages as MkDocs would, into the page cache (page_cache.py). The build converts from the first
page on and finds the pages the worker got to already converted, as a warm build does; the two
meet near the middle, and each batch of topics is one worker's alone.

The worker converts with what the build converts with, sent to it with each batch: the Markdown
extensions and their settings, link validation, every file of the site with its URL, and the
log levels. It keeps each page under the page cache's own key, which covers all of these, and
only when its key for the whole build is the build's: a build that differs in any of them
converts every page itself. A page whose conversion logs anything (a broken link) is not kept:
the build converts it, and the message comes from the build.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import meta

from ...render import parallel
from ...render.background import PagesInProgress
from ...render.renderer import RenderedPage
from .page_cache import LOGGERS_IN_KEY, PageCache


@dataclass(frozen=True, eq=False)
class Conversion:
    """What the worker converts with: sent with each batch (under 1 MB at 1,000 topics), and
    the same for every batch of a build, so the worker makes its converter once."""

    cache_folder: Path
    site: str  # the page cache's site (content folder and language)
    build_key: str  # the build's PageCache.build_key: the worker's own must be the same
    files: tuple[tuple[str, str, str, int], ...]  # every file: src_uri, dest_uri, url, inclusion level
    site_dir: str
    use_directory_urls: bool
    markdown_extensions: tuple
    mdx_configs: dict
    links: dict  # validation.links: how each kind of bad link is logged
    levels: tuple[tuple[str, int], ...]  # the effective level of each logger the key covers

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Conversion) and self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(self._identity())

    def _identity(self) -> tuple:
        """The build key covers the files, the settings and the levels; the rest is where to keep the pages."""
        return (self.build_key, self.cache_folder, self.site, self.site_dir)

    @classmethod
    def of(cls, page_cache: PageCache, config, files: Files) -> Conversion | None:
        """The build's; None when its pages cannot be kept (no cache folder, no key)."""
        build_key = page_cache.build_key(config, files)
        if page_cache.folder is None or build_key is None:
            return None
        return cls(
            cache_folder=page_cache.folder,
            site=page_cache.site,
            build_key=build_key,
            files=tuple((file.src_uri, file.dest_uri, file.url, file.inclusion.value) for file in files),
            site_dir=config.site_dir,
            use_directory_urls=config.use_directory_urls,
            markdown_extensions=tuple(config["markdown_extensions"]),
            mdx_configs=dict(config["mdx_configs"] or {}),
            links=dict(config.validation.links),
            levels=tuple((name, logging.getLogger(name).getEffectiveLevel()) for name in LOGGERS_IN_KEY),
        )


def convert_from_the_end(pages: PagesInProgress, page_cache: PageCache, config, files: Files) -> None:
    """Start the second worker on the topics still to render (none: nothing happens)."""
    conversion = Conversion.of(page_cache, config, files)
    if conversion is not None:
        pages.from_the_end(functools.partial(render_and_convert, conversion))


class _Settings(dict):
    """The settings Page and Page.render read, as MkDocsConfig gives them: items and attributes."""

    def __getattr__(self, name: str):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class _Converter:
    """Converts pages in the worker as the build would, into the page cache."""

    def __init__(self, conversion: Conversion) -> None:
        for name, level in conversion.levels:
            logging.getLogger(name).setLevel(level)
        # What a conversion logs is only looked at (such a page is not kept), never printed:
        # the build converts that page again and logs it itself.
        logging.getLogger().addHandler(logging.NullHandler())
        self.config = _Settings(
            markdown_extensions=list(conversion.markdown_extensions), mdx_configs=conversion.mdx_configs,
            site_url=None, repo_url=None, edit_uri=None, edit_uri_template=None,
            site_dir=conversion.site_dir, use_directory_urls=conversion.use_directory_urls,
            validation=_Settings(links=_Settings(conversion.links)),
        )
        self.files = Files([_file(conversion, *entry) for entry in conversion.files])
        self.cache = PageCache(conversion.cache_folder, conversion.site)
        self.usable = self.cache.build_key(self.config, self.files) == conversion.build_key

    def convert(self, rendered: RenderedPage) -> None:
        file = self.files.get_file_from_path(rendered.path)
        if not self.usable or file is None or not file.is_documentation_page():
            return
        page = Page(None, file, self.config)
        page.markdown, page.meta = meta.get_data(rendered.markdown)  # as Page.read_source leaves them
        self.cache.convert_and_keep(page, self.config, self.files)
        file.page = None  # the page is done with: the worker keeps none


def _file(conversion: Conversion, src_uri: str, dest_uri: str, url: str, inclusion: int) -> File:
    file = File(src_uri, src_dir=None, dest_dir=conversion.site_dir, use_directory_urls=conversion.use_directory_urls,
                dest_uri=dest_uri, inclusion=InclusionLevel(inclusion))
    file.url = url  # as the build has it (a plugin may have set it)
    return file


def render_and_convert(conversion: Conversion, task: tuple) -> list[list[RenderedPage]]:
    """A batch of topics rendered (parallel.render_batch) and their pages converted into the cache."""
    rendered = parallel.render_batch(task)
    converter = _converter(conversion)
    for topic_pages in rendered:
        for page in topic_pages:
            converter.convert(page)
    converter.cache.flush()  # on disk before the build reads these pages
    return rendered


@functools.lru_cache(maxsize=1)  # the worker's, made by its first batch (each batch brings the same Conversion)
def _converter(conversion: Conversion) -> _Converter:
    return _Converter(conversion)
