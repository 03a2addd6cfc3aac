"""The project's build command (`make site`): `mkdocs build --strict`, published atomically.

One build at a time per site (a lock file beside it; a second build waits its turn). The build
is written into a folder of its own and published only when MkDocs succeeds (site_publish.py).
Every warning fails it: MkDocs' quiet flag is not used, as in MkDocs 1.6 it raises the logger's
level, so warnings are never counted by --strict (a topic past its review date published).
Instead, MkDocs' routine progress lines are left out of the output here. Any failure ends with
one line, "build failed; the previous site in ... is unchanged", and never a traceback.

A published site needs its public address (SITE_URL): QR codes, printed diary headers and the
sitemap carry it, and without it they would say http://127.0.0.1:8000/ (mkdocs.yml's default,
right only for `make serve`). So this command refuses to build without it, and with a contact
address at a reserved domain (contact_check.py).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from ..child_process import Stopped, StopSignals
from ..engine.mkdocs.plugin import PUBLISH_VARIABLE
from .contact_check import reserved_contact
from .publish import SiteFolders, discard, new_build_folder, publish

# MkDocs' progress lines: they name the temporary build folder and say nothing when it fails.
ROUTINE_LINES = (
    "INFO    -  Cleaning site directory",
    "INFO    -  Building documentation to directory:",
    "INFO    -  Documentation built in ",
)


def safe_build(config: Path, site_dir: Path) -> int:
    """Build into a new folder and switch `site_dir` to it; on any failure leave it as it was."""
    folders = SiteFolders(Path(os.path.abspath(site_dir)))
    failed = f"build failed; the previous site in {folders.site} is unchanged"
    if not _public_address(os.environ.get("SITE_URL", "")):
        print(f"{failed}: set SITE_URL to the site's public address, e.g. "
              f"SITE_URL=https://example.org/guide/ make site", file=sys.stderr)
        return 1
    contact = reserved_contact(Path(config))
    if contact:
        print(f"{failed}: {contact}", file=sys.stderr)
        return 1
    with StopSignals() as signals:
        try:
            notes = _build_and_publish(Path(config), folders, signals)
        except Stopped as stop:
            print(failed, file=sys.stderr)
            return 128 + stop.signum
        except MkDocsFailed:
            print(failed, file=sys.stderr)
            return 1
        except OSError as err:
            print(f"{failed} ({_describe(err)})", file=sys.stderr)
            return 1
    for note in notes:
        print(note, file=sys.stderr)
    print(f"site built in {folders.site}")
    return 0


def _public_address(url: str) -> bool:
    """An absolute http(s) address with a host: what QR codes and printed pages can carry."""
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class MkDocsFailed(Exception):
    """`mkdocs build` exited non-zero; it has already said why."""


def _build_and_publish(config: Path, folders: SiteFolders, signals: StopSignals) -> list[str]:
    folders.parent.mkdir(parents=True, exist_ok=True)
    with _one_build_at_a_time(folders, signals):
        build = new_build_folder(folders)
        try:
            status = signals.run(_mkdocs_build(config, build), _mkdocs_env(), _show)
            if signals.received:
                raise Stopped(signals.received)
            if status != 0:
                raise MkDocsFailed()
            return publish(build, folders)  # raises only when nothing was published
        except BaseException:
            discard(build)
            raise


@contextlib.contextmanager
def _one_build_at_a_time(folders: SiteFolders, signals: StopSignals):
    """Hold an exclusive lock on the lock file; the kernel releases it however this process ends."""
    descriptor = os.open(folders.lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another build of {folders.site} to finish (lock: {folders.lock})", file=sys.stderr, flush=True)
            with signals.interruptible():
                fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _mkdocs_build(config: Path, build: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(build)]


def _mkdocs_env() -> dict[str, str]:
    # NO_MKDOCS_2_WARNING: Material's banner about MkDocs 2. HEALTHGUIDE_PUBLISH: the plugin
    # refuses stand-ins still marked EDIT ME (reading/edit_markers.py), which previews show.
    return {"NO_MKDOCS_2_WARNING": "1", **os.environ, PUBLISH_VARIABLE: "1"}


def _show(line: str) -> None:
    if not line.startswith(ROUTINE_LINES):
        sys.stderr.write(line)
        sys.stderr.flush()


def _describe(err: OSError) -> str:
    if err.strerror is None:
        return str(err)
    where = f": {err.filename}" if err.filename is not None else ""
    return f"{err.strerror}{where}" + (f" -> {err.filename2}" if err.filename2 is not None else "")
