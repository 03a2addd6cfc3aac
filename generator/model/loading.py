"""Load the content folder into validated models: site.yaml and every topic, every problem located.

Reading gives YAML with locations; here it becomes SiteSettings and Topic models, after the
checks that need the raw data (ids, references, previous ids, signs, `{setting}` tokens). An
unchanged topic file is not parsed again when a cache is passed in (render/cache.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from ..reading.content_files import read_content_file
from ..reading.problems import ContentError, Problem
from ..reading.yaml_source import SourceDocument, load_yaml, parse_yaml
from . import site_tokens
from .ids import check_ids, check_references
from .items import walk_ids
from .previous_ids import check_previous_ids
from .shared_signs import SHARED_SIGNS_FILE, SharedLibrary, load_shared_signs, use_shared_signs
from .sign_checks import check_signs
from .site import SiteSettings
from .strings import Strings, load_strings
from .topic import Topic
from .topic_links import check_topic_links
from .validation import problems_from_validation

SITE_FILE = "site.yaml"
TOPICS_DIR = "topics"
T = TypeVar("T")


class Remembers(Protocol):
    """What loading needs of a cache (render/cache.py's TopicCache): a value made once per key."""

    def get(self, kind: str, path: Path, key: str | None, make: Callable[[], T]) -> T: ...


@dataclass(frozen=True)
class LoadedTopic:
    topic: Topic
    source: Path
    parts_by_id: dict[str, str]  # anchor id -> the top-level part that holds it ("faq", "causes"...)
    titles_by_id: dict[str, str]  # anchor id -> the item's visible title, for link text


@dataclass(frozen=True)
class Content:
    root: Path
    site: SiteSettings
    topics: list[LoadedTopic]
    strings: Strings  # the interface words in the site's language (model/strings.py)


def load_content(root: Path, cache: Remembers | None = None) -> Content:
    """Everything under `root` (site.yaml + topics/*.yaml), or ContentError listing every problem."""
    root = Path(root)
    problems: list[Problem] = []
    site, settings, site_doc = _load_site(root / SITE_FILE, problems)
    strings = load_strings(site.locale, problems, site_doc) if site is not None else None
    shared = load_shared_signs(root, settings, problems)
    if shared is None:  # its own problems, not one "unknown shared sign" per topic that uses it
        raise ContentError(problems)
    topic_files = sorted((root / TOPICS_DIR).glob("*.yaml"))
    if not topic_files:
        problems.append(Problem(root / TOPICS_DIR, "no topic files (*.yaml) found"))
    topics = []
    for path in topic_files:
        try:  # only regular files inside the content folder (reading/content_files.py)
            raw = read_content_file(path, root)
        except ContentError as err:
            problems.extend(err.problems)
            continue

        def load(path: Path = path, raw: bytes = raw) -> LoadedTopic | None:
            return load_topic(path, problems, raw, settings, shared)

        if cache is None:
            loaded = load()
        else:
            # Unchanged files are not parsed again (mkdocs serve, and across builds). The key
            # covers the site settings and the shared signs too: they are put into the topic.
            digest = hashlib.sha256(raw).hexdigest() + repr(sorted(settings.items())) + shared.digest
            loaded = cache.get("model", path, digest, load)
        if loaded is not None:
            topics.append(loaded)
    slugs: dict[str, Path] = {}
    for loaded in topics:
        if loaded.topic.slug in slugs:
            problems.append(Problem(loaded.source, f"slug '{loaded.topic.slug}' is already used by {slugs[loaded.topic.slug]}", field="slug"))
        slugs[loaded.topic.slug] = loaded.source
    if not problems:  # links between topics need every topic loaded
        problems.extend(check_topic_links([(loaded.topic, loaded.source) for loaded in topics]))
    if problems:
        raise ContentError(problems)
    return Content(root=root, site=site, topics=sorted(topics, key=lambda t: t.topic.title.lower()), strings=strings)


def load_topic(
    path: Path,
    problems: list[Problem],
    raw: bytes | None = None,
    settings: dict[str, str] | None = None,
    shared: SharedLibrary | None = None,
) -> LoadedTopic | None:
    """The topic in `path` (whose bytes are `raw` when already read), with the site's settings
    filled in and the shared signs it uses put in, or None after adding its problems."""
    try:
        doc = load_yaml(path) if raw is None else parse_yaml(path, raw)
    except ContentError as err:
        problems.extend(err.problems)
        return None
    token_problems: list[Problem] = []
    data = site_tokens.fill(doc, doc.data(), settings or {}, token_problems)
    with_shared = use_shared_signs(doc, data, shared or SharedLibrary(path.parent.parent / SHARED_SIGNS_FILE))
    data = with_shared.data
    found = token_problems + with_shared.problems + check_ids(doc, data) + check_references(doc, data, Topic, with_shared.hints)
    found += check_previous_ids(doc, data) + check_signs(doc, data, with_shared.used)
    try:
        topic = Topic.model_validate(data)
    except ValidationError as err:
        found = problems_from_validation(doc, err) + found
        topic = None
    problems.extend(found)
    if topic is None or found:
        return None
    return LoadedTopic(topic=topic, source=path, parts_by_id=_parts_by_id(data), titles_by_id=_titles_by_id(topic))


def _load_site(path: Path, problems: list[Problem]) -> tuple[SiteSettings | None, dict[str, str], SourceDocument | None]:
    """site.yaml, with its own settings (e.g. `{emergency_number}`) filled into its wording."""
    try:
        doc = load_yaml(path, content_root=path.parent)  # site.yaml sits at the top of the content folder
    except ContentError as err:
        problems.extend(err.problems)
        return None, {}, None
    settings = site_tokens.values_of(doc.data())
    data = site_tokens.fill(doc, doc.data(), settings, problems)
    try:
        return SiteSettings.model_validate(data), settings, doc
    except ValidationError as err:
        problems.extend(problems_from_validation(doc, err))
    return None, settings, doc


def _parts_by_id(data: dict[str, Any]) -> dict[str, str]:
    return {item_id: part for part, value in data.items() for item_id, _ in walk_ids(value)}


def _titles_by_id(node: object) -> dict[str, str]:
    """Anchor id -> the visible title of the item that has it (its model's `title_field`), or the
    id itself for an item without a title (a diary choice, a warning pattern)."""
    found: dict[str, str] = {}
    if isinstance(node, BaseModel):
        if isinstance(getattr(node, "id", None), str):
            field = getattr(type(node), "title_field", None)
            title = getattr(node, field) if field else None
            found[node.id] = title if isinstance(title, str) else node.id
        for name in type(node).model_fields:
            found.update(_titles_by_id(getattr(node, name)))
    elif isinstance(node, (list, tuple)):
        for value in node:
            found.update(_titles_by_id(value))
    return found
