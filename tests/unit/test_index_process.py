"""The search index of a big site, built in a process of its own (search/index_process.py,
issue 17): the same index as in the build's process, every failure one located error, and no
process left behind by a build that fails."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from test_stored_index import index_files, source_of, three_pages, words_found

from generator.engine.mkdocs.search import index_process, pagefind_index
from generator.engine.mkdocs.search.lay_terms import BuiltPage


@pytest.fixture
def site(tmp_path, content):
    return three_pages(tmp_path, content)


def inputs_of(site_dir: Path, content) -> pagefind_index.IndexInputs:
    pages = [BuiltPage(src=source_of(path.parent.name), url=f"{path.parent.name}/", html_path=path)
             for path in sorted(site_dir.glob("*/index.html"))]
    return pagefind_index.IndexInputs.of(content, pages)


def fed(index, inputs: pagefind_index.IndexInputs):
    for page in inputs.pages:
        index.add(page.src, page.html_path.read_text(encoding="utf-8"))
    return index


def children_of(parent: int) -> list[int]:
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == parent:
            found.append(int(stat_file.parent.name))
    return found


def process_is_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"


def test_a_site_indexed_in_a_process_of_its_own_gets_the_index_the_build_s_process_makes(site, tmp_path):
    site_dir, content = site
    inputs = inputs_of(site_dir, content)
    binary = pagefind_index.pagefind_binary()
    fed(pagefind_index.SiteIndex(site_dir, inputs, binary, None), inputs).finish()
    in_process = index_files(site_dir)

    child = fed(index_process.IndexProcess(site_dir, inputs, binary, None), inputs)
    child.finish()
    assert index_files(site_dir) == in_process
    assert "Yellow banana words" in words_found(site_dir)["faq/"]
    assert process_is_gone(child.pid)


def test_a_page_the_process_cannot_mark_is_one_error_naming_it(site):
    site_dir, content = site
    (site_dir / "faq" / "index.html").write_text("<html><body><article><h1>FAQ</h1><h2 id='a'>A</h2></article></body></html>")
    inputs = inputs_of(site_dir, content)
    inputs.lay_terms["sample-topic/faq.md"] = {"no-such-anchor": ["twitchy"]}
    child = fed(index_process.IndexProcess(site_dir, inputs, pagefind_index.pagefind_binary(), None), inputs)
    with pytest.raises(pagefind_index.SearchIndexError) as raised:
        child.finish()
    assert str(raised.value) == f"{site_dir / 'faq' / 'index.html'}: search index: anchor '#no-such-anchor' is not inside any heading's section"
    assert process_is_gone(child.pid)


def test_an_indexing_process_that_dies_is_one_error(site):
    site_dir, content = site
    inputs = inputs_of(site_dir, content)
    child = index_process.IndexProcess(site_dir, inputs, pagefind_index.pagefind_binary(), None)
    os.kill(child.pid, signal.SIGKILL)  # as the kernel's out-of-memory killer would
    fed(child, inputs)
    with pytest.raises(pagefind_index.SearchIndexError, match=r"^search index: the indexing process gave no answer \(it ended with exit status -9\)$"):
        child.finish()


def test_a_build_that_fails_leaves_neither_the_process_nor_pagefind_behind(site):
    """close() (the plugin's on_build_error) ends the child, and the child its Pagefind."""
    site_dir, content = site
    inputs = inputs_of(site_dir, content)
    child = fed(index_process.IndexProcess(site_dir, inputs, pagefind_index.pagefind_binary(), None), inputs)
    assert child.wait_for_pages(len(inputs.pages), timeout=60)  # Pagefind is running and has the pages
    pagefind = children_of(child.pid)
    child.close()
    assert process_is_gone(child.pid)
    assert pagefind and all(process_is_gone(pid) for pid in pagefind)
    assert not (site_dir / "pagefind").exists()


def test_a_big_site_is_indexed_in_a_process_of_its_own_and_a_small_one_in_the_build_s(site, monkeypatch):
    site_dir, content = site
    inputs = inputs_of(site_dir, content)
    binary = pagefind_index.pagefind_binary()
    small = index_process.site_index(site_dir, inputs, binary, None)
    small.close()
    monkeypatch.setattr(index_process, "PROCESS_FROM", len(inputs.pages))
    big = index_process.site_index(site_dir, inputs, binary, None)
    big.close()
    assert isinstance(small, pagefind_index.SiteIndex) and isinstance(big, index_process.IndexProcess)


def test_a_build_that_fails_while_the_process_is_stuck_ends_it_without_waiting(site):
    """A child that reads no more (stopped, or far behind) with its pipe full: close() must not
    wait for room in the pipe (`mkdocs serve` would hang after the failed build)."""
    site_dir, content = site
    inputs = inputs_of(site_dir, content)
    child = index_process.IndexProcess(site_dir, inputs, pagefind_index.pagefind_binary(), None)
    os.kill(child.pid, signal.SIGSTOP)
    pipe = child._pages.fileno()
    os.set_blocking(pipe, False)
    with pytest.raises(BlockingIOError):
        while True:
            os.write(pipe, b"\0" * 65536)  # fills the pipe as pages the child has not read would
    os.set_blocking(pipe, True)
    child.close()
    assert process_is_gone(child.pid)


def test_a_ctrl_c_in_the_terminal_leaves_the_ending_to_the_build(site, capfd):
    """Ctrl-C reaches every process of the terminal's group: the indexing process neither dies
    with a traceback of its own nor loses the index; the build decides (it stops or finishes)."""
    site_dir, content = site
    inputs = inputs_of(site_dir, content)
    child = fed(index_process.IndexProcess(site_dir, inputs, pagefind_index.pagefind_binary(), None), inputs)
    assert child.wait_for_pages(len(inputs.pages), timeout=60)  # running: past its start
    os.kill(child.pid, signal.SIGINT)
    child.finish()
    assert "Yellow banana words" in words_found(site_dir)["faq/"]
    assert "Traceback" not in capfd.readouterr().err
