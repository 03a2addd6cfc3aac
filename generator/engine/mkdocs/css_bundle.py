"""The site's own stylesheets, served as one file.

Each feature keeps its stylesheet (docs/stylesheets/<feature>.css, listed under extra_css in
mkdocs.yml), but a page that links eight small stylesheets waits for eight render-blocking
requests, which Lighthouse's mobile test counts against first paint. The build joins them, in
their listed order, into BUNDLE_PATH, and pages link that one file.
"""

from __future__ import annotations

from pathlib import Path

BUNDLE_PATH = "stylesheets/site.css"


def bundle(docs_dir: Path, stylesheets: list[str]) -> str:
    """The listed stylesheets (paths relative to docs_dir), one after another, each labelled."""
    parts = []
    for name in stylesheets:
        parts.append(f"/* {name} */\n" + (Path(docs_dir) / name).read_text(encoding="utf-8").strip() + "\n")
    return "\n".join(parts)
