"""Helpers shared by the test modules (import them from here, not from a conftest)."""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
from mkdocs.utils.yaml import yaml_load
from ruamel.yaml import YAML

from generator.model.loading import Content, load_content
from generator.reading.problems import ContentError, Problem
from generator.render.renderer import PageRenderer
from generator.structure import routes
from html_tree import Element, parse_html

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def calls_during(function, *args, kinds: tuple[str, ...] = ("call", "c_call"), in_file: str = "") -> tuple[object, Counter]:
    """What `function(*args)` returns, and how many times it called each function, by name: of
    `kinds` (Python "call", built-in "c_call"), and given `in_file`, only Python functions of a
    file whose path ends so. A cost test's measure: a count, never a time."""
    calls: Counter = Counter()

    def profile(frame, event, arg):
        if event in kinds and (not in_file or (event == "call" and frame.f_code.co_filename.endswith(in_file))):
            name = frame.f_code.co_name if event == "call" else getattr(arg, "__name__", None)
            calls[name if isinstance(name, str) else "?"] += 1

    sys.setprofile(profile)
    try:
        result = function(*args)
    finally:
        sys.setprofile(None)
    return result, calls


@functools.cache
def markdown_extensions() -> tuple[tuple[str, ...], dict[str, dict]]:
    """The Markdown extensions and their settings exactly as mkdocs.yml lists them (the one
    list: tests convert Markdown as the site does). mkdocs' loader reads its !ENV tags."""
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as stream:
        config = yaml_load(stream)
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            settings[name] = options
    return tuple(names), settings


def markdown_to_html(text: str, without: set[str] = frozenset()) -> str:
    """Markdown -> HTML with the site's extensions (minus `without`), as MkDocs converts a page."""
    names, settings = markdown_extensions()
    kept = [name for name in names if name not in without]
    return markdown.markdown(text, extensions=kept, extension_configs={name: settings[name] for name in kept if name in settings})


FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def page_to_html(text: str, without: set[str] = frozenset()) -> str:
    """A generated page as MkDocs shows it: front matter dropped, the rest converted."""
    return markdown_to_html(FRONT_MATTER.sub("", text), without)



# --- A private copy of the fixture content (the `content` fixture, ../conftest.py) -----------

FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
PARTS = ROOT / "tests" / "fixtures" / "parts"
TODAY = date(2026, 6, 1)
# The `many_topics` fixture (tests/unit/conftest.py): the fixture topic under this many slugs, in
# batches of 1, 2, 4, 8 and 5 topics (render/background.py), more than are handed out at first.
MANY_TOPICS = 20

# The fixture topic's pages, as the renderer names them.
GUIDE, FAQ = "sample-topic/index.md", "sample-topic/faq.md"
GET_HELP, CAUSES, CONDITIONS = "sample-topic/when-to-get-help.md", "sample-topic/causes.md", "sample-topic/conditions.md"
TREATMENT, SOURCES = "sample-topic/tests-and-treatment.md", "sample-topic/sources.md"
SELF_CHECK_PAGE, DIARY_PAGE = "sample-topic/self-check.md", "sample-topic/diary.md"


# Author text with Markdown and HTML in it: a plain field shows each as written.
SPECIAL_TEXT = [
    "a | b <i>c</i> & *d* _e_ `f` [g] {h} \\ #i",
    "- starts like a list item",
    "1. starts like a numbered item",
    "# starts like a heading",
    "<script>alert(1)</script>",
    "<!-- ready-html -->",  # the line that marks a component's ready HTML (render/markdown_ready_html.py)
]


