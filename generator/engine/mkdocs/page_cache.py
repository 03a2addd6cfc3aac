"""Keep each page's Markdown conversion on disk, so a build converts only the pages that changed.

Python-Markdown's convert (MkDocs' Page.render) is most of a warm build: with the generator's
own cache (render/disk_cache.py) every page's Markdown comes back unchanged, and MkDocs would
still convert all of it again. An entry holds what Page.render leaves on the page: its HTML,
its table of contents, the title of its first heading, and what MkDocs' anchor validation reads
after every page is built (the ids the page has, the anchors it links to in which files).

An entry is used only when everything the HTML depends on is the same (see `PageCache.key`):
the page's Markdown, its source path and URL, every file of the site with its URL (relative
links), the Markdown extensions and their settings, link validation settings, the versions of
the libraries that convert, and the generator's code. A page whose conversion logged anything
(a broken link...) is never stored: it is converted again, so the message comes again.

Stored as disk_cache.py stores topics (same folder, $HEALTHGUIDE_CACHE_DIR, `off`): JSON, one
file per page in a folder per site, written atomically; anything unreadable, corrupt, foreign or
too big is a miss. A build that converted every page of its site deletes that site's entries no
page used (`forget_unused`): a renamed or removed page's entry would otherwise stay for good.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import inspect
import json
import logging
import queue
import threading
from importlib.metadata import version
from pathlib import Path

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc
from pydantic import BaseModel, ConfigDict

from ...render.disk_cache import body_if_key_matches, code_fingerprint, folder_for, write_entry

KIND = "page-html"  # the cache folder's subfolder for these entries
VERSION = 2  # bump when the shape of an entry or what the key covers changes
LIBRARIES = ("markdown", "pymdown-extensions", "mkdocs", "mkdocs-material")
LOGGERS_IN_KEY = ("", "mkdocs", "mkdocs.structure.pages")  # their levels decide what render logs and records


class _TocItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    id: str
    level: int
    children: list[_TocItem]


class _Converted(BaseModel):
    """What Page.render leaves on a page (mkdocs/structure/pages.py, MkDocs 1.6)."""

    model_config = ConfigDict(extra="forbid")
    content: str
    toc: list[_TocItem]
    title: str | None
    anchor_ids: list[str]
    # target file's src_uri -> {anchor: link as written}; None when MkDocs did not record them (-v)
    links_to_anchors: dict[str, dict[str, str]] | None


class PageCache:
    """The page conversions of one site (content folder and language); off when `folder` is None."""

    def __init__(self, folder: Path | None, site: str):
        self.folder = folder
        self.site = site
        self._files: Files | None = None  # the build whose digest _build_key holds
        self._build_key: str | None = None
        self._used: set[str] = set()  # the entries (file names) of the pages this build converted
        self._writes = _EntryWrites()

    @classmethod
    def for_content(cls, content_dir: Path, language: str) -> PageCache:
        return cls(folder_for(content_dir), f"{Path(content_dir).resolve()}\0{language}")

    def install(self, page: Page) -> None:
        """Make `page.render` take its result from the cache when it can.

        Wrapping the page's own render (rather than replacing a MkDocs hook or subclassing Page,
        which MkDocs constructs itself) keeps MkDocs' order of events and its conversion
        untouched: a miss is exactly MkDocs' render, and the key is taken from the Markdown
        that render is handed, after every plugin's on_page_markdown."""
        if self.folder is None:
            return
        convert = page.render
        page.render = lambda config, files: self._render(page, convert, config, files)

    def _render(self, page: Page, convert, config, files: Files) -> None:
        key = self.key(page, config, files)
        entry = self.entry(page.file.src_uri)
        self._used.add(entry.name)
        if key is not None and _restore(page, files, _load(entry, key)):
            return
        _convert(page, convert, config, files, entry, key, self._writes)

    def convert_and_keep(self, page: Page, config, files: Files) -> None:
        """Convert `page` as MkDocs would and keep the result for the build that reads the page
        next (converted_ahead.py's worker)."""
        key = self.key(page, config, files)
        if key is not None:
            _convert(page, page.render, config, files, self.entry(page.file.src_uri), key, self._writes)

    def flush(self) -> None:
        """Wait until every conversion kept so far is on disk."""
        self._writes.flush()

    def key(self, page: Page, config, files: Files) -> str | None:
        """Everything the page's conversion depends on; None when that cannot be told."""
        build_key = self.build_key(config, files)
        if build_key is None:
            return None
        page_input = json.dumps([page.file.src_uri, page.file.url, page.file.inclusion.is_excluded(), page.markdown])
        return hashlib.sha256(f"{build_key}\0{page_input}".encode()).hexdigest()

    def build_key(self, config, files: Files) -> str | None:
        """What every page's conversion in this build shares (worked out once per `files`)."""
        if files is not self._files:
            self._files, self._build_key = files, _build_key(config, files)
        return self._build_key

    def entry(self, src_uri: str) -> Path:
        """Where the conversion of the page at `src_uri` is kept."""
        return self.site_folder() / f"{hashlib.sha256(src_uri.encode()).hexdigest()[:32]}.json"

    def site_folder(self) -> Path:
        return self.folder / KIND / hashlib.sha256(self.site.encode()).hexdigest()[:32]

    def forget_unused(self, pages: int) -> None:
        """After a build of `pages` pages: if every one came through this cache (not a dirty
        build, which skips unchanged pages), delete this site's entries that none used, and
        entries left in the folder's old layout (VERSION 1, one flat folder; never read now)."""
        self.flush()  # an entry still being written is not "unused", nor left half-made
        if self.folder is None or len(self._used) < pages:
            return
        with contextlib.suppress(OSError):  # a folder that cannot be listed only costs disk space
            for old in (self.folder / KIND).glob("*.json"):
                _delete(old)
            for entry in self.site_folder().iterdir():
                if entry.suffix == ".json" and entry.name not in self._used:  # not another build's write under way
                    _delete(entry)


