"""benchmarks/run.py's results as Markdown: the machine, the targets met or missed, and a table
per N with MkDocs + Material alone beside our build."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib.metadata import version
from pathlib import Path

from targets import Target, all_targets, build_ratio, median

ROOT = Path(__file__).resolve().parent.parent


def _first_line(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unknown"


def machine() -> dict[str, str]:
    """What the figures were measured on (load average: other work on the machine moves them)."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    memory_kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    system = next((line.split("=", 1)[1].strip('"') for line in Path("/etc/os-release").read_text().splitlines()
                   if line.startswith("PRETTY_NAME=")), platform.platform())
    lighthouse = ROOT / "benchmarks" / "lighthouse" / "node_modules" / "lighthouse" / "package.json"
    return {
        "CPU": f"{os.cpu_count()} x {cpu}",
        "memory": f"{memory_kib / 2**20:.1f} GiB",
        "system": system,
        "Python": platform.python_version(),
        "MkDocs": version("mkdocs"),
        "Material for MkDocs": version("mkdocs-material"),
        "Chromium": _first_line(["/usr/bin/chromium", "--version"]),
        "Lighthouse": _lighthouse_version(lighthouse),
        "Node": _first_line(["node", "--version"]),
        "commit": _first_line(["git", "-C", str(ROOT), "describe", "--always", "--dirty"]),
    }


def _lighthouse_version(package: Path) -> str:
    import json

    return json.loads(package.read_text())["version"] if package.exists() else "not installed"


def load_average() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def targets_table(targets: list[Target]) -> str:
    lines = ["| target | N | measured | status |", "|---|---|---|---|"]
    lines += [f"| {t.target} | {t.n} | {t.measured} | {t.status} |" for t in targets]
    return "\n".join(lines)


def _seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _pairs(row: dict) -> str:
    pairs = build_ratio(row)[1]
    return f"; median of {pairs}, each beside MkDocs + Material alone" if pairs > 1 else ""


def size_table(row: dict) -> str:
    """One N: our build and MkDocs + Material alone on the same Markdown, side by side."""
    figures = [
        ("pages", str(row["pages"]), "same Markdown"),
        ("generator alone, cold s (empty cache)", _seconds(row["generator_s"]), ""),
        ("generator alone, warm s (cache kept)", _seconds(row["generator_warm_s"]), ""),
        ("generator peak memory MiB", str(row["generator_peak_mib"]), ""),
        ("build, first s (nothing cached, no template compiled yet)", _seconds(row.get("build_first_s")), ""),
        (f"build, cold s (`mkdocs build --strict`, empty cache{_pairs(row)})", _seconds(row["build_s"]), _seconds(row["baseline_s"])),
        ("build, warm s (cache kept)", _seconds(row["build_warm_s"]), ""),
        ("cold build / MkDocs + Material alone", f"{build_ratio(row)[0]:.2f}", "1.00"),
        ("plugin's share of the cold build", f"{sum(row['hook_s'].values()) / row['build_s']:.0%}", ""),
        ("plugin's share of the warm build", f"{sum(row['hook_warm_s'].values()) / row['build_warm_s']:.0%}", ""),
        ("build peak memory MiB", str(row["build_peak_mib"]), str(row["baseline_peak_mib"])),
        ("output MiB", f"{row['output_mib']:.1f}", f"{row['baseline_output_mib']:.1f}"),
        ("topic page + all it loads on opening, KiB gzip", f"{row['page_gzip_kib']:.1f} in {row['page_requests']} requests", ""),
        ("sitemap.xml fetched on opening", "yes" if row["sitemap_fetched"] else "no", ""),
        ("self-check.js KiB gzip", f"{row['self_check_js_gzip_kib']:.1f}", ""),
        ("first search: KB gzip downloaded (click to results)", f"{row['search_bytes'] / 1000:.1f} in {row['search_requests']} requests", ""),
        ("first search: click to ready s", _seconds(row["search_ready_s"]), ""),
        ("first search: results s (index files arrived)", _seconds(row["search_results_s"]), ""),
        ("lay queries: top-3 hits (any topic's expected section)", f"{row['lay_hits']}/{row['lay_queries']}", ""),
        ("lay queries: top-3 distinct sections hit", f"{row.get('lay_distinct_hits', '-')}/{row['lay_queries']}", ""),
        ("request URLs carrying a search word", f"{len(row['urls_with_search_words'])} of {row['search_url_count']}", ""),
        ("generator after editing one topic (in-process cache) s", _seconds(row["rebuild_generator_s"]), ""),
    ]
    if row.get("preview_saves"):
        saves = row["preview_saves"]
        figures.append(("`make serve TOPIC=slug`: save to served s, median", f"{median(saves):.2f} (min {min(saves):.2f}, max {max(saves):.2f})", ""))
    if row.get("serve_s") is not None:
        figures.append(("`mkdocs serve` (whole site): save to served s", _seconds(row["serve_s"]), ""))
    lines = ["| figure | healthguide | MkDocs + Material alone |", "|---|---|---|"]
    lines += [f"| {name} | {ours} | {baseline} |" for name, ours, baseline in figures]
    events = ", ".join(f"{name} {seconds:.2f}" for name, seconds in sorted(row["hook_s"].items()))
    warm = ", ".join(f"{name} {seconds:.2f}" for name, seconds in sorted(row["hook_warm_s"].items()))
    lines += ["", f"Plugin seconds by event, cold: {events}; warm: {warm}."]
    if row["lay_misses"]:
        lines += ["", "Lay queries that missed:", ""] + [f"- {miss}" for miss in row["lay_misses"]]
    return "\n".join(lines)


def lighthouse_table(lighthouse: dict | str | None, n: int, runs: int) -> str:
    if not isinstance(lighthouse, dict):
        return f"Lighthouse at N={n}: {lighthouse or 'not run'}."
    lines = [f"| page type (N={n}) | median of {runs} | min | max |", "|---|---|---|---|"]
    lines += [f"| {page} | {s['median']:.2f} | {s['min']:.2f} | {s['max']:.2f} |" for page, s in lighthouse.items()]
    return "\n".join(lines)


def markdown(rows: list[dict], lighthouse: dict | str | None, lighthouse_n: int, lighthouse_runs: int,
             about: dict[str, str], command: str, started: str, finished: str, load_before: str, load_after: str) -> str:
    parts = [
        f"# Benchmark run of {started}",
        "",
        f"Command: `{command}` (finished {finished}). Topics: benchmarks/make_topics.py (fixed seed); every site "
        "is built first with no template compiled, then cold (a short build several times, each beside MkDocs + "
        "Material alone, into new folders after os.sync) and warm, and measured where the last build lies. Lay queries: tests/lay_queries.py's queries the twitching guide "
        "answers; on N synthetic topics (copies of that guide) a hit is the expected section (page kind + anchor) of "
        "any topic in the top 3.",
        "",
        "## Machine",
        "",
        *[f"- {name}: {value}" for name, value in about.items()],
        f"- load average (1, 5, 15 min): {load_before} at the start, {load_after} at the end",
        "",
        "## Targets (issue 17)",
        "",
        targets_table(all_targets(rows, lighthouse, lighthouse_n)),
    ]
    for row in rows:
        parts += ["", f"## N = {row['N']} ({row['pages']} pages)", "", size_table(row)]
    parts += ["", "## Lighthouse mobile performance, every page type", "", lighthouse_table(lighthouse, lighthouse_n, lighthouse_runs)]
    return "\n".join(parts) + "\n"
