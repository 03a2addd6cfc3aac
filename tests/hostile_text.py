"""Hostile author text: a copy of tests/fixtures/minimal whose titles (the topic's, its overview
section's and that section's subsection's headings), summary, site name and site description,
and glossary explanation each carry every attack at once.

Each value must reach the reader exactly as written (as text, never as markup) in the page
title, the description <meta>, the header, the navigation, the tooltip and the search results.
A value that became markup would run a script, set `window.__hostile`, or send the page to
example.org; a `"` or `>` that ended an attribute or tag early would push the
Content-Security-Policy <meta> out of <head>.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "minimal"

ATTACKS = (
    'See a GP if it "won\'t stop" > 2 weeks.',
    "<script>window.__hostile = 'script'</script>",
    "<img src=x onerror=\"window.__hostile = 'img'\">",
    '<meta http-equiv=refresh content="0;url=http://example.org/">',
    "&amp; &lt;b&gt; must read literally, and so must A & E",
)
ATTACK = " ".join(ATTACKS)

TOPIC_SLUG = "sample-topic"
OLD_SLUG = "old-sample-topic"  # the topic moved from here: its redirect pages show the title too
SUBSECTION_ID = "sub-one"
SUBSECTION_WORD = "Subsection"  # in the subsection's heading and text: a search finds it
GLOSSARY_TERM = "GP"  # used on the fixture's pages ("See a GP if")


@dataclass(frozen=True)
class HostileSite:
    content_dir: Path
    site_name: str
    site_description: str
    topic_title: str
    topic_summary: str
    glossary_explanation: str
    section_title: str  # the overview's heading (h2), on the topic's first page
    subsection_title: str  # the heading (h3) of its subsection SUBSECTION_ID, under it


def write_hostile_content(root: Path) -> HostileSite:
    """Copy the minimal fixture to `root` with every author-written field under test hostile."""
    shutil.copytree(FIXTURE, root)
    site = HostileSite(
        content_dir=root,
        site_name="Site name " + ATTACK,
        site_description="Site description " + ATTACK,
        topic_title="Topic title " + ATTACK,
        topic_summary="Summary " + ATTACK,
        glossary_explanation="Family doctor " + ATTACK,
        section_title="Section title " + ATTACK,
        subsection_title=SUBSECTION_WORD + " title " + ATTACK,
    )
    # JSON strings are valid YAML scalars, whatever they contain.
    _replace(root / "site.yaml", "site_name: Test Guide", "site_name: " + json.dumps(site.site_name))
    _replace(
        root / "site.yaml",
        "site_description: A small site used by the tests.",
        "site_description: " + json.dumps(site.site_description),
    )
    with (root / "site.yaml").open("a", encoding="utf-8") as file:
        file.write(f"glossary:\n  {GLOSSARY_TERM}: {json.dumps(site.glossary_explanation)}\n")
    topic = root / "topics" / "sample.yaml"
    _replace(topic, "title: Sample topic", f"title: {json.dumps(site.topic_title)}\nmoved_from: [{OLD_SLUG}]")
    _replace(topic, "summary: A short summary of the sample topic.", "summary: " + json.dumps(site.topic_summary))
    _replace(topic, "title: What it is", "title: " + json.dumps(site.section_title))
    _replace(topic, f"{{id: {SUBSECTION_ID}, title: A subsection,", f"{{id: {SUBSECTION_ID}, title: {json.dumps(site.subsection_title)},")
    return site


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
