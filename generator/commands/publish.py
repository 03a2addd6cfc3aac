"""Publish a finished build in one atomic step: `site` is a symlink to `.site-builds/<id>/`.

Each build is written into its own folder under `.site-builds/`; publishing renames a new
symlink over `site` (a rename is atomic), so `site/index.html` exists at every instant for a web
server serving `site/`, and a failed or killed build never touches what is published. The build
before is kept (a reader may be half-way through one of its pages); older ones are removed.

A `site/` that is still a real folder (left by an older version of this command) is exchanged
with the symlink in one step with Linux's renameat2. Where that is unavailable it is renamed
aside first, so `site` is missing for the microseconds between two renames, once.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .atomic_swap import exchange


@dataclass(frozen=True)
class SiteFolders:
    """Where one site's builds, lock and leftovers live: beside `site`, named after it."""

    site: Path  # absolute; never resolved (that would follow the symlink into a build)

    @property
    def parent(self) -> Path:
        return self.site.parent

    @property
    def builds(self) -> Path:
        return self.parent / f".{self.site.name}-builds"

    @property
    def lock(self) -> Path:
        return self.parent / f".{self.site.name}-build.lock"

    def beside(self, kind: str, build: Path) -> Path:
        """A temporary name in the parent folder (the new symlink, or an old real folder)."""
        return self.parent / f".{self.site.name}-{kind}-{build.name}"

    def leftovers(self) -> list[Path]:
        """Everything publishing made that `site` may no longer need."""
        found = sorted(self.builds.iterdir()) if self.builds.is_dir() else []
        prefixes = tuple(f".{self.site.name}-{kind}-" for kind in ("swap", "old"))
        return found + sorted(path for path in self.parent.iterdir() if path.name.startswith(prefixes))


def new_build_folder(folders: SiteFolders) -> Path:
    """An empty folder for the next build, readable like any file the user creates."""
    folders.builds.mkdir(exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=folders.builds))
    umask = os.umask(0)
    os.umask(umask)
    build.chmod(0o777 & ~umask)  # mkdtemp makes it private; a web server must be able to read it
    return build


def publish(build: Path, folders: SiteFolders) -> list[str]:
    """Point `site` at `build` atomically, then remove builds older than the one before.

    Raises OSError only if `site` was left as it was; returns notes about leftovers that could
    not be removed (the site is published all the same)."""
    site = folders.site
    previous = _published(folders)
    swap = folders.beside("swap", build)
    os.symlink(os.path.relpath(build, folders.parent), swap)
    try:
        if site.is_dir() and not site.is_symlink():
            if exchange(swap, site):
                previous = swap  # now holds the old folder, removed by the next build
            else:
                previous = folders.beside("old", build)
                os.rename(site, previous)
                try:
                    os.replace(swap, site)
                except OSError:
                    os.rename(previous, site)
                    raise
        else:
            os.replace(swap, site)
    except OSError:
        if swap.is_symlink():
            swap.unlink()
        raise
    return _remove_all_but(folders, keep={build, previous})


def discard(build: Path) -> None:
    """Remove a build that will not be published (best effort: the next build retries)."""
    try:
        _remove(build)
    except OSError:
        pass


def _published(folders: SiteFolders) -> Path | None:
    """The folder `site` shows now, as a path comparable with `leftovers()`."""
    if not folders.site.is_symlink():
        return None
    return Path(os.path.normpath(folders.parent / os.readlink(folders.site)))


def _remove_all_but(folders: SiteFolders, keep: set[Path | None]) -> list[str]:
    try:
        leftovers = folders.leftovers()
    except OSError as err:
        return [f"could not list the old builds ({err.strerror}: {err.filename}); delete them by hand"]
    notes = []
    for path in leftovers:
        if path in keep:
            continue
        try:
            _remove(path)
        except OSError as err:
            notes.append(f"could not remove the old build {path} ({err.strerror}: {err.filename}); delete it by hand")
    return notes


def _remove(path: Path) -> None:
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
        return

    def make_writable_and_retry(function, name, _exc_info):
        os.chmod(os.path.dirname(name), 0o700)  # an old build someone made read-only
        function(name)

    shutil.rmtree(path, onerror=make_writable_and_retry)
