"""Issue 17's targets, each marked met or missed from the measured figures (benchmarks/run.py's rows).

Pure functions of the figures: nothing is measured or typed in by hand here but the targets
themselves and the 25 Nov 2026 baseline the new one must beat (benchmarks/RESULTS.md).
"""

from __future__ import annotations

from dataclasses import dataclass

MET, MISSED, NOT_MEASURED = "met", "**missed**", "not measured"

FIRST_SEARCH_MAX_KB = 300  # gzip, 1 KB = 1,000 bytes
RESULTS_MAX_S = 1.0
LAY_HIT_RATE_MIN = 0.9
BUILD_OVER_BASELINE_MAX = 1.3
# MkDocs + Material alone on the same Markdown, run of 25 Nov 2026 (RESULTS.md, "Figures"):
# the issue asks for a lower baseline, since our pages were made cheaper to parse.
BASELINE_25_NOV_S = {1: 1.11, 100: 44.35, 1000: 429.18}  # with Material's search plugin; the new one has none
LARGE_N = 1000
LARGE_COLD_MAX_S = 240
LARGE_WARM_MAX_S = 150
# Linear memory: the peak memory added per page from the middle to the largest size is at most
# this many times that from the smallest to the middle (a quadratic term would multiply it).
MEMORY_SLOPE_RATIO_MAX = 1.25
PREVIEW_SAVE_MAX_S = 2.0
LIGHTHOUSE_MIN = 0.95


@dataclass(frozen=True)
class Target:
    target: str
    n: str  # the size it was measured at ("" when it spans sizes)
    measured: str
    status: str


def status(measured: float, limit: float, at_most: bool = True) -> str:
    return MET if (measured <= limit if at_most else measured >= limit) else MISSED


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def memory_slopes(rows: list[dict]) -> list[float]:
    """Peak build memory added per page (MiB) between each size and the next."""
    ordered = sorted(rows, key=lambda row: row["N"])
    return [(b["build_peak_mib"] - a["build_peak_mib"]) / (b["pages"] - a["pages"])
            for a, b in zip(ordered, ordered[1:], strict=False) if b["pages"] > a["pages"]]


def search_targets(row: dict) -> list[Target]:
    n = str(row["N"])
    kb = row["search_bytes"] / 1000
    rate = row["lay_hits"] / row["lay_queries"]
    leaked = row["urls_with_search_words"]
    return [
        Target(f"first search downloads <= {FIRST_SEARCH_MAX_KB} KB gzip in total", n,
               f"{kb:.1f} KB in {row['search_requests']} requests", status(kb, FIRST_SEARCH_MAX_KB)),
        Target(f"results shown within {RESULTS_MAX_S:g} s after the index files arrive", n,
               f"{row['search_results_s']:.2f} s", status(row["search_results_s"], RESULTS_MAX_S)),
        Target(f"lay queries: at least {LAY_HIT_RATE_MIN:.0%} top-3 hits", n,
               f"{rate:.0%} ({row['lay_hits']}/{row['lay_queries']})", status(rate, LAY_HIT_RATE_MIN, at_most=False)),
    ] + ([
        # Synthetic topics are copies of one: the same wrong section of three topics can fill the
        # top 3, which makes the figure above a top-1 test from 2 topics on; this one asks for the
        # three best distinct sections, as the suite does on the real site.
        Target(f"lay queries: at least {LAY_HIT_RATE_MIN:.0%} top-3 hits, distinct sections", n,
               f"{row['lay_distinct_hits'] / row['lay_queries']:.0%} ({row['lay_distinct_hits']}/{row['lay_queries']})",
               status(row["lay_distinct_hits"] / row["lay_queries"], LAY_HIT_RATE_MIN, at_most=False)),
    ] if "lay_distinct_hits" in row else []) + [
        Target("no search word in any request URL", n,
               f"{len(leaked)} of {row['search_url_count']} URLs" + (f": {leaked[:3]}" if leaked else ""),
               MET if not leaked else MISSED),
    ]


