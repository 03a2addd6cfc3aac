"""The engine-agnostic step: content folder -> validated models -> Markdown pages.

Nothing here knows about MkDocs; the hook and the CLI both call `generate`.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import cache, disk_cache
from .cached_render import CachedPageRenderer
from .content import Content, load_content
from .render import TOPIC_PAGES, RenderedPage, pages_of

PAGE_TITLES = {"guide": "Guide", "faq": "Questions and answers", "self-check": "Self-check: how urgent is it?", "diary": "Symptom diary"}
PAGE_TITLES["links"] = "Links for clinicians"


@dataclass(frozen=True)
class Generated:
    content: Content
    pages: list[RenderedPage]

    def navigation(self) -> list[dict]:
        """Home (the A-Z topic list), one short section per topic, then About.

        From NAV_GROUP_FROM topics on, topics sit in a "Topics A to Z" section, one sub-section
        per first letter: with navigation.prune a page then carries the letters, its own
        letter's topics and its own topic's pages, not every topic (see benchmarks/RESULTS.md).
        """
        sections: list[dict] = []
        for loaded in self.content.topics:
            slug = loaded.topic.slug
            sections.append({loaded.topic.title: [{PAGE_TITLES[page]: f"{slug}/{TOPIC_PAGES[page]}"} for page in pages_of(loaded.topic)]})
        if len(sections) >= NAV_GROUP_FROM:
            sections = [{TOPICS_SECTION: group_by_first_letter(sections)}]
        return [{"Home": "index.md"}, *sections, {"About this site": "about.md"}]


NAV_GROUP_FROM = 10  # below this, one section per topic is short enough
TOPICS_SECTION = "Topics A to Z"


def group_by_first_letter(sections: list[dict]) -> list[dict]:
    """[{title: pages}, ...] (sorted by title) -> [{"A": [...]}, {"B": [...]}, ...]."""
    groups: dict[str, list[dict]] = {}
    for section in sections:
        title = next(iter(section))
        letter = title[:1].upper() if title[:1].isalpha() else "0-9"
        groups.setdefault(letter, []).append(section)
    return [{letter: entries} for letter, entries in groups.items()]


def generate(content_dir: Path, today: date | None = None, site_url: str | None = None) -> Generated:
    """Load and validate everything, then render every page. Raises ContentError on bad input.

    `site_url` is the deployed address, for the absolute links some pages show."""
    folder = disk_cache.folder_for(Path(content_dir))
    cache.TOPICS.store = None if folder is None else disk_cache.DiskStore(folder)
    content = load_content(Path(content_dir))
    return Generated(content=content, pages=CachedPageRenderer(content, today=today, site_url=site_url).pages())


def write_pages(pages: list[RenderedPage], out_dir: Path) -> None:
    """Write Markdown for inspection; replaces `out_dir` only once everything is written."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read it
    for page in pages:
        target = staging / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    swap_in(staging, out_dir)


def swap_in(new_dir: Path, target: Path) -> None:
    """Replace `target` with `new_dir` so a reader never sees a half-written folder."""
    old = target.with_name(f".{target.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new_dir.rename(target)
    if old.exists():
        shutil.rmtree(old)
