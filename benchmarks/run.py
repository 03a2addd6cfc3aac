"""Benchmark issue 17's figures at N = 1, 100 and 1,000 synthetic topics, in one pass, and write
them as Markdown with each target marked met or missed.

    .venv/bin/python benchmarks/run.py --write benchmarks/results-DATE.md   # N = 1, 100, 1000 (make bench)
    .venv/bin/python benchmarks/run.py --sizes 1 10                         # a quick look (printed)
    .venv/bin/python benchmarks/run.py --sizes 100 --serve-topic --only-serve   # `make serve TOPIC=slug` alone

For each N (topics from benchmarks/make_topics.py, fixed seed) the site is built (first, cold,
warm: below) and every figure is measured on the last build or on what it left (caches, content):
- generator: YAML load + validate + render alone in a child process, cold (empty cache) and
  warm (the cache it left), and its peak memory;
- build: `mkdocs build --strict` with the real plugin: first (nothing cached, no template
  compiled yet), cold (empty caches; templates compiled, as Python's modules are) then warm
  (cache kept), peak memory, each plugin event timed by benchmarks/timed_build.py; a short
  cold build is timed several times, each beside the baseline (cold_pairs);
- baseline: MkDocs + Material alone (no plugin, not even Material's search; same nav and theme)
  on the same Markdown, which
  `python -m generator render` writes from the generator's warm cache;
- output size, a topic page's gzip weight with all it loads and whether it fetched sitemap.xml;
- the first search (benchmarks/first_search.py) and the lay-query suite's top-3 hit rate
  (benchmarks/search_quality.py), and whether any address requested carried a search word;
- the generator after one topic is edited (in-process cache), and `make serve TOPIC=slug`: save
  to served, 5 saves (at every N of 100 or more, or the largest N; --serve-topic: every N);
- Lighthouse mobile performance on every page type at the smallest N, median of 5
  (benchmarks/lighthouse_pages.py).
Builds keep MkDocs' output (no -q: in MkDocs 1.6 it also hides warnings from --strict's count).
Not a test: nothing here asserts; benchmarks/targets.py marks each target met or missed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from statistics import median
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_topics import make_topics  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.engine.mkdocs.packaged_files import SITE_FILES_DIR, THEME_DIR  # noqa: E402
from generator.render.compiled_templates import ENV_VAR as TEMPLATES_VARIABLE  # noqa: E402

BENCH = ROOT / "benchmarks"
PYTHON = sys.executable
MKDOCS = [PYTHON, "-m", "mkdocs"]
TIMED_MKDOCS = [PYTHON, str(BENCH / "timed_build.py")]
CHROMIUM = "/usr/bin/chromium"
# Every child imports this checkout's generator, whatever its script's folder or the editable
# install points to (timed_build.py runs from benchmarks/; a shared virtualenv may name another checkout).
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
       "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
PREVIEW_FROM_N = 100  # the preview is timed at these sizes (and at the largest N when none is)
LIGHTHOUSE_RUNS = 5

# The generator part of an `mkdocs serve` rebuild: the same process, one topic edited.
REBUILD_PROBE = """
import json, sys, time
from pathlib import Path
from generator.pipeline import generate
from generator.render.disk_cache import topic_cache
cache = topic_cache(Path(sys.argv[1]))  # kept across rebuilds, as the plugin keeps it
generate(sys.argv[1], cache=cache)
topic = Path(sys.argv[2])
topic.write_text(topic.read_text(encoding="utf-8").replace("\\ntitle: ", "\\ntitle: Edited ", 1), encoding="utf-8")
start = time.perf_counter()
generated = generate(sys.argv[1], cache=cache)
seconds = time.perf_counter() - start
assert any(loaded.topic.title.startswith("Edited ") for loaded in generated.content.topics)
json.dump({"seconds": seconds}, sys.stdout)
"""

GENERATOR_PROBE = """
import json, resource, sys, time
from generator.pipeline import generate
from generator.structure.navigation import navigation
start = time.perf_counter()
generated = generate(sys.argv[1])
seconds = time.perf_counter() - start
json.dump({"seconds": seconds, "pages": len(generated.pages), "nav": navigation(generated.content)}, sys.stdout)
"""


def run_child(command: list[str], env: dict | None = None, cwd: Path = ROOT) -> tuple[float, int, str]:
    """Run a command; returns (wall seconds, its own peak memory in MiB, stdout). Fails loudly."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)  # this child's rusage, not all children's
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{stderr[-3000:]}")
    return seconds, usage.ru_maxrss // 1024, stdout


