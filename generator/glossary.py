"""Glossary: explain abbreviations and medical terms wherever they appear on a page.

Each page gets the site glossary appended as Python-Markdown `abbr` definitions
(`*[EMG]: Electromyogram: ...`); the `abbr` extension then wraps every occurrence of the term
in `<abbr title="...">`. generator/markdown_glossary.py makes the first one focusable.
"""

from __future__ import annotations

import re

# A term is matched against the page text as written, so it may hold only characters that
# the plain-text escaping (generator/markup.py) leaves as they are.
TERM_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9' .-]*[A-Za-z0-9])?$"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def definitions(glossary: dict[str, str]) -> str:
    """The `*[TERM]: explanation` block for the end of a page ('' when there is no glossary).

    The explanation ends up in an HTML attribute, which Python-Markdown escapes itself, so it
    is written as plain text: one line, no control characters, never Markdown-escaped (an
    entity such as `&amp;` would be shown literally in the tooltip).
    """
    lines = []
    for term, explanation in sorted(glossary.items()):
        if not re.match(TERM_PATTERN, term):
            raise ValueError(f"glossary term {term!r} does not match {TERM_PATTERN}")
        text = " ".join(_CONTROL.sub(" ", explanation).split())
        lines.append(f"*[{term}]: {text}")
    return "\n".join(lines) + "\n" if lines else ""
