"""Typed references (issue 13): a field that names another item's id is declared `ItemRef` in
its model, and the reference check and the link titles follow from the models, with no list of
field names kept by hand (generator/model/references.py)."""

from __future__ import annotations

import ast
from pathlib import Path

from pydantic import Field

from generator.model.common import ItemRef, Linkable, Strict
from generator.model.ids import check_references
from generator.model.references import reference_fields
from generator.model.self_check import SelfCheck
from generator.model.topic import Condition, Topic
from generator.reading.yaml_source import parse_yaml
from support import ROOT

MODELS = ROOT / "generator" / "model"


def declared_as_item_ref() -> set[tuple[str, str]]:
    """(class, field) of every field whose annotation names ItemRef in the model sources."""
    found = set()
    for path in MODELS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for statement in node.body:
                    if isinstance(statement, ast.AnnAssign) and "ItemRef" in ast.unparse(statement.annotation):
                        found.add((node.name, statement.target.id))
    return found


def test_the_checked_reference_fields_are_exactly_those_declared_item_ref():
    """Walking the models finds every ItemRef field, in lists and optionals, at any depth (the
    topic's, and the self-check rules built from its signs)."""
    derived = {
        (next(owner for owner in model.__mro__ if name in owner.__dict__.get("__annotations__", {})).__name__, name)
        for model, name in reference_fields(Topic) | reference_fields(SelfCheck)
    }
    assert derived == declared_as_item_ref()
    assert {("Condition", "see_also"), ("FaqEntry", "related"), ("SignWords", "sources"), ("Rule", "question")} <= derived


class ConditionWithReading(Condition):
    """A model as an author of the generator might extend it: two new reference fields."""

    further_reading: list[ItemRef] = Field(default_factory=list)
    main_source: ItemRef | None = None


class Guide(Strict):
    conditions: list[ConditionWithReading]


GUIDE = b"""conditions:
  - id: tics
    name: Tics
    description: Quick movements.
    how_it_differs: They can be held back for a while.
    urgency: see-doctor
    urgency_note: See a GP.
    further_reading: [tics, nowhere]
    main_source: tic
"""


def test_a_new_reference_field_is_checked_with_no_list_to_update(tmp_path):
    """A wrong id in a field declared ItemRef (a list or a single one) is a located problem:
    nothing but the model's field declaration was added."""
    path = tmp_path / "guide.yaml"
    doc = parse_yaml(path, GUIDE)
    problems = [str(problem) for problem in check_references(doc, doc.data(), Guide)]
    assert problems == [
        f"{path}:8:29: conditions[0].further_reading[1]: links to unknown id 'nowhere'",
        f"{path}:9:5: conditions[0].main_source: links to unknown id 'tic' (did you mean 'tics'?)",
    ]


def test_an_id_field_that_is_not_a_reference_is_not_checked(tmp_path):
    """`previous_ids`, `moved_from` and `slug` are ids too, but name no other item."""
    assert not {name for _, name in reference_fields(Topic)} & {"id", "previous_ids", "moved_from", "slug"}


def linkable_models() -> set[type[Linkable]]:
    found, todo = set(), [Linkable]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("generator."):
                found.add(sub)
                todo.append(sub)
    return found


def test_every_linkable_model_names_a_text_field_as_its_title():
    """Link text comes from the item's `title_field` (no list of likely title names)."""
    for model in linkable_models():
        if model.title_field is None:
            continue
        field = model.model_fields.get(model.title_field)
        assert field is not None and field.annotation is str, f"{model.__name__}.title_field = {model.title_field!r}"


def test_the_generator_keeps_no_list_of_reference_or_title_fields():
    sources = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "generator").rglob("*.py"))
    assert "REFERENCE_LISTS" not in sources and "TITLE_FIELDS" not in sources
    assert Path(MODELS / "references.py").exists()