def build_targets(row: dict) -> list[Target]:
    n = str(row["N"])
    ratio, pairs = build_ratio(row)
    timed = f"median of {pairs} pairs, " if pairs > 1 else ""
    found = [Target(f"cold build within {BUILD_OVER_BASELINE_MAX}x of MkDocs + Material alone", n,
                    f"{ratio:.2f}x ({timed}{row['build_s']:.1f} s / {row['baseline_s']:.1f} s)", status(ratio, BUILD_OVER_BASELINE_MAX))]
    if row["N"] in BASELINE_25_NOV_S:
        before = BASELINE_25_NOV_S[row["N"]]
        found.append(Target("MkDocs + Material alone faster than on 25 Nov", n,
                            f"{row['baseline_s']:.1f} s (25 Nov: {before:.1f} s)", MET if row["baseline_s"] < before else MISSED))
    if row["N"] == LARGE_N:
        found += [Target(f"cold build <= {LARGE_COLD_MAX_S} s", n, f"{row['build_s']:.0f} s", status(row["build_s"], LARGE_COLD_MAX_S)),
                  Target(f"warm build (cache kept) <= {LARGE_WARM_MAX_S} s", n, f"{row['build_warm_s']:.0f} s",
                         status(row["build_warm_s"], LARGE_WARM_MAX_S))]
    return found


def build_ratio(row: dict) -> tuple[float, int]:
    """The cold build over MkDocs + Material alone, and of how many pairs of builds: the median
    of each pair's ratio when the build was timed several times (benchmarks/run.py, cold_pairs)."""
    if "build_ratio" in row:
        return row["build_ratio"], row["build_pairs"]
    return row["build_s"] / row["baseline_s"], 1


def page_targets(row: dict) -> list[Target]:
    fetched = row["sitemap_fetched"]
    return [Target("sitemap.xml not fetched when a page opens", str(row["N"]), "fetched" if fetched else "not fetched",
                   MISSED if fetched else MET)]


def preview_targets(row: dict) -> list[Target]:
    saves = row.get("preview_saves")
    if not saves:
        return []
    middle = median(saves)
    return [Target(f"`make serve TOPIC=slug`: a save rebuilt and served within {PREVIEW_SAVE_MAX_S:g} s (median)", str(row["N"]),
                   f"median {middle:.1f} s of {len(saves)} saves (min {min(saves):.1f}, max {max(saves):.1f})",
                   status(middle, PREVIEW_SAVE_MAX_S))]


def memory_target(rows: list[dict]) -> Target:
    slopes = memory_slopes(rows)
    name = f"memory linear (MiB a page, last step <= {MEMORY_SLOPE_RATIO_MAX}x first)"
    if len(slopes) < 2:
        return Target(name, "", "needs three sizes", NOT_MEASURED)
    sizes = ", ".join(str(row["N"]) for row in sorted(rows, key=lambda row: row["N"]))
    ratio = slopes[-1] / slopes[0] if slopes[0] > 0 else float("inf")
    return Target(name, sizes, " -> ".join(f"{slope:.2f}" for slope in slopes) + f" MiB a page ({ratio:.2f}x)",
                  status(ratio, MEMORY_SLOPE_RATIO_MAX))


def large_site_missing(rows: list[dict]) -> list[Target]:
    if any(row["N"] == LARGE_N for row in rows):
        return []
    largest = max(row["N"] for row in rows)
    return [Target(f"{LARGE_N} topics: cold <= {LARGE_COLD_MAX_S} s, warm <= {LARGE_WARM_MAX_S} s", str(LARGE_N),
                   f"not run (largest N here: {largest})", NOT_MEASURED)]


def lighthouse_targets(lighthouse: dict | str | None, n: int) -> list[Target]:
    name = f"Lighthouse mobile performance >= {LIGHTHOUSE_MIN} (median)"
    if not isinstance(lighthouse, dict):
        return [Target(name, str(n), lighthouse or "not run", NOT_MEASURED)]
    return [Target(f"{name}: {page}", str(n), f"{score['median']:.2f} (min {score['min']:.2f}, max {score['max']:.2f})",
                   status(score["median"], LIGHTHOUSE_MIN, at_most=False)) for page, score in lighthouse.items()]


def all_targets(rows: list[dict], lighthouse: dict | str | None, lighthouse_n: int) -> list[Target]:
    """Every target with its measured figure, in the issue's order: search, builds, preview, page."""
    found: list[Target] = []
    for row in rows:
        found += search_targets(row)
    for row in rows:
        found += build_targets(row)
    found += large_site_missing(rows)
    found.append(memory_target(rows))
    for row in rows:
        found += preview_targets(row)
    found += lighthouse_targets(lighthouse, lighthouse_n)
    for row in rows:
        found += page_targets(row)
    return found
