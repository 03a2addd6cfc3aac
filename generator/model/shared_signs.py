"""Warning signs shared by several topics (stroke, seizure, sudden headache), written once.

`content/shared-signs.yaml` defines the signs and the references they cite. A topic lists the
ids it uses under `shared_signs`; before the topic is checked and validated, each one is put
into the topic's raw `signs` (and its sources into the topic's `references`), so from then on
it is the topic's own sign in every view: cards, warning table, FAQ, self-check, search and
Sources. A fix of a shared sign's words or level therefore reaches every topic at once.

The shared signs go after the topic's own, so every problem in the topic's own text keeps its
line; problems about a shared sign point at the topic's `shared_signs` entry and name the
line of shared-signs.yaml.
"""

from __future__ import annotations

import copy
import difflib
import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from ..reading.content_files import read_content_file
from ..reading.problems import ContentError, Problem
from ..reading.yaml_source import SourceDocument, parse_yaml
from . import site_tokens
from .common import Strict
from .ids import check_ids, check_references
from .items import walk_ids
from .signs import SignWords
from .topic import Reference
from .validation import problems_from_validation

SHARED_SIGNS_FILE = "shared-signs.yaml"


class SharedSign(SignWords):
    """A sign several topics use. Each topic's self-check result links to the section of that
    topic that shows the sign's card: `red_flags` for an emergency sign, else `when_to_get_help`."""


class SharedSigns(Strict):
    signs: list[SharedSign] = Field(min_length=1, description="Signs that topics use by id (a topic's `shared_signs`).")
    references: list[Reference] = Field(min_length=1, description="The references the shared signs cite (their `sources`).")


@dataclass(frozen=True)
class SharedLibrary:
    """The shared signs as raw data (settings filled in), ready to be put into a topic."""

    path: Path
    signs: dict[str, dict] = field(default_factory=dict)
    references: dict[str, dict] = field(default_factory=dict)
    places: dict[str, tuple] = field(default_factory=dict)  # id -> its path in the file's data
    text: str = ""  # the file's text, for an item's line: found only when a message names it
    digest: str = ""  # of the file's bytes: a topic's cached model is kept while it is unchanged

    def where(self, item_id: str) -> str:
        line = self._document.locate(self.places[item_id])[0] if item_id in self.places else None
        return f"{self.path.name}, line {line}"

    @functools.cached_property
    def _document(self) -> SourceDocument:
        # Parsed again, slowly but with every line (yaml_source.py), and only for a problem.
        return SourceDocument(self.path, text=self.text)


@dataclass(frozen=True)
class SharedUse:
    """Where a topic uses a shared sign: its `shared_signs` entry, and where the sign is written."""

    loc: tuple
    library: SharedLibrary
    sign_id: str

    @property
    def written_at(self) -> str:
        return self.library.where(self.sign_id)


def load_shared_signs(root: Path, settings: dict[str, str], problems: list[Problem]) -> SharedLibrary | None:
    """The shared signs of the content folder `root` (an empty library when it has no file), or
    None after adding the file's problems."""
    path = Path(root) / SHARED_SIGNS_FILE
    if not path.exists() and not path.is_symlink():
        return SharedLibrary(path)
    try:
        raw = read_content_file(path, Path(root))
        doc = parse_yaml(path, raw)
    except ContentError as err:
        problems.extend(err.problems)
        return None
    found: list[Problem] = []
    data = site_tokens.fill(doc, doc.data(), settings, found)
    found += check_ids(doc, data) + check_references(doc, data, SharedSigns)
    try:
        SharedSigns.model_validate(data)
    except ValidationError as err:
        found = problems_from_validation(doc, err) + found
    if found:
        problems.extend(found)
        return None
    return SharedLibrary(
        path,
        signs={sign["id"]: sign for sign in data["signs"]},
        references={reference["id"]: reference for reference in data["references"]},
        places=dict(walk_ids(data)),
        text=raw.decode("utf-8"),
        digest=hashlib.sha256(raw).hexdigest(),
    )


