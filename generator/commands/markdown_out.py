"""`python -m generator render OUT`: the generated Markdown written to a folder, for inspection."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..render.renderer import RenderedPage
from .atomic_swap import exchange


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
        for path, text in page.files.items():  # QR codes beside the clinicians' page
            (staging / path).parent.mkdir(parents=True, exist_ok=True)
            (staging / path).write_text(text, encoding="utf-8")
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
