"""The engine-agnostic step: content folder -> validated models -> Markdown pages.

Nothing here knows about MkDocs; the hook and the CLI both call `generate`.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .content import Content, load_content
from .render import TOPIC_PAGES, PageRenderer, RenderedPage, pages_of

PAGE_TITLES = {"guide": "Guide", "faq": "Questions and answers", "self-check": "Self-check: how urgent is it?"}


@dataclass(frozen=True)
class Generated:
    content: Content
    pages: list[RenderedPage]

    def navigation(self) -> list[dict]:
        """Home (the A-Z topic list), one short section per topic, then About."""
        nav: list[dict] = [{"Home": "index.md"}]
        for loaded in self.content.topics:
            slug = loaded.topic.slug
            nav.append({loaded.topic.title: [{PAGE_TITLES[page]: f"{slug}/{TOPIC_PAGES[page]}"} for page in pages_of(loaded.topic)]})
        nav.append({"About this site": "about.md"})
        return nav


def generate(content_dir: Path, today: date | None = None) -> Generated:
    """Load and validate everything, then render every page. Raises ContentError on bad input."""
    content = load_content(Path(content_dir))
    return Generated(content=content, pages=PageRenderer(content, today=today).pages())


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
