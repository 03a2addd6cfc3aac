"""What the first search costs a reader at N synthetic topics (issue 17's targets).

    .venv/bin/python benchmarks/first_search.py --sizes 1 100

For each N it builds the site (topics from benchmarks/make_topics.py, fixed seed), serves it
gzipped on 127.0.0.1 (benchmarks/static_server.py) and, in Chromium, opens a topic page, clicks
the search box and types a query as a person does. It prints:
- bytes: gzip size of everything downloaded from the click to the results (worker, search
  setup, Pagefind's script, wasm, metadata, index chunks and page fragments), and by kind
  (kib_by_kind: fragments, index chunks, and the fixed files every search needs);
- ready_s: from the click until the search is ready (the box says "Type to start searching");
- results_s: from a whole query entered at once (after the first one) to its results shown:
  the index files for the first search have arrived by then;
- search_urls: every address requested from the click on (benchmarks/run.py checks that none
  carries a word typed).
benchmarks/run.py calls first_search() on the site it has already built; this script's own
main builds one per N. Targets: bytes <= 300 KB gzip, results_s <= 1 s. Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_topics import make_topics  # noqa: E402
from run import CHROMIUM, ENV, PYTHON, inherit_config, serve, strict_build  # noqa: E402

FIRST_QUERY = "eyelid twitching"
SECOND_QUERY = "botox"
META = "() => (document.querySelector('.md-search-result__meta') || {}).textContent || ''"
RESULTS_SHOWN = "() => document.querySelectorAll('.md-search-result__list a.md-search-result__link').length > 0"


def kind_of(url: str) -> str:
    """What a file the search downloaded is: a page's words, an index chunk, or fixed."""
    if url.endswith(".pf_fragment"):
        return "fragments"
    if url.endswith(".pf_index"):
        return "index chunks"
    return "fixed"


def first_search(site: Path, slug: str) -> dict:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    sizes: dict[str, int] = {}
    requested: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{base}{slug}/", wait_until="networkidle")

            def record(response):  # page and workers alike
                try:
                    sizes[response.url] = len(gzip.compress(response.body(), 6))
                except Exception:  # redirects and aborted requests have no body
                    pass

            context.on("response", record)
            context.on("request", lambda request: requested.append(request.url))
            box = page.locator("input.md-search__input")
            start = time.perf_counter()
            box.click()
            page.wait_for_function(f"() => ({META})().trim().startsWith('Type')")
            ready = time.perf_counter() - start
            box.press_sequentially(FIRST_QUERY, delay=60)
            page.wait_for_function(RESULTS_SHOWN)
            page.wait_for_load_state("networkidle")
            first_bytes = sum(sizes.values())
            by_kind: dict[str, float] = {}
            for url, size in sizes.items():
                by_kind[kind_of(url)] = by_kind.get(kind_of(url), 0) + size / 1024
            box.fill("")
            box.press("End")  # the theme reads the box on key presses
            page.wait_for_function(f"() => ({META})().trim().startsWith('Type')")
            start = time.perf_counter()
            box.fill(SECOND_QUERY)
            box.press("End")
            page.wait_for_function(RESULTS_SHOWN)
            results = time.perf_counter() - start
            browser.close()
    finally:
        server.terminate()
        server.wait()
    return {"bytes_gzip_kib": first_bytes / 1024, "requests": len(sizes), "kib_by_kind": by_kind, "ready_s": ready, "results_s": results,
            "search_urls": requested, "queries": [FIRST_QUERY, SECOND_QUERY]}


def measure(count: int, work: Path) -> dict:
    content = work / f"content-{count}"
    make_topics(count, content)
    site = work / f"site-{count}"
    config = inherit_config(work / f"mkdocs-{count}.yml", docs_dir=str(content), watch=[])
    env = {**ENV, "HEALTHGUIDE_CONTENT": str(content), "HEALTHGUIDE_CACHE_DIR": str(work / f"cache-{count}")}
    strict_build([PYTHON, "-m", "mkdocs"], config, site, env)
    index_files = [path for path in (site / "pagefind").rglob("*") if path.is_file()]
    slug = sorted((content / "topics").glob("*.yaml"))[0].stem
    return {"N": count, "pagefind_files": len(index_files), **first_search(site, slug)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="healthguide-search-bench-") as work:
        for count in args.sizes:
            print(json.dumps(measure(count, Path(work))), flush=True)


if __name__ == "__main__":
    main()
