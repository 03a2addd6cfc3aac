"""`mkdocs` with a stopwatch around each event of the project's plugin (benchmarks only).

benchmarks/run.py runs `python benchmarks/timed_build.py build ...` instead of `mkdocs build`;
the work done is identical: before MkDocs loads the healthguide plugin, every `on_*` event
method of its class is wrapped (priorities kept), whatever events it has. At the end of the
build the seconds spent per event go to the JSON file named by HEALTHGUIDE_BENCH_TIMINGS.
on_config is the generator (load + validate + render + nav); page events run once per page
(on_page_context: structured data; on_post_page: the CSP).
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import sys
import time
from collections import defaultdict

from generator.engine.mkdocs.plugin import HealthGuidePlugin

SECONDS: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)


def timed(name: str, method):
    @functools.wraps(method)  # keeps mkdocs_priority, which MkDocs reads off the method
    def run(*args, **kwargs):
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            SECONDS[name] += time.perf_counter() - start
            CALLS[name] += 1

    return run


def wrap_events(plugin_class: type) -> list[str]:
    """Wrap every event method the class defines; returns their names."""
    names = [name for name in dir(plugin_class) if name.startswith("on_") and callable(getattr(plugin_class, name))]
    for name in names:
        setattr(plugin_class, name, timed(name, getattr(plugin_class, name)))
    return names


def write_timings() -> None:
    target = os.environ.get("HEALTHGUIDE_BENCH_TIMINGS")
    if target:
        with open(target, "w", encoding="utf-8") as stream:
            json.dump({"seconds": dict(SECONDS), "calls": dict(CALLS)}, stream)


if __name__ == "__main__":
    from mkdocs.__main__ import cli

    wrap_events(HealthGuidePlugin)
    atexit.register(write_timings)
    sys.exit(cli())
