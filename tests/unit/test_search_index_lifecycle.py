"""Pagefind beside the build (search/pagefind_index.py, search/pagefind_service.py): it indexes
pages while MkDocs is still rendering, and no process or thread of it outlives a build, failed
or not, nor piles up over `mkdocs serve` rebuilds (issue 17)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.exceptions import Abort, BuildError
from mkdocs.plugins import BasePlugin, event_priority
from test_mkdocs_plugin import serve_rebuild_config

from generator.engine.mkdocs.search import pagefind_index
from support import pagefind_records


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
    config = serve_rebuild_config(content)
    config.site_dir = str(tmp_path / "site")
    config.strict = False
    return config


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


def test_pagefind_ends_by_itself_after_writing_the_index(tmp_path):
    """Pagefind answers WriteFiles while its last writes may still be on their way to the disk:
    killed at its answer, it left pagefind-ui.css cut short (a CI run's second build differed
    from its first). It is let end by itself, and every file it wrote is whole."""
    from generator.engine.mkdocs.search.pagefind_service import PagefindService

    service = PagefindService(pagefind_index.pagefind_binary())
    page = '<html lang="en"><body><article data-pagefind-body><h1>Twitching</h1><p>Eyelid twitching.</p></article></body></html>'
    service.add("twitching/index.html", page, about="twitching/index.html")
    service.write(tmp_path / "pagefind")
    assert service.exit_status == 0, f"Pagefind was stopped (exit status {service.exit_status}), not let finish"
    assert (tmp_path / "pagefind" / "pagefind.js").stat().st_size > 0