class ContentCopy:
    """A copy of tests/fixtures/minimal that a test may break or change freely."""

    def __init__(self, root: Path):
        self.root = root
        self.site_file = root / "site.yaml"
        self.topic_file = root / "topics" / "sample.yaml"

    @property
    def text(self) -> str:
        return self.topic_file.read_text(encoding="utf-8")

    def replace(self, old: str, new: str, file: Path | None = None) -> ContentCopy:
        """Replace the one occurrence of `old` in the topic file (or `file`)."""
        path = file or self.topic_file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return self

    def line_of(self, needle: str) -> int:
        """1-based number of the first line of the topic file containing `needle`."""
        for number, line in enumerate(self.text.splitlines(), 1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {self.topic_file}")

    def edit_yaml(self, change: Callable[[dict], None]) -> ContentCopy:
        """Round-trip the topic through ruamel.yaml, letting `change` modify the data."""
        yaml = YAML(typ="rt")
        data = yaml.load(self.text)
        change(data)
        out = StringIO()
        yaml.dump(data, out)
        self.topic_file.write_text(out.getvalue(), encoding="utf-8")
        return self

    def append_part(self, name: str) -> ContentCopy:
        """Add an optional part (tests/fixtures/parts/<name>.yaml: self_check, diary) to the topic."""
        part = (PARTS / f"{name}.yaml").read_text(encoding="utf-8")
        self.topic_file.write_text(self.text + part, encoding="utf-8")
        return self

    def load(self) -> Content:
        return load_content(self.root)

    def problems(self) -> list[Problem]:
        with pytest.raises(ContentError) as info:
            load_content(self.root)
        assert info.value.problems, "ContentError without problems"
        return info.value.problems

    def markdown_pages(self) -> dict[str, str]:
        return {page.path: page.markdown for page in PageRenderer(self.load(), today=TODAY).pages()}

    def html_pages(self) -> dict[str, Element]:
        return {
            path: parse_html(page_to_html(text)) for path, text in self.markdown_pages().items()
        }


def build_site(site_dir: Path, content_dir: Path | None = None, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    if content_dir is not None:
        env["HEALTHGUIDE_CONTENT"] = str(content_dir)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def copy_content(destination: Path) -> Path:
    """A private copy of content/ (with its links.lock) that a test may change."""
    shutil.copytree(ROOT / "content", destination)
    return destination


@contextmanager
def built_and_served(content_dir: Path, site_dir: Path):
    """Build `content_dir` with --strict into `site_dir` and serve it on 127.0.0.1, with site_url
    set to where it is served (Material's instant navigation only follows links in the sitemap).
    Yields the site's address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = build_site(site_dir, content_dir=content_dir, extra_env={"SITE_URL": f"http://127.0.0.1:{port}/"})
    assert result.returncode == 0, result.stdout + result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


# Fault injection for races: each rename the traced command makes returns 0.5 s late, so a moment
# between two renames (a path missing), or two processes' renames interleaving, cannot go unseen.
SLOW_RENAMES = ["strace", "-qq", "-o", os.devnull, "-e", "trace=rename,renameat,renameat2",
                "-e", "inject=rename,renameat,renameat2:delay_exit=500000"]


@functools.cache
def can_slow_renames() -> bool:
    """strace is installed and allowed to trace (some containers forbid ptrace)."""
    if shutil.which("strace") is None:
        return False
    return subprocess.run([*SLOW_RENAMES, "true"], capture_output=True, check=False).returncode == 0


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep test output readable
        pass


AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def site_pages(site_dir: Path) -> list[str]:
    """Site-relative URLs of every built page ('' is the home page), in a stable order."""
    pages = []
    for path in sorted(site_dir.rglob("index.html")):
        relative = path.parent.relative_to(site_dir).as_posix()
        if relative.split("/")[0] in {"assets", "search"}:
            continue
        pages.append("" if relative == "." else f"{relative}/")
    return pages


def translations(site_dir: Path) -> list[str]:
    """The folders of the site's translations ('es'): each is a site of its own, with its 404 page."""
    return sorted(path.parent.name for path in site_dir.glob("*/404.html"))


# A topic page's kind by its name in the address ('faq' for slug/faq/); the guide's later pages
# (causes, when to get help...) are one kind: they differ in content, not in components.
TOPIC_PAGE_KIND = {
    Path(kind.file).stem: "guide page" if kind.guide_part else kind.key
    for kind in routes.TOPIC_PAGES if kind.file != "index.md"
}


def translated_page_kind(site_dir: Path, url: str) -> str:
    """The kind of a translated page ('es/faq/...' -> 'symptom faq'): the site page's name, or the
    topic page's kind with its topic's (symptom or condition). A page of no known kind (a moved
    topic's redirect) is its own kind, so it is always walked."""
    code, _, rest = url.partition("/")
    return page_kind(site_dir / code, rest)


def page_kind(language_dir: Path, rest: str) -> str:
    """The kind of the page at `rest`, its address below its language's folder."""
    parts = rest.strip("/").split("/") if rest else []
    if not parts:
        return "home"

    def topic_kind(slug: str) -> str | None:
        first = language_dir / slug / "index.html"
        html = first.read_text(encoding="utf-8") if first.exists() else ""
        if '"@type": "MedicalWebPage"' not in html:
            return None
        return "condition" if '"@type": "MedicalCondition"' in html else "symptom"

    of_topic = topic_kind(parts[0])
    if of_topic is None:
        return rest
    if len(parts) == 1:
        return f"{of_topic} guide"
    return f"{of_topic} {TOPIC_PAGE_KIND.get(parts[1], rest)}" if len(parts) == 2 else rest


def pages_to_walk(site_dir: Path) -> list[str]:
    """What a test that opens page after page in the browser walks: every page in the site's
    own language, and the first page of each kind (home, about, a topic's first page, a later
    guide page, FAQ, self-check, diary, clinicians' links, per topic kind) in each translation.
    A translated page has the same components and markup as its English one, so opening every
    one again only repeats the English walk in another language."""
    codes = translations(site_dir)
    own = [url for url in site_pages(site_dir) if url.split("/")[0] not in codes]
    return own + [url for url in one_page_of_each_kind(site_dir) if url.split("/")[0] in codes]


def one_page_of_each_kind(site_dir: Path) -> list[str]:
    """The first page of each kind in each language: for a second width or colour scheme of a
    walk that already opens every page, where what can go wrong follows the components and the
    layout, not the words."""
    codes = translations(site_dir)
    walked, kinds_seen = [], set()
    for url in site_pages(site_dir):
        code = url.split("/")[0] if url.split("/")[0] in codes else ""
        kind = (code, page_kind(site_dir / code, url.removeprefix(f"{code}/") if code else url))
        if kind not in kinds_seen:
            kinds_seen.add(kind)
            walked.append(url)
    return walked


def topic_guide_pages(site_dir: Path) -> list[str]:
    """Pages that carry a topic guide (the MedicalWebPage JSON-LD marks them)."""
    return [
        url
        for url in site_pages(site_dir)
        if '"@type": "MedicalWebPage"' in (site_dir / url / "index.html").read_text(encoding="utf-8")
    ]


def run_axe(page, axe_script: Path) -> list[dict]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the current page; returns the violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script))
    result = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )
    return result


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    {node['target']}: {node['summary']}".replace("\n", " "))
    return "\n".join(lines)