def strict_build(mkdocs: list[str], config: Path, site: Path, env: dict) -> tuple[float, int, str]:
    """`mkdocs build --strict` (through `mkdocs`, e.g. MKDOCS or TIMED_MKDOCS): any warning fails it.
    Its output is captured, not silenced: MkDocs 1.6's -q keeps warnings from --strict's count."""
    return run_child([*mkdocs, "build", "--strict", "-f", str(config), "-d", str(site)], env=env)


def inherit_config(path: Path, **settings) -> Path:
    """An MkDocs config that inherits mkdocs.yml with absolute paths (it lives in a temp dir)."""
    config = {"INHERIT": str(ROOT / "mkdocs.yml")}
    config.update(settings)
    path.write_text(json.dumps(config, indent=1), encoding="utf-8")  # JSON is YAML
    return path


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def first_topic(content: Path) -> Path:
    return sorted((content / "topics").glob("*.yaml"))[0]


def cold_pairs(count: int) -> int:
    """Cold builds, each beside a build of MkDocs + Material alone, at `count` topics: a short
    build is timed several times (one second of build swings by a tenth from run to run), and
    its ratio is the median of the pairs' ratios."""
    return 5 if count <= 10 else 3 if count <= 100 else 1


def measure_builds(count: int, work: Path, content: Path) -> dict:
    """Generator and build, cold and warm, and MkDocs + Material alone on the same Markdown."""
    row: dict = {"N": count}
    # Compiled templates are kept between builds, as Python keeps compiled modules
    # (generator/render/compiled_templates.py): here in a folder of this run's, emptied for each
    # size, so the first build compiles every template (`build_first_s`) and the cold builds
    # after it do not. Cold: an empty generator cache (generator/render/disk_cache.py) and page
    # cache; warm: the same build again, as `make site` or a CI job that keeps .cache/ runs it.
    # Each timed build writes into a new, empty site folder, after the disk has written out what
    # came before (os.sync), and nothing is deleted between timed builds: deleting ~100,000
    # files goes on in the kernel after rmtree returns, and slowed whichever build came next.
    templates = work / "compiled-templates"
    shutil.rmtree(templates, ignore_errors=True)
    env = {**ENV, TEMPLATES_VARIABLE: str(templates)}
    timings = work / f"timings-{count}.json"
    config = inherit_config(work / f"mkdocs-{count}.yml", docs_dir=str(content), watch=[])

    def build_env(cache: Path) -> dict:
        return {**env, "HEALTHGUIDE_CONTENT": str(content), "HEALTHGUIDE_BENCH_TIMINGS": str(timings), "HEALTHGUIDE_CACHE_DIR": str(cache)}

    os.sync()
    row["build_first_s"], _, _ = strict_build(TIMED_MKDOCS, config, work / f"site-{count}-first", build_env(work / f"cache-first-{count}"))

    generator_env = {**env, "HEALTHGUIDE_CACHE_DIR": str(work / f"cache-generator-{count}")}
    _, peak, out = run_child([PYTHON, "-c", GENERATOR_PROBE, str(content)], env=generator_env)
    probe = json.loads(out)
    row.update(generator_s=probe["seconds"], generator_peak_mib=peak, pages=probe["pages"])
    _, _, out = run_child([PYTHON, "-c", GENERATOR_PROBE, str(content)], env=generator_env)
    row["generator_warm_s"] = json.loads(out)["seconds"]

    # The same Markdown, written from the generator's warm cache (no second rendering).
    docs = work / f"docs-{count}"
    shutil.copytree(SITE_FILES_DIR, docs)
    run_child([PYTHON, "-m", "generator", "--content", str(content), "render", str(work / f"md-{count}")], env=generator_env)
    shutil.copytree(work / f"md-{count}", docs, dirs_exist_ok=True)
    # Without the healthguide plugin, so the theme overrides are named here; not strict: the
    # Markdown links to pages the plugin would add. No plugin at all: the site no longer runs
    # Material's search plugin (its lunr index), so the floor leaves it out too (the 25 Nov
    # baseline, benchmarks/targets.py, had it).
    baseline_config = inherit_config(work / f"baseline-{count}.yml", docs_dir=str(docs), plugins=[],
                                     theme={"name": "material", "custom_dir": str(THEME_DIR), "font": False},
                                     watch=[], nav=probe["nav"], strict=False)

    builds, baselines = [], []
    for pair in range(cold_pairs(count)):  # in turn, so a change in the machine's speed hits both alike
        site, cache = work / f"site-{count}-{pair}", work / f"cache-build-{count}-{pair}"
        os.sync()
        seconds, peak, _ = strict_build(TIMED_MKDOCS, config, site, build_env(cache))
        builds.append(seconds)
        row.update(build_peak_mib=peak, hook_s=json.loads(timings.read_text())["seconds"])
        baseline_site = work / f"baseline-site-{count}-{pair}"
        os.sync()
        seconds, peak, _ = run_child(MKDOCS + ["build", "-f", str(baseline_config), "-d", str(baseline_site)], env=env)
        baselines.append(seconds)
        row.update(baseline_peak_mib=peak, baseline_output_mib=folder_bytes(baseline_site) / 2**20)
    row.update(build_s=median(builds), baseline_s=median(baselines),
               build_ratio=median(ours / theirs for ours, theirs in zip(builds, baselines, strict=True)),
               build_pairs=len(builds))
    os.sync()
    seconds, _, _ = strict_build(TIMED_MKDOCS, config, site, build_env(cache))  # the last cold build's, again
    row.update(build_warm_s=seconds, hook_warm_s=json.loads(timings.read_text())["seconds"])
    row["output_mib"] = folder_bytes(site) / 2**20
    site.rename(work / f"site-{count}")  # what the reader's figures are measured on (measure)
    row["self_check_js_gzip_kib"] = len(gzip.compress((work / f"site-{count}" / "javascripts" / "self-check.js").read_bytes())) / 1024
    return row


