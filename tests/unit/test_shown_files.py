"""The files the pages show (the clinicians' pages' QR codes) are written by a process of their
own, handed them by a thread, while MkDocs builds the pages (generator/engine/mkdocs/shown_files.py),
not copied one by one by the build's own thread before the first page (issue 17: about a fifth
of a cold build)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from test_mkdocs_plugin import build_config

from generator.engine.mkdocs.shown_files import ShownFiles, ShownFilesError

QR_FOLDER = "sample-topic/links/qr"


@pytest.fixture
def config(content, tmp_path):
    return build_config(content, tmp_path / "site")


def writer_threads() -> list[str]:
    """The threads that hand the files to the writing process (none once the build is over)."""
    return [thread.name for thread in threading.enumerate() if thread.name == "shown-files-writer"]


class _Files(BasePlugin):
    """Notes the files MkDocs itself writes (its `files`), after every page is built."""

    def __init__(self) -> None:
        self.copied: list[str] = []

    def on_post_build(self, config) -> None:
        self.copied = [file.src_uri for file in self._files]

    def on_env(self, env, config, files):
        self._files = files
        return env


def test_the_qr_codes_are_in_the_site_but_not_among_the_files_mkdocs_copies(config):
    watch = config.plugins["files"] = _Files()
    build(config)
    written = sorted(path.name for path in (Path(config.site_dir) / QR_FOLDER).glob("*.svg"))
    assert written and all((Path(config.site_dir) / QR_FOLDER / name).read_text(encoding="utf-8").startswith("<svg") for name in written)
    assert watch.copied and not [path for path in watch.copied if path.startswith(QR_FOLDER)]
    assert writer_threads() == []


class _InTheWay(BasePlugin):
    """Puts a folder where the first QR code goes, after the site folder is cleaned and before
    any page is read."""

    @event_priority(-100)  # after the healthguide plugin's on_files
    def on_files(self, files, config):
        (Path(config.site_dir) / QR_FOLDER / "red-flags.svg").mkdir(parents=True)
        return files


def test_a_qr_code_that_cannot_be_written_is_one_build_error_naming_it(config, caplog):
    config.plugins["in-the-way"] = _InTheWay()
    with pytest.raises(Abort):
        build(config)
    errors = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    blocked = Path(config.site_dir) / QR_FOLDER / "red-flags.svg"
    assert errors == [f"{blocked}: could not write it: Is a directory"]
    assert writer_threads() == []


def test_the_writer_names_the_file_it_could_not_write_and_writes_nothing_after_it(tmp_path):
    (tmp_path / "site" / "a").mkdir(parents=True)
    (tmp_path / "site" / "a" / "b.svg").mkdir()
    shown = ShownFiles(tmp_path / "site")
    shown.add({"a/first.svg": "<svg/>", "a/b.svg": "<svg/>"})
    shown.add({"a/after.svg": "<svg/>"})
    with pytest.raises(ShownFilesError, match=r"/site/a/b\.svg: could not write it: Is a directory$"):
        shown.finish()
    assert (tmp_path / "site" / "a" / "first.svg").read_text(encoding="utf-8") == "<svg/>"
    assert not (tmp_path / "site" / "a" / "after.svg").exists()
    assert writer_threads() == []


def test_a_path_leaving_the_site_is_refused(tmp_path):
    shown = ShownFiles(tmp_path / "site")
    shown.add({"../outside.svg": "<svg/>"})
    with pytest.raises(ShownFilesError, match="outside the site"):
        shown.finish()
    assert not (tmp_path / "outside.svg").exists()


def test_each_file_is_written_once_and_a_closed_writer_ends(tmp_path):
    shown = ShownFiles(tmp_path / "site")
    shown.add({"a/one.svg": "<svg>1</svg>"})
    shown.add({"a/one.svg": "<svg>again</svg>", "a/two.svg": "<svg>2</svg>"})
    shown.finish()
    assert (tmp_path / "site" / "a" / "one.svg").read_text(encoding="utf-8") == "<svg>1</svg>"
    assert (tmp_path / "site" / "a" / "two.svg").is_file()
    closed = ShownFiles(tmp_path / "other")
    closed.close()
    closed.close()
    assert writer_threads() == []


def writer_processes(site_dir: Path) -> list[int]:
    """This process's children writing into site_dir (their command line names it)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rpartition(")")[2].split()
            command = (status.parent / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == os.getpid() and fields[0] != "Z" and str(site_dir).encode() in command:
            found.append(int(status.parent.name))
    return found


def test_the_files_are_written_by_a_process_of_their_own_that_ends_with_the_writer(tmp_path):
    """A thread of the build's process wrote them at half speed (it waited for Python's lock
    after each system call); a process of its own does not wait for the build."""
    site = tmp_path / "site"
    shown = ShownFiles(site)
    shown.add({"a/one.svg": "<svg>1</svg>"})
    assert len(writer_processes(site)) == 1
    shown.finish()
    assert (site / "a" / "one.svg").read_text(encoding="utf-8") == "<svg>1</svg>"
    assert writer_processes(site) == []
    stopped = ShownFiles(tmp_path / "stopped")
    stopped.add({"b/two.svg": "<svg>2</svg>"})
    stopped.close()
    assert writer_processes(tmp_path / "stopped") == []
