"""Fixtures for the accessibility, privacy, structured-data and print browser tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support import AXE_SCRIPT, ROOT


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
def open_at(browser, site_url):
    """Open a page of the built site at a viewport size, once its page scripts are ready; each in
    its own context (closed after the test). open_at((w, h), path, scheme="light", **options)."""
    contexts = []

    def open_page(size, path, scheme="light", **options):
        context = browser.new_context(viewport={"width": size[0], "height": size[1]}, color_scheme=scheme, **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_selector("[data-deep-links][data-ready]", state="attached")
        return page

    yield open_page
    for context in contexts:
        context.close()
