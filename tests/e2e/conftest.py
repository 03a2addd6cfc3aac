"""Fixtures for the browser tests in tests/e2e (axe_script and the rest are in ../../conftest.py)."""

from __future__ import annotations

import pytest


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
