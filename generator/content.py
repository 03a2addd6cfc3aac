"""Load every content file, validate it and check ids and cross-references across the topic."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import cache, site_tokens
from .content_files import read_content_file
from .errors import ContentError, Problem
from .models import SiteSettings, Topic
from .previous_ids import check_previous_ids
from .sign_checks import check_signs
from .validation import problems_from_validation, walk_ids, walk_items
from .yaml_source import SourceDocument, load_yaml, parse_yaml

SITE_FILE = "site.yaml"
TOPICS_DIR = "topics"
REFERENCE_LISTS = ("see_also", "used_for", "related", "explained_by", "sources", "signs")
PROSE_LINK = re.compile(r"\]\(#([^)\s]*)\)")
# Parts of a topic that are published on their own page; everything else is on the guide page.
PAGE_OF_PART = {"faq": "faq", "self_check": "self-check", "diary": "diary"}
# Anchors the page templates use themselves; an item may not take them.
RESERVED_IDS = {"questions-and-answers"}


@dataclass(frozen=True)
class LoadedTopic:
    topic: Topic
    source: Path
    pages_by_id: dict[str, str]  # anchor id -> page key ("guide" or "faq")
    titles_by_id: dict[str, str]  # anchor id -> the item's visible title, for link text

    def page_of(self, item_id: str) -> str:
        return self.pages_by_id[item_id]


@dataclass(frozen=True)
class Content:
    root: Path
    site: SiteSettings
    topics: list[LoadedTopic]


def load_content(root: Path) -> Content:
    """Everything under `root` (site.yaml + topics/*.yaml), or ContentError listing every problem."""
    root = Path(root)
    problems: list[Problem] = []
    site, settings = _load_site(root / SITE_FILE, problems)
    topic_files = sorted((root / TOPICS_DIR).glob("*.yaml"))
    if not topic_files:
        problems.append(Problem(root / TOPICS_DIR, "no topic files (*.yaml) found"))
    topics = []
    for path in topic_files:
        try:  # only regular files inside the content folder (content_files.py)
            raw = read_content_file(path, root)
        except ContentError as err:
            problems.extend(err.problems)
            continue
        # Unchanged files are not parsed again (mkdocs serve, and across builds; see cache.py).
        # The key covers the site settings too: they are filled into the topic's text.
        digest = hashlib.sha256(raw).hexdigest() + repr(sorted(settings.items()))
        loaded = cache.TOPICS.get("model", path, digest, lambda path=path, raw=raw: load_topic(path, problems, raw, settings))
        if loaded is not None:
            topics.append(loaded)
    slugs: dict[str, Path] = {}
    for loaded in topics:
        if loaded.topic.slug in slugs:
            problems.append(Problem(loaded.source, f"slug '{loaded.topic.slug}' is already used by {slugs[loaded.topic.slug]}", field="slug"))
        slugs[loaded.topic.slug] = loaded.source
    if problems:
        raise ContentError(problems)
    return Content(root=root, site=site, topics=sorted(topics, key=lambda t: t.topic.title.lower()))


def load_topic(path: Path, problems: list[Problem], raw: bytes | None = None, settings: dict[str, str] | None = None) -> LoadedTopic | None:
    """The topic in `path` (whose bytes are `raw` when already read), with the site's settings
    filled in, or None after adding its problems."""
    try:
        doc = load_yaml(path) if raw is None else parse_yaml(path, raw)
    except ContentError as err:
        problems.extend(err.problems)
        return None
    token_problems: list[Problem] = []
    data = site_tokens.fill(doc, doc.data(), settings or {}, token_problems)
    found = token_problems + check_ids(doc, data) + check_references(doc, data) + check_previous_ids(doc, data) + check_signs(doc, data)
    try:
        topic = Topic.model_validate(data)
    except ValidationError as err:
        found = problems_from_validation(doc, err) + found
        topic = None
    problems.extend(found)
    if topic is None or found:
        return None
    return LoadedTopic(topic=topic, source=path, pages_by_id=_pages_by_id(data), titles_by_id=_titles_by_id(data))


def _load_site(path: Path, problems: list[Problem]) -> tuple[SiteSettings | None, dict[str, str]]:
    """site.yaml, with its own settings (e.g. `{emergency_number}`) filled into its wording."""
    try:
        doc = load_yaml(path, content_root=path.parent)  # site.yaml sits at the top of the content folder
    except ContentError as err:
        problems.extend(err.problems)
        return None, {}
    settings = site_tokens.values_of(doc.data())
    data = site_tokens.fill(doc, doc.data(), settings, problems)
    try:
        return SiteSettings.model_validate(data), settings
    except ValidationError as err:
        problems.extend(problems_from_validation(doc, err))
    return None, settings


def check_ids(doc: SourceDocument, data: Any) -> list[Problem]:
    problems, first_seen = [], {}
    for item_id, loc in walk_ids(data):
        if item_id in RESERVED_IDS:
            problems.append(doc.problem(loc, f"id '{item_id}' is reserved by the page layout; choose another"))
        elif item_id in first_seen:
            line, _ = doc.locate(first_seen[item_id])
            problems.append(doc.problem(loc, f"duplicate id '{item_id}' (first used on line {line})"))
        else:
            first_seen[item_id] = loc
    return problems


def check_references(doc: SourceDocument, data: Any) -> list[Problem]:
    """Every see_also/used_for/related entry and every [text](#id) link must name an existing id."""
    known = {item_id for item_id, _ in walk_ids(data)}
    problems = []
    for target, loc in _references(data):
        if target not in known:
            problems.append(doc.problem(loc, f"links to unknown id '{target}'{_suggest(target, known)}"))
    return problems


def _suggest(target: str, known: set[str]) -> str:
    import difflib

    guess = difflib.get_close_matches(target, sorted(known), n=1)
    return f" (did you mean '{guess[0]}'?)" if guess else ""


def _references(node: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[str, tuple[Any, ...]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in REFERENCE_LISTS and isinstance(value, list):
                for index, target in enumerate(value):
                    if isinstance(target, str):
                        yield target, loc + (key, index)
                    else:  # the topic's own `signs` list holds items, not references
                        yield from _references(target, loc + (key, index))
            else:
                yield from _references(value, loc + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _references(value, loc + (index,))
    elif isinstance(node, str):
        for match in PROSE_LINK.finditer(node):
            yield match.group(1), loc


def _pages_by_id(data: dict[str, Any]) -> dict[str, str]:
    pages = {}
    for part, value in data.items():
        for item_id, _ in walk_ids(value):
            pages[item_id] = PAGE_OF_PART.get(part, "guide")
    return pages


TITLE_FIELDS = ("title", "name", "question", "feature", "text")


def _titles_by_id(data: dict[str, Any]) -> dict[str, str]:
    return {
        item["id"]: next((item[field] for field in TITLE_FIELDS if isinstance(item.get(field), str)), item["id"])
        for item, _ in walk_items(data)
    }
