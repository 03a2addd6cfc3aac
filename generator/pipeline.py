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
from .atomic_swap import exchange
from .cached_render import CachedPageRenderer
from .content import Content, load_content
from .render import PAGE_TITLES, TOPIC_PAGES, RenderedPage, pages_of


@dataclass(frozen=True)
class Generated:
    content: Content
    pages: list[RenderedPage]

    def navigation(self) -> list[dict]:
        """Home (the A-Z topic list), one short section per topic, then About.

        From NAV_GROUP_FROM topics on, the navigation is only Home and About: listing topics
        (even grouped by letter) made every page carry part of the topic list, so a page grew
        with the site (113 KB instead of 95 KB at 1,000 topics; benchmarks/RESULTS.md). Readers
        find a topic on the home page's A to Z list, and move between its pages with the menu
        at the top of each (components/topic_menu.md.j2).
        """
        if len(self.content.topics) >= NAV_GROUP_FROM:
            return [{"Home": "index.md"}, {"About this site": "about.md"}]
        sections = [
            {loaded.topic.title: [{PAGE_TITLES[page]: f"{loaded.topic.slug}/{TOPIC_PAGES[page]}"} for page in pages_of(loaded.topic)]}
            for loaded in self.content.topics
        ]
        return [{"Home": "index.md"}, *sections, {"About this site": "about.md"}]


NAV_GROUP_FROM = 10  # below this, one section per topic is short enough


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
    """Replace `target` with `new_dir` so a reader never sees a half-written or missing folder.

    The two are exchanged in one step where Linux allows it; elsewhere `target` is renamed
    aside first, and is missing for the moment between two renames."""
    if target.is_dir() and not target.is_symlink() and exchange(new_dir, target):
        shutil.rmtree(new_dir)  # now the old folder
        return
    old = target.with_name(f".{target.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new_dir.rename(target)
    if old.exists():
        shutil.rmtree(old)
