"""The strings catalog: every interface word of the templates and scripts, one file per language.

generator/strings/<language>.yaml holds the words, keyed by component (`diary_script.saved`).
English is the reference: its keys are the schema every other catalog is validated against
(a pydantic model made from them), so a missing or unknown key is a located problem, and a
translation must use the same `{placeholders}` as the English. The site's language is the
first part of `locale` in site.yaml (en-GB -> en.yaml).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from ..reading.problems import ContentError, Problem
from ..reading.yaml_source import SourceDocument, load_yaml
from .common import PLAIN_TEXT_LONGEST, PlainText
from .validation import problems_from_validation

CATALOGS = Path(__file__).resolve().parent.parent / "strings"
REFERENCE = "en"
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Strings:
    """One language's words: sections[component][key] -> text with `{placeholder}`s."""

    language: str
    sections: dict[str, dict[str, str]]

    def text(self, key: str) -> str:
        """The words for "component.key"; a key not in the catalog is a mistake in the code."""
        component, _, name = key.partition(".")
        try:
            return self.sections[component][name]
        except KeyError:
            raise KeyError(f"{key!r} is not in the strings catalog ({catalog_path(REFERENCE)})") from None

    def long_date(self, value: date) -> str:
        """A date as this language writes it in a sentence: "3 March 2026", "3 de marzo de 2026"."""
        month = self.text(f"dates.month_{value.month}")
        return self.text("dates.long").format(day=value.day, month=month, year=value.year)

    def section(self, component: str) -> dict[str, str]:
        """A component's words, e.g. for a script's JSON data."""
        return dict(self.sections[component])


def catalog_path(language: str) -> Path:
    return CATALOGS / f"{language}.yaml"


def language_of(locale: str) -> str:
    return locale.split("-")[0].lower()


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def load_strings(
    locale: str, problems: list[Problem], site_doc: SourceDocument | None = None, folder: Path = CATALOGS, path: Path | None = None,
) -> Strings | None:
    """The catalog for the site's `locale`, or None after adding its problems (each located).
    `path`: a catalog kept with a language's content (content/languages/<code>/strings.yaml),
    for a language the package has no catalog for; it is checked against the English the same way."""
    language = language_of(locale)
    path = path or folder / f"{language}.yaml"
    if not path.is_file():
        available = ", ".join(sorted(p.stem for p in folder.glob("*.yaml")))
        message = f"no strings catalog for language '{language}' ({path}); catalogs: {available}"
        problems.append(site_doc.problem(("locale",), message) if site_doc else Problem(path, message, field="locale"))
        return None
    try:
        reference = _reference(folder)
        found = _validated(path, reference)
    except ContentError as err:
        problems.extend(err.problems)
        return None
    return Strings(language, found)


@cache
def _reference(folder: Path) -> dict[str, dict[str, str]]:
    """The English catalog, checked on its own: components of non-empty texts, keys in snake_case."""
    path = folder / f"{REFERENCE}.yaml"
    doc = load_yaml(path)
    data = doc.data()
    problems = []
    if not isinstance(data, dict):
        raise ContentError([doc.problem((), "must be a mapping of components to their words")])
    for component, words in data.items():
        if not _KEY.match(str(component)) or not isinstance(words, dict):
            problems.append(doc.problem((component,), "a component is a snake_case name with a mapping of keys to words"))
            continue
        problems += [doc.problem((component, key), "keys are snake_case names") for key in words if not _KEY.match(str(key))]
    # Each text as a translation's is checked (PlainText), by hand: a model made from the keys,
    # as _validated uses, costs ~17 ms of every build, and this catalog is the one every build reads.
    problems += [
        doc.problem((component, key), f"must be one line of text, 1 to {PLAIN_TEXT_LONGEST} characters")
        for component, words in data.items() if isinstance(words, dict) for key, text in words.items()
        if not isinstance(text, str) or not 1 <= len(text.strip()) <= PLAIN_TEXT_LONGEST
    ]
    if problems:
        raise ContentError(problems)
    return {component: {key: text.strip() for key, text in words.items()} for component, words in data.items()}


def _validated(path: Path, reference: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """A catalog with exactly the reference's keys, and the same placeholders in each text."""
    if path.stem == REFERENCE:
        return reference
    doc = load_yaml(path)
    found = _checked(doc, _model(tuple((c, tuple(words)) for c, words in reference.items())))
    problems = [
        doc.problem((component, key), f"uses {sorted(placeholders(text))} but the English uses {sorted(placeholders(reference[component][key]))}")
        for component, words in found.items()
        for key, text in words.items()
        if placeholders(text) != placeholders(reference[component][key])
    ]
    if problems:
        raise ContentError(problems)
    return found


def _checked(doc: SourceDocument, model: type[BaseModel]) -> dict[str, dict[str, str]]:
    try:
        return model.model_validate(doc.data()).model_dump()
    except ValidationError as err:
        raise ContentError(problems_from_validation(doc, err)) from None


class _Catalog(BaseModel):
    """Not a content model (model/common.Strict): its keys stay out of the topics' "did you mean"."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@cache
def _model(shape: tuple[tuple[str, tuple[str, ...]], ...]) -> type[BaseModel]:
    """A strict model with one required text per key of each component."""
    sections = {
        component: (create_model(f"Strings_{component}", __base__=_Catalog, **{key: (PlainText, ...) for key in keys}), ...)
        for component, keys in shape
    }
    return create_model("StringsCatalog", __base__=_Catalog, **sections)
