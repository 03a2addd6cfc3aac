"""Load the content folder into validated models: site.yaml and every topic, every problem located.

Reading gives YAML with locations; here it becomes SiteSettings and Topic models, after the
checks that need the raw data (ids, references, previous ids, signs, `{setting}` tokens). An
unchanged topic file is not parsed again when a cache is passed in (render/cache.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
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
from .shared_signs import (
    SHARED_SIGNS_FILE,
    SharedLibrary,
    SharedSignsInTopic,
    load_shared_signs,
    use_shared_signs,
)
from .sign_checks import check_signs
from .site import Language, SiteSettings
from .strings import CATALOGS, Strings, language_of, load_strings
from .topic import Topic
from .topic_links import TopicLinks, check_topic_links, links_of
from .translation import Drift, TranslationSource, language_folder, merge, split_translation
from .validation import problems_from_validation

SITE_FILE = "site.yaml"
OWN_CATALOG = "strings.yaml"  # a language's interface words kept with its content (see _strings_of)
TOPICS_DIR = "topics"
T = TypeVar("T")


class Remembers(Protocol):
    """What loading needs of a cache (render/cache.py's TopicCache): a value made once per key."""

    def lookup(self, kind: str, path: Path, key: str) -> Any: ...

    def put(self, kind: str, path: Path, key: str, value: Any) -> None: ...


class SharesWork(Protocol):
    """Worker processes (render/parallel.py's Workers): `function(batch, *common)` for batches of
    `items`, one result per item in their order; None when they are too few to be worth it."""

    def each(self, function: Callable[..., list], items: list, *common: Any) -> list | None: ...


@dataclass(frozen=True)
class LoadedTopic:
    topic: Topic
    source: Path
    parts_by_id: dict[str, str]  # anchor id -> the top-level part that holds it ("faq", "causes"...)
    titles_by_id: dict[str, str]  # anchor id -> the item's visible title, for link text
    translation: TranslationSource | None = None  # a translated topic: where it comes from (model/translation.py)
    drift: Drift = Drift()  # a translated topic: its items that lag the English's structure

    @cached_property
    def links(self) -> TopicLinks:
        """What it links to in other topics, walked from its models once: the topic cache hands
        back this same object while the file's digest is unchanged, so a save walks the saved topic alone."""
        return links_of(self.topic)


@dataclass(frozen=True)
class SiteLanguageRef:
    """One language the site publishes, as the pages of another language name it."""

    code: str
    name: str  # in itself: "Español"
    prefix: str  # "" for the English at the root, "es/" for a translation
    slugs: frozenset[str]  # the topics it has


@dataclass(frozen=True)
class Content:
    root: Path
    site: SiteSettings
    topics: list[LoadedTopic]
    strings: Strings  # the interface words in the site's language (model/strings.py)
    language: Language | None = None  # None: the English site at the root; else content/languages/<code>/
    languages: tuple[SiteLanguageRef, ...] = ()  # every language the site publishes (pipeline.py sets it)


def load_content(root: Path, cache: Remembers | None = None, workers: SharesWork | None = None) -> Content:
    """Everything under `root` (site.yaml + topics/*.yaml), or ContentError listing every problem.
    `workers`: processes to read and check many topic files in (a cold build of a large site)."""
    root = Path(root)
    problems: list[Problem] = []
    site, settings, site_doc = _load_site(root / SITE_FILE, problems)
    strings = _strings_of(site, problems, site_doc)
    shared = load_shared_signs(root, settings, problems)
    if shared is None:  # its own problems, not one "unknown shared sign" per topic that uses it
        raise ContentError(problems)
    topic_files = sorted((root / TOPICS_DIR).glob("*.yaml"))
    if not topic_files:
        problems.append(Problem(root / TOPICS_DIR, "no topic files (*.yaml) found"))
    # Each file's read problems or loaded topic, in file order (so are the problems reported).
    slots: list[list[Problem] | tuple[Path, bytes, str | None]] = []
    for path in topic_files:
        try:  # only regular files inside the content folder (reading/content_files.py)
            raw = read_content_file(path, root)
        except ContentError as err:
            slots.append(err.problems)
            continue
        # Unchanged files are not parsed again (mkdocs serve, and across builds). The key
        # covers the site settings and the shared signs too: they are put into the topic.
        digest = None if cache is None else hashlib.sha256(raw).hexdigest() + repr(sorted(settings.items())) + shared.digest
        slots.append((path, raw, digest))
    files = [slot for slot in slots if isinstance(slot, tuple)]
    remembered = {path: cache.lookup("model", path, digest) for path, _, digest in files} if cache is not None else {}
    unread = [(path, raw) for path, raw, _ in files if remembered.get(path) is None]
    # Many unread files (a cold build) are read and checked in the workers, if any were given.
    shared_out = workers.each(_load_topics, unread, settings, shared) if workers is not None else None
    fresh = dict(zip([path for path, _ in unread], shared_out or _load_topics(unread, settings, shared), strict=True))
    topics = []
    for slot in slots:
        if not isinstance(slot, tuple):
            problems.extend(slot)
            continue
        path, _, digest = slot
        loaded, found = (remembered[path], []) if remembered.get(path) is not None else fresh[path]
        problems.extend(found)
        if loaded is not None:
            if cache is not None and digest is not None and path in fresh:
                cache.put("model", path, digest, loaded)
            topics.append(loaded)
    slugs: dict[str, Path] = {}
    for loaded in topics:
        if loaded.topic.slug in slugs:
            problems.append(Problem(loaded.source, f"slug '{loaded.topic.slug}' is already used by {slugs[loaded.topic.slug]}", field="slug"))
        slugs[loaded.topic.slug] = loaded.source
    if not problems:  # links between topics need every topic loaded
        problems.extend(check_topic_links([(loaded.links, loaded.source) for loaded in topics]))
    if problems:
        raise ContentError(problems)
    return Content(root=root, site=site, topics=sorted(topics, key=lambda t: t.topic.title.lower()), strings=strings)


def _load_topics(files: list[tuple[Path, bytes]], settings: dict[str, str], shared: SharedLibrary) -> list[tuple[LoadedTopic | None, list[Problem]]]:
    """Each file's loaded topic (None when it has problems) and its problems; in a worker, the
    topic's links are walked there too (the cross-topic check reads them)."""
    results = []
    for path, raw in files:
        found: list[Problem] = []
        loaded = load_topic(path, found, raw, settings, shared)
        if loaded is not None:
            loaded.links  # noqa: B018 - walked here, in parallel, and kept with the topic
        results.append((loaded, found))
    return results


def _strings_of(
    site: SiteSettings | None, problems: list[Problem], site_doc: SourceDocument | None, catalogs: Path = CATALOGS, own: Path | None = None,
) -> Strings | None:
    """The catalog of the site's language: its `language.code`, else the first part of `locale`;
    the package's, else `own` (a catalog beside the language's site.yaml), when there is one."""
    if site is None:
        return None
    code = site.language.code if site.language else site.locale
    path = own if own is not None and own.is_file() and not (catalogs / f"{language_of(code)}.yaml").is_file() else None
    return load_strings(code, problems, site_doc, folder=catalogs, path=path)


def load_language(root: Path, code: str, english: Content, catalogs: Path = CATALOGS) -> Content:
    """A translated site, content/languages/<code>/: its site.yaml (with its `language` block) and
    each topic translated so far, merged with the English topic of the same slug (model/translation.py).
    A topic not yet translated (or still `<slug>.yaml.partial`) is not published in the language."""
    folder = language_folder(Path(root), code)
    problems: list[Problem] = []
    site, settings, site_doc = _load_site(folder / SITE_FILE, problems)
    if site is not None and (site.language is None or site.language.code != code):
        said = f"says '{site.language.code}'" if site.language else "is missing"
        problems.append(site_doc.problem(("language",) if site.language else (), f"the language block {said}, but this is the folder of '{code}': add language: {{code: {code}, name: ..., dir: ltr}}"))
    strings = _strings_of(site, problems, site_doc, catalogs, own=folder / OWN_CATALOG)
    shared = load_shared_signs(folder, settings, problems)  # the shared signs' words in this language
    if shared is None:
        raise ContentError(problems)
    by_slug = {loaded.topic.slug: loaded for loaded in english.topics}
    topics = []
    for path in sorted((folder / TOPICS_DIR).glob("*.yaml")):
        try:
            raw = read_content_file(path, Path(root))
        except ContentError as err:
            problems.extend(err.problems)
            continue
        loaded = load_translated_topic(path, raw, by_slug, settings, shared, problems)
        if loaded is not None:
            topics.append(loaded)
    if problems:
        raise ContentError(problems)
    return Content(root=folder, site=site, topics=sorted(topics, key=lambda t: t.topic.title.lower()), strings=strings, language=site.language)


def load_translated_topic(
    path: Path, raw: bytes, english: dict[str, LoadedTopic], settings: dict[str, str], shared: SharedLibrary, problems: list[Problem],
) -> LoadedTopic | None:
    """A translated topic file: checked as a topic of its own, then merged with its English topic."""
    try:
        doc = parse_yaml(path, raw)
    except ContentError as err:
        problems.extend(err.problems)
        return None
    found: list[Problem] = []
    data, source = split_translation(doc, doc.data(), found)
    slug = data.get("slug") if isinstance(data, dict) else None
    if slug not in english:
        found.append(doc.problem(("slug",) if slug else (), f"no English topic has the slug {slug!r}: a translation keeps the English topic's slug"))
        problems.extend(found)
        return None
    # First what the translation changed of the English (the cause of any other problem it makes),
    # then the checks every topic gets (its prose links, its cards), on the translation's words.
    data = site_tokens.fill(doc, data, settings, found)
    # The language's own shared-signs.yaml gives their words; merge() checks their structure.
    with_shared = use_shared_signs(doc, data, shared)
    data = with_shared.data
    found += with_shared.problems
    try:
        translated = Topic.model_validate(data)
    except ValidationError as err:
        translated = None
        found = problems_from_validation(doc, err) + found
    merged = merge(english[slug].topic, translated, doc, data, found) if translated is not None and not found else None
    if merged is not None:
        found += _raw_data_checks(doc, data, with_shared)
    problems.extend(found)
    if merged is None or source is None or found:
        return None
    return LoadedTopic(
        topic=merged.topic, source=path, parts_by_id=english[slug].parts_by_id, titles_by_id=_titles_by_id(merged.topic),
        translation=source, drift=merged.drift,
    )


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
    found: list[Problem] = []
    library = shared if shared is not None else SharedLibrary(path.parent.parent / SHARED_SIGNS_FILE)
    checked = _validated_topic(doc, doc.data(), settings or {}, library, found)
    problems.extend(found)
    if checked is None:
        return None
    topic, data = checked
    return LoadedTopic(topic=topic, source=path, parts_by_id=_parts_by_id(data), titles_by_id=_titles_by_id(topic))


def _validated_topic(
    doc: SourceDocument, raw_data: Any, settings: dict[str, str], shared: SharedLibrary, problems: list[Problem],
) -> tuple[Topic, Any] | None:
    """The topic model of raw data (with the shared signs it uses put in) and that data, after
    every check that reads the raw data; None after adding problems."""
    token_problems: list[Problem] = []
    data = site_tokens.fill(doc, raw_data, settings, token_problems)
    with_shared = use_shared_signs(doc, data, shared)
    data = with_shared.data
    found = token_problems + with_shared.problems + _raw_data_checks(doc, data, with_shared)
    try:
        topic = Topic.model_validate(data)
    except ValidationError as err:
        found = problems_from_validation(doc, err) + found
        topic = None
    problems.extend(found)
    return None if found or topic is None else (topic, data)


def _raw_data_checks(doc: SourceDocument, data: Any, with_shared: SharedSignsInTopic) -> list[Problem]:
    """The checks that read a topic's raw data: unique ids, references, previous ids, signs."""
    return (
        check_ids(doc, data) + check_references(doc, data, Topic, with_shared.hints)
        + check_previous_ids(doc, data) + check_signs(doc, data, with_shared.used)
    )


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
