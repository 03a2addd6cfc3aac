"""Lighthouse mobile performance on every page type, median of 5 runs each (issue 17).

    (cd benchmarks/lighthouse && npm ci --ignore-scripts)    # once: Lighthouse 12.8.2, pinned
    .venv/bin/python benchmarks/lighthouse_pages.py           # builds the real content, then measures
    .venv/bin/python benchmarks/lighthouse_pages.py --site DIR --runs 3 --pages home faq
    .venv/bin/python benchmarks/lighthouse_pages.py --compare BEFORE AFTER --pages "clinicians' page"

The site is built from content/ (`mkdocs build --strict`, into a temporary folder unless --site
names a built one) and served on 127.0.0.1 by benchmarks/static_server.py (gzip, as static
hosts serve it). Lighthouse drives Debian's Chromium (CHROME_PATH=/usr/bin/chromium) with the
test suite's flags (tests/support.py), which resolve every host but 127.0.0.1 to nothing; each
report's network requests are checked too, so a run that asked another host fails loudly.
Scores vary from run to run (simulated throttling scales the CPU time measured on this
machine): the median, min and max are printed, and the medians as a Markdown table.
--compare measures two built sites in pairs (A B A B ...), so that a busy minute on the shared
machine lowers both alike. Not a test: nothing here asserts a score.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import serve  # noqa: E402  the gzip static server on a free 127.0.0.1 port

from support import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
TOPIC = "facial-twitching"
# Page type -> address on the built site of the real content.
PAGES = {
    "home": "",
    "guide (first page)": f"{TOPIC}/",
    "guide (later page)": f"{TOPIC}/conditions/",
    "faq": f"{TOPIC}/faq/",
    "self-check": f"{TOPIC}/self-check/",
    "diary": f"{TOPIC}/diary/",
    "clinicians' page": f"{TOPIC}/links/",
}


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HEALTHGUIDE_CACHE_DIR": "off"}
    # No -q: in MkDocs 1.6 it keeps warnings from --strict's count.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"the site did not build:\n{result.stderr[-3000:]}")


def chrome_flags() -> str:
    """The test suite's Chromium flags as one string for Lighthouse (which splits it like a shell)."""
    return " ".join(f'{flag.split("=", 1)[0]}="{flag.split("=", 1)[1]}"' if " " in flag else flag for flag in CHROMIUM_FLAGS)


def one_run(url: str) -> float:
    """One Lighthouse mobile performance score (0-1) of `url`."""
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json", "--quiet", f"--chrome-flags={chrome_flags()}"],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, capture_output=True, text=True, timeout=600, check=False)
    if result.returncode != 0:
        raise SystemExit(f"Lighthouse failed on {url}: {result.stderr.strip()[-2000:]}")
    report = json.loads(result.stdout)
    own_host = urlsplit(url).netloc
    requested = [item["url"] for item in report["audits"]["network-requests"]["details"]["items"]]
    # A prebuilt site (--site, --compare) has site_url's local default, 127.0.0.1:8000, while it
    # is served on another port: Material's sitemap requests to it stay on this machine.
    elsewhere = [address for address in requested if urlsplit(address).scheme in ("http", "https")
                 and urlsplit(address).netloc != own_host and urlsplit(address).hostname != "127.0.0.1"]
    if elsewhere:
        raise SystemExit(f"{url} asked another host: {elsewhere}")
    if report["categories"]["performance"]["score"] is None:
        raise SystemExit(f"Lighthouse gave no score for {url}: {report.get('runtimeError')}")
    return report["categories"]["performance"]["score"]


def measure(site: Path, pages: dict[str, str], runs: int) -> dict[str, dict[str, float]]:
    server, base = serve(site)
    scores = {}
    try:
        for name, path in pages.items():
            scores[name] = summary([one_run(base + path) for _ in range(runs)])
            print(f"{name}: {scores[name]}", flush=True)
    finally:
        server.terminate()
        server.wait()
    return scores


def summary(found: list[float]) -> dict[str, float]:
    found = sorted(found)
    return {"median": found[len(found) // 2], "min": found[0], "max": found[-1]}


def compare(site_a: Path, site_b: Path, pages: dict[str, str], runs: int) -> dict[str, dict[str, dict[str, float]]]:
    """Scores of two built sites, run in pairs: site -> page type -> median, min, max."""
    (server_a, base_a), (server_b, base_b) = serve(site_a), serve(site_b)
    found: dict[str, dict[str, list[float]]] = {"A": {name: [] for name in pages}, "B": {name: [] for name in pages}}
    try:
        for run in range(runs):
            for name, path in pages.items():
                for label, base in (("A", base_a), ("B", base_b)):
                    found[label][name].append(one_run(base + path))
                print(f"run {run + 1}, {name}: A {found['A'][name][-1]:.2f}, B {found['B'][name][-1]:.2f}", flush=True)
    finally:
        for server in (server_a, server_b):
            server.terminate()
            server.wait()
    return {label: {name: summary(scores) for name, scores in by_page.items()} for label, by_page in found.items()}


def medians(site: Path, page_types: list[str] | None = None, runs: int = 5) -> dict[str, float]:
    """For other scripts: the median score of each page type (all by default) of a built site."""
    scores = measure(site, {name: PAGES[name] for name in page_types or PAGES}, runs)
    return {name: found["median"] for name, found in scores.items()}


def table(scores: dict[str, dict[str, float]], runs: int) -> str:
    lines = [f"| page type | median of {runs} | min | max |", "|---|---|---|---|"]
    lines += [f"| {name} | {s['median']:.2f} | {s['min']:.2f} | {s['max']:.2f} |" for name, s in scores.items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site of the real content (default: build one)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES), metavar="PAGE")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("SITE_A", "SITE_B"), help="two built sites, measured in pairs")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"Lighthouse is not installed: cd benchmarks/lighthouse && npm ci --ignore-scripts ({LIGHTHOUSE} missing)")
    if args.compare:
        compared = compare(*args.compare, {name: PAGES[name] for name in args.pages}, args.runs)
        for label, site in zip(("A", "B"), args.compare, strict=True):
            print(f"\n{label}: {site}\n{table(compared[label], args.runs)}")
        return
    with tempfile.TemporaryDirectory(prefix="healthguide-lighthouse-") as work:
        site = args.site
        if site is None:
            site = Path(work) / "site"
            build(site)
        scores = measure(site, {name: PAGES[name] for name in args.pages}, args.runs)
    print()
    print(table(scores, args.runs))


if __name__ == "__main__":
    main()
