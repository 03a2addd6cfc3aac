"""Worker processes keep the cycle collector off what they hold for long (generator/long_lived.py,
issue 17: at 1,000 topics each loading worker spent 4.6 s in collections that freed nothing)."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from generator import long_lived


@pytest.fixture
def collector_calls(monkeypatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("set aside"))
    return calls


def test_a_worker_sets_aside_only_what_its_first_task_brought(collector_calls):
    """Its modules, imported to unpickle the first task; the objects of later tasks stay in the
    collector's walks (a worker runs many tasks, and their cycles must still be collected)."""
    long_lived.set_aside_in_worker.cache_clear()  # as in a new worker
    for _ in range(3):
        long_lived.set_aside_in_worker()
    assert collector_calls == ["set aside"]


def test_a_worker_collects_nothing_while_it_loads_a_batch_and_collects_again_after():
    from generator.render import parallel

    seen = parallel._call((lambda: [gc.isenabled()], ()))
    assert seen == [False] and gc.isenabled()
    gc.unfreeze()  # what the call set aside in this (test) process


def test_the_build_s_process_ends_without_a_last_walk_over_what_it_holds():
    """Python's last collection at exit walked the whole heap (~0.1 s of a one-topic build):
    the plugin's start sets everything aside for then, and only for then."""
    script = (
        "import atexit, gc\n"
        "atexit.register(lambda: print('set aside at exit:', gc.get_freeze_count() > 0))\n"  # runs after the plugin's
        "from generator.engine.mkdocs.plugin import HealthGuidePlugin\n"
        "HealthGuidePlugin().on_startup(command='build', dirty=False)\n"
        "print('set aside while running:', gc.get_freeze_count() > 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.splitlines() == ["set aside while running: False", "set aside at exit: True"]