# Fault injection of the browser's storage API (not of the page's scripts): while
# window.refuseSaving is true, every localStorage write fails as a full store or a private
# window makes it fail. Use it as an init script, or evaluate it in an open page.
REFUSE_SAVING = """(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
        if (window.refuseSaving) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        return setItem.call(this, key, value);
    };
})()"""


REQUESTS_MARKER = "requests-marker-after-the-action"


def wait_until_requests_are_reported(page) -> None:
    """Send a marker request and wait for it: the browser reports requests in the order they
    are sent, so once the marker is seen, so is every request sent before it. A check that a
    request was NOT made calls this first (no waiting on a clock)."""
    with page.expect_request(lambda request: REQUESTS_MARKER in request.url):
        page.evaluate("(marker) => { fetch(marker).catch(() => {}); }", REQUESTS_MARKER)


def requests_made_by(page, action) -> list[str]:
    """The URLs of every request the page makes while `action()` runs (marker included in the
    wait, left out of the answer)."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    action()
    wait_until_requests_are_reported(page)
    return [url for url in seen if REQUESTS_MARKER not in url]


# How many pages Material's instant navigation has swapped in since this first ran in the page.
# Material's document$ (a global) replays the current page to a new subscriber, hence -1.
PAGES_SWAPPED_IN = """() => {
    if (!window.__pagesSwappedIn) {
        window.__pagesSwappedIn = {count: -1};
        document$.subscribe(() => { window.__pagesSwappedIn.count += 1; });
    }
    return window.__pagesSwappedIn.count;
}"""


@contextmanager
def instant_navigation(page):
    """Run the block (a click or key that follows a link to another page of the site), then
    wait until Material's instant navigation has swapped that page in. The address changes at
    the click and the page only after it has been fetched, so waiting for the URL is not
    enough: a read then still sees the old page. Times out if a full page load happened."""
    swapped = page.evaluate(PAGES_SWAPPED_IN)
    yield
    page.wait_for_function(
        "(swapped) => !!window.__pagesSwappedIn && window.__pagesSwappedIn.count > swapped", arg=swapped
    )


# True once no CSS transition or animation is running (the drawer sliding in, a fade); endless
# ones (none today) are left out, they never finish. getAnimations() first applies pending style
# changes, so a transition the last key press started is already counted.
MOTION_DONE = """() => document.getAnimations().every(
    (a) => a.playState !== 'running' || a.effect.getComputedTiming().endTime === Infinity)"""


def open_through_instant_navigation(page, site_url: str, link_href_end: str, ready_selector: str) -> None:
    """From the topic guide, follow the sidebar link whose href ends with `link_href_end` and
    wait for `ready_selector`; fails unless Material's instant navigation did it (no full load)."""
    page.goto(site_url + "facial-twitching/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.fullLoadMarker = true")  # survives only if no full page load happens
    page.locator(f'.md-sidebar--primary a.md-nav__link[href$="{link_href_end}"]').click()
    page.wait_for_selector(ready_selector)
    assert page.evaluate("window.fullLoadMarker") is True, "expected Material's instant navigation"