def measure_reader(site: Path, slug: str) -> dict:
    """What a reader gets: page weight, the first search, the lay queries, and what left the browser."""
    from first_search import first_search
    from search_quality import lay_query_hits, urls_with_search_words

    row = page_weight(site, slug)
    search = first_search(site, slug)
    row.update(search_bytes=search["bytes_gzip_kib"] * 1024, search_requests=search["requests"],
               search_ready_s=search["ready_s"], search_results_s=search["results_s"])
    server, base = serve(site)
    try:
        lay = lay_query_hits(base, slug)
    finally:
        server.terminate()
        server.wait()
    row.update(lay_queries=lay["lay_queries"], lay_hits=lay["lay_hits"], lay_misses=lay["lay_misses"],
               lay_distinct_hits=lay["lay_distinct_hits"], lay_distinct_misses=lay["lay_distinct_misses"])
    row["search_url_count"] = len(search["search_urls"]) + len(lay["lay_search_urls"])
    row["urls_with_search_words"] = urls_with_search_words(search["search_urls"], search["queries"]) + lay["lay_urls_with_words"]
    return row


def measure(count: int, work: Path, preview: bool, whole_site_serve: bool) -> dict:
    content = work / f"content-{count}"
    make_topics(count, content)
    topic = first_topic(content)
    row = measure_builds(count, work, content)
    row["topic"] = topic.stem
    row.update(measure_reader(work / f"site-{count}", topic.stem))
    # Edits to the topic come last: everything above measured the content as generated.
    original = topic.read_text(encoding="utf-8")
    try:
        _, _, out = run_child([PYTHON, "-c", REBUILD_PROBE, str(content), str(topic)],
                              env={**ENV, "HEALTHGUIDE_CACHE_DIR": str(work / f"cache-generator-{count}")})
        row["rebuild_generator_s"] = json.loads(out)["seconds"]
        topic.write_text(original, encoding="utf-8")
        if preview:
            row["preview_saves"] = edit_to_rebuilt(count, work, preview=True, saves=5)
        if whole_site_serve:
            topic.write_text(original, encoding="utf-8")
            row["serve_s"] = edit_to_rebuilt(count, work)[0]
    finally:
        topic.write_text(original, encoding="utf-8")
    return row


