"""Helpers for the accessibility, privacy, structured-data and print browser tests.

Pages are discovered from the built site (every index.html except the 404 page), so a page
added later is covered without editing these tests.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest


def _load_root_conftest():
    """tests/conftest.py under its own name: pytest imports every conftest.py as `conftest`, so
    after this file loads, `from conftest import ...` in a test module finds this one; the
    root helpers are re-exported below so those imports keep working."""
    path = Path(__file__).resolve().parent.parent / "conftest.py"
    spec = importlib.util.spec_from_file_location("healthguide_tests_root_conftest", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_root = _load_root_conftest()
ROOT = _root.ROOT
CHROMIUM = _root.CHROMIUM
CHROMIUM_FLAGS = _root.CHROMIUM_FLAGS
build_site = _root.build_site
QuietHandler = _root.QuietHandler

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


def topic_guide_pages(site_dir: Path) -> list[str]:
    """Pages that carry a topic guide (the MedicalWebPage JSON-LD marks them)."""
    return [
        url
        for url in site_pages(site_dir)
        if '"@type": "MedicalWebPage"' in (site_dir / url / "index.html").read_text(encoding="utf-8")
    ]


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core from its npm package (package-lock.json pins it); `make test` runs npm ci."""
    if not AXE_SCRIPT.exists():
        message = f"{AXE_SCRIPT} is missing: run `npm ci --no-audit --no-fund` in {ROOT}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE_SCRIPT


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