# --- search (Material's search box and its worker) ------------------------------------------------

# Counts the search worker's queries and answers (Material's SearchMessageType: QUERY = 2,
# RESULT = 3; and the theme's own "more-results", the next pages, answered like a query). An init
# script, so it wraps the real Worker before the page's scripts run.
WATCH_SEARCH_WORKER = """(() => {
    const RealWorker = window.Worker;
    const seen = window.__searchWorker = { asked: 0, answered: 0, lastQuery: null };
    window.Worker = function (url, options) {
        const worker = new RealWorker(url, options);
        if (!/\\/workers\\/search\\./.test(String(url))) return worker;
        const post = worker.postMessage.bind(worker);
        worker.postMessage = (message) => {
            if (message && message.type === 2) { seen.asked += 1; seen.lastQuery = message.data; }
            if (message && message.type === "more-results") seen.asked += 1;  // answered like a query
            post(message);
        };
        worker.addEventListener("message", (event) => { if (event.data && event.data.type === 3) seen.answered += 1; });
        return worker;
    };
    window.Worker.prototype = RealWorker.prototype;
})()"""

SEARCH_META = "() => document.querySelector('.md-search-result__meta').textContent"

# Snapshot of the rendered results: every result's link and score, in page order.
READ_SEARCH_RESULTS = """() => {
    const meta = document.querySelector('.md-search-result__meta');
    const links = [...document.querySelectorAll('.md-search-result__list a.md-search-result__link')];
    return {
        meta: meta ? meta.textContent : '',
        results: links.map(a => [a.getAttribute('href'), Number(a.querySelector('article').dataset.mdScore)]),
    };
}"""


def open_search(page, prompt: str = "Type") -> None:
    """Open the search box as a reader does at the page's width (the box itself on a wide
    screen, the header's search button on a phone) and wait until the search worker is ready.
    The page must have WATCH_SEARCH_WORKER as an init script. `prompt`: how the theme's prompt
    starts in the page's language ("Teclee" on a Spanish page)."""
    phone_button = page.locator('label.md-header__button[for="__search"]')
    (phone_button if phone_button.is_visible() else page.locator("input.md-search__input")).click()
    page.wait_for_function(f"(prompt) => ({SEARCH_META})().startsWith(prompt)", arg=prompt)  # the search worker is ready
    # Remember the empty-box prompt on the page itself, to tell it from a result count later.
    page.evaluate(f"() => document.querySelector('.md-search__input').dataset.prompt = ({SEARCH_META})()")


def search(page, query: str) -> dict:
    """Type `query` into the cleared search box and wait until the theme shows its results."""
    box = page.locator("input.md-search__input")
    box.fill("")
    # An empty box shows the prompt ("Type to start searching") instead of a result count.
    prompt = page.evaluate("() => document.querySelector('.md-search__input').dataset.prompt")
    page.wait_for_function(f"(prompt) => ({SEARCH_META})() === prompt", arg=prompt)
    box.press_sequentially(query, delay=10)
    # The worker answers queries in order and the theme renders an answer as it arrives, so once
    # the last query sent is the whole text and every query is answered, the results are final.
    page.wait_for_function(
        "(query) => { const s = window.__searchWorker; return s.lastQuery === query && s.answered === s.asked; }", arg=query
    )
    return page.evaluate(READ_SEARCH_RESULTS)


