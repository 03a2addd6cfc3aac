"""The test suite's own rules: every test in tests/e2e is marked `browser` by its folder, and
a build run the way the tests run it leaves the source tree as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import ROOT, build_site

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


def test_every_test_in_the_e2e_folder_is_marked_browser():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "not browser", "tests/e2e"],
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
