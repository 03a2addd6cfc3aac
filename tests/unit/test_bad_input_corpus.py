"""The bad-input corpus (tests/fixtures/bad/): each case, validated by the real command line,
gives exactly the problems written in its .expected file - one line per problem naming file,
line, column and field - with a non-zero exit code and no traceback.

Most cases are one small edit of the sample topic (tests/fixtures/minimal/topics/sample.yaml),
listed in EDITS below, so a change to the sample (a new required field) is one fixture edit.
A case that is a whole file of its own (empty, not UTF-8, an alias bomb) is `<case>.yaml` in
the corpus folder.

This is the single command-line check of author mistakes; tests/unit/test_content_loading.py
checks the same loader in more detail from Python. To add a case, add its edit to EDITS (or
`<case>.yaml`) and its `<case>.expected` (`{file}` stands for the path of the file being
validated).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.reading.content_files import MAX_FILE_BYTES

PROJECT = Path(__file__).resolve().parents[2]
CORPUS = PROJECT / "tests" / "fixtures" / "bad"
FIXTURE = PROJECT / "tests" / "fixtures" / "minimal"
SITE = FIXTURE / "site.yaml"
SAMPLE = FIXTURE / "topics" / "sample.yaml"
# case: (old, new) replacements made in the sample topic; each `old` occurs once in it.
EDITS: dict[str, list[tuple[str, str]]] = {
    "yaml-syntax-error": [("title: Sample topic", "title: Sample: topic")],
    "tab-indentation": [("  title: What it is", "\ttitle: What it is"), ("  title: Causes", "\ttitle: Causes")],
    "wrong-type": [("title: Sample topic", "title: [a, b]")],
    "missing-required-field": [("summary: A short summary of the sample topic.\n", "")],
    "unknown-key": [("urgency_note: See a GP.", "urgency_nte: See a GP.")],
    "duplicate-id": [("  id: causes\n", "  id: overview\n")],
    "dangling-reference": [("see_also: [cause-one]", "see_also: [cause-on]")],
    "dangling-cross-topic-reference": [("description: Rare.", "description: Rare. Read [more](other-topic#faq-one).")],
    "invalid-date": [("written_on: 2026-01-01", "written_on: 2026-02-30")],
    "several-mistakes": [
        ("title: Sample topic", "titel: Sample topic"),
        ("urgency: see-doctor", "urgency: sometimes"),
        ("see_also: [cause-one]", "see_also: [nope]"),
    ],
    "python-object-tag": [("title: Sample topic", 'title: !!python/object/apply:os.system ["echo pwned"]')],
    "control-character": [("title: Sample topic", "title: Sample\x07 topic"), ("summary: A short", "summary: A \x1b[31mshort")],
    "deep-nesting": [("title: Sample topic", "title: " + "[" * 1000 + "]" * 1000)],
    "long-integer": [("title: Sample topic", "title: " + "9" * 5000)],
}
FILES = sorted(path.stem for path in CORPUS.glob("*.yaml"))
CASES = sorted([*EDITS, *FILES])
# Refusing these must be quick and small, whatever the file would expand to.
MAX_SECONDS = 10.0  # mostly interpreter start-up on a busy machine; an expanded bomb never ends
MAX_MEMORY_KB = 300_000


def prepare(case: str, root: Path) -> Path:
    """A content folder with the fixture's site.yaml and the one bad topic file."""
    (root / "topics").mkdir(parents=True)
    shutil.copyfile(SITE, root / "site.yaml")
    target = root / "topics" / f"{case}.yaml"
    if case in EDITS:
        text = SAMPLE.read_text(encoding="utf-8")
        for old, new in EDITS[case]:
            assert text.count(old) == 1, f"{case}: {old!r} occurs {text.count(old)} times in {SAMPLE}"
            text = text.replace(old, new)
        target.write_text(text, encoding="utf-8")
    else:
        shutil.copyfile(CORPUS / f"{case}.yaml", target)
    if case == "too-large":  # generated rather than committed: a megabyte of comment
        with target.open("a", encoding="utf-8") as stream:
            stream.write("# " + "x" * MAX_FILE_BYTES + "\n")
    return target


