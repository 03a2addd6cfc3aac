"""Site settings named in content text: `{emergency_number}` and `{urgent_help}`.

The emergency number and the urgent-help service differ between countries, so no topic or
care-level wording writes them out: they say `{emergency_number}` and the site's value is put
in before validation, so every page, the self-check and the JSON-LD show the one number in
site.yaml. Other `{braces}` are text, except a near miss such as `{emergency_numbr}`: a typo
would otherwise be published as written.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from ..reading.problems import Problem
from ..reading.yaml_source import SourceDocument

TOKEN = re.compile(r"\{([a-z][a-z_]*)\}")
SETTINGS = ("emergency_number", "urgent_help")


def values_of(site_data: Any) -> dict[str, str]:
    """The token values a site.yaml defines (missing ones are reported by the site model)."""
    if not isinstance(site_data, dict):
        return {}
    return {name: str(site_data[name]) for name in SETTINGS if isinstance(site_data.get(name), (str, int))}


def fill(doc: SourceDocument, data: Any, values: dict[str, str], problems: list[Problem], loc: tuple = ()) -> Any:
    """`data` with every `{setting}` replaced; an unknown `{name}` is reported with its place."""
    if isinstance(data, dict):
        return {key: fill(doc, value, values, problems, loc + (key,)) for key, value in data.items()}
    if isinstance(data, list):
        return [fill(doc, value, values, problems, loc + (index,)) for index, value in enumerate(data)]
    if not isinstance(data, str) or "{" not in data:
        return data

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name in values:
            return values[name]
        # Other braces are text as written, unless they look like a mistyped setting. A known
        # setting without a value is site.yaml's own problem, reported there.
        guess = difflib.get_close_matches(name, SETTINGS, n=1, cutoff=0.75)
        if name not in SETTINGS and guess:
            problems.append(doc.problem(loc, f"unknown setting {match.group(0)} (did you mean {{{guess[0]}}}?)"))
        return match.group(0)

    return TOKEN.sub(replace, data)
