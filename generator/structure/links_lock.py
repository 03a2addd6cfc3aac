"""Published links: every page and anchor the site publishes, checked against `links.lock`.

A link in the lock must keep working: either it still exists, or the content says where it
went (`previous_ids` on an item, `moved_from` on a topic). The build fails, naming the lost
link and the topic file, when one of them disappears; new links are only reported.

The lock also lists each cross-topic reference (`other-slug#item-id` in a topic's content) as
`/linking/page/ -> /other/page/#item-id`, so a change to what one topic links to in another
shows in the lock, and a lost item names the pages that linked to it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from ..model.loading import Content, LoadedTopic
from ..reading.problems import ContentError, Problem
from .deep_links import forwarded, linkable_ids
from .routes import GUIDE, SITE_PAGES, page_holding, page_of, page_url, pages_of, topic_page_path

log = logging.getLogger("mkdocs.plugins.healthguide.links")

LOCK_FILE = "links.lock"
LOCK_HEADER = (
    "# Published links: every page and anchor of the site, relative to site_url, one per line.\n"
    "# Links in this file must keep working. Update it with: python -m generator lock\n"
)
CROSS_HEADER = "# Cross-topic references: the page that links -> the other topic's item it links to.\n"
CROSS_ARROW = " -> "


@dataclass
class LinkIndex:
    """Every URL the site publishes now, and where old slugs and ids went."""

    current: set[str] = field(default_factory=set)
    topics: dict[str, LoadedTopic] = field(default_factory=dict)  # current and old slugs
    moved: dict[str, dict[str, str]] = field(default_factory=dict)  # slug -> old id -> new id
    forwarded: dict[str, str] = field(default_factory=dict)  # "/slug/#id" -> the id's page now
    cross: set[tuple[str, str]] = field(default_factory=set)  # (linking page, other topic's "/page/#id")
    problems: list[Problem] = field(default_factory=list)

    def resolve(self, link: str) -> str | None:
        """The current URL an old link lands on (itself when it still exists), or None."""
        path, _, anchor = link.partition("#")
        if path not in self.current:
            path = self.moved_page(path)
            if path is None:
                return None
        if not anchor:
            return path
        if f"{path}#{anchor}" in self.current:
            return f"{path}#{anchor}"
        new = self.moved.get(_slug(path), {}).get(anchor)
        if new is not None and f"{path}#{new}" in self.current:
            return f"{path}#{new}"
        return self.forwarded.get(f"{path}#{anchor}")

    def moved_page(self, path: str) -> str | None:
        """The current address of a page whose topic moved (moved_from), or None."""
        loaded = self.topics.get(_slug(path))
        if loaded is None:
            return None
        rest = path.strip("/").split("/")[1:]
        new = "/" + "/".join([loaded.topic.slug, *rest]) + "/"
        return new if new in self.current else None


    def lost(self, link: str, content_root: Path, linked_from: list[str] = ()) -> Problem:
        return _lost(self, link, content_root, linked_from)


@dataclass
class SiteLinks:
    """The links of every language: the English at the root, each translation under /<code>/
    (the same pages and ids, so an old link is resolved in its own language)."""

    english: LinkIndex
    translations: dict[str, LinkIndex] = field(default_factory=dict)  # code -> its links, unprefixed

    @property
    def current(self) -> set[str]:
        return self.english.current | {f"/{code}{link}" for code, index in self.translations.items() for link in index.current}

    @property
    def problems(self) -> list[Problem]:
        return [problem for index in (self.english, *self.translations.values()) for problem in index.problems]

    def _split(self, link: str) -> tuple[str | None, str]:
        code, _, rest = link.lstrip("/").partition("/")
        return (code, "/" + rest) if code in self.translations else (None, link)

    def resolve(self, link: str) -> str | None:
        code, rest = self._split(link)
        if code is None:
            return self.english.resolve(link)
        found = self.translations[code].resolve(rest)
        return None if found is None else f"/{code}{found}"

    @property
    def cross(self) -> set[tuple[str, str]]:
        # A translation keeps the English structure, so the English lines stand for every language.
        return self.english.cross

    def lost(self, link: str, content_root: Path, linked_from: list[str] = ()) -> Problem:
        code, rest = self._split(link)
        if code is None:
            return _lost(self.english, link, content_root, linked_from)
        problem = _lost(self.translations[code], rest, content_root, linked_from)
        return Problem(problem.file, f"({code}) {problem.message}", field=problem.field, line=problem.line, column=problem.column)


def site_link_index(english: Content, translations: dict[str, Content] | None = None) -> SiteLinks:
    """The links of the English site and of each translation (`translations`: code -> content)."""
    return SiteLinks(link_index(english), {code: link_index(content) for code, content in (translations or {}).items()})


def _slug(path: str) -> str:
    return path.strip("/").split("/")[0]


def link_index(content: Content) -> LinkIndex:
    """Every page the route registry gives the site, and each page's published anchors."""
    index = LinkIndex()
    index.current = {page_url(kind.file) for kind in SITE_PAGES}
    for loaded in content.topics:
        slug = loaded.topic.slug
        index.topics[slug] = loaded
        index.moved[slug] = dict(loaded.links.renamed_ids)  # walked once, at loading (model/topic_links.py)
        for page in pages_of(loaded.topic):
            index.current.add(page_url(topic_page_path(slug, page)))
            for item_id in linkable_ids(loaded, page):
                index.current.add(page_url(topic_page_path(slug, page)) + "#" + item_id)
        # The guide's first page forwards old links to items now on its other pages.
        guide = page_url(topic_page_path(slug, GUIDE))
        index.forwarded.update({f"{guide}#{old}": url for old, url in forwarded(loaded).items()})
    by_slug = {loaded.topic.slug: loaded for loaded in content.topics}
    for loaded in content.topics:
        for target, loc in loaded.links.items_named:
            other, _, item_id = target.partition("#")
            if other not in by_slug:
                continue  # a one-topic preview; loading has already refused a topic that does not exist
            here = page_url(topic_page_path(loaded.topic.slug, page_holding(loc[0])))
            there = page_url(topic_page_path(other, page_of(by_slug[other], item_id)))
            index.cross.add((here, f"{there}#{item_id}"))
    for loaded in content.topics:
        for old in loaded.topic.moved_from:
            other = index.topics.get(old)
            if other is not None:
                index.problems.append(Problem(loaded.source, f"'{old}' is also the slug of {other.source}; a page can only redirect once", field="moved_from"))
            else:
                index.topics[old] = loaded
    return index


