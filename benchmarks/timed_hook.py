"""The project's MkDocs hook with a stopwatch around each of its events (benchmarks only).

benchmarks/run.py builds with this hook instead of generator/mkdocs_hook.py; the work done is
identical: every `on_*` event of the real hook is wrapped, whatever events it has. At the end
of the build the seconds spent per event go to the JSON file named by HEALTHGUIDE_BENCH_TIMINGS.
on_config is the generator (load + validate + render + nav); page events run once per page
(on_page_context: structured data; on_post_page: the CSP).
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict

from generator import mkdocs_hook

_seconds: dict[str, float] = defaultdict(float)
_calls: dict[str, int] = defaultdict(int)


def _timed(name, function):
    def run(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _seconds[name] += time.perf_counter() - start
            _calls[name] += 1

    return run


def _write_timings(config) -> None:
    target = os.environ.get("HEALTHGUIDE_BENCH_TIMINGS")
    if target:
        with open(target, "w", encoding="utf-8") as stream:
            json.dump({"seconds": dict(_seconds), "calls": dict(_calls)}, stream)


for _name in dir(mkdocs_hook):
    if _name.startswith("on_") and callable(getattr(mkdocs_hook, _name)):
        globals()[_name] = _timed(_name, getattr(mkdocs_hook, _name))

_real_post_build = globals().get("on_post_build")


def on_post_build(config):  # noqa: F811 - runs the real hook's event (if any), then reports
    if _real_post_build is not None:
        _real_post_build(config=config)
    _write_timings(config)
