"""The site's own stylesheets, served as one file.

The site-wide stylesheets come with the package (site_files/stylesheets/, listed in
packaged_files.py) and each component keeps its own (generator/components/<name>/style.css, found by the catalog, never
listed by hand). A page that linked each of them would wait for eight render-blocking requests,
which Lighthouse's mobile test counts against first paint, so the build joins them into
BUNDLE_PATH, the site-wide ones first in their listed order, then the components' by name, and
pages link that one file.
"""

from __future__ import annotations

from pathlib import Path

from ...components.catalog import Component

BUNDLE_PATH = "stylesheets/site.css"


def sources(docs_dir: Path, listed: list[str], components: list[Component]) -> list[tuple[str, Path]]:
    """Each stylesheet's label and file: the site-wide ones (relative to `docs_dir`), then the components'."""
    site_wide = [(name, Path(docs_dir) / name) for name in listed]
    return site_wide + [(f"components/{c.name}/style.css", c.style) for c in components if c.style]


def bundle(stylesheets: list[tuple[str, Path]]) -> str:
    """The stylesheets, one after another, each labelled."""
    return "\n".join(f"/* {label} */\n" + path.read_text(encoding="utf-8").strip() + "\n" for label, path in stylesheets)
