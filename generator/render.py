"""Render validated content through the component templates into Markdown pages."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from . import clinician_links, deep_links, glossary
from .content import Content, LoadedTopic
from .diary_data import diary_data
from .markup import plain_text, prose
from .models.common import CARE_LEVELS
from .self_check_data import json_attribute, self_check_data

TEMPLATES = Path(__file__).parent / "templates"
# Page key -> file name inside the topic's folder.
TOPIC_PAGES = {"guide": "index.md", "faq": "faq.md", "self-check": "self-check.md", "diary": "diary.md"}
TOPIC_PAGES["links"] = "links.md"  # every item's address for clinicians (clinician_links.py)
# Page key -> its name in the navigation and in each topic page's own menu.
PAGE_TITLES = {"guide": "Guide", "faq": "Questions and answers", "self-check": "Self-check: how urgent is it?", "diary": "Symptom diary"}
PAGE_TITLES["links"] = "Links for clinicians"


def pages_of(topic) -> list[str]:
    """The page keys a topic has: the self-check and diary pages only when the topic defines them."""
    return [
        page
        for page in TOPIC_PAGES
        if (page != "self-check" or topic.self_check is not None) and (page != "diary" or topic.diary is not None)
    ]


@dataclass(frozen=True)
class RenderedPage:
    path: str  # docs-relative, POSIX
    markdown: str


def topic_page_path(slug: str, page: str) -> str:
    return f"{slug}/{TOPIC_PAGES[page]}"


def build_environments() -> tuple[Environment, Environment]:
    """Markdown templates escape every value as plain text; HTML templates HTML-escape.

    Both autoescape, so macro output comes back as Markup and is not escaped twice; in
    Markdown templates `finalize` swaps HTML escaping for plain-text Markdown escaping.
    """
    loader = FileSystemLoader(TEMPLATES)
    common = dict(loader=loader, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    md_env = Environment(autoescape=True, finalize=_finalize_markdown, **common)
    html_env = Environment(autoescape=True, **common)
    for env in (md_env, html_env):
        env.filters["prose"] = _prose_filter
        env.filters["long_date"] = long_date
        env.filters["url"] = url
        env.filters["json_string"] = lambda value: Markup(json.dumps(str(value), ensure_ascii=False))
    md_env.globals["html_component"] = _html_component(html_env)
    return md_env, html_env


def _finalize_markdown(value: object) -> object:
    # Markup is already safe (rendered prose, ids, nested components); everything else is text.
    if isinstance(value, Markup) or value is None:
        return value if value is not None else ""
    return plain_text(value)


def _html_component(html_env: Environment):
    @pass_context
    def render(context, name: str, **values):
        return Markup(html_env.get_template(name).render(**context.get_all(), **values))

    return render


@pass_context
def _prose_filter(context, value: str) -> Markup:
    return prose(value, context["link"])


def anchor(item_id: str) -> Markup:
    """attr_list syntax giving the preceding block its explicit id (ids are validated slugs)."""
    return Markup("{#" + item_id + "}")


def url(value: object) -> Markup:
    """An absolute URL as a Markdown link destination: percent-encode what could end the link."""
    return Markup(quote(str(value), safe=":/?#@!$&'*+,;=%-._~"))


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


class PageRenderer:
    """Renders every page of the site from loaded content."""

    def __init__(self, content: Content, today: date | None = None, site_url: str | None = None):
        self.content = content
        self.site_url = site_url  # absolute links (copy-link buttons, QR codes)
        self.today = today or date.today()
        self.md_env, _ = build_environments()

    def pages(self) -> list[RenderedPage]:
        pages = [self._render("pages/home.md.j2", "index.md"), self._render("pages/about.md.j2", "about.md")]
        for topic_pages in self.every_topic_s_pages():
            pages += topic_pages
        return pages

    def every_topic_s_pages(self) -> list[list[RenderedPage]]:
        """Each topic's pages, in the order of content.topics."""
        return [self.topic_pages(loaded) for loaded in self.content.topics]

    def topic_pages(self, loaded: LoadedTopic) -> list[RenderedPage]:
        slug = loaded.topic.slug
        return [
            self._with_deep_links(self._render(f"pages/topic_{page.replace('-', '_')}.md.j2", topic_page_path(slug, page), loaded), loaded, page)
            for page in pages_of(loaded.topic)
        ]

    def _with_deep_links(self, rendered: RenderedPage, loaded: LoadedTopic, page: str) -> RenderedPage:
        """Append the hidden copy-link / renamed-anchor marker (see deep_links.py)."""
        marker = deep_links.marker(loaded, page, rendered.path, self.site_url)
        return RenderedPage(path=rendered.path, markdown=rendered.markdown + "\n" + marker)

    def _render(self, template: str, path: str, loaded: LoadedTopic | None = None) -> RenderedPage:
        def link(href: str) -> str:
            """'#id' -> relative link from this page to the page that holds the id."""
            target_id = href.removeprefix("#")
            target = topic_page_path(loaded.topic.slug, loaded.page_of(target_id))
            relative = posixpath.relpath(target, posixpath.dirname(path) or ".")
            return Markup(f"{relative}#{target_id}")

        values = dict(
            site=self.content.site,
            topics=[t.topic for t in self.content.topics],
            today=self.today,
            page_path=path,
            link=link,
            care_level=lambda level: self.content.site.care_levels[level],
            page_url=lambda slug, page: Markup(
                posixpath.relpath(topic_page_path(slug, page), posixpath.dirname(path) or ".")
            ),
            anchor=anchor,
        )
        if loaded is not None:
            values.update(topic=loaded.topic, target_title=loaded.titles_by_id.__getitem__)
            values.update(signs_of=lambda ids: [loaded.topic.sign(sign_id) for sign_id in ids], card_items=_card_items(loaded.topic))
            values.update(most_urgent_sign=lambda ids: min((loaded.topic.sign(i) for i in ids), key=lambda s: CARE_LEVELS.index(s.level)))
            values.update(topic_page_keys=pages_of(loaded.topic), page_titles=PAGE_TITLES)
            values.update(link_groups=lambda: clinician_links.groups(loaded, self.site_url))
            if loaded.topic.triage is not None:
                data = self_check_data(loaded.topic.triage)
                values.update(self_check_json=json_attribute(data))
            if loaded.topic.diary is not None:
                values.update(diary_json=json_attribute(diary_data(loaded.topic.slug, loaded.topic.diary, self.content.site.locale, loaded.topic.moved_from)))
        markdown = self.md_env.get_template(template).render(**values)
        # The site glossary as abbr definitions: every page explains its terms (see glossary.py).
        return RenderedPage(path=path, markdown=_tidy(markdown) + "\n" + glossary.definitions(self.content.site.glossary))


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