# `python -m generator ...`, then this process's own peak memory written to the file named first.
# Not the child's ru_maxrss: Linux folds the parent's peak into it through fork and exec, so a
# test run that had grown to 700 MB "measured" 700 MB for every case. VmHWM is the peak of the
# memory the program itself mapped since it started.
PEAK_MEMORY_WRAPPER = """
import runpy, sys
peak_file = sys.argv.pop(1)
try:
    runpy.run_module("generator", run_name="__main__", alter_sys=True)
finally:
    status = open("/proc/self/status", encoding="ascii").read().splitlines()
    peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    open(peak_file, "w", encoding="ascii").write(peak)
"""


def validate(root: Path) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run `python -m generator validate`; returns the result, seconds and its peak memory (KB)."""
    out, err, peak = root.parent / "stdout.txt", root.parent / "stderr.txt", root.parent / "peak-kb.txt"
    command = [sys.executable, "-c", PEAK_MEMORY_WRAPPER, str(peak), "--content", str(root), "validate"]
    start = time.monotonic()
    with out.open("w") as stdout, err.open("w") as stderr:
        returncode = subprocess.run(command, cwd=PROJECT, stdout=stdout, stderr=stderr, check=False).returncode
    elapsed = time.monotonic() - start
    result = subprocess.CompletedProcess(command, returncode, out.read_text(), err.read_text())
    return result, elapsed, int(peak.read_text(encoding="ascii"))


def expected_lines(case: str, target: Path) -> list[str]:
    text = (CORPUS / f"{case}.expected").read_text(encoding="utf-8")
    return [line.replace("{file}", str(target)) for line in text.splitlines() if line.strip()]


def test_every_case_has_its_expected_messages():
    assert len(CASES) >= 13
    assert not set(EDITS) & set(FILES), "a case is both an edit and a file"
    missing = [case for case in CASES if not (CORPUS / f"{case}.expected").exists()]
    assert not missing, f"cases without a .expected file: {missing}"
    orphans = sorted({path.stem for path in CORPUS.glob("*.expected")} - set(CASES))
    assert not orphans, f".expected files without a case: {orphans}"


def test_no_file_case_is_a_copy_of_the_sample_topic():
    """A change to the sample (a new required field) never has to be repeated in the corpus."""
    sample = set(SAMPLE.read_bytes().splitlines())
    shared = {case: len(sample & set((CORPUS / f"{case}.yaml").read_bytes().splitlines())) for case in FILES}
    assert not {case: lines for case, lines in shared.items() if lines > 2}, "write these cases as EDITS"


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


# --- files that are not plain content files ------------------------------------------------------
# Made by the test (git cannot hold a FIFO). Each replaces one file of a valid content folder.
SECRET = "do-not-print-this-line"


def _link_outside(target: Path) -> None:
    outside = target.parents[2] / "outside.yaml"  # beside the content folder, not in it
    outside.write_text(f"title: {SECRET}\n{SECRET}: yes\n", encoding="utf-8")
    target.symlink_to(outside)


SPECIAL_FILES = {
    "link-to-dev-zero": ("topics/extra.yaml", lambda target: target.symlink_to("/dev/zero"), "is a device, not a regular file"),
    "fifo": ("topics/extra.yaml", os.mkfifo, "is a FIFO (named pipe), not a regular file"),
    "link-outside-content": ("topics/extra.yaml", _link_outside, "is a link to a file outside the content folder; put the file itself in the folder"),
    "folder": ("topics/extra.yaml", Path.mkdir, "is a folder, not a file"),
    "site-as-fifo": ("site.yaml", os.mkfifo, "is a FIFO (named pipe), not a regular file"),
}


def _limit_memory() -> None:
    """In the child: fail rather than fill the machine's memory if a file is read whole."""
    resource.setrlimit(resource.RLIMIT_AS, (2_000_000_000, 2_000_000_000))


@pytest.mark.parametrize("case", SPECIAL_FILES)
def test_a_special_file_in_the_content_folder_is_refused_by_name(case, tmp_path):
    name, make, message = SPECIAL_FILES[case]
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    target = root / name
    target.unlink(missing_ok=True)
    make(target)

    # The timeout only turns a hang (a FIFO read) into a failure; a correct refusal is instant.
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--content", str(root), "validate"],
        cwd=PROJECT, capture_output=True, text=True, timeout=60, preexec_fn=_limit_memory,
    )

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.splitlines() == ["1 content problem found:", f"  {target}: {message}"]
    assert SECRET not in result.stderr
