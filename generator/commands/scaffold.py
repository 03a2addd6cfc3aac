"""`healthguide new-site DIR` and `healthguide new SLUG --kind ...`: files an author starts from.

They come from generator/scaffold/ (package data). Every stand-in in them is marked EDIT ME,
which a preview shows and the publishing build refuses (reading/edit_markers.py).
"""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

from .schema import write_schemas

SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"
SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")  # the model's Id, as an address
KINDS = {"symptom": "MedicalSignOrSymptom", "condition": "MedicalCondition"}
# A symptom guide's parts that a condition page does without (AUTHORING.md): its skeleton leaves
# them out rather than have the author fill in, then delete, parts the page does not need.
SYMPTOM_ONLY_PARTS = ("causes", "warning_signs", "conditions", "checklist", "story", "closing")


class ScaffoldError(Exception):
    """One line for the author: what was refused and why."""


def new_site(folder: Path) -> list[Path]:
    """Write a site to start from into `folder`, which must be missing or empty."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ScaffoldError(f"{folder}: already exists and is not an empty folder; choose a new one (nothing was written)")
    shutil.copytree(SCAFFOLD / "new_site", folder, dirs_exist_ok=True)
    write_schemas(folder / "schema")  # the files' schema lines point here, for the author's editor
    return sorted(path for path in folder.rglob("*") if path.is_file())


def new_topic(content_dir: Path, slug: str, kind: str, today: datetime.date | None = None) -> Path:
    """Write the skeleton of a topic to content_dir/topics/<slug>.yaml."""
    if not SLUG.fullmatch(slug) or len(slug) > 80:
        raise ScaffoldError(f"{slug!r}: a topic's name must be lowercase letters, digits and single hyphens, "
                            "starting with a letter, e.g. bells-palsy (nothing was written)")
    topics = Path(content_dir) / "topics"
    if not topics.is_dir():
        raise ScaffoldError(f"{topics}: no such folder; run this in a site's folder, or pass --content (nothing was written)")
    path = topics / f"{slug}.yaml"
    if path.exists() or slug in _slugs(topics):
        raise ScaffoldError(f"{path}: a topic named {slug} already exists; choose another name (nothing was written)")
    today = today or datetime.date.today()
    text = (SCAFFOLD / "topic" / "skeleton.yaml").read_text(encoding="utf-8")
    for placeholder, value in {"__SLUG__": slug, "__ABOUT__": KINDS[kind], "__TODAY__": today.isoformat(),
                               "__NEXT_YEAR__": today.replace(year=today.year + 1, day=min(today.day, 28)).isoformat()}.items():
        text = text.replace(placeholder, value)
    if kind == "condition":
        text = _without_parts(text, SYMPTOM_ONLY_PARTS)
    with path.open("x", encoding="utf-8") as stream:  # never over a file made meanwhile
        stream.write(text)
    return path


def _without_parts(text: str, parts: tuple[str, ...]) -> str:
    """The skeleton without the top-level blocks named `parts` (each runs to the next top-level key)."""
    kept, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line[:1].strip() and not line.startswith("#"):
            skipping = line.split(":", 1)[0] in parts
        if not skipping:
            kept.append(line)
    return "".join(kept)


def _slugs(topics: Path) -> set[str]:
    """The slug line of each topic file (a file may be named otherwise than its slug)."""
    found = set()
    for file in topics.glob("*.yaml"):
        match = re.search(r"^slug:\s*['\"]?([\w-]+)", file.read_text(encoding="utf-8", errors="replace"), re.M)
        if match:
            found.add(match.group(1))
    return found
