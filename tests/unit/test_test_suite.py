"""The test suite's own rules: every browser test is marked `browser` by its path, a
build run the way the tests run it leaves the source tree as it was, and Markdown is converted
with the one list of extensions, mkdocs.yml's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import ROOT, build_site, markdown_extensions

# Not the project's files: installed tools, and the caches of Python and the test tools.
NOT_SOURCE = {".git", ".venv", "node_modules", "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache"}


def source_tree() -> dict[str, int]:
    """Every file of the worktree (ignored ones included) and when it last changed."""
    files = {}
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in NOT_SOURCE]
        for name in names:
            path = Path(folder, name)
            if name != ".git":
                files[path.relative_to(ROOT).as_posix()] = path.lstat().st_mtime_ns
    return files


def test_every_browser_test_is_marked_browser():
    """tests/e2e by its folder, a component's test_*_browser.py by its name."""
    beside_components = sorted(str(path.relative_to(ROOT)) for path in ROOT.glob("generator/components/*/test_*_browser.py"))
    assert len(beside_components) >= 5, beside_components
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "not browser", "tests/e2e", *beside_components],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    # Exit code 5: no test collected, i.e. every one was deselected by the marker.
    assert result.returncode == 5, result.stdout + result.stderr
    assert "deselected" in result.stdout, result.stdout


def test_a_build_of_the_real_content_leaves_the_source_tree_unchanged(tmp_path, private_build_cache):
    before = source_tree()

    result = build_site(tmp_path / "site")

    assert result.returncode == 0, result.stderr
    after = source_tree()
    added = sorted(after.keys() - before.keys())
    changed = sorted(path for path in before.keys() & after.keys() if before[path] != after[path])
    removed = sorted(before.keys() - after.keys())
    assert (added, changed, removed) == ([], [], []), "the build wrote into the source tree"
    assert any(private_build_cache.rglob("*.json")), "the build's cache is the tests' private one"


def test_markdown_helpers_convert_with_every_extension_of_mkdocs_yml(md_tree, content):
    names, settings = markdown_extensions()
    assert {"abbr", "toc"} <= set(names) and settings["toc"] == {"permalink": False}
    definition = "Ask your GP.\n\n*[GP]: General practitioner"
    assert [abbr.attrs["title"] for abbr in md_tree(definition).find_all("abbr")] == ["General practitioner"]
    site = content.site_file
    site.write_text(site.read_text(encoding="utf-8") + "glossary:\n  GP: General practitioner\n", encoding="utf-8")
    about = content.html_pages()["about.md"]
    assert "General practitioner" in {abbr.attrs["title"] for abbr in about.find_all("abbr")}


def test_browser_tests_build_and_serve_a_changed_site_with_the_one_helper():
    """A browser test that builds a changed copy of the content and serves it does so with
    support.built_and_served (four modules had their own copy, and only some of them set
    site_url to where the copy is served, which Material's instant navigation needs)."""
    own_copies = sorted(
        path.name
        for path in (ROOT / "tests" / "e2e").glob("test_*.py")
        if "build_site(" in (text := path.read_text(encoding="utf-8")) and "ThreadingHTTPServer(" in text
    )
    assert own_copies == []
