"""No test waits on elapsed time (issue 11, item 12).

A fixed delay is too short on a busy machine and wasted on an idle one: a test waits on the
condition it needs (an element's state, a request or a marker request after it, a fake clock
for behaviour that is itself timed). Nothing is allowed here; a test that seems to need a delay
is waiting on the wrong thing.
"""

from __future__ import annotations

import re

from support import POLL_MARK, ROOT

TESTS = ROOT / "tests"
# Written so that this file's own patterns do not match themselves.
TIMED_WAIT = re.compile(r"\bwait_for_timeout\s*\(|\b(?:time|asyncio)\.sleep\s*\(|\bfrom\s+(?:time|asyncio)\s+import\b[^\n]*\bsleep\b")


def timed_waits() -> list[str]:
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if path == TESTS / "support.py" and line.rstrip().endswith(POLL_MARK):
                continue  # support.poll_until: checks spaced out while waiting on a condition
            if TIMED_WAIT.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def test_no_test_waits_on_elapsed_time():
    found = timed_waits()
    assert not found, "tests wait on elapsed time; wait on a condition instead:\n" + "\n".join(found)


def test_the_scan_finds_each_kind_of_timed_wait(tmp_path):
    """The pattern itself, on lines it must and must not flag."""
    # Split in two, or the scan of this file would find them.
    flagged = ["page.wait_for_" "timeout(400)", "time." "sleep(0.5)", "await asyncio." "sleep(1)", "from time " "import monotonic, sleep"]
    allowed = ["page.wait_for_function(SHOWN)", "page.clock.run_for(1_000)", "sleeper = 1", "# no fixed delays here"]
    assert [line for line in flagged if not TIMED_WAIT.search(line)] == []
    assert [line for line in allowed if TIMED_WAIT.search(line)] == []
