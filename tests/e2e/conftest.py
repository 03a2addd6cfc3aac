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
