"""The route registry: every kind of page the site has, declared once, and where it lives.

Like MkDocs' structure/, one owner answers "which pages exist, and at what address". Each
PageKind says its key, title, Markdown file, template, when a topic has it, which parts of
the topic it shows and which of its anchors are published links. The renderer, the
navigation, the topic menu, the links lock, redirects, search additions and the clinicians'
page all read PAGE_KINDS; none keeps a list of its own. Adding a page kind is one entry here
plus its template (CONTRIBUTING.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # types only: the registry must stay importable from every stage
    from ..model.loading import LoadedTopic
    from ..model.strings import Strings
    from ..model.topic import Topic

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def _always(topic: Topic) -> bool:
    return True


def _nothing(topic: Topic) -> Iterable[str]:
    return ()


def _has_any(*parts: str) -> Callable[[Topic], bool]:
    """A page that exists when the topic has at least one of its optional parts: a condition
    page has no causes or checklist, and gets no empty page for them."""
    return lambda topic: any(getattr(topic, part) is not None for part in parts)


@dataclass(frozen=True)
class LinkPolicy:
    """Which anchors of a page are published links (copy buttons, the clinicians' page, links.lock).

    Every item of a reading page is worth a link; on a tool page (self-check, diary) only the
    page's own section and `also`, so questionnaires and form options stay free to change."""

    every_item: bool
    also: Callable[[Topic], Iterable[str]] = _nothing


EVERY_ITEM = LinkPolicy(every_item=True)
SECTIONS_ONLY = LinkPolicy(every_item=False)


@dataclass(frozen=True)
class PageKind:
    key: str  # how templates and code name the page, e.g. "faq"
    title: str  # its name in the navigation and in each topic page's menu: a key of the catalog's `pages`
    file: str  # Markdown file: in the site's root (site pages) or the topic's folder (topic pages)
    template: str  # under generator/templates/
    scope: Literal["site", "topic", "moved"]
    exists: Callable[[Topic], bool] = _always  # topic pages: whether this topic has the page
    parts: tuple[str, ...] = ()  # top-level topic parts shown here; the guide's first page shows all others
    links: LinkPolicy = SECTIONS_ONLY
    # In the site navigation and the topic menu. A page for another audience (the clinicians'
    # links) stays out of the patient's menus: it is reached from the footer and About instead.
    in_menu: bool = True
    guide_part: bool = False  # one of the short pages the guide is split into (contents list, previous/next)
    # A topic page whose parts are optional is titled by those the topic has: no 'Tests and
    # treatment' for a topic with no tests. `title` is the name with every part; `title_for`
    # gives the catalog key of the name for a topic.
    title_for: Callable[[Topic], str] | None = None

    def name(self, strings: Strings) -> str:
        """This page's name in the reader's language (the one with every part)."""
        return strings.text(f"pages.{self.title}")

    def title_of(self, topic: Topic, strings: Strings) -> str:
        """This page's title for `topic`, in the reader's language."""
        return strings.text(f"pages.{self.title_for(topic) if self.title_for else self.title}")


HOME = PageKind("home", "home", "index.md", "pages/home.md.j2", "site")
ABOUT = PageKind("about", "about", "about.md", "pages/about.md.j2", "site")
# The guide is a few short pages, in the NHS manner. Its first page keeps the topic's address
# (`/slug/`) and shows every part no other page names; its marker forwards the old
# `/slug/#id` links of items that moved to the other pages (structure/deep_links.py).
GUIDE = PageKind(
    "guide", "guide", "index.md", "pages/topic_guide.md.j2", "topic",
    parts=("overview", "red_flags", "steps", "checklist"), links=EVERY_ITEM, guide_part=True,
)
GET_HELP = PageKind(
    "get-help", "get_help", "when-to-get-help.md", "pages/topic_get_help.md.j2", "topic",
    parts=("warning_signs", "when_to_get_help"), links=EVERY_ITEM, guide_part=True,
)
CAUSES = PageKind(
    "causes", "causes", "causes.md", "pages/topic_causes.md.j2", "topic",
    exists=_has_any("causes"), parts=("causes",), links=EVERY_ITEM, guide_part=True,
)
CONDITIONS = PageKind(
    "conditions", "conditions", "conditions.md", "pages/topic_conditions.md.j2", "topic",
    exists=_has_any("conditions"), parts=("conditions",), links=EVERY_ITEM, guide_part=True,
)
def _treatment_title(topic: Topic) -> str:
    if topic.appointment and not topic.treatments:
        return "tests_only"
    if topic.treatments and not topic.appointment:
        return "treatment_only"
    return "treatment"


TREATMENT = PageKind(
    "treatment", "treatment", "tests-and-treatment.md", "pages/topic_treatment.md.j2", "topic",
    exists=_has_any("appointment", "treatments", "story"), parts=("appointment", "treatments", "story"), links=EVERY_ITEM, guide_part=True,
    title_for=_treatment_title,
)
SOURCES = PageKind(
    "sources", "sources", "sources.md", "pages/topic_sources.md.j2", "topic",
    parts=("closing", "references"), links=EVERY_ITEM, guide_part=True,
    title_for=lambda topic: "sources" if topic.closing else "sources_only",
)
FAQ = PageKind(
    "faq", "faq", "faq.md", "pages/topic_faq.md.j2", "topic",
    exists=_has_any("faq"), parts=("faq",), links=EVERY_ITEM,
)
SELF_CHECK = PageKind(
    "self-check",
    "self_check",
    "self-check.md",
    "pages/topic_self_check.md.j2",
    "topic",
    exists=lambda topic: topic.self_check is not None,
    parts=("self_check",),
    links=LinkPolicy(every_item=False, also=lambda topic: [outcome.id for outcome in topic.self_check.outcomes] if topic.self_check else []),
)
DIARY = PageKind(
    "diary", "diary", "diary.md", "pages/topic_diary.md.j2", "topic",
    exists=lambda topic: topic.diary is not None, parts=("diary",),
)
LINKS = PageKind("links", "links", "links.md", "pages/topic_links.md.j2", "topic", in_menu=False)
# A small page at each old address of a topic that moved (`moved_from`), for each of its pages.
REDIRECT = PageKind(
    "redirect", "redirect", "index.html", "pages/redirect.html.j2", "moved",
    exists=lambda topic: bool(topic.moved_from),
)

# In navigation and menu order: Home, each topic's pages, then the other site pages.
PAGE_KINDS: tuple[PageKind, ...] = (HOME, GUIDE, GET_HELP, CAUSES, CONDITIONS, TREATMENT, SOURCES, FAQ, SELF_CHECK, DIARY, LINKS, ABOUT, REDIRECT)
SITE_PAGES = tuple(kind for kind in PAGE_KINDS if kind.scope == "site")
TOPIC_PAGES = tuple(kind for kind in PAGE_KINDS if kind.scope == "topic")
_BY_KEY = {kind.key: kind for kind in PAGE_KINDS}
GUIDE_PARTS = tuple(kind for kind in TOPIC_PAGES if kind.guide_part)
_PAGE_OF_PART = {part: kind for kind in TOPIC_PAGES for part in kind.parts}


def kind(key: str) -> PageKind:
    return _BY_KEY[key]


def pages_of(topic: Topic) -> list[PageKind]:
    """The topic pages this topic has, in menu order."""
    return [kind for kind in TOPIC_PAGES if kind.exists(topic)]


def menu_pages_of(topic: Topic) -> list[PageKind]:
    """The topic pages a patient's menus list (navigation, topic menu), in menu order."""
    return [kind for kind in pages_of(topic) if kind.in_menu]


def off_menu_paths(topics: Iterable[Topic]) -> set[str]:
    """Docs-relative paths of the topic pages built but left out of every menu."""
    return {topic_page_path(topic.slug, kind) for topic in topics for kind in pages_of(topic) if not kind.in_menu}


def page_holding(part: str) -> PageKind:
    """The page that shows a top-level part of a topic: its own page, or the guide."""
    return _PAGE_OF_PART.get(part, GUIDE)


def page_of(loaded: LoadedTopic, item_id: str) -> PageKind:
    """The page that shows the item `item_id` of a topic.

    A sign is written once but anchored on the card of its level: emergency signs on the
    emergency cards of the first page (red_flags), the others on the "when to get help" cards."""
    part = loaded.parts_by_id[item_id]
    if part == "signs":
        part = "red_flags" if loaded.topic.sign(item_id).level == "emergency" else "when_to_get_help"
    return page_holding(part)


def ids_on(loaded: LoadedTopic, page: PageKind) -> list[str]:
    """Every item id the page shows, in document order."""
    return [item_id for item_id in loaded.parts_by_id if page_of(loaded, item_id) is page]


def topic_page_path(slug: str, page: PageKind | str) -> str:
    """Docs-relative Markdown path of a topic page: 'slug/faq.md'."""
    page = page if isinstance(page, PageKind) else kind(page)
    return f"{slug}/{page.file}"


def page_url(md_path: str) -> str:
    """Site-relative URL of a generated page: 'slug/faq.md' -> '/slug/faq/', 'index.md' -> '/'."""
    stem = md_path.removesuffix(".md")
    if stem == "index":
        return "/"
    return "/" + stem.removesuffix("/index") + "/"


def absolute(site_url: str | None, url: str) -> str:
    """A site-relative URL ('/slug/#id') under the deployed site_url."""
    return (site_url or DEFAULT_SITE_URL).rstrip("/") + url
