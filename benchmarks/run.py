"""Benchmark the site build at N = 1, 100 and 1,000 synthetic topics and print one table.

    .venv/bin/python benchmarks/run.py                 # N = 1, 100, 1000 (or: make bench)
    .venv/bin/python benchmarks/run.py --sizes 1 10    # a quick look
    .venv/bin/python benchmarks/run.py --sizes 100 --serve-topic --only-serve   # `make serve TOPIC=slug`, one save

For each N (topics from benchmarks/make_topics.py, fixed seed) it measures, in this one run:
- generator: YAML load + validate + render, alone in a child process (and its peak memory);
- build: `mkdocs build --strict` with the real plugin, its events wrapped by benchmarks/timed_build.py
  so the time spent in each plugin event (generator, structured data, CSP) is known;
- baseline: `mkdocs build` of the same Markdown written out in advance, without the plugin;
- output size, search index size, gzip transfer size of one topic page with everything it
  loads (measured in Chromium), and the size of the self-check script;
- at N = 100 (or the middle size), edit-to-rebuilt time in `mkdocs serve` for one topic;
- Lighthouse mobile performance on the guide, FAQ and self-check pages when it can run.
Not a test: nothing here asserts; compare the table with the targets in benchmarks/RESULTS.md.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_topics import make_topics  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.engine.mkdocs.packaged_files import SITE_FILES_DIR, THEME_DIR  # noqa: E402

BENCH = ROOT / "benchmarks"
PYTHON = sys.executable
MKDOCS = [PYTHON, "-m", "mkdocs"]
CHROMIUM = "/usr/bin/chromium"
LIGHTHOUSE = BENCH / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# The generator part of an `mkdocs serve` rebuild: the same process, one topic edited.
REBUILD_PROBE = """
import json, sys, time
from pathlib import Path
from generator.pipeline import generate
from generator.render.disk_cache import topic_cache
cache = topic_cache(Path(sys.argv[1]))  # kept across rebuilds, as the plugin keeps it
generate(sys.argv[1], cache=cache)
topic = sorted(Path(sys.argv[1], "topics").glob("*.yaml"))[0]
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


def inherit_config(path: Path, **settings) -> Path:
    """An MkDocs config that inherits mkdocs.yml with absolute paths (it lives in a temp dir)."""
    config = {"INHERIT": str(ROOT / "mkdocs.yml")}
    config.update(settings)
    path.write_text(json.dumps(config, indent=1), encoding="utf-8")  # JSON is YAML
    return path


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(count: int, work: Path) -> dict:
    content = work / f"content-{count}"
    make_topics(count, content)
    row: dict = {"N": count}

    # Cold: an empty generator cache (generator/disk_cache.py); warm: the same run again, as
    # `make site` or a CI job that keeps .cache/ would run it after a first build.
    generator_env = {**ENV, "HEALTHGUIDE_CACHE_DIR": str(work / f"cache-generator-{count}")}
    seconds, peak, out = run_child([PYTHON, "-c", GENERATOR_PROBE, str(content)], env=generator_env)
    probe = json.loads(out)
    row.update(generator_s=probe["seconds"], generator_peak_mib=peak, pages=probe["pages"])
    _, _, out = run_child([PYTHON, "-c", GENERATOR_PROBE, str(content)], env=generator_env)
    row["generator_warm_s"] = json.loads(out)["seconds"]

    timings = work / f"timings-{count}.json"
    site = work / f"site-{count}"
    config = inherit_config(work / f"mkdocs-{count}.yml", docs_dir=str(content),
                            watch=[str(content), str(ROOT / "generator")])
    env = {**ENV, "HEALTHGUIDE_CONTENT": str(content), "HEALTHGUIDE_BENCH_TIMINGS": str(timings),
           "HEALTHGUIDE_CACHE_DIR": str(work / f"cache-build-{count}")}
    build = [PYTHON, str(BENCH / "timed_build.py"), "build", "--strict", "-q", "-f", str(config), "-d", str(site)]
    seconds, peak, _ = run_child(build, env=env)
    hook = json.loads(timings.read_text())["seconds"]
    row.update(build_s=seconds, build_peak_mib=peak, hook_s=hook)
    seconds, _, _ = run_child(build, env=env)
    row.update(build_warm_s=seconds, hook_warm_s=json.loads(timings.read_text())["seconds"])

    docs = work / f"docs-{count}"
    shutil.copytree(SITE_FILES_DIR, docs)
    run_child([PYTHON, "-m", "generator", "--content", str(content), "render", str(work / f"md-{count}")],
              env={**ENV, "HEALTHGUIDE_CACHE_DIR": "off"})
    shutil.copytree(work / f"md-{count}", docs, dirs_exist_ok=True)
    # Without the healthguide plugin, so the theme overrides are named here.
    baseline_config = inherit_config(work / f"baseline-{count}.yml", docs_dir=str(docs), plugins=[{"search": {"lang": "en"}}],
                                     theme={"name": "material", "custom_dir": str(THEME_DIR), "font": False},
                                     watch=[], nav=probe["nav"], strict=False)
    seconds, _, _ = run_child(MKDOCS + ["build", "-q", "-f", str(baseline_config), "-d", str(work / f"baseline-site-{count}")])
    row["baseline_s"] = seconds

    row["output_mib"] = folder_bytes(site) / 2**20
    index = (site / "search" / "search_index.json").read_bytes()
    row["search_index_kib"] = len(index) / 1024
    row["search_index_gzip_kib"] = len(gzip.compress(index, 6)) / 1024  # fetched on the first search
    row["self_check_js_gzip_kib"] = len(gzip.compress((site / "javascripts" / "self-check.js").read_bytes())) / 1024
    first_topic = sorted((content / "topics").glob("*.yaml"))[0].stem
    row["topic"] = first_topic
    row.update(page_weight(site, first_topic))
    shutil.rmtree(docs)
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


