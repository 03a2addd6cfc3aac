"""A translated topic: the English topic's structure with the translation's words.

`content/languages/<code>/topics/<slug>.yaml` is the whole topic in the same schema, with the
same ids, plus a `translation` block (where it comes from, whether a fluent clinician checked
it). It is validated with the same models, then merged with the ONE English model: every
value that is not words for readers (`PlainText`, `Prose`, see common.WORDS_FOR_READERS) comes
from the English: ids, sign levels and onsets, the cards' signs, the self-check's outcome
levels, references' URLs. So a translation cannot triage differently. The review dates are
the English topic's own (the translation's status is in its `translation` block).

An English edit never blocks the translation: items are matched by id, and an item new in the
English, or whose shape changed (a list of another length, a part added or removed, a reference
to an item the English no longer has), keeps its English words and is reported (`Drift`), as
are the translation's items the English no longer has. Only another value in an item whose
shape still matches (a level, an onset, a URL) is the translator's mistake: a located problem
(file, line, field) naming the English value.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, Field, ValidationError

from ..reading.problems import Problem
from ..reading.yaml_source import SourceDocument, format_loc
from .common import WORDS_FOR_READERS, PlainText, Strict
from .references import PROSE_LINK
from .topic import ClinicalReview, Topic
from .validation import problems_from_validation

TRANSLATION_KEY = "translation"
LANGUAGES_DIR = "languages"
# Taken from the English as it is, never compared: the review dates and published-link history
# change in the English without making the translation wrong (staleness is tracked per item).
FROM_ENGLISH = frozenset({"review", "previous_ids", "moved_from"})
Path_ = tuple[Any, ...]


class TranslationSource(Strict):
    """Where a translated topic comes from, shown on its pages."""

    from_language: Literal["en"] = Field(description="The language it was translated from: the English topic.")
    translated_from: date = Field(description="The date of the English version it was translated from ('Translated from the English version of ...').")
    review: ClinicalReview = Field(description="Whether a fluent clinician has checked the translation (status: not-reviewed | approved).")
    translator_note: PlainText | None = Field(default=None, description="Optional: who translated it or how, shown as written.")


class _Block(Strict):
    translation: TranslationSource


def split_translation(doc: SourceDocument, data: Any, problems: list[Problem]) -> tuple[Any, TranslationSource | None]:
    """The topic data without its `translation` block, and the block as a model (or a problem)."""
    if not isinstance(data, dict):
        return data, None
    data = dict(data)
    block = data.pop(TRANSLATION_KEY, None)
    if block is None:
        problems.append(doc.problem((), f"a translated topic needs a '{TRANSLATION_KEY}' block: from_language, translated_from, review"))
        return data, None
    try:  # validated under its key, so each problem names `translation.<field>` and its line
        return data, _Block.model_validate({TRANSLATION_KEY: block}).translation
    except ValidationError as err:
        problems.extend(problems_from_validation(doc, err))
        return data, None


@dataclass(frozen=True)
class Drift:
    """How a translation lags its English in structure (an English edit, not a translator's mistake)."""

    untranslated: tuple[str, ...] = ()  # items shown with the English words: new in the English, or their shape changed
    unmatched: tuple[str, ...] = ()  # the translation's items the English no longer has: their words are ignored

    def __bool__(self) -> bool:
        return bool(self.untranslated or self.unmatched)


@dataclass(frozen=True)
class Merged:
    topic: Topic
    drift: Drift


class _ShapeChanged(Exception):
    """An id-less value's shape differs from the English (a list's length, a part added or removed):
    the item that holds it takes the English words."""


def merge(english: Topic, translated: Topic, doc: SourceDocument, data: Any, problems: list[Problem]) -> Merged | None:
    """The English topic with the translation's words where they still fit, or None after adding
    one located problem per value the translation states differently in an item whose shape
    still matches the English. Items new in the English or whose shape changed keep the English
    words (`drift.untranslated`); the translation's items the English no longer has are dropped
    (`drift.unmatched`)."""
    merger = _Merger(english.slug, set(_ids(english)), set(_ids(translated)), doc, data)
    merged = merger.model(english, translated, (), root=True)
    problems.extend(merger.problems)
    if merger.problems:
        return None
    unmatched = [item for item in _ids(translated) if item not in set(_ids(english))]
    drift = Drift(untranslated=tuple(dict.fromkeys(merger.untranslated)), unmatched=tuple(unmatched))
    return Merged(Topic.model_validate(merged), drift)


class _Merger:
    def __init__(self, slug: str, english_ids: set[str], translated_ids: set[str], doc: SourceDocument, data: Any):
        self.slug, self.english_ids, self.doc, self.data = slug, english_ids, doc, data
        self.gone_ids = translated_ids - english_ids  # the translation's items the English no longer has
        self.problems: list[Problem] = []
        self.untranslated: list[str] = []

    def value(self, english: Any, translated: Any, annotation: Any, loc: Path_) -> Any:
        if english is None or translated is None:
            if english is translated:
                return None
            if _has_id(english):  # a part new in the English (an optional section)
                return self.english_words(english)
            raise _ShapeChanged
        if _is_words(annotation):
            if any(not slug and target not in self.english_ids for slug, target in PROSE_LINK.findall(str(translated))):
                raise _ShapeChanged  # its words link to an item the English no longer has
            return translated
        if isinstance(english, BaseModel):
            if _has_id(english):
                return self.item(english, translated, loc)
            return self.model(english, translated, loc)
        if isinstance(english, (list, tuple)):
            return self.sequence(english, translated, annotation, loc)
        if isinstance(english, dict):
            if set(english) != set(translated):
                raise _ShapeChanged
            value = _value_type(annotation)
            return {key: self.value(english[key], translated[key], value, loc + (key,)) for key in english}
        if english != translated and translated in self.gone_ids:
            raise _ShapeChanged  # a reference to an item the English no longer has: the English moved on
        if english != translated:
            self.problems.append(_problem(self.doc, self.data, loc, f"is {_shown(translated)} but the English says {_shown(english)}: a translation keeps every value that is not words (the English decides it)"))
        return english

    def item(self, english: BaseModel, translated: Any, loc: Path_) -> Any:
        """An item with an id: the translation's words if its shape still matches, else the
        English item (and only then are its structural differences English drift, not mistakes)."""
        outer, self.problems = self.problems, []
        try:
            merged = self.model(english, translated, loc)
        except _ShapeChanged:
            self.problems = []
            merged = self.english_words(english)
        outer.extend(self.problems)
        self.problems = outer
        return merged

    def model(self, english: BaseModel, translated: Any, loc: Path_, root: bool = False) -> dict[str, Any]:
        if type(translated) is not type(english):
            raise _ShapeChanged
        merged = {}
        for name, field in type(english).model_fields.items():
            if name in FROM_ENGLISH:
                merged[name] = getattr(english, name)
                continue
            inner = field.annotation if WORDS_FOR_READERS not in field.metadata else Annotated[str, WORDS_FOR_READERS]
            try:
                merged[name] = self.value(getattr(english, name), getattr(translated, name), inner, loc + (name,))
            except _ShapeChanged:
                if not root:
                    raise
                merged[name] = self.english_words(getattr(english, name))  # a part of the topic itself: its slug is stale
        return merged

    def sequence(self, english: list | tuple, translated: list | tuple, annotation: Any, loc: Path_) -> list[Any]:
        item = _item_type(annotation)
        if _is_words(item):
            return list(translated)  # lay terms, questions to ask: the translation's own list
        if all(_has_id(each) for each in [*english, *translated]):
            # Items are matched by id: one new in the English keeps its English words, one the
            # English no longer has is dropped (Drift.unmatched), whatever the order.
            by_id = {each.id: (index, each) for index, each in enumerate(translated)}
            return [
                self.item(each, by_id[each.id][1], loc + (by_id[each.id][0],)) if each.id in by_id else self.english_words(each)
                for each in english
            ]
        if len(english) != len(translated):
            raise _ShapeChanged
        return [self.value(e, t, item, loc + (index,)) for index, (e, t) in enumerate(zip(english, translated, strict=True))]

    def english_words(self, english: Any) -> Any:
        """The English value as it is, its items (or the topic's own words) marked untranslated."""
        self.untranslated.extend(_ids(english) or [self.slug])
        return english


def _has_id(value: Any) -> bool:
    return isinstance(value, BaseModel) and isinstance(getattr(value, "id", None), str)


def _ids(value: Any) -> list[str]:
    """The ids of every item in a model value, in order."""
    found: list[str] = []
    if isinstance(value, BaseModel):
        if _has_id(value):
            found.append(value.id)
        for name in type(value).model_fields:
            if name not in FROM_ENGLISH:
                found += _ids(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for each in value:
            found += _ids(each)
    return found


def _problem(doc: SourceDocument, data: Any, loc: Path_, message: str) -> Problem:
    """Located at the value in the translation's file, or the nearest part of it that it wrote."""
    written: list[Any] = []
    node = data
    for key in loc:
        if isinstance(node, dict) and key in node or isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
            written.append(key)
        else:
            break
    line, column = doc.locate(tuple(written))
    return Problem(doc.path, message, field=format_loc(loc), line=line, column=column)


def _shown(value: Any) -> str:
    return repr(str(value)) if not isinstance(value, (int, float, bool)) else repr(value)


def _optional_removed(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(options) == 1:
            return options[0]
    return annotation


def _is_words(annotation: Any) -> bool:
    annotation = _optional_removed(annotation)
    return get_origin(annotation) is Annotated and any(meta is WORDS_FOR_READERS for meta in annotation.__metadata__)


def _item_type(annotation: Any) -> Any:
    annotation = _optional_removed(annotation)
    args = get_args(annotation)
    return args[0] if get_origin(annotation) in (list, tuple) and args else None


def _value_type(annotation: Any) -> Any:
    annotation = _optional_removed(annotation)
    args = get_args(annotation)
    return args[1] if get_origin(annotation) is dict and len(args) == 2 else None


def language_folder(root: Path, code: str) -> Path:
    """Where a language's files are: content/languages/<code>/ (site.yaml, topics/)."""
    return root / LANGUAGES_DIR / code


def translation_codes(root: Path) -> list[str]:
    """The translations a content folder publishes: each languages/<code>/ with a site.yaml."""
    return sorted(path.parent.name for path in (Path(root) / LANGUAGES_DIR).glob("*/site.yaml"))


def words_by_item(topic: Topic) -> dict[str, list[str]]:
    """The words for readers of each item (by id; the topic's own, such as its title, under its
    slug), without those of the items inside it: what a translator translated, item by item."""
    found: dict[str, list[str]] = {topic.slug: []}
    _collect(topic, None, topic.slug, found)
    return found


def _collect(value: Any, annotation: Any, item: str, found: dict[str, list[str]]) -> None:
    if value is None:
        return
    if _is_words(annotation):
        found[item].append(str(value))
    elif isinstance(value, BaseModel):
        if isinstance(getattr(value, "id", None), str):
            item = value.id
            found.setdefault(item, [])
        for name, field in type(value).model_fields.items():
            if name in FROM_ENGLISH:
                continue
            inner = field.annotation if WORDS_FOR_READERS not in field.metadata else Annotated[str, WORDS_FOR_READERS]
            _collect(getattr(value, name), inner, item, found)
    elif isinstance(value, (list, tuple)):
        for each in value:
            _collect(each, _item_type(annotation), item, found)
    elif isinstance(value, dict):
        for each in value.values():
            _collect(each, _value_type(annotation), item, found)
