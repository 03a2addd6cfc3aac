"""Typed references: the fields that name another item's id are found from the models.

A field declared `ItemRef` (or `list[ItemRef]`, see common.py) names an item of the same topic;
one declared `AnyTopicItemRef` may also name another topic's item as `other-slug#item-id`.
The reference check reads the raw topic data with the model beside it, so it knows which values
are references without a hand-kept list of field names: adding a reference field is one edit
in the model, and a wrong id is still reported at its file, line and field.
"""

from __future__ import annotations

import functools
import re
import types
from collections.abc import Callable, Iterator
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
    found: list[tuple[str, Path]] = []
    _walker(model)(data, loc, found)
    return iter(found)


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


def _fits(annotation: Any) -> Callable[[Any], bool]:
    """Whether a value has the shape of `annotation` (to read a union's value as one option)."""
    if annotation is type(None):
        return lambda value: value is None
    if _is_model(annotation):
        return lambda value: isinstance(value, dict)
    if get_origin(annotation) in (list, tuple):
        return lambda value: isinstance(value, list)
    return lambda value: value is not None


Walker = Callable[[Any, Path, list], None]


def _walker(annotation: Any) -> Walker:
    """The function that appends to `found` every link in a value of type `annotation`."""
    if _is_model(annotation):
        return _model_walker(annotation)
    if _is_reference(annotation):
        def reference(value: Any, loc: Path, found: list) -> None:
            if isinstance(value, str):
                found.append((value, loc))
        return reference
    if get_origin(annotation) is Annotated:
        return _walker(get_args(annotation)[0])
    if _is_union(annotation):
        options = [(_fits(option), _walker(option)) for option in get_args(annotation)]
        unfit = _walker(None)  # a value that fits no option: only its text is searched

        def union(value: Any, loc: Path, found: list) -> None:
            walk = next((walk for fits, walk in options if fits(value)), unfit)
            walk(value, loc, found)
        return union
    is_list = get_origin(annotation) in (list, tuple) and bool(get_args(annotation))
    entry = _walker(get_args(annotation)[0]) if is_list else None

    def other(value: Any, loc: Path, found: list) -> None:
        if isinstance(value, str):
            _prose_links(value, loc, found)
        elif entry is not None and isinstance(value, list):
            for index, each in enumerate(value):
                entry(each, loc + (index,), found)
    return other


# Each model's walker, made the first time the model is met: reading a type's shape (typing's
# get_origin, get_args) again for every value was most of a cold load's time (issue 17).
# Kept by the model class itself: equal annotations may differ in what matters here (a
# union's options compare as a set, but the first that fits is the one read).
@functools.cache
def _model_walker(model: type[BaseModel]) -> Walker:
    fields: dict[str, Walker] = {}  # filled when first walked: models hold each other

    def walk(value: Any, loc: Path, found: list) -> None:
        if isinstance(value, str):
            _prose_links(value, loc, found)
        elif isinstance(value, dict):
            if not fields:
                fields.update({name: _walker(_declared_type(field)) for name, field in model.model_fields.items()})
            for key, each in value.items():
                field = fields.get(key)
                if field is not None:
                    field(each, loc + (key,), found)
    return walk


def _prose_links(text: str, loc: Path, found: list) -> None:
    for match in PROSE_LINK.finditer(text):
        slug, item_id = match.groups()
        found.append(((f"{slug}#{item_id}" if slug else item_id), loc))


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
