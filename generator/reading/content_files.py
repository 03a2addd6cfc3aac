"""Read a content file's bytes, refusing anything that is not a plain file of a sane size.

Whatever sits in content/ is read by the build: a link to /dev/zero would be read forever, a
FIFO would block it, and a link out of the folder would publish (and echo in error messages)
a file nobody meant to. So the file is checked before it is read: it must be a regular file
inside the content folder and no bigger than the limit. It is opened without blocking, and the
opened file is checked again, so it cannot be swapped for something else in between.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .problems import ContentError, Problem

MAX_FILE_BYTES = 1_000_000  # a topic is a few tens of KB; anything this big is a mistake
_KINDS = {
    stat.S_IFDIR: "is a folder, not a file",
    stat.S_IFIFO: "is a FIFO (named pipe), not a regular file",
    stat.S_IFCHR: "is a device, not a regular file",
    stat.S_IFBLK: "is a device, not a regular file",
    stat.S_IFSOCK: "is a socket, not a regular file",
}


def read_content_file(path: Path, content_root: Path | None = None) -> bytes:
    """The bytes of `path`, or ContentError (one problem naming the file, never its target's text).

    With `content_root`, a file that is (or links to) a file outside that folder is refused."""
    path = Path(path)
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        raise _refused(path, "cannot read file: it does not exist (or is a link to nothing)") from None
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        raise _refused(path, "cannot read file: it is a link that leads back to itself") from None
    try:
        _check(path, os.stat(real))
        if content_root is not None and not real.is_relative_to(Path(content_root).resolve()):
            raise _refused(path, "is a link to a file outside the content folder; put the file itself in the folder")
        # O_NONBLOCK: should a FIFO be swapped in after the check, opening it must not wait.
        descriptor = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as err:
        raise _refused(path, f"cannot read file: {err.strerror}") from None
    with os.fdopen(descriptor, "rb") as opened:
        _check(path, os.fstat(opened.fileno()))
        raw = opened.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:  # it grew after the check
        raise _refused(path, f"file is over {MAX_FILE_BYTES:,} bytes, the limit")
    return raw


def _check(path: Path, status: os.stat_result) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise _refused(path, _KINDS.get(stat.S_IFMT(status.st_mode), "is not a regular file"))
    if status.st_size > MAX_FILE_BYTES:
        raise _refused(path, f"file is {status.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}")


def _refused(path: Path, message: str) -> ContentError:
    return ContentError([Problem(path, message)])