def serve(site: Path):
    """A static server for `site` on a free 127.0.0.1 port that gzips like real static hosts;
    returns (process, base URL)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([PYTHON, str(BENCH / "static_server.py"), str(port), str(site)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            urllib.request.urlopen(base, timeout=1)
            return process, base
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("static server did not start")


MARKER = "benchmark-marker-after-the-page-opened"


def page_weight(site: Path, slug: str) -> dict:
    """Gzip size of everything a topic guide page loads in Chromium when it opens, and whether
    sitemap.xml was among it."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    sizes: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page()

            def record(response):
                try:
                    sizes[response.url] = len(gzip.compress(response.body(), 6))
                except Exception:  # redirects and aborted requests have no body
                    pass

            page.on("response", record)
            page.goto(f"{base}{slug}/", wait_until="networkidle")
            # Requests are reported in the order sent: once this marker's is seen, so is every earlier one.
            with page.expect_response(lambda response: MARKER in response.url):
                page.evaluate("(marker) => { fetch(marker).catch(() => {}); }", MARKER)
            browser.close()
    finally:
        server.terminate()
        server.wait()
    sizes = {url: size for url, size in sizes.items() if MARKER not in url}
    # Everything the page loads when it opens; the search's files wait for a search.
    return {"page_gzip_kib": sum(sizes.values()) / 1024, "page_requests": len(sizes),
            "sitemap_fetched": any(urlsplit(url).path.endswith((".xml", ".xml.gz")) for url in sizes)}


