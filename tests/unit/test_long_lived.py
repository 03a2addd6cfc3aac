"""Worker processes keep the cycle collector off what they hold for long (generator/long_lived.py,
issue 17: at 1,000 topics each loading worker spent 4.6 s in collections that freed nothing)."""

from __future__ import annotations

import gc

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
