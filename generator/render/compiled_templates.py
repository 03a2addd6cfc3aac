"""Compiled Jinja templates kept between builds, as Python keeps its compiled modules.

A template is compiled to Python code the first time an environment loads it: the generator's
~50 component and page templates cost about 0.15 s of every build (and of every worker process
that renders topics), and MkDocs compiles the theme's templates again in each build. The code
is the same until the template's source changes, so it is kept here and loaded instead.

The folder is the user's own ($HEALTHGUIDE_TEMPLATE_CACHE, else $XDG_CACHE_HOME/healthguide/
templates, else ~/.cache/healthguide/templates), never the content cache (.cache/healthguide/),
which a CI job may restore from elsewhere: loading compiled code runs it, so it is used only
from a folder this user owns and nobody else can write to. An entry is found by the template's
name and file, the environment's options (the same source compiles differently under other
options or filters), Jinja's version and Python's; it holds the source's checksum (an edited
template is compiled again) and a SHA-256 of the whole, so a torn or damaged file is compiled
again, never run. Nothing depends on it: a folder that cannot be made, read or written leaves
every template compiled as before. HEALTHGUIDE_TEMPLATE_CACHE=off turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

ENV_VAR = "HEALTHGUIDE_TEMPLATE_CACHE"
MAX_ENTRY_BYTES = 8_000_000  # a template's code is tens of KB; more is not ours
_DIGEST = hashlib.sha256().digest_size


def default_folder() -> Path | None:
    """Where compiled templates are kept; None when turned off or there is no home folder."""
    configured = os.environ.get(ENV_VAR)
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.environ.get("HOME")
        if not home:
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "healthguide" / "templates"


class CompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache, one file per (template, environment options), in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = hashlib.sha256("\0".join((options_of(environment), name, filename or "")).encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            fd = os.open(self.folder / bucket.key, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return  # not compiled yet (or unreadable): compiled now
        try:
            with os.fdopen(fd, "rb") as stream:
                data = stream.read(MAX_ENTRY_BYTES + 1)
        except OSError:
            return
        digest, body = data[:_DIGEST], data[_DIGEST:]
        if len(data) <= MAX_ENTRY_BYTES and hashlib.sha256(body).digest() == digest:
            bucket.bytecode_from_string(body)  # Jinja's own checks: its format, the source's checksum

    def dump_bytecode(self, bucket: Bucket) -> None:
        body = bucket.bytecode_to_string()
        temporary = self.folder / f".{bucket.key}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as stream:
                stream.write(hashlib.sha256(body).digest() + body)
            os.replace(temporary, self.folder / bucket.key)  # whole or not at all, for a build beside this one
        except OSError:  # a full or read-only disk: the template was compiled, that is all
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def options_of(environment: jinja2.Environment) -> str:
    """Everything of an environment that shapes a template's compiled code."""
    finalize = environment.finalize
    return repr((
        jinja2.__version__, sys.implementation.cache_tag,
        environment.block_start_string, environment.block_end_string, environment.variable_start_string,
        environment.variable_end_string, environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
        environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
        environment.optimized, environment.is_async, _name(environment.autoescape),
        None if finalize is None else (_name(finalize), _passes(finalize)),
        _name(environment.code_generator_class), sorted(environment.extensions),
        # The compiled code passes a context to a filter or test marked to take one.
        sorted((name, _passes(function)) for name, function in environment.filters.items()),
        sorted((name, _passes(function)) for name, function in environment.tests.items()),
    ))


def _passes(function: object) -> str:
    """What Jinja passes a function first (@pass_context and the like), or ''."""
    return str(getattr(function, "jinja_pass_arg", ""))


def _name(value: object) -> object:
    """A function or class by its qualified name (its repr holds an address that changes)."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return value


def _usable(folder: Path) -> bool:
    """True when `folder` exists or was made, is a real folder of this user's, and nobody else
    can write to it (what is loaded from it is run)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        found = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(found.st_mode) and found.st_uid == os.geteuid() and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def compiled_templates() -> CompiledTemplates | None:
    """The store in the default folder, or None when it is turned off or not safe to use."""
    folder = default_folder()
    if folder is None or not _usable(folder):
        return None
    return CompiledTemplates(folder)


def keep_compiled(environment: jinja2.Environment) -> jinja2.Environment:
    """`environment`, its templates' compiled code kept between builds (when the folder can be used)."""
    if environment.bytecode_cache is None:
        environment.bytecode_cache = compiled_templates()
    return environment