def edit_to_rebuilt(count: int, work: Path, preview: bool = False, saves: int = 1) -> list[float]:
    """`mkdocs serve --strict`: seconds from saving an edited topic to the page showing the edit,
    for each of `saves` saves in turn (one server). `preview`: serve that topic alone, as
    `make serve TOPIC=slug` does (HEALTHGUIDE_TOPIC, --dirty). The generator's cache from the
    builds is used when there is one (it only shortens the server's start)."""
    import socket

    content = work / f"content-{count}"
    if not content.exists():
        make_topics(count, content)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = inherit_config(work / f"serve-{count}.yml", docs_dir=str(content),
                            watch=[str(content)], site_url=f"http://127.0.0.1:{port}/")
    topic = first_topic(content)
    cache = work / f"cache-generator-{count}"
    env = {**ENV, "HEALTHGUIDE_CONTENT": str(content), "HEALTHGUIDE_TOPIC": topic.stem if preview else "",
           "HEALTHGUIDE_CACHE_DIR": str(cache if cache.exists() else work / f"cache-serve-{count}")}
    # Not --no-livereload: in MkDocs 1.6 that also turns off watching, so no edit is ever seen.
    dirty = ["--dirty"] if preview else []  # as the Makefile serves a one-topic preview
    text = topic.read_text(encoding="utf-8")
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(MKDOCS + ["serve", "--strict", *dirty, "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                  env=env, cwd=ROOT, stdout=log, stderr=log)
        url = f"http://127.0.0.1:{port}/{topic.stem}/"
        try:
            if not _wait_for(url, "<title", server):
                raise SystemExit("mkdocs serve did not start:\n" + _tail(log))
            time.sleep(3)  # let the watcher settle
            seconds = []
            for save in range(1, saves + 1):
                marker = f"Edited for the benchmark {save}"
                start = time.perf_counter()
                topic.write_text(text.replace("\ntitle: ", f"\ntitle: {marker} ", 1), encoding="utf-8")
                if not _wait_for(url, marker, server):
                    raise SystemExit("the edit never appeared:\n" + _tail(log))
                seconds.append(time.perf_counter() - start)
            return seconds
        finally:
            topic.write_text(text, encoding="utf-8")
            server.terminate()
            server.wait()


def _tail(log) -> str:
    log.seek(0)
    return log.read().decode("utf-8", "replace")[-3000:]


def _wait_for(url: str, needle: str, server: subprocess.Popen, timeout: float = 1800) -> bool:
    """Poll `url` until it shows `needle`; False on time-out or when the server has stopped."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if needle in urllib.request.urlopen(url, timeout=5).read().decode("utf-8", "replace"):
                return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def lighthouse(site: Path, slug: str, runs: int) -> dict | str:
    """Lighthouse medians on every page type of benchmarks/lighthouse_pages.py, on the synthetic
    topic `slug` in place of the real one; or why not."""
    import lighthouse_pages

    if not lighthouse_pages.LIGHTHOUSE.exists():
        return "not installed: cd benchmarks/lighthouse && npm ci --ignore-scripts"
    pages = {name: path.replace(lighthouse_pages.TOPIC + "/", slug + "/", 1) for name, path in lighthouse_pages.PAGES.items()}
    try:
        return lighthouse_pages.measure(site, pages, runs)
    except SystemExit as failure:  # its way of saying a run failed: reported, the other figures kept
        return f"failed: {failure}"


def preview_sizes(sizes: list[int], every: bool) -> set[int]:
    if every:
        return set(sizes)
    return {n for n in sizes if n >= PREVIEW_FROM_N} or {max(sizes)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000])
    parser.add_argument("--write", type=Path, help="write the Markdown results to this file (default: print them)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--serve", action="store_true", help="also time a whole-site `mkdocs serve` edit (slow)")
    parser.add_argument("--serve-topic", action="store_true", help="time `make serve TOPIC=slug` at every N, not only N >= 100")
    parser.add_argument("--no-preview", action="store_true", help="do not time `make serve TOPIC=slug`")
    parser.add_argument("--only-serve", action="store_true", help="only the serve timings, printed")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--lighthouse-runs", type=int, default=LIGHTHOUSE_RUNS)
    args = parser.parse_args()
    from report import load_average, machine, markdown

    started, load_before = datetime.now(UTC), load_average()
    work = Path(tempfile.mkdtemp(prefix="healthguide-bench-"))
    previewed = set() if args.no_preview else preview_sizes(args.sizes, args.serve_topic)
    try:
        if args.only_serve:
            for count in args.sizes:
                if count in previewed:
                    print(f"make serve TOPIC=slug, 5 saves at N={count}: {edit_to_rebuilt(count, work, preview=True, saves=5)}")
                if args.serve:
                    print(f"mkdocs serve, one save at N={count}: {edit_to_rebuilt(count, work)}")
            return
        rows = []
        for count in sorted(args.sizes):
            rows.append(measure(count, work, count in previewed, args.serve))
            print(f"N={count}: {json.dumps(rows[-1])}", flush=True)
        smallest = rows[0]
        scores = None if args.no_lighthouse else lighthouse(work / f"site-{smallest['N']}", smallest["topic"], args.lighthouse_runs)
        command = " ".join(["benchmarks/run.py", *sys.argv[1:]])
        stamp = lambda moment: moment.strftime("%Y-%m-%d %H:%M UTC")  # noqa: E731
        text = markdown(rows, scores, smallest["N"], args.lighthouse_runs, machine(), command,
                        stamp(started), stamp(datetime.now(UTC)), load_before, load_average())
        if args.write:
            args.write.write_text(text, encoding="utf-8")
            print(f"results written to {args.write}")
        else:
            print(text)
    finally:
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
