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


@dataclass(frozen=True)
class RenderedPage:
    path: str  # docs-relative, POSIX
    markdown: str
    # Files the page shows, published beside it: docs-relative path -> text (QR codes).
    files: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RedirectPage:
    path: str  # site-relative file, e.g. "old-slug/faq/index.html"
    html: str


class PageRenderer:
    """Renders every page of the site from loaded content."""

    def __init__(self, content: Content, today: date | None = None, site_url: str | None = None):
        self.content = content
        self.site_url = site_url  # absolute links (copy-link buttons, QR codes)
        self.today = today or date.today()
        self.md_env, self.html_env = build_environments(content.strings)

    def pages(self) -> list[RenderedPage]:
        pages = [self._render(kind.template, kind.file) for kind in SITE_PAGES]
        for topic_pages in self.every_topic_s_pages():
            pages += topic_pages
        return pages

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
            heading=REDIRECT.title,
            language=self.content.strings.language,
            title=moved.title,
            canonical=absolute(self.site_url, moved.new_url),
            relative=posixpath.relpath(moved.new_url.strip("/") or ".", old_dir) + "/",
            script=posixpath.relpath("javascripts/redirect.js", old_dir),
        )
        return RedirectPage(path=f"{old_dir}/{REDIRECT.file}", html=html)

    def _with_deep_links(self, rendered: RenderedPage, loaded: LoadedTopic, page: PageKind) -> RenderedPage:
        """Append the hidden copy-link / renamed-anchor marker (see structure/deep_links.py)."""
        marker = deep_links.marker(loaded, page, self.content.strings.section("copy_link_script"))
        return replace(rendered, markdown=rendered.markdown + "\n" + marker)

    def _render(self, template: str, path: str, loaded: LoadedTopic | None = None) -> RenderedPage:
        def link(href: str) -> str:
            """'#id' -> relative link from this page to the page that holds the id."""
            target_id = href.removeprefix("#")
            target = topic_page_path(loaded.topic.slug, page_of(loaded, target_id))
            if target == path:
                # Only the fragment: MkDocs rewrites "index.md#id" in Markdown links but not in
                # raw HTML (a component's button), where it would point at a missing file.
                return Markup(f"#{target_id}")
            relative = posixpath.relpath(target, posixpath.dirname(path) or ".")
            return Markup(f"{relative}#{target_id}")

        def html_link(href: str) -> str:
            """The same link for a raw HTML component, which MkDocs leaves as written: from this
            page's address to the target page's address, not between their Markdown files."""
            target_id = href.removeprefix("#")
            target = topic_page_path(loaded.topic.slug, page_of(loaded, target_id))
            if target == path:
                return Markup(f"#{target_id}")
            return Markup(f"{posixpath.relpath(page_url(target), page_url(path))}/#{target_id}")

        files: dict[str, str] = {}

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
            page_url=lambda slug, page: Markup(
                posixpath.relpath(topic_page_path(slug, page), posixpath.dirname(path) or ".")
            ),
            anchor=anchor,
        )
        if loaded is not None:
            values.update(topic=loaded.topic, target_title=loaded.titles_by_id.__getitem__)
            values.update(topic_named={other.topic.slug: other.topic for other in self.content.topics}.__getitem__)
            values.update(signs_of=lambda ids: [loaded.topic.sign(sign_id) for sign_id in ids], card_items=_card_items(loaded.topic))
            values.update(most_urgent_sign=lambda ids: min((loaded.topic.sign(i) for i in ids), key=lambda s: CARE_LEVELS.index(s.level)))
            values.update(topic_page_keys=[kind.key for kind in menu_pages_of(loaded.topic)], page_titles={kind.key: kind.title_of(loaded.topic) for kind in TOPIC_PAGES})
            values.update(guide_part_keys=[kind.key for kind in pages_of(loaded.topic) if kind.guide_part])
            values.update(link_groups=lambda: found_groups(clinician_links.groups(loaded, self.site_url)))
            if loaded.topic.triage is not None:
                data = self_check_data(loaded.topic.triage, self.content.strings.section("self_check_script"))
                values.update(self_check_json=json_attribute(data))
            if loaded.topic.diary is not None:
                values.update(diary_json=json_attribute(diary_data(loaded.topic.slug, loaded.topic.diary, self.content.site.locale, loaded.topic.moved_from, self.content.strings.section("diary_script"))))
        markdown = self.md_env.get_template(template).render(**values)
        # The site glossary as abbr definitions: every page explains its terms (see glossary.py).
        return RenderedPage(path=path, markdown=_tidy(markdown) + "\n" + glossary.definitions(self.content.site.glossary), files=files)


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
