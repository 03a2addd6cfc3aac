"""Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE), so neither name is ever missing.

os.rename cannot put anything over a non-empty folder; exchanging does, atomically. Where the
kernel, C library or file system cannot exchange, `exchange` says so and callers fall back.
"""

from __future__ import annotations

import ctypes
import errno
import os

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP}

try:
    _renameat2 = ctypes.CDLL(None, use_errno=True).renameat2  # glibc 2.28+
except (AttributeError, OSError):
    _renameat2 = None


def exchange(first: os.PathLike | str, second: os.PathLike | str) -> bool:
    """Swap what `first` and `second` name (both must exist, on the same file system).

    False when exchanging is not supported here; OSError for any other failure."""
    if _renameat2 is None:
        return False
    a, b = os.fsencode(first), os.fsencode(second)
    if _renameat2(_AT_FDCWD, a, _AT_FDCWD, b, _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), os.fsdecode(first), None, os.fsdecode(second))