def result_location(href: str, site_url: str) -> str:
    """'http://host/facial-twitching/faq/?h=als#faq-mnd' -> 'facial-twitching/faq/#faq-mnd'."""
    parts = urlsplit(href)
    path = parts.path.removeprefix(urlsplit(site_url).path)
    return path + (f"#{parts.fragment}" if parts.fragment else "")


# --- what the site's search finds: Pagefind's records -----------------------------------------------

# Each of Pagefind's page records (pagefind/fragment/*.pf_fragment) is gzipped JSON after this mark.
PAGEFIND_RECORD_MARK = b"pagefind_dcd"


def pagefind_records(site_dir: Path, bundle: str = "") -> dict[str, dict]:
    """Page URL ('facial-twitching/faq/') -> Pagefind's record of it, read from the built index
    the search downloads: its url, content (the words searched), meta (title) and anchors.
    `bundle`: the index of the pages' outlines ('outline'), not the whole text's."""
    records = {}
    for path in (site_dir / "pagefind" / bundle / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(PAGEFIND_RECORD_MARK), f"{path}: not a Pagefind record"
        record = json.loads(raw[len(PAGEFIND_RECORD_MARK) :])
        records[record["url"].lstrip("/")] = record
    return records


def search_sections(record: dict) -> dict[str, str]:
    """Heading id -> the words of its section, for each section a search result can open:
    Pagefind makes a result of each heading with an id and text (its calculate_sub_results),
    holding the words from that heading to the next."""
    words = record["content"].split()
    headings = sorted(
        (anchor for anchor in record["anchors"] if re.fullmatch(r"h\d", anchor["element"], re.I) and anchor["text"].strip()),
        key=lambda anchor: anchor["location"],
    )
    ends = [following["location"] for following in headings[1:]] + [len(words)]
    return {heading["id"]: " ".join(words[heading["location"] : end]) for heading, end in zip(headings, ends, strict=True) if heading["id"]}


# --- links land on something visible -------------------------------------------------------------

# Each page script marks its root when it has started (deep-links.js forwards old anchors then).
SCRIPTS_READY = """() => ['[data-deep-links]', '[data-self-check]', '[data-diary]', '[data-checklist]']
    .map(selector => document.querySelector(selector)).every(root => !root || root.dataset.ready === 'true')"""

# Set each fragment as the page's hash, as following the link would, and report what is there
# once the hashchange listeners (deep-links.js forwards a renamed id) have run.
CHECK_TARGETS = """async (fragments) => {
    const problems = [];
    for (const fragment of fragments) {
        if (decodeURIComponent(location.hash.slice(1)) !== fragment) {
            const changed = new Promise(resolve => window.addEventListener('hashchange', resolve, {once: true}));
            location.hash = encodeURIComponent(fragment);
            await changed;
        }
        const id = decodeURIComponent(location.hash.slice(1));
        const target = document.getElementById(id);
        if (!target) problems.push(`#${fragment}: no element with id ${id}`);
        else if (target.closest('[hidden]') || !target.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}))
            problems.push(`#${fragment}: element <${target.tagName.toLowerCase()} id=${id}> is hidden`);
    }
    return problems;
}"""


POLL_MARK = "# the one polling interval"


def poll_until(condition, what: str, timeout: float = 60, every: float = 0.01):
    """Check `condition` until it returns something true, and return that; fail naming `what`.

    For conditions nothing announces (a file appearing, a process ending). The wait ends on
    the condition; `every` only spaces the checks. tests/unit/test_no_timed_waits.py allows
    this one interval and no other.
    """
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(every)  # the one polling interval


def twitching(content):
    """The facial-twitching topic of the real content: topics are sorted by title, and the
    condition topics (Bell's palsy, blepharospasm) come before it."""
    return next(loaded for loaded in content.topics if loaded.topic.slug == "facial-twitching")


def dark_modules(path_data: str) -> set[tuple[int, int]]:
    """The (x, y) modules a stroked QR path covers: 'M2 2.5h7m2 0h5...' (see generator/pages/qr.py)."""
    dark, x, y = set(), 0.0, 0.0
    for command, a, b in re.findall(r"([MmHh])(-?[\d.]+)(?: (-?[\d.]+))?", path_data):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:  # h: a horizontal run of dark modules
            dark.update((int(x) + step, int(y)) for step in range(int(float(a))))
            x += float(a)
    return dark
