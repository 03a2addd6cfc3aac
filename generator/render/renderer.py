"""Render validated content through the page templates into Markdown pages.

Which pages exist, their files and templates come from the route registry
(structure/routes.py); the data a page carries besides its topic comes from generator/pages/.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field, replace
from datetime import date

from markupsafe import Markup

from ..model.common import CARE_LEVELS
from ..model.loading import Content, LoadedTopic
from ..pages import clinician_links
from ..pages.diary_data import diary_data
from ..pages.self_check_data import json_attribute, self_check_data
from ..structure import deep_links
from ..structure.redirects import MovedPage
from ..structure.routes import (
    REDIRECT,
    SITE_PAGES,
    TOPIC_PAGES,
    PageKind,
    absolute,
    menu_pages_of,
    page_of,
    page_url,
    pages_of,
    topic_page_path,
)
from . import glossary
from .environment import anchor, build_environments
from .structured_data import for_page, to_script_json


@dataclass(frozen=True)
class RenderedPage:
    path: str  # docs-relative, POSIX
    markdown: str
    # Files the page shows, published beside it: docs-relative path -> text (QR codes).
    files: dict[str, str] = field(default_factory=dict)
    # The page's schema.org JSON-LD, ready for its <script> in <head> (structured-data component).
    json_ld: str | None = None


@dataclass(frozen=True)
class RedirectPage:
    path: str  # site-relative file, e.g. "old-slug/faq/index.html"
    html: str


class PageRenderer:
    """Renders every page of the site from loaded content."""

    def __init__(
        self, content: Content, today: date | None = None, site_url: str | None = None,
        stale: dict[str, list[str]] | None = None, english: Content | None = None,
    ):
        self.content = content
        # A translation: the English topics, for links to a topic it does not have yet (they
        # open the English page, at its absolute address: it is outside this language's build).
        self.english_topics = {loaded.topic.slug: loaded.topic for loaded in english.topics} if english else {}
        self._english_loaded = {loaded.topic.slug: loaded for loaded in english.topics} if english else {}
        self.site_url = site_url  # absolute links (copy-link buttons, QR codes)
        self.today = today or date.today()
        self.stale = stale or {}  # a translation: per topic, the items whose English is newer
        self.md_env, self.html_env = build_environments(content.strings)
        self._topics = {loaded.topic.slug: loaded for loaded in content.topics}  # cross-topic links

    def pages(self) -> list[RenderedPage]:
        pages = self.site_pages()
        for topic_pages in self.every_topic_s_pages():
            pages += topic_pages
        return pages

    def site_pages(self) -> list[RenderedPage]:
        """The pages that are not a topic's (home, about...)."""
        return [self._render(kind.template, kind.file) for kind in SITE_PAGES]

    def every_topic_s_pages(self) -> list[list[RenderedPage]]:
        """Each topic's pages, in the order of content.topics."""
        return [self.topic_pages(loaded) for loaded in self.content.topics]

    def topic_pages(self, loaded: LoadedTopic) -> list[RenderedPage]:
        slug = loaded.topic.slug
        return [
            self._with_deep_links(self._render(kind.template, topic_page_path(slug, kind), loaded), loaded, kind)
            for kind in pages_of(loaded.topic)
        ]

    def redirect_page(self, moved: MovedPage) -> RedirectPage:
        """The page at a moved topic's old address: a meta refresh and a plain link, both of which
        work without JavaScript and under the Content-Security-Policy, plus javascripts/redirect.js,
        which carries the old #anchor along (a meta refresh drops it)."""
        old_dir = moved.old_url.strip("/")
        html = self.html_env.get_template(REDIRECT.template).render(
            heading=REDIRECT.name(self.content.strings),
            language=self.content.strings.language,
            title=moved.title,
            canonical=absolute(self.site_url, moved.new_url),
            relative=posixpath.relpath(moved.new_url.strip("/") or ".", old_dir) + "/",
            script=posixpath.relpath("javascripts/redirect.js", old_dir),
        )
        return RedirectPage(path=f"{old_dir}/{REDIRECT.file}", html=html)

    def _topic_page_link(self, slug: str, page: str, path: str) -> Markup:
        """A link from the page at `path` to a topic's page: its Markdown file, or in a translation
        without that topic, the English page's address."""
        if slug in self._topics or slug not in self.english_topics:
            return Markup(posixpath.relpath(topic_page_path(slug, page), posixpath.dirname(path) or "."))
        return self._english_address(topic_page_path(slug, page))

    def _english_address(self, md_path: str) -> Markup:
        """The absolute address of an English page (outside this translation's build)."""
        own = self.content.language.code if self.content.language else ""
        root = absolute(self.site_url, "/").removesuffix(f"{own}/")
        return Markup(root.rstrip("/") + page_url(md_path))

    def _other_languages(self, slug: str) -> tuple[clinician_links.LanguageRoot, ...]:
        """The other languages that have the topic, with their addresses under this build's site_url."""
        own = self.content.language.code if self.content.language else None
        site_url = absolute(self.site_url, "/")
        root = site_url.removesuffix(f"{own}/") if own else site_url
        mine = next((language.code for language in self.content.languages if language.prefix == (f"{own}/" if own else "")), None)
        return tuple(
            clinician_links.LanguageRoot(language.code, language.name, root + language.prefix)
            for language in self.content.languages
            if language.code != mine and slug in language.slugs
        )

    def _english_newer(self, loaded: LoadedTopic, path: str) -> bool:
        """Whether an item this page shows (or the topic's own words) changed in the English since it was translated."""
        slug = loaded.topic.slug
        return any(item == slug or topic_page_path(slug, page_of(loaded, item)) == path for item in self.stale.get(slug, []))

    def _english_url(self, path: str) -> Markup:
        """From this page of a translation (under /<code>/) to the same page in English."""
        here = f"/{self.content.language.code}{page_url(path)}"
        return Markup(posixpath.relpath(page_url(path), here) + "/")

    def _with_deep_links(self, rendered: RenderedPage, loaded: LoadedTopic, page: PageKind) -> RenderedPage:
        """Append the hidden copy-link / renamed-anchor marker (see structure/deep_links.py)."""
        marker = deep_links.marker(loaded, page, self.content.strings.section("copy_link_script"))
        return replace(rendered, markdown=rendered.markdown + "\n" + marker)

    def _target(self, loaded: LoadedTopic, href: str) -> tuple[str, str, LoadedTopic]:
        """'#id' (this topic) or 'other-slug#id' -> (docs-relative page that holds the id, the
        id, the topic that has it); the route registry knows the page."""
        slug, _, target_id = href.rpartition("#")
        holder = (self._topics.get(slug) or self._english_loaded[slug]) if slug else loaded
        return topic_page_path(holder.topic.slug, page_of(holder, target_id)), target_id, holder

    def _in_english_only(self, href: str) -> bool:
        """A translation's reference to a topic it does not have yet (its English page)."""
        slug = href.rpartition("#")[0]
        return bool(slug) and slug not in self._topics and slug in self._english_loaded

    def _render(self, template: str, path: str, loaded: LoadedTopic | None = None) -> RenderedPage:
        def link(href: str) -> str:
            """'#id' or 'other-slug#id' -> relative link from this page to the page that holds the id."""
            target, target_id, _ = self._target(loaded, href)
            if self._in_english_only(href):
                return Markup(f"{self._english_address(target)}#{target_id}")
            if target == path:
                # Only the fragment: MkDocs rewrites "index.md#id" in Markdown links but not in
                # raw HTML (a component's button), where it would point at a missing file.
                return Markup(f"#{target_id}")
            relative = posixpath.relpath(target, posixpath.dirname(path) or ".")
            return Markup(f"{relative}#{target_id}")

        def html_link(href: str) -> str:
            """The same link for a raw HTML component, which MkDocs leaves as written: from this
            page's address to the target page's address, not between their Markdown files."""
            target, target_id, _ = self._target(loaded, href)
            if self._in_english_only(href):
                return Markup(f"{self._english_address(target)}#{target_id}")
            if target == path:
                return Markup(f"#{target_id}")
            return Markup(f"{posixpath.relpath(page_url(target), page_url(path))}/#{target_id}")

        def item_link(reference: str) -> str:
            """A reference field's value ('id' or 'other-slug#id') as a link."""
            return link(reference if "#" in reference else "#" + reference)

        def target_title(reference: str) -> str:
            """The referenced item's title; another topic's item also names its topic, unless
            its title does ("Signs of blepharospasm")."""
            if "#" not in reference:
                return loaded.titles_by_id[reference]
            _, target_id, holder = self._target(loaded, reference)
            title, topic_title = holder.titles_by_id[target_id], holder.topic.title
            return title if topic_title.lower() in title.lower() else f"{title} ({topic_title})"

        files: dict[str, str] = {}
        json_ld: list[str] = []

        def add_json_ld(kind: str) -> str:
            """The page's JSON-LD, built here (in the render's worker on a cold build, then kept
            with the page in the cache) rather than by the engine for every page it writes."""
            url = absolute(self.site_url, page_url(path)) if self.site_url else None
            json_ld.append(to_script_json(for_page(kind, loaded.topic, self.content.site, url)))
            return ""

        def found_groups(groups: list[clinician_links.LinkGroup]) -> list[clinician_links.LinkGroup]:
            files.update(clinician_links.qr_files(groups, page_url(path).strip("/")))
            return groups

        values = dict(
            site=self.content.site,
            topics=[t.topic for t in self.content.topics],
            today=self.today,
            page_path=path,
            link=link,
            html_link=html_link,
            care_level=lambda level: self.content.site.care_levels[level],
            page_url=lambda slug, page: self._topic_page_link(slug, page, path),
            anchor=anchor,
            translation=None,
        )
        if loaded is not None and loaded.translation is not None:
            values.update(translation=loaded.translation, english_newer=self._english_newer(loaded, path), english_url=self._english_url(path))
            # Items new or reshaped in the English keep its words: marked lang="en" (WCAG 3.1.2).
            values.update(english_only=set(loaded.drift.untranslated).__contains__)
        if loaded is not None:
            values.update(topic=loaded.topic, target_title=target_title, item_link=item_link, add_json_ld=add_json_ld)
            named = {**self.english_topics, **{other.topic.slug: other.topic for other in self.content.topics}}
            values.update(topic_named=named.__getitem__)
            # Related topics by title; in a translation, one it lacks is the English (lang="en").
            values.update(related=sorted((named[slug] for slug in loaded.topic.related_topics), key=lambda other: other.title.lower()))
            values.update(in_english=lambda slug: slug in self.english_topics and slug not in self._topics)
            values.update(signs_of=lambda ids: [loaded.topic.sign(sign_id) for sign_id in ids], card_items=_card_items(loaded.topic))
            values.update(most_urgent_sign=lambda ids: min((loaded.topic.sign(i) for i in ids), key=lambda s: CARE_LEVELS.index(s.level)))
            values.update(topic_page_keys=[kind.key for kind in menu_pages_of(loaded.topic)], page_titles={kind.key: kind.title_of(loaded.topic, self.content.strings) for kind in TOPIC_PAGES})
            values.update(guide_part_keys=[kind.key for kind in pages_of(loaded.topic) if kind.guide_part])
            values.update(link_groups=lambda: found_groups(clinician_links.groups(loaded, self.site_url, self.content.strings.section("copy_link_script"), self._other_languages(loaded.topic.slug))))
            if loaded.topic.triage is not None:
                data = self_check_data(loaded.topic.triage, self.content.strings.section("self_check_script"))
                values.update(self_check_json=json_attribute(data))
            if loaded.topic.diary is not None:
                values.update(diary_json=json_attribute(diary_data(loaded.topic.slug, loaded.topic.diary, self.content.site.locale, loaded.topic.moved_from, self.content.strings.section("diary_script"))))
        markdown = self.md_env.get_template(template).render(**values)
        # The site glossary as abbr definitions: every page explains its terms (see glossary.py).
        return RenderedPage(path=path, markdown=_tidy(markdown) + "\n" + glossary.definitions(self.content.site.glossary), files=files,
                            json_ld="\n".join(json_ld) or None)


def _card_items(topic):
    """A "when to get help" card's bullets: its signs (each written once in `signs`), or the
    self-care card's own items."""
    return lambda card: [topic.sign(sign_id) for sign_id in card.signs] if card.signs else card.items


def _tidy(markdown: str) -> str:
    """Collapse runs of blank lines left by optional parts so the Markdown reads cleanly."""
    lines, blank = [], 0
    for line in markdown.splitlines():
        blank = blank + 1 if not line.strip() else 0
        if blank <= 1:
            lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"