def read_lock(path: Path) -> list[str]:
    """The links in a lock file (empty when there is none yet)."""
    links, problems = [], []
    for number, line in _lines(path):
        if CROSS_ARROW in line:
            continue  # read_cross_references
        if not line.startswith("/") or " " in line:
            problems.append(Problem(path, f"'{line}' is not a site-relative link such as /topic/#id", line=number, column=1))
        links.append(line)
    if problems:
        raise ContentError(problems)
    return links


def read_cross_references(path: Path) -> list[tuple[str, str]]:
    """The cross-topic references a lock file lists, as (linking page, linked item)."""
    references, problems = [], []
    for number, line in _lines(path):
        if CROSS_ARROW not in line:
            continue
        here, _, there = line.partition(CROSS_ARROW)
        if not (here.startswith("/") and there.startswith("/") and "#" in there and " " not in here + there):
            problems.append(Problem(path, f"'{line}' is not a cross-topic reference such as /topic/page/ -> /other/page/#id", line=number, column=1))
        references.append((here, there))
    if problems:
        raise ContentError(problems)
    return references


def _lines(path: Path) -> list[tuple[int, str]]:
    """(number, text) of each line of the lock that is not blank or a comment."""
    if not path.exists():
        return []
    lines = enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
    return [(number, line.strip()) for number, line in lines if line.strip() and not line.strip().startswith("#")]


def lock_text(index: LinkIndex | SiteLinks, locked: list[str]) -> str:
    """The new lock: every current link, plus old links that still redirect somewhere."""
    kept = {link for link in locked if index.resolve(link) is not None}
    text = LOCK_HEADER + "".join(f"{link}\n" for link in sorted(index.current | kept))
    if index.cross:
        text += "\n" + CROSS_HEADER + "".join(f"{here}{CROSS_ARROW}{there}\n" for here, there in sorted(index.cross))
    return text


@dataclass(frozen=True)
class LockReport:
    new: list[str]  # published now, not in the lock yet
    lost: list[Problem]  # in the lock, no longer reachable


def compare(index: LinkIndex | SiteLinks, locked: list[str], content_root: Path, cross: list[tuple[str, str]] = ()) -> LockReport:
    """`cross`: the lock's cross-topic references; a lost item names the pages that linked to it,
    and an item another topic linked to is lost even if it was never a published link itself."""
    lost = list(index.problems)
    linked_from: dict[str, list[str]] = {}
    for here, there in cross:
        linked_from.setdefault(there, []).append(here)
    for link in [*locked, *(there for there in linked_from if there not in locked)]:
        if index.resolve(link) is None:
            lost.append(index.lost(link, content_root, linked_from.get(link, [])))
    new = sorted(index.current - set(locked))
    return LockReport(new=new, lost=lost)


def _lost(index: LinkIndex, link: str, content_root: Path, linked_from: list[str] = ()) -> Problem:
    problem = _lost_link(index, link, content_root)
    if not linked_from:
        return problem
    pages = ", ".join(sorted(set(linked_from)))
    return Problem(problem.file, problem.message.replace(" is lost:", f" (linked from {pages}) is lost:", 1), field=problem.field)


def _lost_link(index: LinkIndex, link: str, content_root: Path) -> Problem:
    path, _, anchor = link.partition("#")
    slug = _slug(path)
    loaded = index.topics.get(slug)
    if loaded is None:
        return Problem(
            content_root / "topics",
            f"published link '{link}' is lost: no topic has the slug '{slug}' now. "
            f"Add 'moved_from: [{slug}]' to the topic that replaces it, or run "
            "'python -m generator lock' to unpublish the link on purpose",
            field="moved_from",
        )
    page_exists = path in index.current or index.moved_page(path) is not None
    if anchor and page_exists:
        return Problem(
            loaded.source,
            f"published link '{link}' is lost: no item has the id '{anchor}' on that page. "
            f"Add 'previous_ids: [{anchor}]' to the item that replaces it, or run "
            "'python -m generator lock' to unpublish the link on purpose",
            field="previous_ids",
        )
    return Problem(loaded.source, f"published link '{link}' is lost: the page no longer exists", field="slug")


def check_lock(content: Content, translations: dict[str, Content] | None = None) -> LockReport:
    """Raise ContentError for every lost link, in any language; log the new ones (not an error)."""
    content_root = Path(content.root)
    lock = content_root / LOCK_FILE
    report = compare(site_link_index(content, translations), read_lock(lock), content_root, read_cross_references(lock))
    if report.lost:
        raise ContentError(report.lost)
    if report.new:
        shown = ", ".join(report.new[:5]) + (f" and {len(report.new) - 5} more" if len(report.new) > 5 else "")
        log.info("%d new link(s) not in %s yet: %s. Publish them with: python -m generator lock", len(report.new), lock, shown)
    return report
