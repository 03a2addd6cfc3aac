"""Shared fixtures for every test, in tests/ and beside each component (generator/components/<name>/):
a private copy of the fixture content, the real site built once per session, served on 127.0.0.1, Chromium and axe-core; a private
cache for every build; and the `browser` marker on every test in tests/e2e and every component
test file named test_*_browser.py."""

from __future__ import annotations

import functools
import os
import shutil
import socket
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from hostile_text import write_hostile_content
from support import (
    AXE_SCRIPT,
    CHROMIUM,
    CHROMIUM_FLAGS,
    FIXTURE,
    ROOT,
    ContentCopy,
    QuietHandler,
    build_site,
    built_and_served,
)

E2E = ROOT / "tests" / "e2e"


def is_browser_test(path: Path) -> bool:
    """A test in tests/e2e, or a component's browser test file (test_*_browser.py)."""
    return path.is_relative_to(E2E) or (path.name.startswith("test_") and path.stem.endswith("_browser"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests are marked `browser` by their folder or file name, so none can forget it
    (`pytest -m "not browser"` runs the quick rest)."""
    for item in items:
        if is_browser_test(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def content(tmp_path: Path) -> ContentCopy:
    """A copy of tests/fixtures/minimal (one topic) that the test may break or change freely."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    return ContentCopy(root)


@pytest.fixture(scope="session", autouse=True)
def private_build_cache(tmp_path_factory) -> Path:
    """Builds keep their cache in a temporary folder, not in .cache/ beside the content folder
    in the source tree (generator/render/disk_cache.py). Set in the environment, so the builds the
    tests run as subprocesses inherit it; a test may still override it with monkeypatch."""
    folder = tmp_path_factory.mktemp("healthguide-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HEALTHGUIDE_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def server_port() -> int:
    """A free port, chosen before the build so site_url matches where the site is served
    (Material's instant navigation only handles links listed in the sitemap)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, server_port) -> Path:
    """The real site (content/), built with --strict exactly as the project builds it."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(site_dir, extra_env={"SITE_URL": f"http://127.0.0.1:{server_port}/"})
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """The site of tests/hostile_text.py (author text full of markup), built with --strict once
    per session and served on 127.0.0.1: (HostileSite, site folder, its address). The HTML
    checks (tests/unit) and the browser checks (tests/e2e) read the same build."""
    tmp = tmp_path_factory.mktemp("hostile-site")
    site = write_hostile_content(tmp / "content")
    with built_and_served(site.content_dir, tmp / "site") as url:
        yield site, tmp / "site", url


@pytest.fixture(scope="session")
def site_url(built_site, server_port) -> str:
    """Serve the built site on 127.0.0.1 (never 'localhost': the browser maps other hosts away)."""
    handler = functools.partial(QuietHandler, directory=str(built_site))
    ThreadingHTTPServer.allow_reuse_address = True
    server = ThreadingHTTPServer(("127.0.0.1", server_port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Missing browser: skip locally, fail under CI=true."""
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install -y --no-install-recommends chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; browser tests are required in CI")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core from its npm package (package-lock.json pins it); `make test` runs npm ci."""
    if not AXE_SCRIPT.exists():
        message = f"{AXE_SCRIPT} is missing: run `npm ci --no-audit --no-fund` in {ROOT}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE_SCRIPT


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def offsite_requests(page, site_url):
    """Every request the page makes to a host other than the test server."""
    seen: list[str] = []
    page.on("request", lambda request: None if request.url.startswith((site_url, "data:", "blob:")) else seen.append(request.url))
    return seen


def pytest_sessionfinish(session, exitstatus):
    """Fail the run when a test used generator code from outside this checkout: an editable
    install can resolve a module that no longer exists here (an old name after a move) to
    another checkout's copy, and the test would pass on code that is not ours."""
    root = ROOT / "generator"
    foreign = sorted(
        name for name, module in list(sys.modules.items())
        if (name == "generator" or name.startswith("generator."))
        and getattr(module, "__file__", None) and not Path(module.__file__).resolve().is_relative_to(root)
    )
    if foreign:
        print(f"\ngenerator modules imported from outside {root}: {', '.join(foreign)}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