def _build_key(config, files: Files) -> str | None:
    """What every page's conversion shares in this build; None when a setting cannot be told."""
    try:
        settings = json.dumps(
            {
                "extensions": config["markdown_extensions"],
                "configs": config["mdx_configs"] or {},
                "links": dict(config.validation.links),
                "directory_urls": config.use_directory_urls,
            },
            sort_keys=True,
            default=_setting,
        )
        libraries = [version(name) for name in LIBRARIES]
    except (TypeError, ValueError, OSError, ImportError):  # ImportError: a library not installed
        return None
    site_files = sorted((file.src_uri, file.url, file.inclusion.is_excluded()) for file in files)
    # What render logs, and whether it records links to anchors, depends on the log levels.
    levels = [logging.getLogger(name).getEffectiveLevel() for name in LOGGERS_IN_KEY]
    parts = [VERSION, code_fingerprint(), libraries, settings, site_files, levels]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _setting(value) -> object:
    """A function or class in the Markdown settings (a slugify function): its name and its
    module's source; a functools.partial of one (pymdownx.slugs.slugify(...)): that and its
    arguments. Anything else is not ours to tell (TypeError: no caching)."""
    if isinstance(value, functools.partial):
        return [value.func, value.args, value.keywords]  # json.dumps comes back here for the function
    if not (inspect.isfunction(value) or inspect.isclass(value) or inspect.isbuiltin(value)):
        raise TypeError(f"cannot key {type(value).__name__}")
    source = inspect.getsourcefile(value) if not inspect.isbuiltin(value) else None
    digest = hashlib.sha256(Path(source).read_bytes()).hexdigest() if source else ""
    return f"{value.__module__}.{value.__qualname__}:{digest}"


def _convert(page: Page, convert, config, files: Files, entry: Path, key: str | None, writes: _EntryWrites) -> None:
    """`convert` (MkDocs' Page.render) of the page, kept in `entry` under `key`; a conversion
    that logged anything is never kept (converted again, the message comes again)."""
    with _Logged() as logged:
        convert(config, files)
    if key is not None and not logged.records:
        writes.put(entry, key, _converted(page).model_dump_json().encode())


def _converted(page: Page) -> _Converted:
    links = page.links_to_anchors
    return _Converted(
        content=page.content,
        toc=[_toc_item(link) for link in page.toc],
        title=page._title_from_render,
        anchor_ids=sorted(page.present_anchor_ids or ()),
        links_to_anchors=None if links is None else {file.src_uri: dict(anchors) for file, anchors in links.items()},
    )


def _toc_item(link: AnchorLink) -> _TocItem:
    return _TocItem(title=link.title, id=link.id, level=link.level, children=[_toc_item(child) for child in link.children])


def _toc_token(item: _TocItem) -> dict:
    return {"level": item.level, "id": item.id, "name": item.title, "children": [_toc_token(child) for child in item.children]}


def _restore(page: Page, files: Files, stored: _Converted | None) -> bool:
    """Leave on the page what Page.render would have; False (nothing changed) when it cannot."""
    if stored is None:
        return False
    links = None
    if stored.links_to_anchors is not None:
        targets = {src: files.get_file_from_path(src) for src in stored.links_to_anchors}
        if None in targets.values():
            return False
        links = {targets[src]: dict(anchors) for src, anchors in stored.links_to_anchors.items()}
    page.content = stored.content
    page.toc = get_toc([_toc_token(item) for item in stored.toc])  # as render makes it: first item active
    page._title_from_render = stored.title
    page.present_anchor_ids = set(stored.anchor_ids)
    if links is not None:
        page.links_to_anchors = links
    return True


def _load(entry: Path, key: str) -> _Converted | None:
    try:
        body = body_if_key_matches(entry, key)
        return None if body is None else _Converted.model_validate_json(body)
    except (OSError, ValueError, RecursionError):  # absent, half-written, foreign (pydantic raises ValueErrors)
        return None


def _delete(entry: Path) -> None:
    if entry.is_file() and not entry.is_symlink():
        with contextlib.suppress(OSError):
            entry.unlink()


class _EntryWrites:
    """Entries written by a thread of their own, started at the first: a cold build makes a file
    for each page, and the build (or the worker converting ahead) goes on converting meanwhile
    instead of waiting on each (a thread waiting in the kernel does not hold Python's lock).
    flush() waits for the ones put so far; a failed write only costs speed (write_entry)."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[tuple[Path, str, bytes] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def put(self, entry: Path, key: str, body: bytes) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._write_all, name="page-cache-writer", daemon=True)
            self._thread.start()
        self._queue.put((entry, key, body))

    def flush(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    def _write_all(self) -> None:
        while (write := self._queue.get()) is not None:
            write_entry(*write)


class _Logged(logging.Handler):
    """Collects what is logged (above DEBUG) while it is in a `with` block."""

    LOGGERS = ("", "mkdocs")  # MkDocs' CLI keeps "mkdocs" from propagating to the root

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def __enter__(self) -> _Logged:
        for name in self.LOGGERS:
            logging.getLogger(name).addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        for name in self.LOGGERS:
            logging.getLogger(name).removeHandler(self)
