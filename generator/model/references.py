"""Typed references: the fields that name another item's id are found from the models.

A field declared `ItemRef` (or `list[ItemRef]`, see common.py) names an item of the same topic;
one declared `AnyTopicItemRef` may also name another topic's item as `other-slug#item-id`.
The reference check reads the raw topic data with the model beside it, so it knows which values
are references without a hand-kept list of field names: adding a reference field is one edit
in the model, and a wrong id is still reported at its file, line and field.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterator
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .common import REFERS_TO_ITEM

Path = tuple[Any, ...]
# A prose link to an item: [text](#id) in the same topic, [text](other-slug#id) in another.
# No ':' or '/' before the '#', so a website's address is never read as one.
PROSE_LINK = re.compile(r"\]\(([^)\s#:/]*)#([^)\s]*)\)")


def is_cross_topic(target: str) -> bool:
    """Whether a reference names another topic's item (`other-slug#item-id`)."""
    return "#" in target


def links_in(model: type[BaseModel], data: Any, loc: Path = ()) -> Iterator[tuple[str, Path]]:
    """Every (id, path) that raw `data`, read as `model`, links to, in document order: the
    values of its `ItemRef` fields and the [text](#id) links in its text. A link to another
    topic's item comes as `other-slug#item-id`. Values the model does
    not expect are passed over: validation reports them."""
    yield from _walk(model, data, loc)


def reference_fields(model: type[BaseModel]) -> set[tuple[type[BaseModel], str]]:
    """(model, field name) of every `ItemRef` field of `model` and of the models inside it."""
    return {(each, name) for each in _models_in(model, set()) for name, field in each.model_fields.items() if _refers(field)}


def _refers(field: FieldInfo) -> bool:
    """A field of type ItemRef, or a list (or optional) of them."""
    return any(meta is REFERS_TO_ITEM for meta in field.metadata) or any(_is_reference(arg) for arg in _inner(field.annotation))


def _is_reference(annotation: Any) -> bool:
    return get_origin(annotation) is Annotated and any(meta is REFERS_TO_ITEM for meta in annotation.__metadata__)


def _is_union(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType)


def _inner(annotation: Any) -> Iterator[Any]:
    """The types inside a list, an optional or a union (ItemRef in list[ItemRef] | None)."""
    if get_origin(annotation) in (list, tuple) or _is_union(annotation):
        for arg in get_args(annotation):
            yield arg
            yield from _inner(arg)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _fits(annotation: Any, value: Any) -> bool:
    """Whether `value` has the shape of `annotation` (to read a union's value as one option)."""
    if value is None:
        return annotation is type(None)
    if _is_model(annotation):
        return isinstance(value, dict)
    if get_origin(annotation) in (list, tuple):
        return isinstance(value, list)
    return annotation is not type(None)


def _walk(annotation: Any, value: Any, loc: Path) -> Iterator[tuple[str, Path]]:
    if _is_reference(annotation):
        if isinstance(value, str):
            yield value, loc
    elif get_origin(annotation) is Annotated:
        yield from _walk(get_args(annotation)[0], value, loc)
    elif _is_union(annotation):
        option = next((option for option in get_args(annotation) if _fits(option, value)), None)
        yield from _walk(option, value, loc)
    elif isinstance(value, str):
        for match in PROSE_LINK.finditer(value):
            slug, item_id = match.groups()
            yield (f"{slug}#{item_id}" if slug else item_id), loc
    elif get_origin(annotation) in (list, tuple) and isinstance(value, list):
        for index, entry in enumerate(value):
            yield from _walk(get_args(annotation)[0], entry, loc + (index,))
    elif _is_model(annotation) and isinstance(value, dict):
        for key, entry in value.items():
            field = annotation.model_fields.get(key)
            if field is not None:
                yield from _walk(_declared_type(field), entry, loc + (key,))


def _declared_type(field: FieldInfo) -> Any:
    """The field's type as declared: pydantic keeps a single ItemRef's marker on the field
    (in its metadata), not in its annotation."""
    if any(meta is REFERS_TO_ITEM for meta in field.metadata):
        return Annotated[field.annotation, REFERS_TO_ITEM]
    return field.annotation


def _models_in(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[type[BaseModel]]:
    if model in seen:
        return
    seen.add(model)
    yield model
    for field in model.model_fields.values():
        for annotation in (field.annotation, *_inner(field.annotation)):
            if _is_model(annotation):
                yield from _models_in(annotation, seen)
