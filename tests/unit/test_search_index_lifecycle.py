"""Pagefind beside the build (search/pagefind_index.py, search/pagefind_service.py): it indexes
pages while MkDocs is still rendering, and no process or thread of it outlives a build, failed
or not, nor piles up over `mkdocs serve` rebuilds (issue 17)."""

from __future__ import annotations

import json
import os
import socket
import stat
import sys
import threading
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.exceptions import Abort, BuildError
from mkdocs.plugins import BasePlugin, event_priority
from test_mkdocs_plugin import build_config

from generator.engine.mkdocs.search import pagefind_index
from support import can_slow_renames, pagefind_records


def pagefind_children() -> list[tuple[int, float]]:
    """(pid, CPU seconds) of each Pagefind process this test process started."""
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rpartition(")")[2].split()
            name = stat_file.read_text().partition("(")[2].rpartition(")")[0]
        except OSError:
            continue  # ended meanwhile
        if name == "pagefind" and int(fields[1]) == os.getpid() and fields[0] != "Z":
            found.append((int(stat_file.parent.name), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")))
    return found


def pagefind_threads() -> list[str]:
    return [thread.name for thread in threading.enumerate() if thread.name.startswith("pagefind-")]


@pytest.fixture
def config(content, tmp_path):
    return build_config(content, tmp_path / "site")


class _Watch(BasePlugin):
    """Notes, after the last page is written and before the site's on_post_build asks Pagefind
    to write its index, whether a Pagefind process runs and has indexed pages: waiting for that
    here, a Pagefind that only started work when told to write could never get there."""

    def __init__(self) -> None:
        super().__init__()
        self.before_post_build: list[tuple[int, float]] = []
        self.indexed_before_writing = False

    @event_priority(100)
    def on_post_build(self, config) -> None:
        self.before_post_build = pagefind_children()
        self.indexed_before_writing = config.plugins["healthguide"].search_index.wait_for_pages(1, timeout=60)


def test_pagefind_indexes_while_mkdocs_renders(config):
    watch = config.plugins["watch"] = _Watch()
    build(config)
    assert watch.before_post_build, "no Pagefind process ran while the pages were rendered"
    assert watch.indexed_before_writing, "Pagefind indexed no page before it was asked to write the index"
    records = pagefind_records(Path(config.site_dir))
    assert "sample-topic/" in records and "404.html" not in records
    assert pagefind_children() == [] and pagefind_threads() == []


class _FailingPage(BasePlugin):
    """Another part of the build failing after Pagefind started, while `failing`."""

    failing = True

    def on_post_page(self, output, page, config):
        if self.failing:
            raise BuildError(f"{page.file.src_uri}: something else went wrong")
        return output


def test_a_failed_build_leaves_no_pagefind_behind_and_rebuilds_leave_one_at_most(config):
    build(config)  # a first build, as `mkdocs serve` starts with
    failing = config.plugins["failing"] = _FailingPage()
    with pytest.raises(Abort):
        build(config)  # a rebuild that fails half-way
    assert pagefind_children() == [] and pagefind_threads() == []
    failing.failing = False
    build(config)  # and the next one works
    assert pagefind_children() == [] and pagefind_threads() == []
    assert (Path(config.site_dir) / "pagefind" / "pagefind-entry.json").is_file()


def test_a_pagefind_crash_is_one_build_error_and_nothing_is_left_running(config, tmp_path, monkeypatch, caplog):
    crashing = tmp_path / "pagefind"
    crashing.write_text("#!/bin/sh\nhead -c 1 >/dev/null\necho 'thread main panicked: out of cheese' >&2\nexit 101\n", encoding="utf-8")
    crashing.chmod(crashing.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(pagefind_index, "pagefind_binary", lambda: crashing)
    with pytest.raises(Abort):
        build(config)
    errors = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert errors == [f"{crashing}: search index: pagefind failed before the index was written: thread main panicked: out of cheese"]
    assert pagefind_children() == [] and pagefind_threads() == []


def test_the_index_is_whole_even_when_pagefind_s_own_writes_would_be_slow(tmp_path):
    """Pagefind's WriteFiles answers while each file's last chunk is still being written, and
    Pagefind exits the moment its input closes: a CI build's pagefind.js was empty and search
    never started. Here each write Pagefind makes to the index's entry files is slowed by
    strace; the index must still be whole, as its files are written by the build itself."""
    from generator.engine.mkdocs.search.pagefind_service import PagefindService

    if not can_slow_renames():
        pytest.skip("strace (allowed to trace) is needed to slow Pagefind's writes down")
    output = tmp_path / "pagefind"
    watched = [f"-P{output / name}" for name in ("pagefind.js", "pagefind-entry.json", "wasm.en.pagefind")]
    slow = tmp_path / "slow-pagefind"
    slow.write_text(f"#!/bin/sh\nexec strace -f -qq -o /dev/null {' '.join(watched)} -e trace=write,writev,pwrite64 "
                    f"-e inject=write,writev,pwrite64:delay_enter=1000000 {pagefind_index.pagefind_binary()} \"$@\"\n")
    slow.chmod(0o755)
    service = PagefindService(slow)
    page = '<html lang="en"><body><article data-pagefind-body><h1>Twitching</h1><p>Eyelid twitching.</p></article></body></html>'
    service.add("twitching/index.html", page, about="twitching/index.html")
    service.write(output)
    assert (output / "pagefind.js").stat().st_size > 10_000, "pagefind.js was cut short"
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert (output / "wasm.en.pagefind").stat().st_size > 10_000
    (meta,) = output.glob(f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    assert meta.stat().st_size > 0 and list(output.glob("index/*.pf_index")) and list(output.glob("fragment/*.pf_fragment"))
    assert not list(output.rglob(".*.tmp"))


def test_pagefind_s_own_search_pages_are_not_published(tmp_path):
    """The site's search box uses pagefind.js alone; Pagefind's ready-made UIs (about 420 KB)
    would only be published files nobody loads."""
    from generator.engine.mkdocs.search.pagefind_service import PagefindService

    service = PagefindService(pagefind_index.pagefind_binary())
    service.add("a/index.html", '<html lang="en"><body><article><h1>A</h1><p>Words.</p></article></body></html>', about="a")
    service.write(tmp_path / "pagefind")
    published = sorted(path.name for path in (tmp_path / "pagefind").iterdir() if path.is_file())
    assert "pagefind.js" in published and "pagefind-worker.js" in published
    assert not [name for name in published if "-ui." in name or "highlight" in name], published


def test_a_file_the_index_cannot_write_is_one_error_naming_it(tmp_path):
    from generator.engine.mkdocs.search.pagefind_service import SearchIndexError, write_index_files

    output = tmp_path / "pagefind"
    (output / "pagefind.js").mkdir(parents=True)  # in the way, as a full or broken disk would be
    files = [("pagefind.js", b"export {}")]
    with pytest.raises(SearchIndexError, match=r"pagefind\.js: search index: could not write it: Is a directory"):
        write_index_files(output, files)
    assert not list(output.rglob(".*.tmp"))


def test_a_file_path_leaving_the_index_folder_is_refused(tmp_path):
    from generator.engine.mkdocs.search.pagefind_service import SearchIndexError, write_index_files

    files = [("../outside.js", b"x")]
    with pytest.raises(SearchIndexError, match="outside the index"):
        write_index_files(tmp_path / "pagefind", files)
    assert not (tmp_path / "outside.js").exists()


def test_an_index_written_again_leaves_no_file_of_the_one_before(tmp_path):
    """`mkdocs serve` rebuilds into the same folder: each page's old fragment (its file named by a
    hash of its text) stayed beside the new one, and the folder grew with every save."""
    from generator.engine.mkdocs.search.pagefind_service import PagefindService

    output = tmp_path / "pagefind"
    for text in ("Eyelid twitching.", "Eyelid twitching that comes and goes."):
        service = PagefindService(pagefind_index.pagefind_binary())
        service.add("a/index.html", f'<html lang="en"><body><article><h1>A</h1><p>{text}</p></article></body></html>', about="a")
        service.write(output)
        if not (tmp_path / "elsewhere").exists():  # a link planted in the index folder, to a folder outside it
            (tmp_path / "elsewhere").mkdir()
            (tmp_path / "elsewhere" / "keep.txt").write_text("not the index's", encoding="utf-8")
            (output / "fragment" / "planted").symlink_to(tmp_path / "elsewhere")
    (fragment,) = output.glob("fragment/*.pf_fragment")
    assert len(list(output.glob("index/*.pf_index"))) == 1 and len(list(output.glob("pagefind.*.pf_meta"))) == 1
    assert not (output / "fragment" / "planted").is_symlink() and (tmp_path / "elsewhere" / "keep.txt").exists()


def test_a_link_at_a_file_s_temporary_name_is_not_followed(tmp_path):
    """Each index file is written under a temporary name first: a link planted there must not
    carry the write to the file it points at."""
    from generator.engine.mkdocs.search.pagefind_service import SearchIndexError, write_index_files

    output = tmp_path / "pagefind"
    output.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("not the index's", encoding="utf-8")
    (output / ".pagefind.js.tmp").symlink_to(victim)
    with pytest.raises(SearchIndexError, match=r"pagefind\.js: search index: could not write it"):
        write_index_files(output, [("pagefind.js", b"export {}")])
    assert victim.read_text(encoding="utf-8") == "not the index's"


# Between the build and each Pagefind process: holds each request for the index's files
# (GetFiles) until the test's barrier lets it through (_Barrier).
_ASK_AT_BARRIER = r'''#!/usr/bin/env python3
import base64, json, os, socket, subprocess, sys
port = int(sys.argv[1])
real = subprocess.Popen(sys.argv[2:], stdin=subprocess.PIPE)
buffered = b""
while chunk := os.read(0, 1 << 16):
    buffered += chunk
    *messages, buffered = buffered.split(b",")
    for message in messages:
        if json.loads(base64.b64decode(message))["payload"]["type"] == "GetFiles":
            try:
                with socket.create_connection(("127.0.0.1", port)) as barrier:
                    barrier.recv(1)
            except OSError:
                pass  # the barrier gave up waiting: on, alone
        real.stdin.write(message + b",")
        real.stdin.flush()
real.stdin.close()
sys.exit(real.wait())
'''


class _Barrier:
    """Lets the Pagefind processes' requests for their files through once `expected` of them
    wait at it, or, after 60 s with fewer, lets them through and notes `alone`: indexes made
    one after the other never all wait at once."""

    def __init__(self, expected: int) -> None:
        self.expected, self.met, self.alone = expected, 0, False
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(60)
        self.port = self._server.getsockname()[1]
        self._thread = threading.Thread(target=self._hold, daemon=True)
        self._thread.start()

    def _hold(self) -> None:
        waiting = []
        try:
            while len(waiting) < self.expected:
                waiting.append(self._server.accept()[0])
        except TimeoutError:
            self.alone = True
        self.met = len(waiting)
        self._server.close()
        for connection in waiting:
            connection.sendall(b"g")
            connection.close()

    def join(self) -> None:
        self._thread.join()


def test_the_outline_s_index_and_the_whole_text_s_are_made_side_by_side(tmp_path):
    """Pagefind makes one index's files at a time: the two indexes of a build (whole text and
    outline) are in two processes, both asked for their files before either is waited for."""
    from generator.engine.mkdocs.search.pagefind_service import PagefindIndexes

    barrier = _Barrier(expected=len(pagefind_index.BUNDLES))
    proxy = tmp_path / "ask-at-barrier"
    proxy.write_text(_ASK_AT_BARRIER, encoding="utf-8")
    wrapper = tmp_path / "pagefind"
    wrapper.write_text(f"#!/bin/sh\nexec {sys.executable} {proxy} {barrier.port} {pagefind_index.pagefind_binary()} \"$@\"\n", encoding="utf-8")
    wrapper.chmod(0o755)
    indexes = PagefindIndexes(wrapper, pagefind_index.BUNDLES)
    page = '<html lang="en"><body><article><h1>Twitching</h1><p>Eyelid twitching.</p></article></body></html>'
    for bundle in pagefind_index.BUNDLES:
        indexes.add("twitching/index.html", page, about="twitching", bundle=bundle)
    indexes.write(tmp_path / "site" / "pagefind")
    barrier.join()
    assert not barrier.alone and barrier.met == 2, "one index's files were made before the other was asked for"
    assert set(pagefind_records(tmp_path / "site")) == {"twitching/"}
    assert set(pagefind_records(tmp_path / "site", bundle=pagefind_index.OUTLINE_BUNDLE)) == {"twitching/"}


def test_the_outline_s_files_are_written_before_the_whole_text_s_are_waited_for(tmp_path, monkeypatch):
    """The outline's index is the smaller: its files are on disk while Pagefind still makes the
    whole text's (each index is written as soon as it is handed over)."""
    from generator.engine.mkdocs.search import pagefind_service

    output = tmp_path / "site" / "pagefind"
    on_disk_when_asked: dict[str, bool] = {}
    real_index_files = pagefind_service.PagefindService.index_files

    def index_files(self, about):
        on_disk_when_asked[about] = (output / pagefind_index.OUTLINE_BUNDLE / "pagefind-entry.json").is_file()
        return real_index_files(self, about)

    monkeypatch.setattr(pagefind_service.PagefindService, "index_files", index_files)
    indexes = pagefind_service.PagefindIndexes(pagefind_index.pagefind_binary(), pagefind_index.BUNDLES)
    page = '<html lang="en"><body><article><h1>Twitching</h1><p>Eyelid twitching.</p></article></body></html>'
    for bundle in pagefind_index.BUNDLES:
        indexes.add("twitching/index.html", page, about="twitching", bundle=bundle)
    indexes.write(output)
    assert on_disk_when_asked == {str(output / pagefind_index.OUTLINE_BUNDLE): False, str(output): True}