def page_weight(site: Path, slug: str) -> dict:
    """Gzip size of everything a topic guide page loads in Chromium when it opens."""
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
            page.wait_for_timeout(1000)
            browser.close()
    finally:
        server.terminate()
        server.wait()
    # Everything the page loads when it opens; the search index and worker wait for a search.
    return {"page_gzip_kib": sum(sizes.values()) / 1024, "requests": len(sizes)}


def edit_to_rebuilt(count: int, work: Path, preview: bool = False, saves: int = 1) -> list[float]:
    """`mkdocs serve`: seconds from saving an edited topic to the page showing the edit, for
    each of `saves` saves in turn (one server). `preview`: serve that topic alone, as
    `make serve TOPIC=slug` does (HEALTHGUIDE_TOPIC)."""
    import socket

    content = work / f"content-{count}"
    if not content.exists():
        make_topics(count, content)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = inherit_config(work / f"serve-{count}.yml", docs_dir=str(content),
                            watch=[str(content)], site_url=f"http://127.0.0.1:{port}/")
    topic = sorted((content / "topics").glob("*.yaml"))[0]
    env = {**ENV, "HEALTHGUIDE_CONTENT": str(content), "HEALTHGUIDE_TOPIC": topic.stem if preview else "",
           "HEALTHGUIDE_CACHE_DIR": str(work / f"cache-serve-{count}-{'topic' if preview else 'site'}")}
    # Not --no-livereload: in MkDocs 1.6 that also turns off watching, so no edit is ever seen.
    dirty = ["--dirty"] if preview else []  # as the Makefile serves a one-topic preview
    server = subprocess.Popen(MKDOCS + ["serve", "-q", *dirty, "-f", str(config), "-a", f"127.0.0.1:{port}"],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{topic.stem}/"
    try:
        if not _wait_for(url, "<title", timeout=1800):
            raise SystemExit("mkdocs serve did not start")
        time.sleep(3)  # let the watcher settle
        text = topic.read_text(encoding="utf-8")
        seconds = []
        for save in range(1, saves + 1):
            marker = f"Edited for the benchmark {save}"
            start = time.perf_counter()
            topic.write_text(text.replace("\ntitle: ", f"\ntitle: {marker} ", 1), encoding="utf-8")
            if not _wait_for(url, marker, timeout=1800):
                raise SystemExit("the edit never appeared")
            seconds.append(time.perf_counter() - start)
        return seconds
    finally:
        server.terminate()
        server.wait()


def _wait_for(url: str, needle: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if needle in urllib.request.urlopen(url, timeout=5).read().decode("utf-8", "replace"):
                return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def lighthouse(site: Path, slug: str, runs: int = 5) -> dict:
    """Lighthouse 12 mobile performance of the guide, FAQ and self-check pages, or why not.

    Scores vary from run to run (simulated throttling scales the CPU time observed here), so
    each page is measured `runs` times: the median and the range are reported."""
    if not LIGHTHOUSE.exists():
        return {"lighthouse": f"not installed: cd benchmarks/lighthouse && npm ci ({LIGHTHOUSE} missing)"}
    server, base = serve(site)
    scores = {}
    try:
        for name, path in (("guide", ""), ("faq", "faq/"), ("self-check", "self-check/")):
            if not (site / slug / path / "index.html").exists():
                continue
            found = []
            for _ in range(runs):
                result = subprocess.run(
                    [str(LIGHTHOUSE), f"{base}{slug}/{path}", "--only-categories=performance", "--output=json", "--quiet",
                     "--chrome-flags=--headless --no-sandbox --disable-gpu"],
                    env={**ENV, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300, check=False)
                if result.returncode != 0:
                    scores[name] = f"failed: {result.stderr.strip().splitlines()[-1:]}"
                    break
                found.append(json.loads(result.stdout)["categories"]["performance"]["score"])
            else:
                found.sort()
                scores[name] = {"median": found[len(found) // 2], "min": found[0], "max": found[-1]}
    finally:
        server.terminate()
        server.wait()
    return {"lighthouse": scores}


COLUMNS = [
    ("N", "N", "{}"), ("pages", "pages", "{}"),
    ("generator_s", "generator s", "{:.2f}"), ("build_s", "build s", "{:.2f}"),
    ("hook_share", "hook share", "{:.0%}"), ("generator_warm_s", "warm: generator s", "{:.2f}"),
    ("build_warm_s", "warm: build s", "{:.2f}"), ("hook_share_warm", "warm: hook share", "{:.0%}"),
    ("baseline_s", "baseline s", "{:.2f}"),
    ("overhead", "build/baseline", "{:.2f}"), ("generator_peak_mib", "gen peak MiB", "{}"),
    ("build_peak_mib", "build peak MiB", "{}"), ("output_mib", "output MiB", "{:.1f}"),
    ("search_index_kib", "search index KiB", "{:.0f}"), ("page_gzip_kib", "page gz KiB", "{:.1f}"),
    ("search_index_gzip_kib", "index gz KiB (first search)", "{:.0f}"), ("self_check_js_gzip_kib", "self-check.js gz KiB", "{:.1f}"),
]


def table(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(title for _, title, _ in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        row = {**row, "hook_share": sum(row["hook_s"].values()) / row["build_s"], "overhead": row["build_s"] / row["baseline_s"],
               "hook_share_warm": sum(row["hook_warm_s"].values()) / row["build_warm_s"]}
        lines.append("| " + " | ".join(fmt.format(row[key]) for key, _, fmt in COLUMNS) + " |")
    return "\n".join(lines)


def serve_timings(args, count: int, work: Path) -> None:
    if args.serve:
        print(f"mkdocs serve, edit one topic at N={count}: rebuilt and served after {edit_to_rebuilt(count, work)[0]:.1f} s")
    if args.serve_topic:
        seconds = sorted(edit_to_rebuilt(count, work, preview=True, saves=5))
        print(f"make serve TOPIC=slug, 5 saves of that topic at N={count}: rebuilt and served after median {seconds[2]:.1f} s "
              f"(min {seconds[0]:.1f}, max {seconds[-1]:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000])
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--serve", action="store_true", help="also time a real `mkdocs serve` edit (see RESULTS.md)")
    parser.add_argument("--serve-topic", action="store_true",
                        help="also time an edit in `make serve TOPIC=slug` (one topic previewed) at the middle size")
    parser.add_argument("--only-serve", action="store_true", help="only the serve timings (--serve, --serve-topic)")
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="healthguide-bench-"))
    rows = []
    middle = args.sizes[len(args.sizes) // 2]
    try:
        if args.only_serve:
            serve_timings(args, middle, work)
            return
        for count in args.sizes:
            row = measure(count, work)
            rows.append(row)
            print(f"N={count}: {json.dumps(row)}", flush=True)
        print()
        print(table(rows))
        print()
        for row in rows:
            print(f"N={row['N']} hook seconds by event: " + ", ".join(f"{k} {v:.2f}" for k, v in row["hook_s"].items()))
            print(f"N={row['N']} warm: " + ", ".join(f"{k} {v:.2f}" for k, v in row["hook_warm_s"].items()))
        if not args.no_lighthouse:
            smallest = rows[0]
            scores = lighthouse(work / "site-{}".format(smallest["N"]), smallest["topic"])
            print(f"Lighthouse (N={smallest['N']}, {smallest['topic']}): {scores}")
        _, _, out = run_child([PYTHON, "-c", REBUILD_PROBE, str(work / f"content-{middle}")],
                              env={**ENV, "HEALTHGUIDE_CACHE_DIR": "off"})  # the in-process cache alone
        print(f"Generator after editing one topic at N={middle} (serve rebuild, cache warm): {json.loads(out)['seconds']:.2f} s")
        serve_timings(args, middle, work)
    finally:
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
