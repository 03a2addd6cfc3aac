"""A translated topic: the English topic's structure with the translation's words.

`content/languages/<code>/topics/<slug>.yaml` is the whole topic in the same schema, with the
same ids, plus a `translation` block (where it comes from, whether a fluent clinician checked
it). It is validated with the same models, then merged with the ONE English model: every
value that is not words for readers (`PlainText`, `Prose`, see common.WORDS_FOR_READERS) comes
from the English: ids, sign levels and onsets, the cards' signs, the self-check's outcome
levels, references' URLs. So a translation cannot triage differently; one that states another
value is a located problem (file, line, field) naming the English value. The review dates are
the English topic's own (the translation's status is in its `translation` block).
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


@dataclass(frozen=True)
class Translation:
    topic: Topic  # the merged topic: English structure, translated words
    source: TranslationSource


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


def merge(english: Topic, translated: Topic, doc: SourceDocument, data: Any, problems: list[Problem]) -> Topic | None:
    """The English topic with the translation's words, or None after adding one located problem
    per value the translation states differently from the English."""
    found: list[Problem] = []
    merged = _merge(english, translated, None, (), doc, data, found)
    problems.extend(found)
    if found:
        return None
    return Topic.model_validate(merged)


def _merge(english: Any, translated: Any, annotation: Any, loc: Path_, doc: SourceDocument, data: Any, found: list[Problem]) -> Any:
    if _is_words(annotation):
        return translated
    if isinstance(english, BaseModel):
        if type(translated) is not type(english):
            found.append(_problem(doc, data, loc, "has another shape than the English"))
            return english
        merged = {}
        for name, field in type(english).model_fields.items():
            here = loc + (name,)
            if name in FROM_ENGLISH:
                merged[name] = getattr(english, name)
                continue
            inner = field.annotation if WORDS_FOR_READERS not in field.metadata else Annotated[str, WORDS_FOR_READERS]
            merged[name] = _merge(getattr(english, name), getattr(translated, name), inner, here, doc, data, found)
        return merged
    if english is None or translated is None:
        if english is not translated:
            said = "has none" if english is None else "has it"
            found.append(_problem(doc, data, loc, f"the English {said}: a translation has the same parts as the English"))
        return english
    if isinstance(english, (list, tuple)):
        item = _item_type(annotation)
        if _is_words(item):
            return list(translated)  # lay terms, questions to ask: the translation's own list
        if len(english) != len(translated):
            found.append(_problem(doc, data, loc, f"has {len(translated)} items but the English has {len(english)}: a translation has the same items, in the same order"))
            return list(english)
        return [_merge(e, t, item, loc + (index,), doc, data, found) for index, (e, t) in enumerate(zip(english, translated, strict=True))]
    if isinstance(english, dict):
        value = _value_type(annotation)
        if set(english) != set(translated):
            found.append(_problem(doc, data, loc, f"has the keys {sorted(translated)} but the English has {sorted(english)}"))
            return dict(english)
        return {key: _merge(english[key], translated[key], value, loc + (key,), doc, data, found) for key in english}
    if english != translated:
        found.append(_problem(doc, data, loc, f"is {_shown(translated)} but the English says {_shown(english)}: a translation keeps every value that is not words (the English decides it)"))
    return english


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
