"""The MkDocs plugin (`plugins: [healthguide]`): puts the generated site into the MkDocs build.

All the work happens in generator.pipeline; this class only hands its results to MkDocs at each
event. Its state (the last generated site, the stylesheets, the component folders, the built pages for search, the
topic cache) lives on the plugin object, which `mkdocs serve` keeps across rebuilds, so an
unchanged topic is not loaded or rendered again.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import BuildError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from ...components.catalog import Component, ComponentError, components
from ...long_lived import no_collection_at_exit
from ...model.review_check import check_reviews
from ...pipeline import Generated, LoadedSite, generate
from ...reading.edit_markers import edit_markers
from ...reading.problems import ContentError
from ...render.background import PagesInProgress, RenderError
from ...render.cache import TopicCache
from ...render.compiled_templates import keep_compiled
from ...render.disk_cache import topic_cache
from ...structure.links_lock import check_lock
from ...structure.navigation import footer_links, left_out_of_navigation, navigation
from . import (
    converted_ahead,
    csp,
    css_bundle,
    hidden_headings,
    packaged_files,
    page_scripts,
    theme_markup,
)
from .languages import (
    SiteLanguage,
    alternates,
    build_translations,
    site_languages,
    with_language,
)
from .page_cache import PageCache
from .search import pagefind_index
from .search.index_process import IndexProcess, site_index
from .search.lay_terms import BuiltPage
from .search.stored_index import StoredIndex
from .search.theme_search import switch_off_theme_index
from .shown_files import ShownFiles, ShownFilesError
from .topic_preview import (
    PreviewError,
    TopicPreview,
    allow_dirty_builds,
    previewed_topic,
    quieten_link_checks,
)

# Set by the publishing build (commands/build.py): stand-ins marked EDIT ME fail it.
PUBLISH_VARIABLE = "HEALTHGUIDE_PUBLISH"


class HealthGuideConfig(Config):
    # Folder with site.yaml and topics/, relative to mkdocs.yml; tests point it at fixtures.
    content_dir = c.Type(str, default="content")
    # True (or "1", "yes"...) fails the build when a topic is past its next review date;
    # otherwise that is a warning (see model/review_check.py).
    strict_review = c.Type((bool, str, int), default=False)
    # Set only on the derived config of a translation's build (languages.py): its code.
    language = c.Type(str, default="")


class HealthGuidePlugin(BasePlugin[HealthGuideConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.generated: Generated | None = None
        self.pages: PagesInProgress | None = None  # this build's pages, some maybe still rendering
        self.cache: TopicCache | None = None  # kept across `mkdocs serve` rebuilds
        self.components: list[Component] = []  # generator/components/, read again on every build
        self.search_pages: list[BuiltPage] = []
        self.search_index: pagefind_index.SiteIndex | IndexProcess | None = None  # this build's, fed page by page
        self.shown_files: ShownFiles | None = None  # this build's QR codes, being written
        self.footer_links: dict[str, list[tuple[str, str]]] = {}
        self.preview = TopicPreview()  # make serve TOPIC=slug, kept across rebuilds
        self.languages: list[SiteLanguage] = []  # every language the site publishes
        self.page_cache: PageCache | None = None  # each page's Markdown conversion, on disk
        self.preloaded: LoadedSite | None = None  # a translation's build: the English build's content (languages.py)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this one plugin object for every `mkdocs serve` rebuild
        (it re-creates plugins without on_startup), and with it the topic cache. The process
        ends without a last walk over all it holds (long_lived.py)."""
        no_collection_at_exit()
        if dirty and previewed_topic():  # make serve TOPIC=slug
            allow_dirty_builds()

    def content_dir(self, config) -> Path:
        return Path(config.config_file_path).parent / self.config.content_dir

    def on_config(self, config):
        for name in switch_off_theme_index(config.plugins):  # the site's search is Pagefind's
            logging.getLogger("mkdocs.plugins.healthguide").info(
                f"Material's search plugin ({name}) is switched off: the search box searches the Pagefind "
                "index this plugin builds; remove it from mkdocs.yml's plugins")
        try:
            packaged_files.use_packaged_files(config)
        except packaged_files.PackagedFilesError as err:
            raise BuildError(str(err)) from None
        content_dir = self.content_dir(config)
        if self.cache is None:
            self.cache = topic_cache(content_dir)
        self.page_cache = PageCache.for_content(content_dir, self.config.language)
        preview = previewed_topic()  # make serve TOPIC=slug
        self._stop_rendering()  # a rebuild's: the last build's pages are all in, or it failed
        try:
            if preview:  # that topic alone, in English, its lines of links.lock checked
                self.generated = self.preview.generate(content_dir, preview, config.site_url, self.cache,
                                                       publishing=os.environ.get(PUBLISH_VARIABLE) == "1")
                self._read_pages_from(self.generated)
                quieten_link_checks(config)
                check_reviews(self.generated.content, strict=self.config.strict_review)
            else:
                loaded, self.preloaded = self.preloaded, None  # used by this build alone
                # The topics not cached are rendered in the background while MkDocs converts
                # the pages before them (render/background.py; on_page_read_source).
                self.generated = generate(content_dir, site_url=config.site_url, cache=self.cache,
                                          language=self.config.language or None, loaded=loaded, in_background=True)
                self._read_pages_from(self.generated)  # before any check below can fail the build
                english = self.generated.english or self.generated.content
                translations = self.generated.loaded.translations
                if not self.config.language:
                    check_reviews(english, strict=self.config.strict_review)
                    check_lock(english, translations)  # published links, in every language, must keep working
                # An English edit makes translated items stale: said (INFO, so `make site` still
                # publishes) and shown on the pages, never a failed build.
                for line in self.generated.staleness.lines(self.config.language):
                    logging.getLogger("mkdocs.plugins.healthguide").info(line)
                self.languages = site_languages(english, translations)
            if os.environ.get(PUBLISH_VARIABLE) == "1":
                unwritten = edit_markers(content_dir)
                if unwritten:
                    raise ContentError(unwritten)
            self.components = components()
        except ContentError as err:
            # BuildError makes MkDocs print the message and exit 1, without a traceback.
            raise BuildError(err.report()) from None
        except (ComponentError, PreviewError) as err:
            raise BuildError(str(err)) from None
        config.nav = navigation(self.generated.content)
        self.footer_links = footer_links(self.generated.content)
        # The site's name and description are content (site.yaml), shown by the theme in every
        # page's header and <head>; the theme templates escape them (generator/engine/mkdocs/theme/).
        config.site_name = self.generated.content.site.site_name
        config.site_description = self.generated.content.site.site_description
        # Pages link one joined stylesheet instead of the site-wide ones and each component's
        # (see css_bundle.py).
        config.extra_css = [css_bundle.BUNDLE_PATH]
        return config

    def on_files(self, files: Files, config) -> Files:
        # Pages left out of the menus on purpose (routes.py, `in_menu`; every topic's from
        # NAV_GROUP_FROM topics on): not an omission that --strict would fail on.
        off_menu = left_out_of_navigation(self.generated.content)
        for path in self.pages.paths:  # each page's Markdown is read in on_page_read_source
            inclusion = InclusionLevel.NOT_IN_NAV if path in off_menu else InclusionLevel.UNDEFINED
            files.append(File.generated(config, path, content="", inclusion=inclusion))
        stylesheets = css_bundle.sources(packaged_files.SITE_FILES_DIR, list(packaged_files.SITE_STYLESHEETS), self.components)
        files.append(File.generated(config, css_bundle.BUNDLE_PATH, content=css_bundle.bundle(stylesheets)))
        # Each component's script, and the loader that knows which pages load it (page_scripts.py).
        files.append(File.generated(config, page_scripts.LOADER_PATH, content=page_scripts.loader(self.components)))
        for component in self.components:
            if component.script:
                files.append(File.generated(config, page_scripts.script_path(component), abs_src_path=str(component.script.path)))
        for moved in self.generated.redirects:
            files.append(File.generated(config, moved.path, content=moved.html))
        self.search_pages = [
            BuiltPage(src=path, url=files.get_file_from_path(path).url, html_path=Path(files.get_file_from_path(path).abs_dest_path))
            for path in self.pages.paths
        ]
        self._stop_search_index()  # a rebuild's: the last build's is finished or closed already
        self._stop_shown_files()
        # The site folder is cleaned by now (after on_pre_build): the QR codes go into it as their
        # topics are rendered, beside the build (shown_files.py).
        self.shown_files = ShownFiles(Path(config.site_dir))
        try:  # Pagefind indexes each page as it is written (on_post_page), unless the kept index has it
            binary = pagefind_index.pagefind_binary()
            # A one-topic preview's index is small and quick to make: kept, it would only push out the site's.
            stored = None if previewed_topic() else StoredIndex.for_content(self.content_dir(config), self.config.language, binary)
            inputs = pagefind_index.IndexInputs.of(self.generated.content, self.search_pages)
            self.search_index = site_index(Path(config.site_dir), inputs, binary, stored)
        except pagefind_index.SearchIndexError as err:
            raise BuildError(str(err)) from None
        return files

    def on_nav(self, nav, config, files):
        """A cold build: with the site's files known, a second worker renders the last topics and
        converts their pages ahead, while MkDocs converts from the first page (converted_ahead.py)."""
        if self.pages is not None and self.page_cache is not None:
            converted_ahead.convert_from_the_end(self.pages, self.page_cache, config, files)
        return nav

    def on_serve(self, server, config, builder):
        """`mkdocs serve` rebuilds when the content changes (and the package's theme, for its
        developers); mkdocs.yml need not list them under `watch`."""
        server.watch(str(self.content_dir(config)))
        server.watch(str(packaged_files.THEME_DIR))
        return server

    def on_page_read_source(self, page, config) -> str | None:
        """A generated page's Markdown, waited for if its topic is still being rendered; the files
        it shows (its QR codes) are handed to the process that writes them into the site."""
        if self.pages is None or page.file.src_uri not in self.pages:
            return None
        try:
            rendered = self.pages.page(page.file.src_uri)
        except RenderError as err:
            raise BuildError(str(err)) from None
        self.shown_files.add(rendered.files)  # written into the site from now, beside the build (shown_files.py)
        return rendered.markdown

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        """An unchanged page is not converted again (page_cache.py)."""
        self.page_cache.install(page)
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        """Headings hidden when the page opens leave its contents (see hidden_headings.py;
        the search leaves them out too, search/pagefind_pages.py)."""
        hidden_headings.drop_hidden(page.toc.items, hidden_headings.hidden_ids(html))
        return html

    def on_page_context(self, context, page, config, nav):
        """A generated page with JSON-LD (the structured-data component) gets it as `json_ld`,
        which generator/engine/mkdocs/theme/main.html prints in the page's <head>."""
        # The footer links each topic page to the topic's pages that no menu lists (footer.html).
        page.meta["footer_links"] = self.footer_links.get(page.file.src_uri, [])
        if len(self.languages) > 1:  # the header's language switcher and hreflang links (theme)
            current = self.config.language or self.languages[0].code
            root_url = config.site_url.removesuffix(f"{self.config.language}/") if self.config.language else config.site_url
            page.meta["languages"] = {
                "label": self.generated.content.strings.text("language.switcher"),
                "links": alternates(self.languages, current, "/" + page.url, root_url or ""),
            }
        rendered = self.pages.page(page.file.src_uri) if self.pages is not None and page.file.src_uri in self.pages else None
        if rendered is not None and rendered.json_ld:
            page.meta["json_ld"] = rendered.json_ld
        return context

    def on_env(self, env, config, files):
        """The files the pages show (the clinicians' page's QR codes), all rendered by now: the
        ones of pages MkDocs did not read (a dirty build) are written too. The theme's templates
        are compiled once and kept between builds (render/compiled_templates.py); a one-topic
        preview keeps the whole environment across rebuilds."""
        try:
            self.shown_files.add(self.pages.files())
        except RenderError as err:
            raise BuildError(str(err)) from None
        if previewed_topic():
            env = self.preview.theme_environment(env, config.theme.dirs, packaged_files.THEME_DIR)
        return keep_compiled(env)

    def on_post_page(self, output: str, page, config) -> str:
        content = self.generated.content
        if content.language is not None:  # a translation: its own lang and dir on every page
            output = with_language(output, content.language.code, content.language.dir)
        output = csp.apply(theme_markup.fix(output), page.file.src_uri)
        if self.search_index is not None:
            self.search_index.add(page.file.src_uri, output)
        return output

    def on_post_template(self, output: str, template_name: str, config) -> str:
        return csp.apply(theme_markup.fix(output), template_name)  # 404.html

    @event_priority(-100)  # last: the search indexes the pages as every other plugin left them
    def on_post_build(self, config) -> None:
        self._stop_rendering()
        try:  # the site's search index (search/pagefind_index.py): the pages are in, write it
            self.search_index.finish()
        except pagefind_index.SearchIndexError as err:
            raise BuildError(str(err)) from None
        finally:
            self.search_index = None
        # After the search index, which the files still being written need not hold up:
        self.page_cache.flush()  # the pages' conversions, kept for the next build, all on disk
        if not previewed_topic():  # a one-topic preview does not build the other topics' pages
            self.page_cache.forget_unused(len(self.search_pages))  # the entries of pages the site no longer has
        try:
            self.shown_files.finish()
        except ShownFilesError as err:
            raise BuildError(str(err)) from None
        finally:
            self.shown_files = None
        if not self.config.language and not previewed_topic():
            # each translation: a build of its own into site_dir/<code>/ (a one-topic preview is English only)
            build_translations(config, self.content_dir(config), self.generated.loaded)

    def on_build_error(self, error: Exception) -> None:
        """A failed build leaves no Pagefind process, thread, rendering worker or file writer behind
        (`mkdocs serve` goes on)."""
        self._stop_search_index()
        self._stop_rendering()
        self._stop_shown_files()
        if self.page_cache is not None:
            self.page_cache.flush()

    def _read_pages_from(self, generated: Generated) -> None:
        pages = generated.pages
        self.pages = pages if isinstance(pages, PagesInProgress) else PagesInProgress.of(pages)

    def _stop_rendering(self) -> None:
        if self.pages is not None:
            self.pages.close()

    def _stop_shown_files(self) -> None:
        if self.shown_files is not None:
            self.shown_files.close()
            self.shown_files = None

    def _stop_search_index(self) -> None:
        if self.search_index is not None:
            self.search_index.close()
            self.search_index = None