@dataclass
class SharedSignsInTopic:
    """A topic's raw data with the shared signs it uses put in, and what came of it."""

    data: Any
    used: dict[str, SharedUse] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # For the reference check (ids.check_references): what to say of an id that names a shared
    # sign the topic does not use, and None for an unknown one already reported here.
    hints: dict[str, Callable[[], str] | None] = field(default_factory=dict)


def use_shared_signs(doc: SourceDocument, data: Any, library: SharedLibrary) -> SharedSignsInTopic:
    """The topic's raw `data` with the shared signs it lists put into its `signs` and their
    sources into its `references`; where each is used; and the mistakes in using them."""
    result = SharedSignsInTopic(data)
    if not isinstance(data, dict):
        return result  # the model reports it
    problems = result.problems
    result.hints = {sign_id: functools.partial(_not_listed, library, sign_id) for sign_id in library.signs}
    own = {item_id: loc for item_id, loc in reversed(list(walk_ids(data)))}  # first place of each id
    for item_id, loc in own.items():
        if item_id in library.signs:
            problems.append(doc.problem(loc, f"'{item_id}' is a shared sign ({library.where(item_id)}): "
                                             "list it under shared_signs instead of writing it here, or give this item another id"))
    uses = data.get("shared_signs")
    if uses is None:
        return result
    if not isinstance(uses, list):  # the model reports it; the cards that name its signs follow from it
        result.hints = dict.fromkeys(library.signs)
        return result
    data = result.data = copy.deepcopy(data)
    used = result.used
    for index, sign_id in enumerate(uses):
        loc = ("shared_signs", index)
        if not isinstance(sign_id, str):
            continue  # the model reports it
        if sign_id not in library.signs:
            guess = _guess(sign_id, library)
            problems.append(doc.problem(loc, f"unknown shared sign '{sign_id}'{_suggest(guess, library)}"))
            # One typo, one problem: the cards that name the misspelt id, or the right one, follow from it.
            result.hints[sign_id] = None
            if guess is not None:
                result.hints[guess] = None
        elif sign_id in used:
            line, _ = doc.locate(used[sign_id].loc)
            problems.append(doc.problem(loc, f"shared sign '{sign_id}' is already listed (line {line})"))
        elif sign_id not in own:
            used[sign_id] = SharedUse(loc, library, sign_id)
    if not used:
        return result
    signs = data.setdefault("signs", [])
    if not isinstance(signs, list):
        result.used = {}
        return result  # the model reports a malformed `signs`
    cited: list[str] = []
    for sign_id in used:
        sign = copy.deepcopy(library.signs[sign_id])
        section = _dict(data.get("red_flags" if sign.get("level") == "emergency" else "when_to_get_help")).get("id")
        sign["explained_by"] = [section] if isinstance(section, str) else []
        signs.append(sign)
        cited += [ref for ref in sign["sources"] if ref not in cited]
    items = _dict(data.get("references")).get("items")
    if isinstance(items, list):
        for ref in sorted(cited, key=list(library.references).index):
            if ref in own:
                problems.append(doc.problem(own[ref], f"'{ref}' is a reference of the shared signs this topic uses "
                                                      f"({library.where(ref)}): remove it here, or give this item another id"))
            else:
                items.append(copy.deepcopy(library.references[ref]))
    return result


def _not_listed(library: SharedLibrary, sign_id: str) -> str:
    return f"'{sign_id}' is a shared sign ({library.where(sign_id)}): list it under shared_signs to use it"


def _guess(sign_id: str, library: SharedLibrary) -> str | None:
    guess = difflib.get_close_matches(sign_id, sorted(library.signs), n=1)
    return guess[0] if guess else None


def _suggest(guess: str | None, library: SharedLibrary) -> str:
    if guess is not None:
        return f" (did you mean '{guess}'?)"
    listed = ", ".join(sorted(library.signs)) or f"none: {library.path.name} is missing"
    return f" ({library.path.name} defines: {listed})"


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}
