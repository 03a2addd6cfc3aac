"""The bad-input corpus (tests/fixtures/bad/): each file, validated by the real command line,
gives exactly the problems written in its .expected file - one line per problem naming file,
line, column and field - with a non-zero exit code and no traceback.

This is the single command-line check of author mistakes; tests/unit/test_content_loading.py
checks the same loader in more detail from Python. To add a case, add `<case>.yaml` and its
`<case>.expected` (`{file}` stands for the path of the file being validated).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.yaml_source import MAX_FILE_BYTES

PROJECT = Path(__file__).resolve().parents[2]
CORPUS = PROJECT / "tests" / "fixtures" / "bad"
SITE = PROJECT / "tests" / "fixtures" / "minimal" / "site.yaml"
CASES = sorted(path.stem for path in CORPUS.glob("*.yaml"))
# Refusing these must be quick and small, whatever the file would expand to.
MAX_SECONDS = 10.0  # mostly interpreter start-up on a busy machine; an expanded bomb never ends
MAX_MEMORY_KB = 300_000


def prepare(case: str, root: Path) -> Path:
    """A content folder with the fixture's site.yaml and the one bad topic file."""
    (root / "topics").mkdir(parents=True)
    shutil.copyfile(SITE, root / "site.yaml")
    target = root / "topics" / f"{case}.yaml"
    shutil.copyfile(CORPUS / f"{case}.yaml", target)
    if case == "too-large":  # generated rather than committed: a megabyte of comment
        with target.open("a", encoding="utf-8") as stream:
            stream.write("# " + "x" * MAX_FILE_BYTES + "\n")
    return target


def validate(root: Path) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run `python -m generator validate`; returns the result, seconds and its peak memory (KB)."""
    out, err = root.parent / "stdout.txt", root.parent / "stderr.txt"
    command = [sys.executable, "-m", "generator", "--content", str(root), "validate"]
    start = time.monotonic()
    with out.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(command, cwd=PROJECT, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own rusage, not all children's
    elapsed = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    result = subprocess.CompletedProcess(command, process.returncode, out.read_text(), err.read_text())
    return result, elapsed, usage.ru_maxrss


def expected_lines(case: str, target: Path) -> list[str]:
    text = (CORPUS / f"{case}.expected").read_text(encoding="utf-8")
    return [line.replace("{file}", str(target)) for line in text.splitlines() if line.strip()]


def test_every_case_has_its_expected_messages():
    assert len(CASES) >= 13
    missing = [case for case in CASES if not (CORPUS / f"{case}.expected").exists()]
    assert not missing, f"cases without a .expected file: {missing}"


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gives_exactly_the_expected_problems(case, tmp_path):
    target = prepare(case, tmp_path / "content")

    result, elapsed, peak_kb = validate(tmp_path / "content")

    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout == ""
    expected = expected_lines(case, target)
    header, *problems = result.stderr.splitlines()
    noun = "problem" if len(expected) == 1 else "problems"
    assert header == f"{len(expected)} content {noun} found:", result.stderr
    assert [line.strip() for line in problems] == expected, result.stderr
    assert elapsed < MAX_SECONDS, f"{case} took {elapsed:.1f} s"
    assert peak_kb < MAX_MEMORY_KB, f"{case} used {peak_kb} KB"
