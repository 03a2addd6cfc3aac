"""Stand-ins an author has still to replace: lines marked EDIT ME.

`healthguide new-site` and `healthguide new` write valid files whose stand-in text, and the
settings a publisher must choose, carry the marker, so a preview works at once while the
publishing build (`python -m generator build`) refuses them, naming each line.
"""

from __future__ import annotations

import re
from pathlib import Path

from .problems import Problem

MARKER = "EDIT ME"
_KEY = re.compile(r"^\s*(?:-\s+)?\{?\s*([A-Za-z_][\w-]*)\s*:")


def edit_markers(content_dir: Path) -> list[Problem]:
    """One problem per marked line of site.yaml and the topic files. A line that is only a
    comment is an explanation, which may name the marker; a value or its comment marks it."""
    content_dir = Path(content_dir)
    files = [content_dir / "site.yaml", *sorted((content_dir / "topics").glob("*.yaml"))]
    problems = []
    for path in files:
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if MARKER in line and not line.lstrip().startswith("#"):
                key = _KEY.match(line)
                problems.append(Problem(
                    path, f"still marked {MARKER}: write your own text here, then remove the words {MARKER}",
                    field=key.group(1) if key else "", line=number, column=line.index(MARKER) + 1))
    return problems
