"""Benchmark the content reader's two YAML paths on the real topics, in one run.

    .venv/bin/python benchmarks/yaml_reading.py            # both paths, 20 rounds
    .venv/bin/python benchmarks/yaml_reading.py --rounds 5

The reader (generator/reading/yaml_source.py) parses a file first with libyaml
(reading/fast_yaml.py) and only falls back to ruamel's round-trip parser, which keeps line
numbers, when the file is unusual or a problem must be located. This measures what the fast
path saves: every topic in content/topics read by `parse_yaml` as it is, then by the careful
parser alone, alternating, so a drift in the machine's speed hits both. Not a test: nothing
here asserts; the ratio is recorded in benchmarks/RESULTS.md ("One YAML reading path?").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.reading.yaml_source import _careful_tree, _plain, parse_yaml  # noqa: E402


def read_fast(files: list[tuple[Path, bytes]]) -> None:
    for path, raw in files:
        parse_yaml(path, raw).data()


def read_careful(files: list[tuple[Path, bytes]]) -> None:
    for path, raw in files:
        _plain(_careful_tree(path, raw.decode("utf-8")))


def seconds(reader, files) -> float:
    start = time.perf_counter()
    reader(files)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    files = [(path, path.read_bytes()) for path in sorted((ROOT / "content" / "topics").glob("*.yaml"))]
    size = sum(len(raw) for _, raw in files)
    read_fast(files), read_careful(files)  # warm-up: imports, caches
    fast, careful = [], []
    for _ in range(args.rounds):
        fast.append(seconds(read_fast, files))
        careful.append(seconds(read_careful, files))
    ratios = [c / f for f, c in zip(fast, careful, strict=True)]
    print(f"{len(files)} topic files, {size / 1024:.0f} KiB, {args.rounds} rounds (median per round)")
    print(f"libyaml first (as built): {statistics.median(fast) * 1000:7.1f} ms")
    print(f"ruamel round-trip only:   {statistics.median(careful) * 1000:7.1f} ms")
    print(f"careful / fast: median {statistics.median(ratios):.1f}x (min {min(ratios):.1f}x, max {max(ratios):.1f}x)")


if __name__ == "__main__":
    main()
